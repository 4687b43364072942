import datetime as dt

import pytest

from gatekeeper.checks import account, hashtags, known_rule_ids
from gatekeeper.normalize import normalize_post
from gatekeeper.rules.policy import load_policy


@pytest.fixture
def policy(policy_dir):
    return load_policy(policy_dir, known_rule_ids())


def run(module, policy, text, account_id="acme-air"):
    return module.check(normalize_post({"account": account_id, "text": text}), policy)


def test_labelled_sets_meet_quality_bar():
    from bench.eval_context import evaluate

    for name, r in evaluate().items():
        assert r["must_flag"] >= 100 and r["must_pass"] >= 100, name
        assert r["recall"] >= 0.95, (name, r)
        assert r["fp_rate"] <= 0.02, (name, r)


@pytest.mark.parametrize("tag", ["#WhyIStayed", "#whyistayed", "#why_i_stayed", "#WHYISTAYED"])
def test_digiorno(policy, tag):
    [f] = run(hashtags, policy, f"{tag} You had pizza.")
    assert f.action == "block" and "domestic violence" in f.message and "2014" in f.message


def test_entenmanns_not_guilty_with_promotion_is_blocked(policy):
    [f] = run(hashtags, policy, "Who's #NotGuilty about eating all the tasty treats they want?! Get yours, 2 for $5!")
    assert f.rule == "hashtags.sensitive_with_promotion" and f.action == "block" and "verdict" in f.message


def test_remembrance_is_allowed_with_context_but_not_for_sales(policy):
    [f] = run(hashtags, policy, "Today we remember all those we lost. #PearlHarbor")
    assert f.action == "allow" and "1941" in f.message
    [f] = run(hashtags, policy, "#PearlHarbor deals: 40% off flights to Hawaii!")
    assert f.action == "block"


def test_unknown_tags_are_segmented(policy):
    [f] = run(hashtags, policy, "#HurricaneMiltonRelief: book now and save 30%!")
    assert f.rule == "hashtags.tragedy_with_promotion" and "hurricane milton relief" in f.message
    [f] = run(hashtags, policy, "Our thoughts are with Florida. #HurricaneMiltonRelief")
    assert f.action == "allow" and f.rule == "hashtags.context" and "respectful" in f.message
    assert run(hashtags, policy, "#StarWarsDay sale: 20% off!") == []


def test_phrase_written_out_next_to_promotion(policy):
    [f] = run(hashtags, policy, "Why I stayed with Acme Air: 20% off all fares!")
    assert f.rule == "hashtags.sensitive_phrase"
    assert run(hashtags, policy, "Why I stayed home today: the snow.") == []


def test_campaign_hashtags_and_temporary_entries(policy_dir):
    lexicon = policy_dir / "lexicons" / "hashtags.yaml"
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    lexicon.write_text(lexicon.read_text().replace("entries:\n", f'''entries:
  - tag: LisbonFloods
    about: "Deadly floods in Lisbon; people are still missing."
    since: "November 2026"
    action: block
    expires: {tomorrow}
  - tag: OldCrisis
    about: "A crisis that has passed and is no longer sensitive."
    action: block
    expires: {yesterday}
''', 1))
    policy = load_policy(policy_dir, known_rule_ids())
    [f] = run(hashtags, policy, "Thinking of everyone in #LisbonFloods")
    assert f.action == "block" and "missing" in f.message
    assert run(hashtags, policy, "#OldCrisis is over") == []
    path = policy_dir / "accounts" / "acme-air.yaml"
    path.write_text(path.read_text().replace('  - "#FlyAcme"', '  - "#FlyAcme"\n  - "#NeverForget"'))
    assert run(hashtags, load_policy(policy_dir, known_rule_ids()), "#NeverForget your passport: 20% off!") == []


def test_red_cross_and_hmv(policy):
    [f] = run(account, policy, "Ryan found two more 4 bottle packs of Dogfish Head's Midas Touch beer.... when we drink we do it right #gettngslizzerd")
    assert f.rule == "account.personal_voice" and f.action == "warn"
    rules = [f.rule for f in run(account, policy, "We're tweeting live from HR where we're all being fired! #hmvXFactorFiring")]
    assert "account.confidential_topic" in rules and "account.personal_voice" in rules


@pytest.mark.parametrize("text", [
    "Our new cocktail menu: Dark 'n' Stormy, Espresso Martini and local beers on tap.",
    "Meet Sarah, our crew member of the month! She loves a good IPA after a long flight.",
    "I'm so sorry about your bag, Maria. I've passed this to our baggage team. ^JD",
    "We're all fired up for the new route to Lisbon!",
])
def test_brand_voice_passes(policy, text):
    assert run(account, policy, text) == []


def test_personal_accounts_are_not_held_to_brand_voice(policy):
    assert run(account, policy, "So hungover, never doing tequila shots again lol", "jdoe") == []


def test_another_accounts_content(policy):
    [f] = run(account, policy, "Try the new Midnight Roast at your nearest Globex café! #SipGlobex")
    assert f.rule == "account.belongs_elsewhere" and f.details["belongs_to"] == ["globex-coffee"] and "Globex Coffee" in f.message
    assert run(account, policy, "Try the new Midnight Roast at your nearest Globex café! #SipGlobex", "globex-coffee") == []
    # Mentioning a partner alongside our own brand is fine.
    assert run(account, policy, "Enjoy a Globex coffee on board. #FlyAcme") == []


def test_confidential_topic_goes_to_review(client, keys):
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "Big news: we are merging with Pacific Wings."}, headers=keys.poster)
    assert r.status_code == 202 and r.get_json()["findings"][0]["rule"] == "account.confidential_topic"


def test_personal_accounts_may_use_sensitive_hashtags(policy):
    assert run(hashtags, policy, "Sharing my story, years later. #WhyIStayed", "jdoe") == []


def test_leetspeak_sensitive_hashtag(policy):
    [f] = run(hashtags, policy, "#WhyIStay3d you had pizza")
    assert f.action == "block"
