"""The OpenAPI 3.1 document served at /openapi.json."""
from __future__ import annotations

from functools import lru_cache

from . import __version__
from .api_schema import DECISION_RESPONSE, ERROR, PAGING, POST_REQUEST


def _json(schema_ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}}


_ERRORS = {
    "400": _json("Error", "Malformed input: the error names the field."),
    "401": _json("Error", "Missing or bad key."),
    "403": _json("Error", "The key may not use this account or endpoint."),
    "404": _json("Error", "Unknown account."),
    "413": _json("Error", "Body over the size limit."),
    "415": _json("Error", "The body is not declared as JSON (Content-Type: application/json)."),
}


def _query(name: str, schema: dict, description: str | None = None) -> dict:
    param = {"name": name, "in": "query", "required": False, "schema": schema}
    if description:
        param["description"] = description
    return param


_TEXT_PARAM = {"type": "string", "maxLength": 200}
_DECISION_ID = {"name": "decision_id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 64}}
_ACCOUNT = {"name": "account", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 64}}
_REVIEW_STATUSES = ["held", "forward_failed", "unknown", "sending", "sent", "rejected", "expired", "withdrawn", "all"]
_OPTIONS = {"type": "array", "maxItems": 10, "items": {"type": "string", "maxLength": 200}}
_MASTODON_STATUS = {
    "type": "object", "required": ["status"], "additionalProperties": False,
    "description": "Accepted fields; spoiler_text and poll options are checked with the status. Anything else "
                   "(media_ids among them: alt text cannot be checked) is refused with a 400 naming the field.",
    "properties": {
        "status": {"type": "string", "minLength": 1}, "spoiler_text": {"type": "string", "maxLength": 1000},
        "visibility": {"enum": ["public", "unlisted", "private", "direct"]}, "in_reply_to_id": {"type": "string"},
        "sensitive": {"type": "boolean"}, "language": {"type": "string", "maxLength": 16},
        "poll": {"type": "object", "required": ["options"], "additionalProperties": False,
                 "properties": {"options": _OPTIONS, "expires_in": {"type": "integer"}, "multiple": {"type": "boolean"},
                                "hide_totals": {"type": "boolean"}}},
    },
}
_TWEET = {
    "type": "object", "required": ["text"], "additionalProperties": False,
    "description": "Accepted fields; poll options are checked with the text. media, card_uri and "
                   "direct_message_deep_link are refused (their text cannot be checked), as is any other field.",
    "properties": {
        "text": {"type": "string", "minLength": 1},
        "reply": {"type": "object", "additionalProperties": False, "properties": {
            "in_reply_to_tweet_id": {"type": "string"}, "exclude_reply_user_ids": {"type": "array", "items": {"type": "string"}}}},
        "reply_settings": {"type": "string"}, "quote_tweet_id": {"type": "string"},
        "poll": {"type": "object", "required": ["options"], "additionalProperties": False,
                 "properties": {"options": _OPTIONS, "duration_minutes": {"type": "integer"}, "reply_settings": {"type": "string"}}},
        "for_super_followers_only": {"type": "boolean"}, "nullcast": {"type": "boolean"},
        "geo": {"type": "object", "additionalProperties": False, "properties": {"place_id": {"type": "string"}}},
    },
}
_RATE_LIMITED = {**_json("Error", "Over a rate limit of the policy (settings.rate_limits): {error, message, limit, retry_after, decision_id}; "
                                   "nothing was sent. The Retry-After header says when to try again."),
                 "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}, "description": "Seconds to wait."}}}


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    decide_body = {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PostRequest"}}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Gatekeeper",
            "version": __version__,
            "description": "Compliance and brand-safety gate for corporate social-media posts.",
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"PostRequest": POST_REQUEST, "Decision": DECISION_RESPONSE, "Error": ERROR},
        },
        "security": [{"bearer": []}],
        "paths": {
            "/v1/check": {"post": {
                "summary": "Decide a post without sending it (logged as a dry run).",
                "requestBody": decide_body,
                "responses": {"200": _json("Decision", "The decision."), "429": _RATE_LIMITED, **_ERRORS},
            }},
            "/v1/posts": {"post": {
                "summary": "Decide a post, then forward, hold or refuse it.",
                "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 255},
                                "description": "A retried request with the same key returns the first result instead of posting again."}],
                "requestBody": decide_body,
                "responses": {
                    "201": _json("Decision", "Allowed (or warned and acknowledged) and forwarded."),
                    "202": _json("Decision", "Held for review."),
                    "409": _json("Decision", "Warned: re-send with an acknowledgement {by, reason} to send anyway."),
                    "422": _json("Decision", "Blocked."),
                    "502": _json("Decision", "Allowed, but the platform did not take it; the post is kept for retry."),
                    "429": _RATE_LIMITED,
                    **_ERRORS,
                },
            }},
            "/v1/decisions": {"get": {
                "summary": "The decision log (auditor role), newest first, limited to the key's accounts ('*': all).",
                "parameters": [
                    *(_query(n, _TEXT_PARAM) for n in ("account", "rule", "key")),
                    _query("verdict", {"enum": ["allow", "warn", "review", "block"]}),
                    _query("since", _TEXT_PARAM, "ISO time, inclusive."), _query("until", _TEXT_PARAM, "ISO time, exclusive."),
                    *(_query(n, PAGING[n]) for n in ("limit", "cursor", "offset")),
                ],
                "responses": {"200": {"description": "A page of decisions and the cursor of the next page."}, **_ERRORS},
            }},
            "/v1/decisions/{decision_id}": {"get": {
                "summary": "One decision with every later event (forwarding, acknowledgement, review). "
                           "A decision outside the key's accounts is 404.",
                "parameters": [_DECISION_ID],
                "responses": {"200": {"description": "The decision."}, **_ERRORS},
            }},
            "/v1/sandbox": {"get": {
                "summary": "Posts forwarded to the built-in sandbox platform, newest first, within the key's accounts.",
                "parameters": [_query("account", _TEXT_PARAM), _query("limit", PAGING["limit"]),
                               _query("cursor", {"type": "string", "maxLength": 80}, "next_cursor of the page before.")],
                "responses": {"200": {"description": "The sandbox posts, newest first, and the cursor of the next page."}, **_ERRORS},
            }},
            "/v1/reviews": {"get": {
                "summary": "Held posts waiting for a reviewer (reviewer role), oldest first, with the reasons. "
                           "status=unknown lists posts whose sending was interrupted: resolve them.",
                "parameters": [_query("status", {"enum": _REVIEW_STATUSES, "default": "held"}), _query("account", _TEXT_PARAM),
                               _query("author", _TEXT_PARAM), _query("limit", PAGING["limit"])],
                "responses": {"200": {"description": "The queue."}, **_ERRORS},
            }},
            "/v1/reviews/{decision_id}/resolve": {"post": {
                "summary": "Settle a post whose sending was interrupted (status unknown), after checking the platform: "
                           "'sent' records that it was published; 'not_sent' makes it forward_failed, to approve or reject.",
                "parameters": [_DECISION_ID],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": False, "required": ["outcome"],
                    "properties": {"outcome": {"enum": ["sent", "not_sent"]}, "by": {"type": "string"}, "note": {"type": "string"}}}}}},
                "responses": {"200": {"description": "Resolved."}, "409": _json("Error", "Not waiting to be resolved."), **_ERRORS},
            }},
            "/v1/reviews/{decision_id}/approve": {"post": {
                "summary": "Approve a held post; it is then forwarded, exactly once. The key that posted it, and its author, "
                           "cannot approve it (names compared ignoring case and spaces).",
                "parameters": [_DECISION_ID],
                "requestBody": {"required": False, "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": False,
                    "properties": {"by": {"type": "string"}, "note": {"type": "string"}}}}}},
                "responses": {"200": {"description": "Approved and forwarded."}, "409": _json("Error", "Already approved, rejected or being sent."),
                              "410": _json("Error", "The approval window has passed; the post will never be sent."),
                              "502": {"description": "Approved, but the platform did not take it; it can be approved again."}, **_ERRORS},
            }},
            "/v1/reviews/{decision_id}/reject": {"post": {
                "summary": "Reject a held post, with a reason.",
                "parameters": [_DECISION_ID],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": False, "required": ["reason"],
                    "properties": {"reason": {"type": "string"}, "by": {"type": "string"}}}}}},
                "responses": {"200": {"description": "Rejected."}, "409": _json("Error", "Already decided."), **_ERRORS},
            }},
            "/v1/policy": {"get": {
                "summary": "The policy version in force and any refused change (admin, auditor).",
                "responses": {"200": {"description": "Policy status."}, **_ERRORS},
            }},
            "/platform/mastodon/{account}/api/v1/statuses": {"post": {
                "summary": "Drop-in Mastodon endpoint: the Mastodon statuses API, decided by Gatekeeper, forwarded with the account's credentials.",
                "parameters": [_ACCOUNT],
                "requestBody": {"required": True, "content": {"application/json": {"schema": _MASTODON_STATUS}}},
                "responses": {"400": {"description": "A field is refused or malformed: {error, gatekeeper: {field}}."},
                              "401": {"description": "Missing or bad key."}, "404": {"description": "Unknown account."},"200": {"description": "The platform's Status."}, "202": {"description": "Held for review: {error, gatekeeper}."},
                              "422": {"description": "Blocked or warned: {error, gatekeeper}."}, "429": {"description": "Over a rate limit (Gatekeeper's or the platform's); see Retry-After."}, "502": {"description": "The platform did not take it."}},
            }},
            "/platform/twitter/{account}/2/tweets": {"post": {
                "summary": "Drop-in X API v2 endpoint: create a post, decided by Gatekeeper.",
                "parameters": [_ACCOUNT],
                "requestBody": {"required": True, "content": {"application/json": {"schema": _TWEET}}},
                "responses": {"400": {"description": "A field is refused or malformed (problem document naming it)."},
                              "401": {"description": "Missing or bad key."}, "404": {"description": "Unknown account."},"201": {"description": "The platform's {data: {id, text}}."}, "202": {"description": "Held for review (problem document)."},
                              "403": {"description": "Blocked or warned (problem document with gatekeeper findings)."},
                              "429": {"description": "Rate limited by the platform."}, "502": {"description": "The platform did not take it."}},
            }},
            "/platform/mastodon/{account}/api/v1/instance": {"get": {
                "summary": "Instance information for Mastodon clients (needs a key that may use the account).",
                "parameters": [_ACCOUNT],
                "responses": {"200": {"description": "An Instance."}, "401": {"description": "Missing or bad key."},
                              "404": {"description": "Unknown account: {error: 'Record not found'}."}},
            }},
            "/healthz": {"get": {"summary": "Liveness.", "security": [], "responses": {"200": {"description": "OK"}}}},
            "/readyz": {"get": {"summary": "Readiness: policy loaded, models built, database and shared state answering.", "security": [],
                                "responses": {"200": {"description": "Ready."}, "503": {"description": "Not ready (or shutting down): which check failed."}}}},
            "/metrics": {"get": {"summary": "Prometheus metrics (text exposition format); off or on its own port by configuration.", "security": [],
                                 "responses": {"200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}},
                                               "404": {"description": "Metrics are off, or served on GATEKEEPER_METRICS_PORT."}}}},
        },
    }
