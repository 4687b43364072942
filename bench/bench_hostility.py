"""The hostility model next to alt-profanity-check: time per post and recall / false positives.

    .venv/bin/python bench/bench_hostility.py [DEV_DIR]      (default: ../shared/data/real-dev)

Both are timed on the same posts in the same run, one post at a time (as the gate sees them).
Quality is printed on the shared dev sets (real-offensive, real-hate: share flagged; real-ok,
real-care: share flagged by mistake) and on the held-out written cases in bench/datasets.
alt-profanity-check was trained on data that includes the Davidson tweets the dev sets come
from, so its dev figures are inflated; compare on the held-out cases for a fair view.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.datasets.tone_cases import (REPLIES_HELDOUT, edos_sexism_cases, hostility_cases,  # noqa: E402
                                      identity_heldout_cases, reddit_misogyny_cases, reply_heldout_cases,
                                      sexism_heldout_cases, threat_heldout_cases)
from bench.timing import line, summary, time_each  # noqa: E402
from gatekeeper.checks import known_rule_ids, tone  # noqa: E402
from gatekeeper.models.hostility import model, model_text  # noqa: E402
from gatekeeper.normalize import normalize_post, normalize_text  # noqa: E402
from gatekeeper.rules.policy import load_policy  # noqa: E402

DEV_FAMILIES = {"real-offensive": "flag", "real-hate": "flag", "real-ok": "pass", "real-care": "pass"}
DEFAULT_DEV = ROOT.parent / "shared" / "data" / "real-dev"


def load_dev(dev_dir: Path) -> dict[str, list[dict]]:
    out = {}
    for family in DEV_FAMILIES:
        path = dev_dir / f"{family}.jsonl"
        if path.exists():
            out[family] = [json.loads(line)["post"] for line in path.open(encoding="utf-8") if line.strip()]
    return out


def model_flags(policy, text: str, reply: bool) -> bool:
    levels = tone.thresholds(policy)
    score = model().score(model_text(normalize_text(text)))
    lowest = lambda name: min(levels[name].values())  # noqa: E731
    flagged = score["hostile"] >= lowest("hostility") or score["hate"] >= lowest("hate")
    flagged = flagged or ("threat" in score.probs and score["threat"] >= lowest("threat"))
    return flagged or (reply and score["reply"] >= lowest("reply_hostility"))


def tone_flags(policy, post: dict, account: str) -> bool:
    payload = {"account": account, "text": post["text"]}
    if post.get("in_reply_to"):
        payload["in_reply_to"] = post["in_reply_to"]
    return any(f.action != "allow" for f in tone.check(normalize_post(payload), policy))


def print_rates(policy, predict_prob, name: str, must: str, cases: list[dict], account: str,
                replies: bool = False) -> None:
    """One row: share of `cases` flagged by the model, the tone check (on `account`, with the post answered where
    a case has one) and alt-profanity-check. With `replies`, a case that answers a post is scored as a reply."""
    n = len(cases)
    ours_rate = sum(model_flags(policy, c["text"], replies and bool(c.get("parent"))) for c in cases) / n
    posts = [{"text": c["text"], **({"in_reply_to": {"text": c["parent"]}} if c.get("parent") else {})} for c in cases]
    tone_rate = sum(tone_flags(policy, post, account) for post in posts) / n
    base_rate = sum(predict_prob([c["text"]])[0] >= 0.5 for c in cases) / n
    print(f"{name:<22}{n:>5}  {ours_rate:>7.1%}  {tone_rate:>10.1%}  {base_rate:>20.1%}   ({must})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dev_dir", nargs="?", type=Path, default=DEFAULT_DEV)
    args = parser.parse_args(argv)

    from profanity_check import predict_prob

    policy = load_policy(ROOT / "policies", known_rule_ids())
    dev = load_dev(args.dev_dir)
    texts = [post["text"] for posts in dev.values() for post in posts]
    held_out = hostility_cases()
    texts += [case["text"] for case in held_out]
    if not texts:
        print("no posts found")
        return 1
    normalised = [model_text(normalize_text(t)) for t in texts]

    print(f"time per post, {len(texts)} posts, one at a time")
    m = model()
    ours = time_each(m.score, normalised)
    ours_norm = time_each(lambda t: m.score(model_text(normalize_text(t))), texts)
    base = time_each(lambda t: predict_prob([t]), texts)
    base_s = summary(base)
    print(line("alt-profanity-check predict_prob", base))
    print(line("hostility model (normalised text)", ours, base_s))
    print(line("hostility model incl. normalisation", ours_norm, base_s))
    started = time.perf_counter()
    predict_prob(texts)
    batch_ms = (time.perf_counter() - started) * 1000 / len(texts)
    print(f"{'alt-profanity-check, one batch of all posts':<44} {batch_ms:8.3f} ms a post (the gate sees one post at a time)")

    print("\nquality: share of posts flagged (must-flag sets: recall; must-pass sets: false positives)")
    print(f"{'set':<22}{'n':>5}  {'model':>7}  {'tone check':>10}  {'alt-profanity-check':>20}")
    for family, posts in dev.items():
        reply = family == "real-care"
        account = "acme-air" if reply else "jdoe"  # brand replies on a corporate account, tweets on a personal one
        n = len(posts)
        ours_rate = sum(model_flags(policy, p["text"], reply) for p in posts) / n
        tone_rate = sum(tone_flags(policy, p, account) for p in posts) / n
        base_rate = sum(predict_prob([p["text"]])[0] >= 0.5 for p in posts) / n
        print(f"{family:<22}{n:>5}  {ours_rate:>7.1%}  {tone_rate:>10.1%}  {base_rate:>20.1%}   ({DEV_FAMILIES[family]})")
    kinds = sorted({c["kind"] for c in held_out})
    for kind in kinds:
        cases = [c for c in held_out if c["kind"] == kind]
        reply = kind.endswith("reply")
        posts = [{"text": c["text"], **({"in_reply_to": {"text": c["in_reply_to"]}} if reply else {})} for c in cases]
        n = len(cases)
        ours_rate = sum(model_flags(policy, c["text"], reply) for c in cases) / n
        tone_rate = sum(tone_flags(policy, p, "acme-air") for p in posts) / n
        base_rate = sum(predict_prob([c["text"]])[0] >= 0.5 for c in cases) / n
        must = "flag" if cases[0]["bad"] else "pass"
        print(f"{'held-out ' + kind:<22}{n:>5}  {ours_rate:>7.1%}  {tone_rate:>10.1%}  {base_rate:>20.1%}   ({must})")
    # The independent held-out replies, as a support desk sends them: opening with the customer's handle,
    # and with the customer's post attached where the writer gave one.
    for name in REPLIES_HELDOUT:
        replies = reply_heldout_cases(name)
        for label, must in (("hostile", "flag"), ("friendly", "pass")):
            cases = [c for c in replies if c["label"] == label]
            n = len(cases)
            ours_rate = sum(model_flags(policy, c["text"], True) for c in cases) / n
            tone_handle = sum(tone_flags(policy, {"text": "@customer " + c["text"]}, "acme-air") for c in cases) / n
            tone_parent = sum(tone_flags(policy, {"text": c["text"], **({"in_reply_to": {"text": c["parent"]}} if c["parent"] else {})},
                                         "acme-air") for c in cases) / n
            base_rate = sum(predict_prob([c["text"]])[0] >= 0.5 for c in cases) / n
            print(f"{name + ' ' + label + ' @':<22}{n:>5}  {ours_rate:>7.1%}  {tone_handle:>10.1%}  {base_rate:>20.1%}   ({must})")
            print(f"{name + ' ' + label + ' +post':<22}{n:>5}  {'':>7}  {tone_parent:>10.1%}  {'':>20}   ({must})")
    # Kind posts naming a group (celebrations, allyship, counter-speech), each on the account kind it was
    # written for: a brand's or a person's. Any flag is a false alarm.
    identity = identity_heldout_cases()
    for voice, account in (("brand", "acme-air"), ("personal", "jdoe")):
        print_rates(policy, predict_prob, "identity " + voice, "pass", [c for c in identity if c["voice"] == voice],
                    account)
    # Threats of violence and posts that share their words, on the account kind each was written for, with the
    # post answered where there is one: threats must be flagged, look-alikes must pass.
    threats = threat_heldout_cases()
    for label, must in (("threat", "flag"), ("fine", "pass")):
        for voice, account in (("personal", "jdoe"), ("brand", "acme-air")):
            cases = [c for c in threats if c["label"] == label and c["voice"] == voice]
            print_rates(policy, predict_prob, f"threats {label} {voice}", must, cases, account, replies=voice == "brand")
    # Sexist and not sexist Reddit and Gab posts from EDOS's test split (never trained on; the sexism head learns from
    # EDOS's training split), and misogynistic and other Reddit posts from another source, on a personal account.
    # Flagged is any finding; the other side holds other insults, so its flag rate is not a false-alarm rate.
    edos = edos_sexism_cases()
    for label, must in (("sexist", "flag"), ("not_sexist", "other")):
        print_rates(policy, predict_prob, "edos " + label, must, [c for c in edos if c["label"] == label], "jdoe")
    misogyny = reddit_misogyny_cases()
    for label, must in (("misogynistic", "flag"), ("not_misogynistic", "other")):
        print_rates(policy, predict_prob, "misogyny " + label, must, [c for c in misogyny if c["label"] == label],
                    "jdoe")
    # Sexist posts and their look-alikes by a writer who saw none of the written sexism sets, on their account kind.
    sexism = sexism_heldout_cases()
    for label, must in (("sexist", "flag"), ("fine", "pass")):
        for voice, account in (("personal", "jdoe"), ("brand", "acme-air")):
            print_rates(policy, predict_prob, f"sexism {label} {voice}", must,
                        [c for c in sexism if c["label"] == label and c["voice"] == voice], account)
    print("\nalt-profanity-check was trained on the Davidson tweets behind the dev sets: its dev figures are inflated.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
