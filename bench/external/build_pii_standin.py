#!/usr/bin/env python3
"""Build an evaluation-only PII stand-in set from sources independent of microsoft/presidio-research.

Usage: MIRRORS=/work/.mirror python bench/external/build_pii_standin.py OUT_DIR
Reads bare git mirrors (MIRRORS/<owner>+<name>/repo) at the commits pinned in COMMITS and writes
OUT_DIR/pii.jsonl in the shared dev sets' format, so `python3 ../shared/tools/score_real.py --data OUT_DIR`
scores it (OUT_DIR/accounts/ needs real-brand.yaml from the shared dev sets). Never trained or tuned on;
two of the sources state no licence, so the set is not committed: this script is its recipe.

Sources (licence as stated by each repository):
  A  AmbientMeta/ambientmeta-pii-detection-benchmark  data/*/*.jsonl      Apache-2.0 repo; rows say CC0
     (rows derived from ai4privacy/pii-masking-300k, Gretel PII EN, NVIDIA Nemotron-PII, hand-made)
  N  Nannigalaxy/PII-synthetic_dataset dataset/pii_syn_nano_en.json      MIT
  M  mashaor/pii-masking-synthetic-data sample_data/*.csv                 no licence file (LLM + Faker en_US,
     ai4privacy-200k format)
  C  Tiffany-tianfei/canadian-pii-dataset data-generator-full/data_with_variance_final.csv
                                                                           no licence file (LLM + Faker, Canadian formats)
Seeded (SEED) sampling; positives spread over kinds (<=100 a kind, ~600 in all), ~300 negatives.
"""
import ast
import collections
import csv
import io
import json
import os
import random
import re
import subprocess

SEED = 20240607
MIRROR = os.environ.get("MIRRORS", "/work/.mirror")
OUT = None  # set from the command line
COMMITS = {
    "AmbientMeta/ambientmeta-pii-detection-benchmark": "6710e3b",
    "Nannigalaxy/PII-synthetic_dataset": "e776265",
    "mashaor/pii-masking-synthetic-data": "d396317",
    "Tiffany-tianfei/canadian-pii-dataset": "b627e2f",
}
DEV = "/work/shared/data/real-dev"
N_POS, N_NEG, CAP = 600, 300, 100
MAXLEN = 280

# rarest first: a row holding several kinds is filed under the scarcest one
KIND_ORDER = ["dob", "ip", "passport", "driver_licence", "iban", "national_id", "address", "ssn", "card", "phone", "email"]


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", f"{MIRROR}/{repo.replace('/', '+')}/repo", *args],
                          capture_output=True, text=True, check=True).stdout


def head(repo):
    return git(repo, "rev-parse", COMMITS[repo]).strip()


def show(repo, path):
    return git(repo, "show", f"{COMMITS[repo]}:{path}")


# ---------------------------------------------------------------- helpers
def luhn_ok(s):
    d = [int(c) for c in re.sub(r"\D", "", s)]
    if not 12 <= len(d) <= 19:
        return False
    tot = 0
    for i, x in enumerate(reversed(d)):
        if i % 2:
            x *= 2
            x -= 9 if x > 9 else 0
        tot += x
    return tot % 10 == 0


def iban_ok(s):
    s = re.sub(r"\s", "", s).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", s):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def check_valid(kind, value):
    if kind == "card":
        return luhn_ok(value)
    if kind == "iban" and re.match(r"^[A-Za-z]{2}\d{2}", value.replace(" ", "")):
        return iban_ok(value)
    return None


SENT_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+|<br>|</p>|<p>")


def crop(text, values):
    """Shorten a long text to the sentence(s) around its first private value (<= MAXLEN)."""
    if len(text) <= MAXLEN:
        return text, False
    parts, pos = [], 0
    for m in SENT_SPLIT.finditer(text):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, len(text)))
    parts = [(a, b) for a, b in parts if text[a:b].strip()]
    at = min((text.find(v) for v in values if v and text.find(v) >= 0), default=-1)
    if at < 0:
        return None, False
    i = next((k for k, (a, b) in enumerate(parts) if a <= at < b), None)
    if i is None:
        return None, False
    lo = hi = i
    # the value must lie wholly inside the kept sentences
    end_at = at + max(len(v) for v in values if v and text.find(v) == at)
    while parts[hi][1] < end_at and hi + 1 < len(parts):
        hi += 1
    while True:
        grown = False
        if hi + 1 < len(parts) and parts[hi + 1][1] - parts[lo][0] <= MAXLEN:
            hi += 1
            grown = True
        if lo > 0 and parts[hi][1] - parts[lo - 1][0] <= MAXLEN:
            lo -= 1
            grown = True
        if not grown:
            break
    out = " ".join(text[a:b].strip() for a, b in parts[lo:hi + 1])
    out = re.sub(r"<[^>]+>", " ", out)
    out = re.sub(r"\s+", " ", out).strip()
    if len(out) > MAXLEN or not any(v in out for v in values):
        return None, False
    return out, True


ID_WORDS = re.compile(
    r"passport|licen[cs]e|\bssn\b|social security|social insurance|\bsin\b|\biban\b|account (?:no|num)|"
    r"card (?:no|num)|credit card|phone|\btel\b|mobile|\bdob\b|date of birth|birth ?date|born on|\bip\b|"
    r"ipv[46]|password|national id|\bid:|document number|e-?mail|postcode|zip ?code|street|road|avenue|address",
    re.I)


def negative_ok(text):
    if re.search(r"\d{7,}", text) or re.search(r"\S@\S", text):
        return False
    # also a digit group of 7+ digits written with separators (e.g. 555-123-4567, 12 34 56 78)
    if re.search(r"\d(?:[\s.\-/]?\d){6,}", text):
        return False
    if ID_WORDS.search(text):
        return False
    if re.search(r"\b[A-Z]{2},? \d{5}\b|\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b|\b\d{5}\b", text):  # zip / postcode-like
        return False
    if re.search(r"<[a-z/][^>]*>|\{|\[[A-Z_]+\]", text):  # markup / unfilled placeholders
        return False
    return True


def clean(text):
    return re.sub(r"[ \t]+", " ", text.replace("\r", "")).strip()


# ---------------------------------------------------------------- source A: AmbientMeta
A_REPO = "AmbientMeta/ambientmeta-pii-detection-benchmark"
A_MAP = {"PHONE": "phone", "EMAIL": "email", "SSN": "ssn", "CREDIT_CARD": "card"}
A_BENIGN = {"PERSON", "LOCATION", "ORGANIZATION"}


def load_A():
    pos, neg = [], []
    commit = head(A_REPO)
    for path in ["data/standard/standard_entities.jsonl", "data/adversarial/adversarial_cases.jsonl",
                 "data/ambiguous/ambiguous_spans.jsonl", "data/contextual/contextual_detection.jsonl"]:
        for line in show(A_REPO, path).splitlines():
            r = json.loads(line)
            if r["source"] == "wikiann":  # non-English fragments
                continue
            src = f"{A_REPO}/{path}@{commit}"
            lic = f"Apache-2.0 (repository); row licence field '{r['license']}'; upstream: {r['source']}"
            kinds = collections.defaultdict(list)
            for a in r["annotations"]:
                k = A_MAP.get(a["entity_type"])
                if a["entity_type"] == "LOCATION" and re.search(r"\d", a["text"]) and re.search(r"[A-Za-z]{3}", a["text"]):
                    k = "address"
                if k:
                    kinds[k].append(a["text"])
            types = {a["entity_type"] for a in r["annotations"]}
            if kinds:
                pos.append(dict(text=r["text"], kinds=dict(kinds), source=src, licence=lic, origin="A:" + r["source"], src_id=r["id"]))
            # negatives only from the curated name/place sets: the ai4privacy/gretel rows in standard/ leave many ids unlabelled
            elif types <= A_BENIGN and "standard" not in path and "adversarial" not in path:
                neg.append(dict(text=r["text"], source=src, licence=lic, origin="A:" + r["source"], src_id=r["id"],
                                why="only " + ",".join(sorted(types)) + " annotated"))
    return pos, neg


# ---------------------------------------------------------------- source N: Nannigalaxy
N_REPO = "Nannigalaxy/PII-synthetic_dataset"
N_MAP = {"EMAIL": "email", "SSN": "ssn", "PASSPORT": "passport", "PASSPORT_NUM": "passport", "IBAN": "iban",
         "BANK_ACCOUNT": "iban", "BANK_ACCOUNT_NUM": "iban", "ACCOUNT_NUMBER": "iban", "ACCOUNT_NUM": "iban",
         "ACCOUNT": "iban", "ROUTING_NUMBER": "iban", "PHONE": "phone", "CREDIT_CARD": "card",
         "DRIVER_LICENSE": "driver_licence", "DRIVERS_LICENSE": "driver_licence", "DRIVER_LICENSE_NUM": "driver_licence",
         "LICENSE": "driver_licence", "AADHAR": "national_id", "PAN": "national_id", "VOTER_ID": "national_id",
         "TAX_ID": "national_id", "TAXID": "national_id"}


def load_N():
    pos, neg = [], []
    commit = head(N_REPO)
    path = "dataset/pii_syn_nano_en.json"
    src = f"{N_REPO}/{path}@{commit}"
    for i, x in enumerate(json.loads(show(N_REPO, path))):
        kinds = collections.defaultdict(list)
        for n in x["NER"]:
            v = n.get("entity") or n.get("=") or ""
            k = N_MAP.get(n["label"])
            if n["label"] == "LICENSE" and "driv" not in x["text"].lower():
                k = None
            if k and v:
                kinds[k].append(v)
        if kinds:
            pos.append(dict(text=x["text"], kinds=dict(kinds), source=src, licence="MIT", origin="N", src_id=str(i)))
        elif not x["has_pii"]:
            neg.append(dict(text=x["text"], source=src, licence="MIT", origin="N", src_id=str(i), why="has_pii=false"))
    return pos, neg


# ---------------------------------------------------------------- source M: mashaor (ai4privacy-200k format)
M_REPO = "mashaor/pii-masking-synthetic-data"
M_MAP = {"EMAIL": "email", "PHONENUMBER": "phone", "SSN": "ssn", "CREDITCARDNUMBER": "card", "IBAN": "iban",
         "ACCOUNTNUMBER": "iban", "IP": "ip", "IPV4": "ip", "IPV6": "ip", "DOB": "dob"}
M_BENIGN = {"FIRSTNAME", "LASTNAME", "MIDDLENAME", "PREFIX", "CITY", "STATE", "COUNTY", "COMPANYNAME", "JOBTITLE",
            "JOBAREA", "JOBTYPE", "DATE", "TIME", "GENDER", "SEX", "CURRENCY", "CURRENCYNAME", "CURRENCYCODE",
            "CURRENCYSYMBOL", "AMOUNT", "ORDINALDIRECTION", "EYECOLOR", "HEIGHT", "AGE", "CREDITCARDISSUER"}


def load_M():
    pos, neg = [], []
    commit = head(M_REPO)
    for model in ["ai21-jamba-instruct", "claude-3-haiku", "llama3-70b-instruct"]:
        path = f"sample_data/synthetic_pii_data_{model}.csv"
        src = f"{M_REPO}/{path}@{commit}"
        lic = "no licence stated (repository has no LICENSE); built on ai4privacy/pii-masking-200k prompts + Faker"
        for i, r in enumerate(csv.DictReader(io.StringIO(show(M_REPO, path)))):
            text = r["source_text"]
            mask = ast.literal_eval(r["privacy_mask"])
            labels = {p["label"] for p in mask}
            kinds = collections.defaultdict(list)
            for p in mask:
                k = M_MAP.get(p["label"])
                if k:
                    kinds[k].append(str(p["value"]))
            # a street address: street name plus a building number (or zip) in the same text
            streets = [str(p["value"]) for p in mask if p["label"] == "STREET"]
            if streets and re.search(r"\d", " ".join(streets) + " ".join(str(p["value"]) for p in mask if p["label"] in ("BUILDINGNUMBER", "ZIPCODE"))):
                kinds["address"] += streets
            if kinds:
                pos.append(dict(text=text, kinds=dict(kinds), source=src, licence=lic, origin="M", src_id=f"{model}:{i}"))
            elif labels <= M_BENIGN:
                neg.append(dict(text=text, source=src, licence=lic, origin="M", src_id=f"{model}:{i}",
                                why="only " + ",".join(sorted(labels)) + " masked"))
    return pos, neg


# ---------------------------------------------------------------- source C: Canadian
C_REPO = "Tiffany-tianfei/canadian-pii-dataset"
C_TYPE = {"ssn": "national_id", "passport_number": "passport", "driver_license_number": "driver_licence",
          "credit_card_number": "card", "phone_number": "phone", "email": "email", "street_address": "address",
          "postal_code": "address"}


def c_shape(v):
    """The file's span labels are permuted; recover each value's type from its shape."""
    if "@" in v:
        return "email"
    if re.fullmatch(r"\d{3}-\d{3}-\d{3}", v):
        return "ssn"
    if re.fullmatch(r"[A-Z]{2}\d{6}", v):
        return "passport_number"
    if re.fullmatch(r"[A-Z]\d{4}-\d{5}-\d{5}", v):
        return "driver_license_number"
    if re.fullmatch(r"[A-Z]\d[A-Z] ?\d[A-Z]\d", v):
        return "postal_code"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return "date"
    if re.fullmatch(r"[\d ]{13,23}", v) and 13 <= len(v.replace(" ", "")) <= 19:
        return "credit_card_number"
    if re.search(r"\d{3}\D{0,2}\d{3}\D\d{4}", v) or v.startswith("+"):
        return "phone_number"
    if re.match(r"\d+ [A-Z]", v):
        return "street_address"
    if re.fullmatch(r"[A-Za-z.' \-]+", v):
        return "name"
    return None


def load_C():
    pos = []
    commit = head(C_REPO)
    path = "data-generator-full/data_with_variance_final.csv"
    src = f"{C_REPO}/{path}@{commit}"
    bad = 0
    for i, r in enumerate(csv.DictReader(io.StringIO(show(C_REPO, path)))):
        types = {t.strip().strip("'") for t in r["pii_types"].split(",")}
        vals = [v.strip() for v in re.split(r", (?=\S)", r["pii_values"])]
        kinds = collections.defaultdict(list)
        ok = True
        for v in vals:
            t = c_shape(v)
            if t not in types or v not in r["text"]:
                ok = False
                break
            if t in C_TYPE:
                kinds[C_TYPE[t]].append(v)
        if not ok:
            bad += 1
            continue
        if kinds:
            pos.append(dict(text=r["text"], kinds=dict(kinds), source=src,
                            licence="no licence stated (repository has no LICENSE)", origin="C", src_id=str(i)))
    print(f"C: {bad} rows skipped (values not matching declared types)")
    return pos, []


# ---------------------------------------------------------------- assemble
def main():
    rng = random.Random(SEED)
    pos, neg = [], []
    for loader in (load_A, load_N, load_M, load_C):
        p, n = loader()
        print(loader.__name__, "positives", len(p), "negatives", len(n))
        pos += p
        neg += n

    # texts already in the shared dev set must not be reused
    dev = set()
    for name in os.listdir(DEV):
        if name.endswith(".jsonl"):
            for line in open(os.path.join(DEV, name)):
                dev.add(json.loads(line)["post"]["text"].strip())

    # positives: shorten, pick a primary kind, de-duplicate
    pool = collections.defaultdict(list)
    seen = set()
    for r in pos:
        text = clean(r["text"])
        kind = next(k for k in KIND_ORDER if k in r["kinds"])
        values = r["kinds"][kind]
        short, cropped = crop(text, values)
        if short is None or short in seen or short in dev:
            continue
        # every value of the primary kind kept in the text? keep those present
        values = [v for v in values if v in short]
        if not values:
            continue
        seen.add(short)
        all_kinds = sorted(k for k, vs in r["kinds"].items() if any(v in short for v in vs))
        pool[kind].append({**r, "text": short, "cropped": cropped, "kind": kind, "values": values, "all_kinds": all_kinds})

    # allocation: water-fill N_POS over kinds, CAP a kind
    avail = {k: len(pool[k]) for k in KIND_ORDER}
    quota = {k: 0 for k in KIND_ORDER}
    left = N_POS
    while left > 0:
        open_k = [k for k in KIND_ORDER if quota[k] < min(CAP, avail[k])]
        if not open_k:
            break
        for k in open_k:
            if left == 0:
                break
            quota[k] += 1
            left -= 1

    chosen = []
    for k in KIND_ORDER:
        # round-robin across origins so each source's formats show up
        by_origin = collections.defaultdict(list)
        for r in pool[k]:
            by_origin[r["origin"]].append(r)
        for lst in by_origin.values():
            rng.shuffle(lst)
        origins = sorted(by_origin)
        picked = []
        while len(picked) < quota[k] and any(by_origin.values()):
            for o in origins:
                if by_origin[o] and len(picked) < quota[k]:
                    picked.append(by_origin[o].pop())
        chosen += picked

    # negatives
    negs, nseen = [], set()
    for r in neg:
        text = clean(r["text"])
        if len(text) > MAXLEN * 2 or text in nseen or text in dev or not negative_ok(text):
            continue
        nseen.add(text)
        negs.append({**r, "text": text})
    by_origin = collections.defaultdict(list)
    for r in negs:
        by_origin[r["origin"].split(":")[0]].append(r)
    for lst in by_origin.values():
        rng.shuffle(lst)
    picked_neg = []
    # take every N/M negative (few), fill the rest from A
    for o in ("N", "M"):
        picked_neg += by_origin[o]
    picked_neg += by_origin["A"][: max(0, N_NEG - len(picked_neg))]
    picked_neg = picked_neg[:N_NEG]

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        for i, r in enumerate(chosen):
            checks = {v: check_valid(r["kind"], v) for v in r["values"]}
            f.write(json.dumps({
                "id": f"standin-pii-{i:04d}", "family": "standin-pii",
                "post": {"account": "real-brand", "text": r["text"], "visibility": "public", "automated": False, "in_reply_to": None},
                "expect": "warn+", "checks": ["pii"], "kind": r["kind"], "source": r["source"], "licence": r["licence"],
                "origin": r["origin"], "source_row": r["src_id"], "values": r["values"], "all_kinds": r["all_kinds"],
                "cropped": r["cropped"], "checksum_valid": checks,
            }, ensure_ascii=False) + "\n")
        for i, r in enumerate(picked_neg):
            f.write(json.dumps({
                "id": f"standin-pii-ok-{i:04d}", "family": "standin-pii-ok",
                "post": {"account": "real-brand", "text": r["text"], "visibility": "public", "automated": False, "in_reply_to": None},
                "expect": "allow", "checks": ["pii"], "kind": "none", "source": r["source"], "licence": r["licence"],
                "origin": r["origin"], "source_row": r["src_id"], "why_negative": r["why"],
            }, ensure_ascii=False) + "\n")
    print("available per kind:", avail)
    print("chosen per kind:", dict(collections.Counter(r["kind"] for r in chosen)))
    print("chosen per kind x origin:", dict(collections.Counter((r["kind"], r["origin"].split(":")[0]) for r in chosen)))
    print("negatives:", len(picked_neg), dict(collections.Counter(r["origin"] for r in picked_neg)))


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        sys.exit(__doc__)
    OUT = os.path.join(sys.argv[1], "pii.jsonl")
    main()
