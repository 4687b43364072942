"""Forward to any webhook: a JSON POST with a timeout, optionally signed.

The signing secret is read from the environment variable the account names
in `credentials_env.signing_secret`; the policy never holds the secret.

Contract for receivers: a post can arrive more than once. A forward that timed
out may still have arrived, and a post whose forward failed can be approved
again from the review queue and is then delivered again. Every delivery of one
post carries the same Idempotency-Key (its decision id), so the receiver must
de-duplicate on it: accept the first, answer 2xx to the repeats.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os

from . import http

DIRECT_MESSAGES = True  # the receiver gets the visibility and delivers accordingly


def send(outbound, upstream: dict, context) -> dict:
    from . import ForwardError

    body = json.dumps({
        "decision_id": outbound.decision_id,
        "account": outbound.account["id"],
        "platform": outbound.account.get("platform"),
        "handle": outbound.account.get("handle"),
        "text": outbound.text,
        "visibility": outbound.visibility,
        "in_reply_to": outbound.in_reply_to,
    }, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", "Idempotency-Key": outbound.decision_id}
    secret_env = upstream.get("credentials_env", {}).get("signing_secret")
    if secret_env:
        secret = os.environ.get(secret_env)
        if not secret:
            raise ForwardError("misconfigured", f"environment variable {secret_env} is not set")
        headers["X-Gatekeeper-Signature"] = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    # The decision id is the Idempotency-Key: the same on every delivery of this post, re-approvals included.
    response = http.post(upstream["url"], data=body, headers=headers, timeout=upstream.get("timeout_seconds", 5))
    return {"http_status": response.status_code, "id": http.json_or_empty(response).get("id")}
