"""A drop-in client's own platform fields: which are accepted, and the text in them.

Every piece of text that reaches a platform is checked. A drop-in request may
carry fields besides the post's text (a content warning, poll options); each is
either accepted here, with its text handed to the gate as a further segment, or
refused with a 400 naming the field. Fields whose text Gatekeeper cannot see
(media with alt text uploaded elsewhere, card URIs with their titles, deep
links) are refused, as is any field not listed.

HTTP-free: the drop-in endpoints build the native body, the gate checks its
texts, the adapters send it.
"""
from __future__ import annotations

import re

from .api_schema import control_character_error


class NativeFieldError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


MAX_POLL_OPTIONS = 10
MAX_OPTION_LENGTH = 200
MAX_SPOILER_LENGTH = 1000

# Accepted fields that carry no text, and what each may hold.
_MASTODON_PLAIN = {
    "visibility": str, "in_reply_to_id": (str, int), "sensitive": (bool, str), "language": str, "scheduled_at": str,
}
_MASTODON_POLL_PLAIN = {"expires_in": (int, str), "multiple": (bool, str), "hide_totals": (bool, str)}
_MASTODON_REFUSED = {
    "media_ids": "media cannot be checked (its alt text and content are set where it was uploaded); post media directly to the platform after review",
    "media_attributes": "media descriptions cannot be checked here",
}

_TWITTER_PLAIN = {"reply_settings": str, "quote_tweet_id": str, "for_super_followers_only": bool, "nullcast": bool}
_TWITTER_REFUSED = {
    "media": "media cannot be checked (its alt text and content are set where it was uploaded)",
    "card_uri": "a card's title and description cannot be checked",
    "direct_message_deep_link": "a deep link cannot be checked",
}


def _string(field: str, value, limit: int) -> str:
    if not isinstance(value, str):
        raise NativeFieldError(field, f"'{field}' must be a string")
    if len(value) > limit:
        raise NativeFieldError(field, f"'{field}' is {len(value)} characters; the limit is {limit}")
    problem = control_character_error(value)
    if problem:
        raise NativeFieldError(field, f"'{field}' {problem}")
    return value


_FORM_BOOLEANS = frozenset({"true", "false", "1", "0", "on", "off"})


def _plain(field: str, value, kinds) -> object:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    # bool is an int to Python; a field that takes a number does not take true/false.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise NativeFieldError(field, f"'{field}' has the wrong type")
    if isinstance(value, str):
        _string(field, value, 200)
        # A form spells booleans and numbers as text: only those spellings, never free text riding along unchecked.
        if bool in kinds and value.strip().lower() not in _FORM_BOOLEANS:
            raise NativeFieldError(field, f"'{field}' must be true or false")
        if int in kinds and bool not in kinds and not re.fullmatch(r"\d{1,9}", value.strip()):
            raise NativeFieldError(field, f"'{field}' must be a whole number")
    return value


def _options(field: str, value) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise NativeFieldError(field, f"'{field}' must be a list of strings")
    if len(value) > MAX_POLL_OPTIONS:
        raise NativeFieldError(field, f"'{field}' has {len(value)} options; the limit is {MAX_POLL_OPTIONS}")
    return [_string(f"{field}[{i}]", option, MAX_OPTION_LENGTH) for i, option in enumerate(value)]


def mastodon_body(data: dict) -> dict:
    """The accepted fields of a Mastodon statuses request, in the JSON shape Mastodon takes.

    Form bodies spell a poll as poll[options][], poll[expires_in]; JSON bodies as {"poll": {...}}.
    """
    body: dict = {}
    poll: dict = {}
    for key, value in data.items():
        if key == "status":
            continue
        if key in _MASTODON_REFUSED or key.rstrip("[]") in _MASTODON_REFUSED or key.split("[", 1)[0] in _MASTODON_REFUSED:
            raise NativeFieldError(key, f"'{key}' is not accepted: {_MASTODON_REFUSED[key.split('[', 1)[0]]}")
        if key == "spoiler_text":
            if value:
                body["spoiler_text"] = _string(key, value, MAX_SPOILER_LENGTH)
        elif key in _MASTODON_PLAIN:
            body[key] = _plain(key, value, _MASTODON_PLAIN[key])
        elif key == "poll":
            if not isinstance(value, dict):
                raise NativeFieldError(key, "'poll' must be an object")
            for sub, sub_value in value.items():
                _poll_field(poll, f"poll.{sub}", sub, sub_value)
        elif key.startswith("poll[") and key.endswith("]"):
            sub = key[len("poll["):].split("]", 1)[0]
            _poll_field(poll, key, sub, value)
        else:
            raise NativeFieldError(key, f"'{key}' is not accepted by Gatekeeper's Mastodon endpoint")
    if poll:
        if "options" not in poll:
            raise NativeFieldError("poll.options", "a poll needs 'options'")
        body["poll"] = poll
    return body


def _poll_field(poll: dict, field: str, sub: str, value) -> None:
    if sub == "options":
        poll["options"] = _options(field, value)
    elif sub in _MASTODON_POLL_PLAIN:
        value = value[0] if isinstance(value, list) and len(value) == 1 else value
        poll[sub] = _plain(field, value, _MASTODON_POLL_PLAIN[sub])
    else:
        raise NativeFieldError(field, f"'{field}' is not accepted")


def twitter_body(data: dict) -> dict:
    """The accepted fields of an X v2 create-post request (besides text)."""
    body: dict = {}
    for key, value in data.items():
        if key == "text":
            continue
        if key in _TWITTER_REFUSED:
            raise NativeFieldError(key, f"'{key}' is not accepted: {_TWITTER_REFUSED[key]}")
        if key in _TWITTER_PLAIN:
            body[key] = _plain(key, value, _TWITTER_PLAIN[key])
        elif key == "reply":
            if not isinstance(value, dict):
                raise NativeFieldError(key, "'reply' must be an object")
            reply = {}
            for sub, sub_value in value.items():
                if sub == "in_reply_to_tweet_id":
                    reply[sub] = _plain(f"reply.{sub}", sub_value, (str, int))
                elif sub == "exclude_reply_user_ids":
                    if not isinstance(sub_value, list) or not all(isinstance(v, str) for v in sub_value):
                        raise NativeFieldError(f"reply.{sub}", f"'reply.{sub}' must be a list of strings")
                    reply[sub] = [_string(f"reply.{sub}", v, 64) for v in sub_value]
                else:
                    raise NativeFieldError(f"reply.{sub}", f"'reply.{sub}' is not accepted")
            body["reply"] = reply
        elif key == "poll":
            if not isinstance(value, dict):
                raise NativeFieldError(key, "'poll' must be an object")
            poll = {}
            for sub, sub_value in value.items():
                if sub == "options":
                    poll[sub] = _options("poll.options", sub_value)
                elif sub == "duration_minutes":
                    poll[sub] = _plain("poll.duration_minutes", sub_value, int)
                elif sub == "reply_settings":
                    poll[sub] = _plain("poll.reply_settings", sub_value, str)
                else:
                    raise NativeFieldError(f"poll.{sub}", f"'poll.{sub}' is not accepted")
            if "options" not in poll:
                raise NativeFieldError("poll.options", "a poll needs 'options'")
            body["poll"] = poll
        elif key == "geo":
            if not isinstance(value, dict) or set(value) - {"place_id"}:
                raise NativeFieldError(key, "'geo' may only hold 'place_id'")
            body["geo"] = {"place_id": _string("geo.place_id", value.get("place_id", ""), 64)}
        else:
            raise NativeFieldError(key, f"'{key}' is not accepted by Gatekeeper's X endpoint")
    return body


def native_texts(native: dict | None) -> list[tuple[str, str]]:
    """Every text in an accepted native body that would reach the platform, as (field, text)."""
    if not native:
        return []
    body = native.get("body") or {}
    texts = []
    if body.get("spoiler_text"):
        texts.append(("spoiler_text", body["spoiler_text"]))
    for i, option in enumerate((body.get("poll") or {}).get("options") or []):
        texts.append((f"poll.options[{i}]", option))
    return texts
