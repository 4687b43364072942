#!/usr/bin/env python3
"""Extract human-written agent / system turns from permissively licensed dialogue corpora.

Reads only from bare git mirrors fetched under /work/.mirror/ (via `git show <commit>:<path>`),
writes one <corpus>.txt per corpus (one reply per line) into this folder.

Usage:  python3 extract.py            (standard library only)

Filtering (all corpora):
  * whitespace collapsed, spaces before punctuation from tokenised corpora (MultiWOZ) re-attached
  * keep 15 <= len <= 300 characters
  * drop lines containing unresolved placeholders (<name>, [NAME], {slot}, value_xxx, ...)
  * exact dedup on a normalised key (lowercase, digits -> 0, punctuation stripped)
  * diversity: at most MAX_PER_PREFIX lines share the same first 4 normalised words
  * random sample of at most 4,000 lines with a fixed seed (SEED), output in sampled order
"""
import io
import json
import os
import random
import re
import subprocess
import zipfile
from pathlib import Path

OUT = Path(os.environ.get("AGENT_TURNS_OUT", Path.cwd() / "agent_turns"))
MIRROR = Path(os.environ.get("MIRRORS", "/work/.mirror"))
SEED = 20261125
MAX_LINES = 4000
MAX_PER_PREFIX = 3
MIN_LEN, MAX_LEN = 15, 300

# (mirror dir, commit) -- the commits the CARD.md documents
TASKMASTER = ("google-research-datasets+Taskmaster", "d92cb6af3005f1dc09c39e75e7daf4a04905e00b")
ABCD = ("asappresearch+abcd", "6b8700ce67c6b37b062dd7a60abc76d7ef832a97")
CONVLAB2 = ("thu-coai+ConvLab-2", "b014b81fcb1ff74f54681917eee39c14c87af3e5")
STAR = ("RasaHQ+STAR", "3058975092cdd09798e4a3a9e4ae135755824545")


def git_show(repo, path):
    name, commit = repo
    return subprocess.run(
        ["git", "--git-dir", str(MIRROR / name / "repo"), "show", f"{commit}:{path}"],
        check=True, capture_output=True).stdout


def git_json(repo, path):
    return json.loads(git_show(repo, path))


def zip_json(repo, path):
    z = zipfile.ZipFile(io.BytesIO(git_show(repo, path)))
    return json.loads(z.read(z.namelist()[0]))


PLACEHOLDER = re.compile(
    r"<[^<>\s]{1,30}>|\[[A-Za-z_ ]{1,30}\]|\{[A-Za-z_]{1,30}\}|\bvalue_[a-z]+\b|\b[a-z]+_(?:name|ref|reference|id)\b|\b(?:UNK|unk)\b|#+\w*#")


def clean(text):
    t = str(text).replace("\\r", " ").replace("\\n", " ").replace("\\t", " ")  # literal escapes
    t = re.sub(r"\s+", " ", t).strip().rstrip("\\").strip()
    return t


def detok(t):
    """Undo the space-before-punctuation tokenisation of MultiWOZ logs."""
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r" ([.,!?;:%)])", r"\1", t)
    t = re.sub(r"\( ", "(", t)
    t = re.sub(r" (n't|'s|'re|'ll|'ve|'d|'m)\b", r"\1", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t


def norm_key(t):
    k = t.lower()
    k = re.sub(r"\d+", "0", k)
    k = re.sub(r"[^\w\s]", "", k)
    return re.sub(r"\s+", " ", k).strip()


def finish(name, texts, source_note):
    seen, kept = set(), []
    n_in = 0
    for t in texts:
        n_in += 1
        t = clean(t)
        if not (MIN_LEN <= len(t) <= MAX_LEN):
            continue
        if PLACEHOLDER.search(t):
            continue
        if not re.search(r"[A-Za-z]{2,}", t):
            continue
        k = norm_key(t)
        if k in seen:
            continue
        seen.add(k)
        kept.append(t)
    rng = random.Random(SEED)
    rng.shuffle(kept)
    per_prefix, out = {}, []
    for t in kept:
        p = " ".join(norm_key(t).split()[:4])
        if per_prefix.get(p, 0) >= MAX_PER_PREFIX:
            continue
        per_prefix[p] = per_prefix.get(p, 0) + 1
        out.append(t)
        if len(out) >= MAX_LINES:
            break
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.txt").write_text("".join(x + "\n" for x in out), encoding="utf-8")
    print(f"{name}: {n_in} raw turns, {len(kept)} unique after filters, {len(out)} written  [{source_note}]")
    return len(out)


def taskmaster4():
    texts = []
    for i in range(8):
        for dlg in git_json(TASKMASTER, f"TM-4-2024/data/data_{i:02d}.json"):
            for u in dlg["utterances"]:
                if u.get("speaker") == "assistant":
                    texts.append(u["text"])
    return finish("taskmaster4", texts, "TM-4-2024/data/data_00..07.json, speaker==assistant")


def taskmaster3_reward_NOT_USED():
    # NOT USED. The TM-3 dialogue files (TM-3-2020/data/*.json) are absent from the snapshot (>4 MiB).
    # The reward files (added 2024 for the PERL paper) carry dialogue prefixes in "context", but their
    # provenance is undocumented: the analogous TM-4 reward contexts share 0 conversation ids and only
    # 73/3935 agent turns with the TM-4 dialogue files, and the movie titles are from 2022, so the agent
    # turns are probably produced by a model policy, not human-written. Kept here only for the record.
    texts = []
    for i in range(8):
        for ex in git_json(TASKMASTER, f"TM-3-2020/reward/reward_{i:02d}.json"):
            for turn in json.loads(ex["context"]):
                if turn.get("role") == "agent" and isinstance(turn.get("text"), str):
                    texts.append(turn["text"])
    return finish("taskmaster3", texts, "TM-3-2020/reward/reward_00..07.json, context turns role==agent")


def multiwoz():
    texts = []
    for split in ("val", "test"):
        d = zip_json(CONVLAB2, f"data/multiwoz/{split}.json.zip")
        for dlg in d.values():
            for i, turn in enumerate(dlg["log"]):
                if i % 2 == 1:  # odd turns are system turns
                    texts.append(detok(turn["text"]))
    return finish("multiwoz", texts, "ConvLab-2 data/multiwoz/{val,test}.json.zip, odd log turns")


def camrest():
    texts = []
    for split in ("train", "val", "test"):
        for dlg in zip_json(CONVLAB2, f"data/camrest/{split}.json.zip"):
            for turn in dlg["dial"]:
                texts.append(detok(turn["sys"]["sent"]))
    return finish("camrest676", texts, "ConvLab-2 data/camrest/{train,val,test}.json.zip, sys.sent")


def git_tree_blobs(repo, folder):
    """Yield (path, bytes) for every blob under folder, via one `git cat-file --batch` process."""
    name, commit = repo
    gd = str(MIRROR / name / "repo")
    ls = subprocess.run(["git", "--git-dir", gd, "ls-tree", "-r", commit, folder],
                        check=True, capture_output=True, text=True).stdout.splitlines()
    entries = [(l.split()[2], l.split("\t", 1)[1]) for l in ls]
    out = io.BytesIO(subprocess.run(["git", "--git-dir", gd, "cat-file", "--batch"],
                                    input="".join(h + "\n" for h, _ in entries).encode(),
                                    check=True, capture_output=True).stdout)
    for h, path in entries:
        header = out.readline().split()
        size = int(header[2])
        data = out.read(size)
        out.read(1)
        yield path, data


def star():
    # Wizard (agent) turns that were actually sent to the user: "utter" = free text typed by the
    # wizard; "pick_suggestion" = a response template chosen by the wizard (templates were written by
    # the dataset authors). "request_suggestions" texts are drafts never sent and are NOT used.
    texts = []
    for path, data in git_tree_blobs(STAR, "dialogues"):
        if not path.endswith(".json"):
            continue
        d = json.loads(data)
        for ev in d.get("Events", []):
            if ev.get("Agent") == "Wizard" and ev.get("Action") in ("utter", "pick_suggestion") \
                    and isinstance(ev.get("Text"), str):
                texts.append(ev["Text"])
    return finish("star", texts, "dialogues/*.json, Agent==Wizard and Action in {utter, pick_suggestion}")


def abcd():
    texts = []
    for conv in git_json(ABCD, "data/abcd_sample.json"):
        for speaker, text in conv["original"]:
            if speaker == "agent":
                texts.append(text)
    return finish("abcd", texts, "data/abcd_sample.json (3 conversations only), original speaker==agent")


if __name__ == "__main__":
    for f in (taskmaster4, multiwoz, camrest, star, abcd):
        f()
