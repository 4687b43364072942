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

    results = evaluate()
    for name in ("hashtags", "account"):
        r = results[name]
        assert r["must_flag"] >= 100 and r["must_pass"] >= 100, name
        assert r["recall"] >= 0.95, (name, r)
        assert r["fp_rate"] <= 0.02, (name, r)
    insider = results["insider (held for review vs brand news held)"]
    assert insider["recall"] >= 0.9 and insider["fp_rate"] <= 0.02, insider
    promo = results["tag + promotion or pun blocked"]
    assert promo["must_flag"] >= 80 and promo["recall"] >= 0.95, promo
    respectful = results["respectful posts on such days held or blocked"]
    assert respectful["must_pass"] >= 80 and respectful["fp_rate"] <= 0.02, respectful


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


# ---- Hashtag knowledge and intent; the shared promotional-intent detector ----
from gatekeeper.checks import promotion, tone  # noqa: E402


def test_lexicon_has_hundreds_of_entries_with_context_and_source(policy):
    entries = policy.lexicon("hashtags")["entries"]
    assert len(entries) >= 250
    assert all(len(e["about"]) >= 10 and e.get("source") for e in entries)
    assert {"day", "remembrance", "movement", "disaster", "attack", "political"} <= {e.get("kind") for e in entries}


@pytest.mark.parametrize("tag", ["#WorldAIDSDay", "#Grenfell", "#Uvalde", "#RemembranceDay", "#HurricaneHelene", "#MAGA"])
def test_listed_tag_with_a_sale_is_blocked_with_its_context(policy, tag):
    [f] = run(hashtags, policy, f"{tag} Flash sale: 30% off everything today!")
    assert f.action == "block" and f.rule == "hashtags.sensitive_with_promotion"
    assert "is about" in f.message and f.details["source"]


@pytest.mark.parametrize("text", [
    "Today we remember those who lost their lives. #Grenfell",
    "On #WorldAIDSDay we honour everyone we have lost and support those living with HIV.",
    "A two minute silence at all our stations at 11am. #RemembranceDay",
    "Our thoughts are with everyone affected. Free rebooking for the region. #HurricaneHelene",
    "We stand with survivors. If you need help, the helpline is open 24/7. #MeToo",
])
def test_respectful_posts_are_allowed_with_context(policy, text):
    findings = run(hashtags, policy, text)
    assert findings and all(f.action == "allow" for f in findings)
    assert any("is about" in f.message or "reads as" in f.message for f in findings)


@pytest.mark.parametrize("tag, word", [
    ("#PrayForMorocco", "pray"), ("#LisbonShootingVictims", "shooting"), ("#JusticeForNahel", "justice for"),
    ("#Katrina20", "katrina"), ("#Sandy10Years", "sandy"), ("#RIPKobe", "rip"), ("#NeverForget911", "never"),
    ("#prayforlisbon", "pray"), ("#TyphoonRagasaRelief", "typhoon"), ("#GunViolenceAwareness", "gun violence"),
])
def test_unknown_event_and_cause_tags_are_recognised(policy, tag, word):
    findings = run(hashtags, policy, f"{tag} Book now: fares from $59!")
    assert any(f.action == "block" for f in findings), findings
    assert word in " ".join(f.message.lower() for f in findings)


@pytest.mark.parametrize("tag", ["#RipCurl", "#StormTrooper", "#SandyBeach", "#BathBomb", "#DeathByChocolate",
                                 "#TheWalkingDead", "#JusticeLeague", "#StressRelief", "#HearingAids", "#MichaelKors"])
def test_everyday_tags_with_event_like_words_are_not_tragedies(policy, tag):
    assert run(hashtags, policy, f"{tag} 20% off this weekend only!") == []


@pytest.mark.parametrize("text", [
    "#Uvalde never forget to pack your sunscreen 😎",
    "Feeling blue? #Grenfell Our blueberry muffins are back lol",
    "You had pizza. #WhyIStayed 🍕",
])
def test_jokes_and_puns_on_a_tragedy_tag_are_blocked(policy, text):
    assert any(f.action == "block" for f in run(hashtags, policy, text))


@pytest.mark.parametrize("text, promotional", [
    ("20% off all fares this weekend", True),
    ("Fares from $49 to Lisbon", True),
    ("Buy one get one free on all lattes", True),
    ("2-for-1 lounge passes", True),
    ("Introducing our new winter menu: order online, free delivery", True),
    ("We offer our deepest condolences to the families.", False),
    ("Donate blood: it saves lives.", False),
    ("We're donating $1 million to the relief fund.", False),
    ("Save the date: our memorial service is on Sunday.", False),
    ("Free rebooking for everyone travelling to the affected area.", False),
    ("We're dealing with a new issue affecting our app.", False),
    ("Grab a 2-4-1 deal on pastries", True),
    ("Buy a latte, get a free cookie", True),
    ("A free tote with every purchase this week", True),
    # A 4 inside a number is no "for": flight numbers, victim counts and hours are not offers.
    ("To the families of the victims of flight 1549: we grieve with you.", False),
    ("We remember the 148 people who lost their lives in the crash of flight 447.", False),
    ("Support is available 24-7 for anyone affected by the fire.", False),
])
def test_promotion_detector(policy, text, promotional):
    post = normalize_post({"account": "acme-air", "text": text})
    assert bool(promotion.detect(post, policy)) is promotional


def test_tone_deaf_rule_uses_the_shared_detector(policy):
    post = normalize_post({"account": "acme-air", "text": "Hurricane season is here. Florida for $49!"})
    assert promotion.detect(post, policy)  # a price, which the old phrase list did not know
    [f] = [f for f in tone.check(post, policy) if f.rule == "tone.tone_deaf_promo"]
    assert "$49" in f.message


def test_promotion_lexicon_is_policy_data(policy_dir):
    path = policy_dir / "lexicons" / "promotion.yaml"
    path.write_text(path.read_text().replace("strong: [sale,", "strong: [stupendous savings, sale,"))
    policy = load_policy(policy_dir, known_rule_ids())
    assert promotion.detect(normalize_post({"account": "acme-air", "text": "Stupendous savings today"}), policy)
    path.write_text("strong: not-a-list\n")
    with pytest.raises(Exception):
        load_policy(policy_dir, known_rule_ids())


def test_two_selling_words_next_to_a_tragedy_tag_are_a_push_unless_respectful(policy):
    assert any(f.action == "block" for f in run(hashtags, policy, "#Grenfell Don't forget our new menu!"))
    findings = run(hashtags, policy, "#Grenfell We remember. Our stores and our new cafe are closed today.")
    assert findings and all(f.action == "allow" for f in findings)
