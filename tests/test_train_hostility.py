"""train/hostility.py end to end on a small data folder made here: it reads every kind of source the
data card lists, leaves the shared dev rows and the evaluation-only corpora out of training, and writes
a model the gate loads without pickle."""
from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "train"))

pytest.importorskip("sklearn")  # installed with the test extra (alt-profanity-check needs it)

import hostility as training  # noqa: E402

from gatekeeper.models.hostility import HostilityModel, model_text  # noqa: E402
from gatekeeper.normalize import normalize_text  # noqa: E402

INSULTS = ["you absolute clown", "shut up you moron", "what a pathetic idiot", "go away loser", "you worthless fool"]
GROUP_HATE = ["{g} are vermin and should be thrown out", "send all the {g} back, they ruin everything",
              "{g} are subhuman", "never trust {g}, they are parasites"]
GROUPS = ["immigrants", "muslims", "jews", "women", "gays"]
ORDINARY = ["lovely walk by the river this morning", "anyone watching the match tonight", "new recipe turned out great",
            "traffic on the ring road again", "finally finished my book club novel", "coffee first then emails"]
DEV_TEXT = "this exact tweet is in the shared dev set and must never be trained on"
SEXIST = ["women are too emotional to run anything", "she only got hired because she is a woman",
          "girls belong in the kitchen not the boardroom", "females are all shallow gold diggers"]
NOT_SEXIST = ["my sister just got promoted at work", "she scored twice in the final tonight",
              "the women's team won the league again", "what a rude guy he is, honestly"]


def corpus_rows(rng: random.Random, n: int) -> list[dict]:
    rows = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            text, label = f"{rng.choice(INSULTS)} number {i}", "offensive"
        elif kind == 1:
            text, label = rng.choice(GROUP_HATE).format(g=rng.choice(GROUPS)) + f" {i}", "hate"
        else:
            text, label = f"{rng.choice(ORDINARY)} day {i}", "none"
        rows.append({"text": text, "label": label})
    return rows


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    rng = random.Random(5)
    root = tmp_path_factory.mktemp("hostility-data")
    (root / "davidson").mkdir()
    with open(root / "davidson" / "labeled_data.csv", "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"])
        for i, row in enumerate(corpus_rows(rng, 240) + [{"text": DEV_TEXT, "label": "offensive"}]):
            cls = {"hate": 0, "offensive": 1, "none": 2}[row["label"]]
            votes = [3 if cls == k else 0 for k in range(3)]
            out.writerow([i, 3, *votes, cls, row["text"]])
    (root / "hatexplain").mkdir()
    with open(root / "hatexplain" / "092-HateXplain.csv", "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["", "text", "label", "category", "id"])
        for i, row in enumerate(corpus_rows(rng, 240)):
            category = {"none": 0, "hate": 1, "offensive": 2}[row["label"]]
            out.writerow([i, row["text"], int(category > 0), category, f"x{i}"])
    for name in training.TRAIN_CORPORA:
        folder = root / "corpora" / name
        folder.mkdir(parents=True)
        with open(folder / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for row in corpus_rows(rng, 90):
                fh.write(json.dumps(row) + "\n")
    # The sexism corpus, with its authors' split in the source, as convert_corpora.py writes EDOS.
    folder = root / "corpora" / "edos"
    folder.mkdir(parents=True)
    with open(folder / "edos.jsonl", "w", encoding="utf-8") as fh:
        for i in range(200):
            part = ("train", "train", "train", "dev", "test")[i % 5]
            sexist = i % 2 == 0
            text = f"{rng.choice(SEXIST if sexist else NOT_SEXIST)} {i}"
            fh.write(json.dumps({"text": text, "label": "hate" if sexist else "not_hate",
                                 "source": f"edos:{part}:sexism2022_english-{i}"}) + "\n")
    (root / "agent_turns").mkdir()
    for name in training.AGENT_CORPORA:
        lines = [f"Your table for {n} is booked for {h} pm, the reference is {name.upper()}{n}{h}."
                 for n in range(2, 8) for h in range(5, 10)]
        (root / "agent_turns" / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def train(data_dir: Path, out: Path, dev_dir: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "train" / "hostility.py"), str(data_dir), "--out", str(out),
         "--dev-dir", str(dev_dir), "--max-features", "4000", *extra],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def load(out: Path) -> HostilityModel:
    arrays = dict(np.load(out / "model.npz", allow_pickle=False))
    return HostilityModel(arrays, json.loads((out / "vocab.json").read_text()), json.loads((out / "meta.json").read_text()))


@pytest.fixture(scope="module")
def trained(data_dir, tmp_path_factory):
    dev_dir = tmp_path_factory.mktemp("dev")
    (dev_dir / "real-offensive.jsonl").write_text(json.dumps({"post": {"text": DEV_TEXT}}) + "\n")
    out = tmp_path_factory.mktemp("model")
    log = train(data_dir, out, dev_dir)
    return out, log, dev_dir


def test_training_writes_a_model_the_gate_loads(trained):
    out, log, _ = trained
    model = load(out)
    assert model.heads == ["hostile", "hate", "reply", "threat", "sexism"]
    hostile = model.score(model_text(normalize_text("shut up you pathetic moron")))
    calm = model.score(model_text(normalize_text("lovely walk by the river this morning")))
    assert hostile["hostile"] > calm["hostile"]
    meta = json.loads((out / "meta.json").read_text())
    assert set(meta["suggested_thresholds"]) == {"hostility", "hate", "reply", "hostile_hate", "threat", "sexism"}
    assert {"davidson", "hatexplain", "agent", "written", "threats", *training.TRAIN_CORPORA} <= set(meta["sources"])
    # The reply and threat heads read words and word pairs only: no weight on a character n-gram.
    assert meta["head_features"] == {"reply": ["w:", "b:"], "threat": ["w:", "b:"]}
    vocab = json.loads((out / "vocab.json").read_text())
    chars = np.array([v.startswith("c:") for v in vocab])
    coef = np.load(out / "model.npz")["coef"]
    for head in (2, 3):
        assert chars.any() and not coef[chars, head].any() and coef[~chars, head].any()
    threat = model.score(model_text(normalize_text("i know where you live and i will slit your throat")))
    assert threat["threat"] > calm["threat"]
    sexist = model.score(model_text(normalize_text("women are too emotional to run anything at all")))
    assert sexist["sexism"] > calm["sexism"]


def test_threat_threshold_is_bounded_on_the_look_alikes_of_the_training_split_too(trained):
    """1% of the calibration split's few hundred look-alikes is a handful of posts: the training split's are scored
    out of fold and bound the threat threshold with them."""
    _, log, _ = trained
    found = re.search(r"threat look-alikes bounding the threat threshold: (\d+) out of fold, (\d+) of the calibration", log)
    assert found, log[-2000:]
    out_of_fold, calibration = int(found.group(1)), int(found.group(2))
    assert out_of_fold > 5 * calibration > 0


def test_shared_dev_rows_are_left_out(trained):
    _, log, _ = trained
    assert "'davidson_excluded_dev': 1" in log


def test_evaluation_only_corpora_are_scored_but_never_trained_on(trained, data_dir, tmp_path):
    out, _, dev_dir = trained
    (data_dir / "eval").mkdir()
    try:
        with open(data_dir / "eval" / "other.jsonl", "w", encoding="utf-8") as fh:
            for row in corpus_rows(random.Random(9), 60):
                fh.write(json.dumps(row) + "\n")
        log = train(data_dir, tmp_path, dev_dir)
    finally:
        (data_dir / "eval" / "other.jsonl").unlink()
        (data_dir / "eval").rmdir()
    assert "eval:other-hate" in log.split("held-out sources")[1]
    before, after = np.load(out / "model.npz"), np.load(tmp_path / "model.npz")
    for key in ("coef", "intercept", "platt", "idf"):
        assert np.array_equal(before[key], after[key]), key


def test_holdout_leaves_a_whole_corpus_out(data_dir, trained, tmp_path):
    _, _, dev_dir = trained
    name = training.TRAIN_CORPORA[0]
    log = train(data_dir, tmp_path, dev_dir, "--holdout", name)
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert name not in meta["sources"] and name in meta["held_out_sources"]
    assert f"{name}-hate" in log.split("held-out sources")[1]


def test_corpora_option_chooses_what_is_trained_on_and_hate_only_keeps_a_corpus_out_of_the_hostile_head(
        data_dir, trained, tmp_path, monkeypatch):
    _, _, dev_dir = trained
    first, second = training.TRAIN_CORPORA[:2]
    train(data_dir, tmp_path, dev_dir, "--corpora", f"{first},{second}", "--hate-only", second)
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert {first, second} <= set(meta["sources"])
    assert not set(training.TRAIN_CORPORA[2:]) & set(meta["sources"])
    assert meta["hate_head_only_sources"] == [second]
    monkeypatch.setattr(training, "HATE_ONLY_CORPORA", [second])
    rows = [{"source": first, "label": "hate"}, {"source": second, "label": "hate"},
            {"source": second, "label": "not_hate"}]
    w = training.head_weights(rows, written_weight=0.5)
    assert list(w[:, 0]) == [1.0, 0.0, 0.0] and list(w[:, 1]) == [1.0, 1.0, 1.0]


def test_not_hate_rows_train_the_hate_head_only():
    """A negative of a corpus labelled for one kind of hate ("not sexist" may still be an insult) weighs
    nothing in the hostile head; written rows weigh their weight in the tweet heads and count in the reply
    head, as do agent turns; corpus rows do not count in the reply head."""
    rows = [{"source": "hatemoji", "label": "hate"}, {"source": "hatemoji", "label": "not_hate"},
            {"source": "hatecheck", "label": "hate"}, {"source": "written", "label": "offensive"},
            {"source": "agent", "label": "none"}]
    w = training.head_weights(rows, written_weight=1.5)
    hostile, hate, reply = w[:, 0], w[:, 1], w[:, 2]
    assert list(hostile) == [1.0, 0.0, 1.0, 1.5, 1.0]
    assert list(hate) == [1.0, 1.0, 1.0, 1.5, 1.0]
    assert list(reply) == [0.0, 0.0, 0.0, 1.0, training.REPLY_WEIGHTS["agent"]]
    assert training.targets([{"label": "not_hate", "source": "hatemoji"}]).tolist() == [[0, 0, 0, 0, 0]]


def test_sexism_corpora_train_the_sexism_head_alone():
    """EDOS trains only the sexism head (in the hate head it raised the hate threshold); the head's negatives are
    ordinary tweets, the written brand posts and replies, agent turns and the written kind posts naming a group, not
    offensive tweets (unlabelled for sexism) nor the hate corpora."""
    rows = [{"source": "edos", "label": "hate"}, {"source": "edos", "label": "not_hate"},
            {"source": "davidson", "label": "none"}, {"source": "davidson", "label": "offensive"},
            {"source": "written", "label": "none"}, {"source": "agent", "label": "none"},
            {"source": "identity", "label": "none"}, {"source": "implicit_hate", "label": "hate"},
            {"source": "sexism", "label": "hate"}, {"source": "sexism", "label": "none"}]
    w = training.head_weights(rows, written_weight=0.5)
    weights = training.SEXISM_HEAD_WEIGHTS
    assert not w[:2, :4].any() and not w[8:, :4].any()
    assert list(w[:, 4]) == [weights["edos"], weights["edos"], weights["davidson-none"], 0.0, weights["written"],
                             weights["agent"], weights["identity"], 0.0, weights["sexism"], weights["sexism"]]
    assert training.targets(rows)[:, 4].tolist() == [1, 0, 0, 0, 0, 0, 0, 0, 1, 0]


def test_sexism_rows_keep_their_authors_split_and_say_when_they_cannot(data_dir, tmp_path):
    by_split = training.load_sexism_rows(data_dir, set(), Counter(), seed=11)
    edos = {part: [r for r in rows if r["source"] == "edos"] for part, rows in by_split.items()}
    assert [len(edos[part]) for part in ("train", "dev", "test")] == [120, 40, 40]
    assert all(r["sexism_only"] for rows in by_split.values() for r in rows)
    identity = sum(len([r for r in rows if r["source"] == "identity"]) for rows in by_split.values())
    assert identity == 800 and len([r for r in by_split["train"] if r["source"] == "identity"]) == 640
    # Each written sexism set is split 80/10/10 on its own, both labels in each part.
    for writer in ("sexism-a", "sexism-b"):
        parts = {part: [r for r in rows if r.get("writer") == writer] for part, rows in by_split.items()}
        assert [len(parts[part]) for part in ("train", "dev", "test")] == [480, 60, 60]
        assert {r["label"] for r in parts["train"]} == {"hate", "none"}
    # An EDOS file converted before the split was kept in the source is refused, with what to do.
    (tmp_path / "corpora" / "edos").mkdir(parents=True)
    (tmp_path / "corpora" / "edos" / "edos.jsonl").write_text(
        json.dumps({"text": "x", "label": "hate", "source": "edos:sexism2022_english-1"}) + "\n")
    with pytest.raises(ValueError, match="convert_corpora.py edos"):
        training.load_sexism_rows(tmp_path, set(), Counter(), seed=11)


def test_sexism_test_split_is_never_trained_on(trained, data_dir, tmp_path):
    """The sexism head's test rows are EDOS's test split: changing them changes no weight."""
    out, _, dev_dir = trained
    path = data_dir / "corpora" / "edos" / "edos.jsonl"
    original = path.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in original.splitlines()]
    for row in rows:
        if ":test:" in row["source"]:
            row["text"] = "an entirely different test sentence about cooking " + row["source"][-3:]
    try:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        train(data_dir, tmp_path, dev_dir)
    finally:
        path.write_text(original, encoding="utf-8")
    before, after = np.load(out / "model.npz"), np.load(tmp_path / "model.npz")
    for key in ("coef", "intercept", "platt", "idf"):
        assert np.array_equal(before[key], after[key]), key


def test_threat_head_learns_from_the_written_threats_against_everything_else():
    """Only a written threat is a positive of the threat head; its look-alikes, ordinary tweets, brand replies and
    agent turns are its negatives, offensive tweets weakly; a written reply that threatens a booking (not harm) and
    the hate corpora weigh nothing there. The written threats are not in the hate head."""
    rows = [{"source": "threats", "label": "offensive", "group": "written-threats_hostile"},
            {"source": "threats", "label": "none", "group": "written-threats_fine"},
            {"source": "davidson", "label": "none"}, {"source": "davidson", "label": "offensive"},
            {"source": "written", "label": "offensive", "kind": "threat_booking"},
            {"source": "written", "label": "none", "kind": "apology"},
            {"source": "agent", "label": "none"}, {"source": "implicit_hate", "label": "hate"}]
    w = training.head_weights(rows, written_weight=0.5)
    weights = training.THREAT_HEAD_WEIGHTS
    assert list(w[:, 3]) == [weights["threats"], weights["threats"], weights["davidson-none"], weights["davidson"], 0.0,
                             weights["written"], weights["agent"], 0.0]
    assert list(w[:2, 1]) == [0.0, 0.0]
    assert list(w[:2, 0]) == [training.THREAT_WEIGHTS["hostile"]] * 2
    assert training.targets(rows)[:, 3].tolist() == [1, 0, 0, 0, 0, 0, 0, 0]
    threats = training.load_written_threats()
    assert {r["label"] for r in threats} == {"offensive", "none"} and all(r["source"] == "threats" for r in threats)


def test_kind_posts_naming_a_group_weigh_what_the_options_say(monkeypatch, data_dir):
    """The written kind posts that name a group (identity_fine.jsonl) are off by default, as in the shipped
    model; given a weight they count in the hostile head and, only if asked, in the hate head, never in the
    reply head."""
    rows = [{"source": "identity", "label": "none", "group": "written-identity_fine"},
            {"source": "written", "label": "none", "group": "written-brand_fine"}]

    def identity_rows():
        return [r for r in training.load_rows(data_dir, set(), Counter()) if r["group"] == "written-identity_fine"]

    assert training.IDENTITY_WEIGHTS == {"hostile": 0.0, "hate": 0.0}
    assert not identity_rows()
    monkeypatch.setitem(training.IDENTITY_WEIGHTS, "hostile", 2.0)
    assert len(identity_rows()) == 800
    w = training.head_weights(rows, written_weight=0.5)
    assert list(w[0, :3]) == [2.0, 0.0, 0.0]
    assert list(w[1, :3]) == [0.5, 0.5, 1.0]
    monkeypatch.setitem(training.IDENTITY_WEIGHTS, "hate", 1.0)
    assert list(training.head_weights(rows, written_weight=0.5)[0, :3]) == [2.0, 1.0, 0.0]
    identity = training.load_written_identity()
    assert len(identity) == 800 and {r["label"] for r in identity} == {"none"}
    assert all(r["group"] == "written-identity_fine" for r in identity)


def test_raise_threshold_keeps_a_third_of_the_raised_posts_hate_at_every_step():
    """hostile_hate is bounded by how often a raised post is hate: the lowest threshold at which, and above
    which, at least a third of the raised posts reaching it are hate; rows not raised do not count."""
    labels = ["hate", "offensive", "offensive", "hate", "offensive", "offensive", "offensive", "hate", "none"]
    hate_p = [0.305, 0.285, 0.265, 0.245, 0.225, 0.205, 0.185, 0.50, 0.40]
    raised = np.array([True] * 7 + [False, False])
    rows = [{"label": label} for label in labels]
    probs = np.column_stack([np.zeros(len(rows)), hate_p, np.zeros(len(rows))])
    # From 0.26: 1 of 3 hate; 0.24: 2 of 4; 0.22: 2 of 5; 0.19: 2 of 6 (a third); 0.18: 2 of 7 (too few).
    assert training.choose_raise_threshold(rows, probs, raised) == 0.19
    assert training.choose_raise_threshold(rows, probs, raised, share=0.5) == 0.27  # 0.26: 1 of 3


def test_a_sexism_corpus_left_in_the_evaluation_folder_is_not_scored_as_unseen(tmp_path):
    """EDOS used to be evaluation-only; a data folder still linking it under eval/ must not report its training rows
    as posts the model never saw."""
    (tmp_path / "eval").mkdir()
    for name in ("edos", "other"):
        (tmp_path / "eval" / f"{name}.jsonl").write_text(json.dumps({"text": f"a post from {name}", "label": "hate"}) + "\n")
    rows = training.load_eval_only(tmp_path, set(), Counter())
    assert [r["source"] for r in rows] == ["eval:other"]


def test_broad_twitter_corpus_tweets_are_ordinary_posts_without_listed_swearing(tmp_path, monkeypatch):
    def conll(tweets):
        return "\n\n".join("\n".join(f"{tok}\tO" for tok in t.split()) for t in tweets) + "\n"

    (tmp_path / "btc").mkdir()
    (tmp_path / "btc" / "a.conll").write_text(conll([
        "Going to lunch on my own today , the sun is out", "What a shit day at the office again",
        "@ jo see you at the station at five http://t.co/abc"]), encoding="utf-8")
    (tmp_path / "btc" / "h.conll").write_text(conll(["Back home after the match , great game tonight"]),
                                              encoding="utf-8")
    stats = Counter()
    trained_rows, scored_rows = training.load_btc(tmp_path, stats)
    assert [r["text"] for r in trained_rows] == ["Going to lunch on my own today, the sun is out",
                                                 "@jo see you at the station at five"]  # links dropped
    assert stats["btc_swearing_left_out"] == 1
    assert {(r["label"], r["group"]) for r in trained_rows} == {("none", "btc-none-clean")}
    assert [r["source"] for r in scored_rows] == ["eval:btc"]
    # Off by default: the shipped model is trained without them; --btc-weight puts them where Davidson's
    # ordinary tweets are.
    assert list(training.head_weights(trained_rows, 0.5)[0, :2]) == [0.0, 0.0]
    monkeypatch.setitem(training.BTC_WEIGHT, "weight", 1.0)
    w = training.head_weights(trained_rows, 0.5)
    assert list(w[0, :2]) == [1.0, 1.0] and w[0, 2] == 0.0 and w[0, 3] == 1.0 and w[0, 4] == 1.0
    assert training.pooled_group(trained_rows[0]) == "ordinary"
