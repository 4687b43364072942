"""The built-in sandbox platform: keeps forwarded posts locally, shown at GET /v1/sandbox."""
from __future__ import annotations

DIRECT_MESSAGES = True  # kept with its visibility, as a platform would


def send(outbound, upstream: dict, context) -> dict:
    item = context.store.sandbox_add(
        outbound.decision_id,
        outbound.account["id"],
        outbound.account.get("platform"),
        {"text": outbound.text, "visibility": outbound.visibility, "in_reply_to": outbound.in_reply_to},
    )
    return {"id": item["id"]}
