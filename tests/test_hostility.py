"""The learned hostility score: safe loading, determinism, policy thresholds, explanations."""
import json
import re
import zipfile

import numpy as np
import pytest

from gatekeeper.checks import known_rule_ids, tone
from gatekeeper.checks.base import ACTION_RANK
from gatekeeper.cli import main as cli_main
from gatekeeper.models import load_arrays, model_path
from gatekeeper.models.hostility import HostilityModel, model, model_text
from gatekeeper.normalize import normalize_post, normalize_text
from gatekeeper.rules.policy import PolicyInvalid, load_policy


@pytest.fixture(scope="module")
def policy():
    from conftest import POLICIES

    return load_policy(POLICIES, known_rule_ids())


def findings(policy, text, account="acme-air", parent=None):
    payload = {"account": account, "text": text}
    if parent is not None:
        payload["in_reply_to"] = {"author": "@customer", "text": parent}
    return tone.check(normalize_post(payload), policy)


def learned(found):
    return {f.rule: f for f in found if f.rule in ("tone.hostility", "tone.hateful", "tone.hostile_to_group",
                                                   "tone.hostile_possible_hate", "tone.hostile_reply", "tone.threat",
                                                   "tone.sexist")}


def score(text):
    return model().score(model_text(normalize_text(text)))


def set_tone(policy_dir, block: str):
    main = policy_dir / "gatekeeper.yaml"
    text = main.read_text()
    start = text.index("  tone:\n")
    end = text.index("\n# Change the action")
    main.write_text(text[:start] + block + text[end:])


# -- the artifact -------------------------------------------------------------------------------

def test_model_files_hold_no_pickles():
    folder = model_path("hostility")
    with zipfile.ZipFile(folder / "model.npz") as archive:
        assert all(name.endswith(".npy") for name in archive.namelist())
    arrays = load_arrays("hostility")  # np.load(..., allow_pickle=False): an object array would raise
    assert arrays and all(a.dtype != object for a in arrays.values())
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    assert all(isinstance(v, str) for v in vocab) and len(vocab) == arrays["coef"].shape[0]
    size = sum(p.stat().st_size for p in folder.iterdir() if p.suffix in (".npz", ".json"))
    assert size < 5_000_000


def test_pickled_arrays_are_refused(tmp_path, monkeypatch):
    import gatekeeper.models as models

    (tmp_path / "evil").mkdir()
    np.savez(tmp_path / "evil" / "model.npz", coef=np.array([{"a": 1}], dtype=object))
    monkeypatch.setattr(models, "MODELS_DIR", tmp_path)
    with pytest.raises(ValueError):
        models.load_arrays("evil")


def test_model_is_loaded_once():
    assert model() is model()


def test_scores_are_deterministic():
    text = "Keep complaining and your booking gets cancelled."
    first = score(text)
    fresh = HostilityModel.load().score(model_text(normalize_text(text)))
    assert first.probs == score(text).probs == fresh.probs
    assert all(0.0 <= p <= 1.0 for p in first.probs.values())


def test_a_head_reads_only_its_feature_kinds():
    """A head limited to words and word pairs ignores character n-grams, and its tf-idf vector is
    normalised over the features it reads (as train/hostility.py fits it)."""
    vocab = ["b:you lot", "c: yo", "c:you", "w:lot", "w:you"]
    idf = np.array([2.0, 1.0, 1.0, 1.5, 1.2])
    coef = np.array([[0.5, 0.5], [3.0, 3.0], [3.0, 3.0], [0.2, 0.2], [0.1, 0.1]])
    arrays = {"idf": idf, "coef": coef, "intercept": np.zeros(2), "platt": np.array([[1.0, 0.0], [1.0, 0.0]])}
    m = HostilityModel(arrays, vocab, {"heads": ["all", "words"], "head_features": {"words": ["w:", "b:"]}})
    s = m.score("you lot")
    present = [0, 1, 2, 3, 4]
    words = [0, 3, 4]
    raw_all = sum(idf[j] * coef[j, 0] for j in present) / np.sqrt(sum(idf[j] ** 2 for j in present))
    raw_words = sum(idf[j] * coef[j, 1] for j in words) / np.sqrt(sum(idf[j] ** 2 for j in words))
    assert s["all"] == pytest.approx(1 / (1 + np.exp(-raw_all)))
    assert s["words"] == pytest.approx(1 / (1 + np.exp(-raw_words)))
    # Driver spans come from the words the head reads; character n-grams add nothing to it.
    assert {(a, b) for a, b, _ in s.drivers("words")} == {(0, 3), (4, 7)}
    # A text with none of the head's features scores its intercept (0.5 here).
    assert m.score("yo")["words"] == pytest.approx(0.5)


def test_a_reads_array_narrows_what_a_head_reads():
    """The model's optional `reads` array (features x heads) takes features away from a head on top of its kinds:
    here the second head reads the pair but not the word "you" alone. A mismatched array is refused."""
    vocab = ["b:you lot", "w:lot", "w:you"]
    idf = np.array([2.0, 1.5, 1.2])
    coef = np.array([[0.5, 0.5], [0.2, 0.2], [0.1, 3.0]])
    arrays = {"idf": idf, "coef": coef, "intercept": np.zeros(2), "platt": np.array([[1.0, 0.0], [1.0, 0.0]]),
              "reads": np.array([[1, 1], [1, 1], [1, 0]], dtype=np.uint8)}
    m = HostilityModel(arrays, vocab, {"heads": ["all", "narrow"]})
    read = [0, 1]
    raw = sum(idf[j] * coef[j, 1] for j in read) / np.sqrt(sum(idf[j] ** 2 for j in read))
    assert m.score("you lot")["narrow"] == pytest.approx(1 / (1 + np.exp(-raw)))
    assert {(a, b) for a, b, _ in m.score("you lot").drivers("narrow")} == {(0, 3), (4, 7)}  # the pair, half each
    with pytest.raises(ValueError):
        HostilityModel(dict(arrays, reads=np.ones((2, 2), dtype=np.uint8)), vocab, {"heads": ["all", "narrow"]})


def test_shipped_threat_head_reads_pronouns_only_in_pairs_and_its_words_stay_its_own():
    """The threat head does not read "you", "u", "ur" alone (they carried its false alarms), and the words only
    the written threats brought in are read by no other head (which stay as trained without them)."""
    m = model()
    arrays = load_arrays("hostility")
    h = m.heads.index("threat")
    for word in ("you", "u", "ur", "your", "have", "still"):
        j = m.index.get("w:" + word)
        assert j is None or (arrays["reads"][j, h] == 0 and m.idf_coef[j, h] == 0), word
    assert arrays["reads"][:, h].sum() > 10000
    threat_only = arrays["reads"][:, :h].max(axis=1) == 0
    assert threat_only.any()
    assert not np.any(arrays["coef"][threat_only, :h]) and np.any(arrays["coef"][threat_only, h])


def test_shipped_reply_head_ignores_character_ngrams():
    m = model()
    assert m.meta["head_features"]["reply"] == ["w:", "b:"]
    h = m.heads.index("reply")
    vocab = json.loads((model_path("hostility") / "vocab.json").read_text(encoding="utf-8"))
    chars = np.array([v.startswith("c:") for v in vocab])
    assert not np.any(load_arrays("hostility")["coef"][chars, h])


def test_disguised_words_score_like_plain_ones():
    plain, disguised = score("you are an idiot"), score("y0u are an 1d10t")
    assert abs(plain["hostile"] - disguised["hostile"]) < 0.05


# -- held-out examples, written for these tests (not in the training data) ------------------------

HOSTILE = [
    "Nobody wants your opinion, you pathetic little troll.",
    "They are parasites and should be thrown out of the country.",
    "You're a disgusting liar and everyone can see it.",
    "I hope you rot, you worthless clown.",
]
FRIENDLY = [
    "Thanks for your patience today. Your new boarding pass is in the app.",
    "We're sorry the delivery was late. We've refunded the shipping cost.",
    "Lovely to see you at the store opening on Saturday!",
    "Our team is looking into the outage and we'll post an update at noon.",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_posts_are_flagged(policy, text):
    found = learned(findings(policy, text))
    assert found, text
    assert all(f.action in ("warn", "review", "block") for f in found.values())


@pytest.mark.parametrize("text", FRIENDLY)
def test_friendly_posts_pass(policy, text):
    assert not learned(findings(policy, text))


def test_held_out_cases_meet_a_floor(policy):
    from bench.datasets.tone_cases import hostility_cases

    caught, total = {}, {}
    for case in hostility_cases():
        flagged = bool(learned(findings(policy, case["text"], parent=case.get("in_reply_to"))))
        total[case["kind"]] = total.get(case["kind"], 0) + 1
        caught[case["kind"]] = caught.get(case["kind"], 0) + flagged
    # Floors below today's figures (60% and 40%), to catch regressions; the bars are higher.
    assert caught["hostile_reply"] / total["hostile_reply"] >= 0.5, caught
    assert caught["hostile_post"] / total["hostile_post"] >= 0.3, caught
    assert caught["friendly_reply"] / total["friendly_reply"] <= 0.05, caught
    assert caught["ordinary_post"] / total["ordinary_post"] <= 0.1, caught


@pytest.mark.parametrize("name, sizes, hostile_floor, friendly_ceiling", [
    ("heldout1", (250, 350), 0.58, 0.02),
    ("heldout2", (300, 300), 0.70, 0.02),
])
def test_independent_held_out_replies_meet_a_floor(policy, name, sizes, hostile_floor, friendly_ceiling):
    """Brand replies written by authors other than those of the training sets and never trained on
    (bench/datasets/replies_heldout*.jsonl), sent as a support desk sends them, opening with the handle.
    Floors below today's figures with 23 writers (heldout1: 63.6% of hostile replies at 0.9% of friendly ones;
    heldout2: 77.3% at 1.7%). heldout1 before: 62.4% at 1.4% with 21, 67.2% at 1.4% with fourteen, 63.2% at 1.7%
    with ten, 48.8% at 2.3% with five writers and character n-grams in the reply head, 25.6% at 2.6% before the
    written sets; heldout2: 76.7% at 1.0% with 21, 75.3% at 1.7% with fourteen, 76.0% at 1.0% with ten, 62.3%
    at 2.3% with five. The issue's bars are higher (train/DATA.md)."""
    from bench.datasets.tone_cases import reply_heldout_cases

    flagged = {"hostile": [], "friendly": []}
    for case in reply_heldout_cases(name):
        found = [f for f in findings(policy, "@customer " + case["text"]) if f.action != "allow"]
        flagged[case["label"]].append(bool(found))
    hostile, friendly = flagged["hostile"], flagged["friendly"]
    assert (len(hostile), len(friendly)) == sizes
    assert sum(hostile) / len(hostile) >= hostile_floor, sum(hostile)
    assert sum(friendly) / len(friendly) <= friendly_ceiling, sum(friendly)


def test_kind_posts_naming_a_group_are_rarely_flagged(policy):
    """Celebrations, allyship, hiring, counter-speech, people on their own identity, each on the account kind
    it was written for (bench/datasets/identity_heldout.jsonl, never trained on). Ceilings just above today's
    figures: 3.8% flagged, 3.8% held for review (train/DATA.md; 5.0% flagged before Measuring Hate Speech, whose
    counter-speech and support are negatives of the hate head); "queer" read as profanity in a brand's post was
    one of them before, and hostile_hate raises posts that are warned about as hostile."""
    from bench.datasets.tone_cases import identity_heldout_cases
    from bench.tradeoff_tone import account_for

    cases = identity_heldout_cases()
    flagged = held = 0
    for case in cases:
        found = [f for f in findings(policy, case["text"], account=account_for(case)) if f.action != "allow"]
        flagged += bool(found)
        held += any(f.action in ("review", "block") for f in found)
    assert len(cases) == 399
    assert flagged / len(cases) <= 0.045, flagged
    assert held / len(cases) <= 0.04, held


def held_by_label(policy, cases, account="jdoe") -> dict[str, list[bool]]:
    """Per label, whether the tone check held each case (review or block) on ``account``."""
    held: dict[str, list[bool]] = {}
    for case in cases:
        found = findings(policy, case["text"], account=account)
        held.setdefault(case["label"], []).append(any(f.action in ("review", "block") for f in found))
    return held


# Today: 210 of EDOS's 300 sexist posts held (70.0%; 62.3% before the sexism head, 57.0% before Measuring Hate
# Speech), 139 of its 300 not sexist ones (46.3%; 45.0% before the sexism head), which hold insults and hostility of
# other kinds.
SEXIST_FLOOR, NOT_SEXIST_CEILING = 0.67, 0.49


def test_held_out_sexism_from_edos_test_split_meets_a_floor(policy):
    """bench/datasets/edos_sexism.jsonl: real Reddit and Gab posts from EDOS's test split (CC0), labelled by
    others and never trained on, on a personal account: sexism, mostly with no slur. The sexism head learns from
    EDOS's training split, so this is the same source; the Reddit misogyny set below is another one."""
    from bench.datasets.tone_cases import edos_sexism_cases

    held = held_by_label(policy, edos_sexism_cases())
    assert len(held["sexist"]) == len(held["not_sexist"]) == 300
    assert sum(held["sexist"]) / 300 >= SEXIST_FLOOR, sum(held["sexist"])
    assert sum(held["not_sexist"]) / 300 <= NOT_SEXIST_CEILING, sum(held["not_sexist"])


def test_reply_to_customer_is_judged_as_aimed_at_them(policy):
    found = learned(findings(policy, "Maybe read your ticket next time instead of crying to us.",
                             parent="My flight left without me and nobody helped!"))
    assert found and all(f.details["words"] for f in found.values())


# -- explanations -------------------------------------------------------------------------------

def test_finding_names_the_words_that_drove_it(policy):
    text = "Shut up, you brainless idiot."
    found = learned(findings(policy, text))
    f = found.get("tone.hostility") or next(iter(found.values()))
    assert f.details["words"], f
    assert any(w.lower() in ("idiot", "brainless") for w in f.details["words"]), f.details
    assert text[f.start:f.end] == f.details["words"][0]
    assert f.details["words"][0] in f.message


def test_explanation_spans_point_at_the_original_disguised_text(policy):
    text = "what a st\u00fcpid 1d10t"
    found = learned(findings(policy, text))
    assert found
    f = next(iter(found.values()))
    assert text[f.start:f.end] in ("1d10t", "st\u00fcpid")


# -- hostility aimed at a group of people -------------------------------------------------------

# Hostile, about a group, and no slur: the hate head alone leaves these at a hostility warning or less.
GROUP_HOSTILE = [
    "Women are too stupid to vote and should shut up.",
    "Refugees are lazy parasites, every last one of them.",
    "Feminists are ugly, bitter and pathetic.",
]


@pytest.fixture(scope="module")
def no_hate_head(tmp_path_factory):
    """The shipped policy with the hate head switched off: only the group rule holds these."""
    import shutil

    from conftest import POLICIES

    target = tmp_path_factory.mktemp("policy") / "policies"
    shutil.copytree(POLICIES, target)
    set_tone(target, "  tone:\n    hate: {review: 0.999}\n")
    return load_policy(target, known_rule_ids())


@pytest.mark.parametrize("text", GROUP_HOSTILE)
@pytest.mark.parametrize("account", ["acme-air", "jdoe"])
def test_hostility_that_names_a_group_is_held_for_review(no_hate_head, policy, text, account):
    found = learned(findings(no_hate_head, text, account=account))
    assert "tone.hostile_to_group" in found, found
    f = found["tone.hostile_to_group"]
    assert f.action == "review"
    assert "names a group" in f.message
    assert "tone.hostility" not in found  # one finding says it
    # With the hate head on, the post is held either way.
    held = learned(findings(policy, text, account=account))
    assert max((f.action for f in held.values()), key=ACTION_RANK.__getitem__) == "review"


def test_the_same_hostility_at_one_person_is_not_hate(policy):
    found = learned(findings(policy, "That woman at the checkout is too stupid to count and should shut up."))
    assert "tone.hostility" in found
    assert "tone.hateful" not in found and "tone.hostile_to_group" not in found


def test_naming_a_group_kindly_is_not_flagged(policy):
    assert not learned(findings(policy, "Refugees are welcome here, and we are proud to support them."))
    assert not learned(findings(policy, "Happy International Women's Day to all the women on our crew!"))


def test_group_threshold_comes_from_the_policy(policy_dir):
    text = GROUP_HOSTILE[0]
    set_tone(policy_dir, "  tone:\n    hate: {review: 0.999}\n    group_hostility: {review: 0.999}\n")
    off = load_policy(policy_dir, known_rule_ids())
    found = learned(findings(off, text))
    assert "tone.hostile_to_group" not in found and "tone.hostility" in found
    set_tone(policy_dir, "  tone:\n    hate: {review: 0.999}\n    group_hostility: {block: 0.5}\n")
    strict = load_policy(policy_dir, known_rule_ids())
    assert learned(findings(strict, text))["tone.hostile_to_group"].action == "block"


def test_a_stricter_hostility_action_is_kept_beside_the_group_finding(policy_dir):
    set_tone(policy_dir, "  tone:\n    hostility: {warn: 0.5, block: 0.6}\n    hate: {review: 0.999}\n"
                         "    group_hostility: {review: 0.5}\n")
    strict = load_policy(policy_dir, known_rule_ids())
    found = learned(findings(strict, GROUP_HOSTILE[0]))
    assert found["tone.hostile_to_group"].action == "review"
    assert found["tone.hostility"].action == "block"


def test_group_words_come_from_the_lexicon(policy_dir):
    text = GROUP_HOSTILE[0]
    tone_yaml = policy_dir / "lexicons" / "tone.yaml"
    lines = tone_yaml.read_text().split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("group_words:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    tone_yaml.write_text("\n".join(lines[:start] + ["group_words: [refugees]"] + lines[end:]))
    set_tone(policy_dir, "  tone:\n    hate: {review: 0.999}\n")
    narrowed = load_policy(policy_dir, known_rule_ids())
    assert "tone.hostile_to_group" not in learned(findings(narrowed, text))
    assert "tone.hostile_to_group" in learned(findings(narrowed, GROUP_HOSTILE[1]))


def test_hostility_that_may_be_hate_is_held_for_review(policy_dir):
    """A post read as hostile whose hate score reaches hostile_hate, below the hate threshold, is raised from
    warn to review as possible hate; a lower hate score, or a post not read as hostile, raises nothing."""
    text = "That woman at the checkout is too stupid to count and should shut up."  # hostile, names no group
    hate = score(text)["hate"]
    # (The sexism head reads "that woman ... too stupid" as possibly sexist: set aside here, this is about hostile_hate.)
    tone = ("  tone:\n    hostility: {{warn: {warn}, review: 0.999}}\n    hate: {{review: 0.999}}\n    hostile_hate: {{review: {t}}}\n"
            "    sexism: {{review: 0.999}}\n")
    set_tone(policy_dir, tone.format(warn=0.5, t=round(hate - 0.01, 4)))
    found = learned(findings(load_policy(policy_dir, known_rule_ids()), text, account="jdoe"))
    assert found["tone.hostile_possible_hate"].action == "review"
    assert "may be hate" in found["tone.hostile_possible_hate"].message
    assert found["tone.hostility"].action == "warn"
    set_tone(policy_dir, tone.format(warn=0.5, t=round(hate + 0.01, 4)))
    found = learned(findings(load_policy(policy_dir, known_rule_ids()), text, account="jdoe"))
    assert "tone.hostile_possible_hate" not in found and found["tone.hostility"].action == "warn"
    set_tone(policy_dir, tone.format(warn=0.999, t=0.01))
    assert not learned(findings(load_policy(policy_dir, known_rule_ids()), text, account="jdoe"))


def test_possible_hate_raises_flagged_posts_and_flags_nothing_new(policy_dir):
    """However low hostile_hate is set, the posts flagged are the same ones; only actions rise."""
    from bench.datasets.tone_cases import hostility_cases, identity_heldout_cases

    texts = [c["text"] for c in hostility_cases()] + [c["text"] for c in identity_heldout_cases()][:150] + GROUP_HOSTILE
    actions = {}
    for t in (0.999, 0.01):
        set_tone(policy_dir, f"  tone:\n    hostile_hate: {{review: {t}}}\n")
        pol = load_policy(policy_dir, known_rule_ids())
        actions[t] = [max((f.action for f in findings(pol, text, account="jdoe")), key=ACTION_RANK.__getitem__, default="allow")
                      for text in texts]
    assert [a != "allow" for a in actions[0.999]] == [a != "allow" for a in actions[0.01]]
    assert all(ACTION_RANK[low] >= ACTION_RANK[high] for high, low in zip(actions[0.999], actions[0.01]))
    assert sum(ACTION_RANK[low] > ACTION_RANK[high] for high, low in zip(actions[0.999], actions[0.01])) > 0


# -- threats ------------------------------------------------------------------------------------

THREATS = [
    ("Keep talking, I'll be waiting by your car after your shift and you won't be walking home.", "jdoe"),
    ("somebody needs to put that referee in the ground tbh", "jdoe"),
    ("Leave one more review like that and our lads will pay your house a visit.", "acme-air"),
    ("hope your flight goes down in the sea with you on it", "jdoe"),
    # about someone, not to them
    ("the ref needs a bullet, someone sort it", "jdoe"),
    # telling someone to die (threat set h)
    ("honestly just go die", "jdoe"),
    ("do the world a favour and stop breathing", "jdoe"),
]
THREAT_LOOK_ALIKES = [
    ("Shoot us a DM with your booking reference and we'll sort it.", "acme-air"),
    ("This heat is killing me, someone bring ice cream 😩", "jdoe"),
    ("Police confirmed two men were arrested after the stabbing on Friday.", "jdoe"),
    ("We've passed the CCTV footage to the police, as you asked.", "acme-air"),
    ("He'll get life for what he did, and he deserves it", "jdoe"),
    ("gonna kill my sister if she borrows my hoodie again 😂", "jdoe"),
    # warm wishes in the shapes veiled menace uses: brand replies say them all day
    ("We hope to see you again soon!", "acme-air"),
    ("We'll be seeing you soon then! 🍕", "acme-air"),
    ("I'm dying 😂 this is so good", "jdoe"),
]


# Today: 171 of the 300 held-out threats held as threats (57.0%; 19% flagged before the threat head), none of the
# 300 look-alikes (7.0% of them flagged by other rules). Of the 82 threats about someone rather than to them, 38
# (46.3%; 41.5% before the third-person sets f and g, 51.2% after them, 39 after set h): each retraining moves it by
# a few posts (the trial runs of the last round held 38 to 42), so the floor sits below that range.
THREAT_FLOOR, THREAT_CEILING, THIRD_PERSON_FLOOR = 0.53, 0.01, 0.44
SECOND_PERSON = re.compile(r"\b(you|your|u|ur|ya|yours|yourself|y'all|yall)\b")


@pytest.mark.parametrize("text, account", THREATS)
def test_threats_are_held_for_review(policy, text, account):
    found = learned(findings(policy, text, account=account))
    assert found["tone.threat"].action == "review", found
    assert "threat" in found["tone.threat"].message and found["tone.threat"].details["words"]


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\u00ad", "\ufeff"])
def test_a_threat_with_invisible_characters_between_its_words_is_held(policy, invisible):
    # Dropping the invisible characters used to glue the words into one token the model could not read.
    text = invisible.join("I will slit your throat".split())
    assert learned(findings(policy, text, account="jdoe"))["tone.threat"].action == "review"
    insult = invisible.join("shut up you stupid idiot".split())
    assert "tone.insult" in [f.rule for f in findings(policy, insult)]


@pytest.mark.parametrize("text, account", THREAT_LOOK_ALIKES)
def test_words_of_violence_that_threaten_nobody_pass(policy, text, account):
    assert "tone.threat" not in learned(findings(policy, text, account=account))


def test_held_out_threats_meet_a_floor(policy):
    """Threats and look-alikes by a writer who saw none of the training sets (bench/datasets/threats_heldout.jsonl),
    each on the account kind it was written for, with the post it answers. A floor and a ceiling just around
    today's figures (train/DATA.md)."""
    from bench.datasets.tone_cases import threat_heldout_cases

    flagged = {"threat": [], "fine": []}
    held = {"threat": [], "fine": []}
    third_person = []
    for case in threat_heldout_cases():
        found = [f for f in findings(policy, case["text"], account="jdoe" if case["voice"] == "personal" else "acme-air",
                                     parent=case["parent"]) if f.action != "allow"]
        flagged[case["label"]].append(bool(found))
        held[case["label"]].append(any(f.rule == "tone.threat" for f in found))
        if case["label"] == "threat" and not SECOND_PERSON.search(case["text"].lower()):
            third_person.append(held["threat"][-1])
    assert len(flagged["threat"]) == len(flagged["fine"]) == 300
    assert sum(held["threat"]) / 300 >= THREAT_FLOOR, sum(held["threat"])
    assert sum(held["fine"]) / 300 <= THREAT_CEILING, sum(held["fine"])
    assert len(third_person) == 82 and sum(third_person) / 82 >= THIRD_PERSON_FLOOR, sum(third_person)


# Today: 87 of the 200 held-out death wishes, incitements to self-harm and veiled menaces held as threats (43.5%),
# 1 of the 200 look-alikes (0.5%); telling someone to die or hurt themselves ("go die then", "kys"), 20 of 64.
# Before threat set h: 69 (34.5%), 2 look-alikes (1.0%), and 2 of those 64.
DEATHWISH_FLOOR, DEATHWISH_CEILING = 0.41, 0.015


def test_held_out_death_wishes_meet_a_floor(policy):
    """bench/datasets/deathwish_heldout.jsonl, by a writer who saw none of the training sets, each post on the
    account kind it was written for, with the post it answers."""
    from bench.datasets.tone_cases import deathwish_heldout_cases

    held = {"threat": [], "fine": []}
    for case in deathwish_heldout_cases():
        found = findings(policy, case["text"], account="jdoe" if case["voice"] == "personal" else "acme-air",
                         parent=case["parent"])
        held[case["label"]].append(any(f.rule == "tone.threat" and f.action != "allow" for f in found))
    assert len(held["threat"]) == len(held["fine"]) == 200
    assert sum(held["threat"]) / 200 >= DEATHWISH_FLOOR, sum(held["threat"])
    assert sum(held["fine"]) / 200 <= DEATHWISH_CEILING, sum(held["fine"])


def test_threat_threshold_comes_from_the_policy(policy_dir):
    text, account = THREATS[4]  # a threat that scores under 0.99
    assert score(text)["threat"] < 0.99
    set_tone(policy_dir, "  tone:\n    threat: {review: 0.999}\n")
    assert "tone.threat" not in learned(findings(load_policy(policy_dir, known_rule_ids()), text, account=account))
    set_tone(policy_dir, "  tone:\n    threat: {warn: 0.3, block: 0.4}\n")
    assert learned(findings(load_policy(policy_dir, known_rule_ids()), text, account=account))["tone.threat"].action == "block"


# -- sexism -------------------------------------------------------------------------------------

# Written for these tests (none is from a corpus): sexism with no slur, which the hate head reads as ordinary talk.
SEXIST_NO_SLUR = [
    "Women are too emotional to be put in charge of anything important.",
    "She only got the promotion because they needed a woman on the board.",
    "Girls just aren't wired for engineering, sorry but it's biology.",
    "A woman's place is at home raising kids, not chasing a career.",
    "Never let a female handle your money, they spend it all on shoes.",
    "Female drivers are the reason insurance costs so much.",
    "Women only want a man for his wallet, every single one of them.",
    "Feminists are just ugly women nobody wanted to marry.",
]
# Posts about women and gender that demean nobody, on a brand or a personal account.
ABOUT_WOMEN_KINDLY = [
    ("acme-air", "Happy International Women's Day to the women engineers who keep our fleet flying."),
    ("acme-air", "Our new women's running range is in stores from Friday, sizes 4 to 24."),
    ("acme-air", "We publish our gender pay gap every year. This year it fell to 4.1%; here is what we changed."),
    ("jdoe", "My mum raised three kids alone and still finished her nursing degree. Proud of her."),
    ("jdoe", "The women's team won the league again, what a season!"),
    ("jdoe", "Reading a great biography of Ada Lovelace, the first computer programmer."),
]


def test_sexism_without_a_slur_is_flagged(policy):
    """Flagged as sexist, or as hateful (a post the hate head holds needs no second finding). Today 6 of the 8, 5 of
    them held for review; the sexism head misses stereotypes phrased in words it has not learned as sexist ("girls
    just aren't wired for engineering" 0.08, "a woman's place is at home" 0.20)."""
    flagged, held = [], []
    for text in SEXIST_NO_SLUR:
        found = learned(findings(policy, text, account="jdoe"))
        sexist = found.get("tone.sexist") or found.get("tone.hateful")
        flagged.append(sexist is not None)
        held.append(sexist is not None and sexist.action == "review")
        if "tone.sexist" in found:
            assert "sexism score" in found["tone.sexist"].message and found["tone.sexist"].details["words"]
    assert sum(flagged) >= 6 and sum(held) >= 5, (flagged, held)
    assert sum("tone.sexist" in learned(findings(policy, text, account="jdoe")) for text in SEXIST_NO_SLUR) >= 4


@pytest.mark.parametrize("account, text", ABOUT_WOMEN_KINDLY)
def test_posts_about_women_that_demean_nobody_are_not_held_as_sexist(policy, account, text):
    assert "tone.sexist" not in learned(findings(policy, text, account=account))


# Today (train/DATA.md, "Sexism round"): of the 200 sexist posts, 82 flagged (41.0%; 18.5% before the sexism head),
# 57 held (28.5%; 16.0%); of the 200 fine ones, 12 flagged (6.0%; 2.5%), 8 held (4.0%; 2.5%).
HELD_OUT_SEXIST_FLAGGED, HELD_OUT_SEXIST_HELD, HELD_OUT_FINE_FLAGGED, HELD_OUT_FINE_HELD = 0.38, 0.26, 0.07, 0.05


def test_held_out_written_sexism_meets_a_floor(policy):
    """bench/datasets/sexism_heldout.jsonl: sexist posts and look-alikes in their words, by a writer who saw none of the
    written sexism sets, each on the account kind it was written for. Flagged = warn or above, held = review or
    above."""
    from bench.datasets.tone_cases import sexism_heldout_cases
    from bench.tradeoff_tone import account_for

    outcomes: dict[str, list[set]] = {"sexist": [], "fine": []}
    for case in sexism_heldout_cases():
        found = findings(policy, case["text"], account=account_for(case))
        outcomes[case["label"]].append({f.action for f in found} - {"allow"})
    assert len(outcomes["sexist"]) == len(outcomes["fine"]) == 200

    def share(label, actions):
        return sum(bool(found & actions) for found in outcomes[label]) / 200

    flagging, holding = {"warn", "review", "block"}, {"review", "block"}
    assert share("sexist", flagging) >= HELD_OUT_SEXIST_FLAGGED and share("sexist", holding) >= HELD_OUT_SEXIST_HELD
    assert share("fine", flagging) <= HELD_OUT_FINE_FLAGGED and share("fine", holding) <= HELD_OUT_FINE_HELD


def test_sexism_threshold_comes_from_the_policy(policy_dir):
    text = SEXIST_NO_SLUR[0]
    assert score(text)["sexism"] < 0.99
    set_tone(policy_dir, "  tone:\n    sexism: {review: 0.999}\n")
    assert "tone.sexist" not in learned(findings(load_policy(policy_dir, known_rule_ids()), text, account="jdoe"))
    set_tone(policy_dir, "  tone:\n    sexism: {warn: 0.01, block: 0.02}\n")
    found = learned(findings(load_policy(policy_dir, known_rule_ids()), text, account="jdoe"))
    assert found["tone.sexist"].action == "block"


# Today (train/DATA.md, "Sexism round"): 168 of the 300 misogynistic posts held (56.0%; 49.0% before the sexism head),
# 66 of the other 300 (22.0%; 20.7% before).
MISOGYNY_FLOOR, MISOGYNY_CEILING = 0.53, 0.25


def test_held_out_misogyny_from_another_source_meets_a_floor(policy):
    """bench/datasets/reddit_misogyny.jsonl: Reddit posts labelled by others (MIT), never trained on, from another
    source than EDOS, which the sexism head learns from. On a personal account, held = review or block. The other
    side was judged for misogyny only: it holds insults and hostility of other kinds."""
    from bench.datasets.tone_cases import reddit_misogyny_cases

    held = held_by_label(policy, reddit_misogyny_cases())
    assert len(held["misogynistic"]) == len(held["not_misogynistic"]) == 300
    assert sum(held["misogynistic"]) / 300 >= MISOGYNY_FLOOR, sum(held["misogynistic"])
    assert sum(held["not_misogynistic"]) / 300 <= MISOGYNY_CEILING, sum(held["not_misogynistic"])


# -- personal accounts --------------------------------------------------------------------------

def test_personal_account_is_still_warned_about_hostility(policy):
    found = learned(findings(policy, "You're a disgusting liar and a coward, everyone can see it.", account="jdoe"))
    assert found and max(f.action for f in found.values()) in ("warn", "review", "block")


def test_personal_account_keeps_its_voice(policy):
    assert not learned(findings(policy, "What a day, legs are dead after that run, totally worth it.", account="jdoe"))


# -- thresholds come from the policy -----------------------------------------------------------

def test_thresholds_from_policy_are_honoured(policy_dir):
    text = "We're sorry the delivery was late. We've refunded the shipping cost."
    set_tone(policy_dir, "  tone:\n    hostility: {warn: 0.001}\n    hate: {block: 0.999}\n")
    eager = load_policy(policy_dir, known_rule_ids())
    found = learned(findings(eager, text))
    assert found["tone.hostility"].action == "warn"

    hostile = "You're a disgusting liar and everyone can see it."
    set_tone(policy_dir, "  tone:\n    hostility: {review: 0.999}\n    hate: {block: 0.999}\n    reply_hostility: {warn: 0.999}\n")
    strict = load_policy(policy_dir, known_rule_ids())
    assert not learned(findings(strict, hostile))

    set_tone(policy_dir, "  tone:\n    hostility: {warn: 0.1, block: 0.2}\n")
    blocking = load_policy(policy_dir, known_rule_ids())
    assert learned(findings(blocking, hostile))["tone.hostility"].action == "block"


@pytest.mark.parametrize("block", [
    "  tone:\n    hostility: {warn: 1.5}\n",
    "  tone:\n    hostility: {warn: 0}\n",
    "  tone:\n    hostility: {warn: high}\n",
    "  tone:\n    hostility: {warm: 0.5}\n",
    "  tone:\n    hate: {}\n",
    "  tone:\n    hostility_typo: {warn: 0.5}\n",
    "  tone:\n    group_hostility: {review: 2}\n",
    "  tone:\n    group_hostility: {hold: 0.5}\n",
    "  tone:\n    hostile_hate: {review: -0.1}\n",
    "  tone:\n    hostile_hate: {hold: 0.2}\n",
    "  tone:\n    threat: {review: 1.2}\n",
    "  tone:\n    threat: {hold: 0.5}\n",
    "  tone:\n    sexism: {review: 1.01}\n",
    "  tone:\n    sexism: {hold: 0.5}\n",
])
def test_lint_rejects_bad_thresholds(policy_dir, block, capsys):
    set_tone(policy_dir, block)
    with pytest.raises(PolicyInvalid) as info:
        load_policy(policy_dir, known_rule_ids())
    assert any("gatekeeper.yaml" in str(e) for e in info.value.errors)
    assert cli_main(["policy", "lint", str(policy_dir)]) != 0
    printed = capsys.readouterr()
    assert "gatekeeper.yaml" in printed.out + printed.err


def test_tradeoff_table_moves_only_the_chosen_thresholds_and_matches_the_tone_check(policy):
    """bench/tradeoff_tone.py: with no shift a post's outcome is the tone check's; moving the hostility and hate
    thresholds down catches at least as much, up at most as much, and leaves the other rules where they were."""
    from bench.tradeoff_tone import Column, outcome, shifted, table

    rules = ["hostility", "hate", "group_hostility"]
    lower = tone.thresholds(shifted(policy, rules, -0.1))
    assert lower["hostility"]["warn"] == pytest.approx(tone.thresholds(policy)["hostility"]["warn"] - 0.1)
    assert lower["reply_hostility"] == tone.thresholds(policy)["reply_hostility"]
    assert tone.thresholds(shifted(policy, ["hate"], 5))["hate"] == {"review": 0.99}

    texts = ["Immigrants are vermin and should be sent back", "you are a pathetic little worm",
             "what a lovely morning for a run", "Happy Pride to all our LGBTQ+ staff and customers!",
             "refugees are parasites living off our taxes", "honestly this team is garbage lol"]
    for text in texts:
        acts = {f.action for f in tone.check(normalize_post({"account": "jdoe", "text": text}), policy)} - {"allow"}
        expected = "held" if acts & {"review", "block"} else ("flagged" if acts else "passed")
        assert outcome(shifted(policy, rules, 0.0), {"account": "jdoe", "text": text}) == expected
    column = Column("probe", [{"account": "jdoe", "text": t} for t in texts], "flagged", "catch")
    rates = [row[0] for row in table(policy, [column], rules, [-0.3, 0.0, 0.1])]
    assert rates[0] >= rates[1] >= rates[2]
    assert rates[0] > rates[2]


def test_the_accounts_own_names_read_as_our(policy):
    # A name the model never saw scores by its letters: "Globex Rewards 2025: more stars, more perks" read as hostile.
    post = normalize_post({"account": "globex-coffee", "text": "Globex Rewards 2025: more stars, more perks."})
    masked = tone.model_input(post, policy)
    assert "globex" not in masked and masked.startswith("our") and len(masked) == len(post.text.norm)
    assert learned(findings(policy, "Globex Rewards 2025: more stars, more perks.", account="globex-coffee")) == {}
    # Another brand's name is not the account's own: it is read as written.
    assert "globex" in tone.model_input(normalize_post({"account": "acme-air", "text": "Globex is open"}), policy)


@pytest.mark.parametrize("text, left_out", [
    ("Road trip: Clitheroe, then Penistone, then Scunthorpe", ["penistone", "scunthorpe"]),
    ("The Niger Delta is beautiful this time of year", ["niger"]),
    ("The kids were sniggering at the back of the class", ["sniggering"]),
    ("Fire retardant coating on all our sofas", ["retardant"]),
])
def test_words_the_lists_free_are_left_out_of_what_the_model_reads(policy, text, left_out):
    # The model reads letters: "Penistone", "the Niger Delta", "sniggering" were warned about or held as hateful.
    post = normalize_post({"account": "jdoe", "text": text})
    masked = tone.model_input(post, policy)
    assert len(masked) == len(post.text.norm)
    assert not any(word in masked for word in left_out)
    assert learned(findings(policy, text, account="jdoe")) == {}


def test_a_slur_is_never_left_out_of_what_the_model_reads(policy):
    post = normalize_post({"account": "jdoe", "text": "you niger, go back to the jungle"})
    assert "niger" in tone.model_input(post, policy)
