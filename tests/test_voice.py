"""Personal voice and insider information: the learned scores, their thresholds in the policy, and the rules."""
import json
import zipfile

import numpy as np
import pytest

from gatekeeper.checks import account, known_rule_ids
from gatekeeper.models import voice
from gatekeeper.normalize import normalize_post
from gatekeeper.rules.policy import PolicyInvalid, load_policy


@pytest.fixture
def policy(policy_dir):
    return load_policy(policy_dir, known_rule_ids())


def run(policy, text, account_id="acme-air"):
    return account.check(normalize_post({"account": account_id, "text": text}), policy)


def rules(findings):
    return [f.rule for f in findings]


def set_account_setting(policy_dir, name, value):
    main = policy_dir / "gatekeeper.yaml"
    text = main.read_text()
    start = text.index(f"    {name}:")
    end = text.index("\n", start)
    main.write_text(text[:start] + f"    {name}: {value}" + text[end:])


def test_artifacts_are_plain_arrays_and_json_and_small():
    from gatekeeper.models import model_path

    here = model_path("voice")
    npz = here / "model.npz"
    with zipfile.ZipFile(npz) as z:
        assert all(name.endswith(".npy") for name in z.namelist())
    with np.load(npz, allow_pickle=False) as arrays:  # no pickled objects inside
        assert {"voice_coef", "voice_intercept", "insider_coef", "insider_intercept"} <= set(arrays.files)
    meta = json.loads((here / "vocab.json").read_text())
    with np.load(npz, allow_pickle=False) as arrays:
        for head in voice.HEADS:
            assert len(meta[head]["vocab"]) == len(arrays[f"{head}_coef"])
    assert npz.stat().st_size + (here / "vocab.json").stat().st_size < 5_000_000


def test_models_load_once_per_process():
    assert voice.load() is voice.load()


def test_scores_are_probabilities_and_name_their_words():
    scores = voice.load().score("omg my boss made me work saturday again, so done with this lol")
    assert 0.0 <= scores["insider"].probability <= 1.0
    assert scores["voice"].probability > 0.9
    assert scores["voice"].drivers  # the words behind the score


@pytest.mark.parametrize("plain, marked", [
    ("finally off work, heading to the pub with the lads", "finally off work, heading to the pub with the lads 🍻😂"),
    ("finally off work, heading to the pub with the lads", "finally off work, heading to the #pub with the #lads"),
    ("Our new route to Lisbon starts in May, book today", "Our new route to #Lisbon starts in May, book today ✈️"),
    ("Our new route to Lisbon starts in May, book today", "Our new route to Lisbon starts in May, book today https://t.co/Q"),
    ("Sorry about the wait, a colleague will call you back", "Sorry about the wait, a colleague will call you back 🙏"),
    ("Sorry about the wait, a colleague will call you back", "Sorry about the wait, a colleague will call you back www.ex.io"),
])
def test_emoji_hashtag_signs_and_links_say_nothing_of_voice(plain, marked):
    # Which corpus a post came from shows in its emoji, hashtags and links, not whose voice it is: the voice
    # head never learned them, so they leave its score as it was (the pairs stay in one length bucket).
    model = voice.load()
    assert model.score(marked)["voice"].probability == pytest.approx(model.score(plain)["voice"].probability, abs=1e-9)


@pytest.mark.parametrize("code", [
    "68019c5aa5b6451b995f1d2fcc3bde86", "7XK92B", "1Z999AA10123456784", "BA2490", "SPRING25", "a1b2c3", "48213", "MY-130435",
])
def test_codes_are_one_number_not_letters_that_read_as_texting(code):
    # Split into letters and digits, a booking code or hash is a run of one-letter "words" ("u", "b", "r"), which
    # is how people text: one in three random ids once made "Marker text <id> see you on board" personal.
    assert voice.words(f"Your reference {code}, see you on board") == voice.words("Your reference 0, see you on board")


@pytest.mark.parametrize("spelling, pieces", [("gr8", ["gr", "0"]), ("2nite", ["0", "nite"]), ("10am", ["0", "am"])])
def test_texting_spellings_and_times_keep_their_letters(spelling, pieces):
    assert voice.words(spelling) == pieces


def test_random_ids_do_not_make_a_brand_post_personal(policy):
    rng = np.random.default_rng(7)
    texts = [f"Marker text {rng.bytes(16).hex()} see you on board" for _ in range(200)]
    texts += [f"Unique marker {rng.bytes(16).hex()} for the log test" for _ in range(200)]
    assert sum("account.personal_voice" in rules(run(policy, t)) for t in texts) == 0


def test_features_are_bounded_for_huge_posts():
    assert len(voice.features("word " * 50000)) < 2000


@pytest.mark.parametrize("text", [
    "finally off work, heading to the pub with the lads, first round's on me",
    "Selling two tickets for the Cowboys game on Sunday, face value, DM me",
    "my manager just took credit for my work in the meeting. again.",
    "train cancelled AGAIN, third time this week, I'm going to be so late",
    "honestly the best tacos I've had in my life, still thinking about them",
])
def test_personal_posts_get_a_warning_with_reason_and_score(policy, text):
    [f] = [f for f in run(policy, text) if f.rule == "account.personal_voice"]
    assert f.action == "warn" and "corporate account" in f.message
    assert f.details["reasons"]
    if f.details["score"] is not None:
        assert "score" in f.message and 0 <= f.details["score"] <= 1


@pytest.mark.parametrize("text", [
    "I'm really sorry about the wait today, Sam. I've escalated this to the store manager. ^JD",
    "I completely understand, Priya. I've refunded the delivery fee to your card. -Ana",
    "Hi Tom, I've checked with the gate and your flight is on time. ^AK",
    "We're sorry for the delay this morning. Our engineers are working to get you moving.",
    "We've opened 12 new routes for the summer. Fares from $99 at acme-air.com",
    "Our crew can't wait to welcome you on board this summer!",
])
def test_agent_signed_replies_and_brand_we_posts_pass(policy, text):
    assert "account.personal_voice" not in rules(run(policy, text))


@pytest.mark.parametrize("text", ["Lo sentimos mucho por el retraso de hoy.", "Jetzt buchen und sparen, nur diese Woche.",
                                  "Désolés pour le retard de vos bagages, nous revenons vers vous très vite !"])
def test_posts_in_another_language_are_not_scored_by_the_english_model(policy, text):
    # Trained on English voices, the model read a Spanish apology and a German offer as personal.
    assert "account.personal_voice" not in rules(run(policy, text))


def test_an_english_post_with_a_few_foreign_words_is_still_scored(policy):
    assert "account.personal_voice" in rules(run(policy, "omg my boss made me work saturday again, c'est la vie lol"))


@pytest.mark.parametrize("text", ["Happy Diwali! We lit up our Delhi lounge for the occasion.",
                                  "Our people make this company great. Happy Employee Appreciation Day!"])
def test_words_a_brand_uses_too_are_no_personal_sign_alone(policy, text):
    # "lit" (candles, a lit-up terminal) and "this company" (thanking staff) were drinking and a job complaint.
    assert "account.personal_voice" not in rules(run(policy, text))


def test_personal_accounts_are_not_scored(policy):
    assert run(policy, "so hungover today, never drinking again lol", "jdoe") == []


def test_threshold_comes_from_the_policy(policy_dir):
    text = "Selling two tickets for the Cowboys game on Sunday, face value, DM me"
    assert "account.personal_voice" in rules(run(load_policy(policy_dir, known_rule_ids()), text))
    set_account_setting(policy_dir, "personal_voice_threshold", "1.0")
    assert "account.personal_voice" not in rules(run(load_policy(policy_dir, known_rule_ids()), text))


@pytest.mark.parametrize("value", ["1.5", "-0.1", '"high"'])
def test_threshold_is_validated(policy_dir, value):
    set_account_setting(policy_dir, "insider_threshold", value)
    with pytest.raises(PolicyInvalid) as err:
        load_policy(policy_dir, known_rule_ids())
    assert "gatekeeper.yaml" in str(err.value)


@pytest.mark.parametrize("text", [
    "Don't tell anyone but we're opening a hub in Austin next spring.",
    "Between us, the Q3 numbers are way above forecast. Results come out next week.",
    "Off the record: our CEO is stepping down in June.",
    "The internal memo says the whole Denver team moves to nights from March. We've been told not to mention it.",
    "Numbers came in this morning: bookings up 40%. Official figures are out Friday.",
])
def test_insider_information_is_held_for_review(policy, text):
    [f] = [f for f in run(policy, text) if f.rule == "account.insider_information"]
    assert f.action == "review" and "insider information" in f.message and f.details["reasons"]


@pytest.mark.parametrize("text", [
    "Our full-year results are out today: revenue up 8%. Read more on our investor site.",
    "Acme Air has completed its acquisition of Pacific Wings. Welcome aboard!",
    "Join our investor webcast on Thursday at 2pm ET.",
    "We've passed our annual safety audit with top marks. Thank you to our engineers.",
    "Our new Lisbon lounge is now open to all business class passengers.",
])
def test_ordinary_brand_news_is_not_held(policy, text):
    held = [f for f in run(policy, text) if f.action in ("review", "block")]
    assert held == []


def test_secrecy_still_counts_on_announced_news(policy):
    found = rules(run(policy, "Between us, as announced internally, we're in merger talks with Northwind. Press release next week."))
    assert "account.insider_information" in found and "account.confidential_topic" in found


def test_agency_mix_up_still_found(policy):
    [f] = [f for f in run(policy, "Fresh roast, fresh start: try the new Midnight Roast at globexcoffee.com") if f.rule == "account.belongs_elsewhere"]
    assert f.action == "review" and f.details["belongs_to"] == ["globex-coffee"]
    assert "account.belongs_elsewhere" not in rules(run(policy, "Fresh roast, fresh start: try the new Midnight Roast at globexcoffee.com", "globex-coffee"))


def test_over_http_the_finding_carries_score_and_reason(client, keys):
    r = client.post("/v1/check", json={"account": "acme-air", "text": "ugh my boss is making me work saturday again, so over this job"},
                    headers=keys.poster)
    body = r.get_json()
    [f] = [f for f in body["findings"] if f["rule"] == "account.personal_voice"]
    assert body["verdict"] == "warn" and f["details"]["reasons"]
