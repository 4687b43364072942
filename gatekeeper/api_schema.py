"""The request and response shapes of the HTTP API, as JSON Schema.

The same schemas validate requests and are published in /openapi.json.
"""
from __future__ import annotations

import re

import jsonschema

ACKNOWLEDGEMENT = {
    "type": "object",
    "description": "Sending a warned post anyway: who decided, and why. Goes into the decision log.",
    "additionalProperties": False,
    "required": ["by", "reason"],
    "properties": {
        "by": {"type": "string", "minLength": 1, "maxLength": 200},
        "reason": {"type": "string", "minLength": 3, "maxLength": 2000},
    },
}

POST_REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["account", "text"],
    "properties": {
        "account": {"type": "string", "minLength": 1, "maxLength": 64, "description": "Account id, as in policies/accounts/<id>.yaml."},
        "text": {"type": "string", "minLength": 1, "description": "The post as it would be published."},
        "visibility": {"enum": ["public", "direct"], "default": "public"},
        "automated": {"type": "boolean", "default": False, "description": "True when no person wrote or approved this post."},
        "author": {"type": ["string", "null"], "maxLength": 200, "description": "The person or tool that wrote the post."},
        "in_reply_to": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": {
                "author": {"type": ["string", "null"], "maxLength": 200},
                "text": {"type": ["string", "null"], "maxLength": 10000},
                "id": {"type": ["string", "null"], "maxLength": 200, "description": "The platform's id of the post answered."},
            },
        },
        "acknowledgement": ACKNOWLEDGEMENT,
    },
}

FINDING = {
    "type": "object",
    "required": ["check", "rule", "action", "message", "start", "end"],
    "properties": {
        "check": {"type": "string"},
        "rule": {"type": "string"},
        "action": {"enum": ["allow", "warn", "review", "block"]},
        "message": {"type": "string"},
        "start": {"type": "integer", "description": "Start of the span in the original text (code points)."},
        "end": {"type": "integer"},
        "details": {"type": "object"},
    },
}

DECISION_RESPONSE = {
    "type": "object",
    "required": ["decision_id", "verdict", "findings", "policy_version", "forwarded"],
    "properties": {
        "decision_id": {"type": "string"},
        "verdict": {"enum": ["allow", "warn", "review", "block"]},
        "findings": {"type": "array", "items": FINDING},
        "policy_version": {"type": "string"},
        "forwarded": {"type": "boolean"},
        "redacted_text": {"type": "string", "description": "The text with private data replaced, safe to post instead."},
        "forward": {"type": "object"},
        "held_until": {"type": "string"},
        "acknowledgement_required": {"type": "boolean"},
    },
}

ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"type": "string"},
        "message": {"type": "string"},
        "field": {"type": "string", "description": "The request field at fault, where there is one."},
    },
}

_post_validator = jsonschema.Draft202012Validator(POST_REQUEST)


def request_error(payload) -> tuple[str, str] | None:
    """The first problem with a post request as (field, message), or None."""
    if not isinstance(payload, dict):
        return ("(body)", "the body must be a JSON object")
    error = next(iter(sorted(_post_validator.iter_errors(payload), key=lambda e: (len(e.absolute_path), str(e.path)))), None)
    if error is None:
        return None
    path = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        field = f"{path}.{missing}" if path else missing
        return (field, f"'{field}' is required")
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        field = f"{path}.{extra[0]}" if path else extra[0]
        return (field, f"unknown field '{field}'")
    if error.validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else " or ".join(error.validator_value)
        return (path or "(body)", f"'{path}' must be of type {expected}")
    if error.validator == "enum":
        return (path, f"'{path}' must be one of: {', '.join(map(str, error.validator_value))}")
    if error.validator in ("minLength", "maxLength"):
        return (path, f"'{path}' is too {'short' if error.validator == 'minLength' else 'long'}")
    return (path or "(body)", f"'{path}': {error.message}")


# C0 control characters other than tab, newline and carriage return, and DEL: never part of a post,
# and PostgreSQL cannot store NUL in a text column at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character_error(text: str) -> str | None:
    """What is wrong with a string holding a control character, or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return f"contains the control character U+{ord(found.group()):04X} at position {found.start()}"


def control_characters_in(value, path: str = "") -> tuple[str, str] | None:
    """The first string (or object key) anywhere in `value` holding a control character, as (field, message)."""
    if isinstance(value, str):
        problem = control_character_error(value)
        return (path or "(body)", f"'{path or '(body)'}' {problem}") if problem else None
    if isinstance(value, dict):
        for key, item in value.items():
            field = f"{path}.{key}" if path else str(key)
            if control_character_error(key):
                return (field, f"a field name {control_character_error(key)}")
            found = control_characters_in(item, field)
            if found:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = control_characters_in(item, f"{path}[{i}]")
            if found:
                return found
    return None


# Paging parameters: bounded so that every value fits a 64-bit column on SQLite and PostgreSQL alike.
MAX_LIMIT = 500
MAX_OFFSET = 100_000
MAX_SEQ = 2**63 - 1
PAGING = {
    "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 50},
    "offset": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
    "cursor": {"type": "integer", "minimum": 1, "maximum": MAX_SEQ,
               "description": "next_cursor of the page before: entries older than it."},
}
_WHOLE = re.compile(r"[0-9]{1,19}")


def whole_number(args, name: str, default: int | None) -> int | None:
    """A paging parameter as an int within PAGING's bounds, or ValueError naming it."""
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    bounds = PAGING[name]
    if not _WHOLE.fullmatch(raw) or not bounds["minimum"] <= int(raw) <= bounds["maximum"]:
        raise ValueError(f"'{name}' must be a whole number from {bounds['minimum']} to {bounds['maximum']}")
    return int(raw)
