"""Turning a post and its findings into highlighted runs, and lexicons into searchable lines."""
from __future__ import annotations

import datetime as dt

from ..checks.base import ACTION_RANK, strongest


def highlight(text: str, findings: list[dict]) -> list[dict]:
    """Split `text` at every finding's span; each run carries the findings that cover it.

    Findings without a span (start == end: about the whole post) cover nothing here; the page
    lists them under the text.
    """
    spans = [f for f in findings if isinstance(f.get("start"), int) and 0 <= f["start"] < f["end"] <= len(text)]
    cuts = sorted({0, len(text), *(f["start"] for f in spans), *(f["end"] for f in spans)})
    runs = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [f for f in spans if f["start"] <= start and end <= f["end"]]
        runs.append({
            "text": text[start:end],
            "findings": covering,
            "action": strongest(f["action"] for f in covering) if covering else None,
        })
    return runs


def whole_post(findings: list[dict]) -> list[dict]:
    return [f for f in findings if not (isinstance(f.get("start"), int) and f["start"] < f["end"])]


def by_severity(findings: list[dict]) -> list[dict]:
    return sorted(findings, key=lambda f: (-ACTION_RANK.get(f["action"], 0), f.get("start", 0)))


def parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def remaining(expires_at: str | None, now: dt.datetime | None = None) -> str | None:
    """'2 d 3 h 4 min' until `expires_at`, or None when it has no expiry."""
    when = parse_time(expires_at)
    if when is None:
        return None
    seconds = int((when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())
    if seconds <= 0:
        return "expired"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours or days else []
    parts.append(f"{minutes} min")
    return " ".join(parts)


def lexicon_lines(data) -> list[tuple[str, str]]:
    """Every entry of a lexicon as (section, readable line), whatever the lexicon's shape."""
    out: list[tuple[str, str]] = []

    def describe(item) -> str:
        if isinstance(item, dict):
            head = item.get("id") or (f"#{item['tag']}" if item.get("tag") else None) or item.get("term") or item.get("name")
            rest = []
            for key, value in item.items():
                if key in ("id", "tag") or value in (None, "", []):
                    continue
                shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
                rest.append(f"{key}: {shown}")
            return " — ".join(filter(None, [str(head) if head else None, "; ".join(rest)]))
        return str(item)

    def walk(value, section):
        if isinstance(value, list):
            out.extend((section, describe(v)) for v in value)
        elif isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, f"{section} › {key}" if section else key)
        else:
            out.append((section, str(value)))

    walk(data, "")
    return out
