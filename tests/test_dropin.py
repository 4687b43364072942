"""Drop-in endpoints: every text that reaches the platform is checked; malformed input gets the platform's 4xx."""
import json

import pytest

from conftest import set_upstream

CLEAN = "Our winter schedule is live. See you on board!"
MASTODON = "/platform/mastodon/acme-air/api/v1/statuses"
TWITTER = "/platform/twitter/acme-air/2/tweets"


@pytest.fixture
def mastodon(policy_dir, recorder, monkeypatch):
    monkeypatch.setenv("ACME_MASTO_TOKEN", "masto-secret")
    server = recorder(status=200, body=json.dumps({"id": "109", "url": "https://masto.example/@acme/109"}).encode())
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: mastodon\n  base_url: {server.url}\n  credentials_env:\n    access_token: ACME_MASTO_TOKEN\n")
    return server


@pytest.fixture
def twitter(policy_dir, recorder, monkeypatch):
    monkeypatch.setenv("ACME_X_TOKEN", "x-secret")
    server = recorder(status=201, body=json.dumps({"data": {"id": "1851", "text": CLEAN}}).encode())
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: twitter\n  base_url: {server.url}\n  credentials_env:\n    bearer_token: ACME_X_TOKEN\n")
    return server


def test_content_warning_is_checked(client, keys, mastodon, gate):
    r = client.post(MASTODON, json={"status": CLEAN, "spoiler_text": "guaranteed returns inside"}, headers=keys.poster)
    assert r.status_code == 422
    finding = next(f for f in r.get_json()["gatekeeper"]["findings"] if f["rule"] == "lexicon.finance.guaranteed_returns")
    assert finding["details"]["field"] == "spoiler_text"
    assert "guaranteed returns inside"[finding["start"]:finding["end"]] == "guaranteed returns"
    assert mastodon.requests == []


def test_poll_options_are_checked_in_form_and_json_bodies(client, keys, mastodon, twitter):
    form = {"status": CLEAN, "poll[options][]": ["Window seat", "Our fund has guaranteed returns"], "poll[expires_in]": "3600"}
    r = client.post(MASTODON, data=form, headers=keys.poster)
    assert r.status_code == 422
    finding = next(f for f in r.get_json()["gatekeeper"]["findings"] if f["rule"] == "lexicon.finance.guaranteed_returns")
    assert finding["details"]["field"] == "poll.options[1]"
    assert "Our fund has guaranteed returns"[finding["start"]:finding["end"]] == "guaranteed returns"
    r = client.post(MASTODON, json={"status": CLEAN, "poll": {"options": ["Aisle", "risk free upgrade"], "expires_in": 600}}, headers=keys.poster)
    assert r.status_code == 202 and r.get_json()["gatekeeper"]["verdict"] == "review"
    r = client.post(TWITTER, json={"text": CLEAN, "poll": {"options": ["Yes", "guaranteed returns"], "duration_minutes": 60}}, headers=keys.poster)
    assert r.status_code == 403
    assert mastodon.requests == [] and twitter.requests == []


def test_checked_fields_reach_the_platform_as_sent(client, keys, mastodon):
    form = {"status": CLEAN, "spoiler_text": "Schedule news", "poll[options][]": ["Window", "Aisle"], "poll[expires_in]": "3600",
            "visibility": "unlisted"}
    r = client.post(MASTODON, data=form, headers=keys.poster)
    assert r.status_code == 200, r.get_json()
    sent = json.loads(mastodon.requests[0]["body"])
    assert sent == {"status": CLEAN, "spoiler_text": "Schedule news", "visibility": "unlisted",
                    "poll": {"options": ["Window", "Aisle"], "expires_in": "3600"}}


def test_clean_post_with_a_bad_field_is_logged_with_the_field(client, keys, mastodon, gate):
    r = client.post(MASTODON, json={"status": CLEAN, "spoiler_text": "Call 212-555-0199"}, headers=keys.poster)
    decision_id = r.get_json()["gatekeeper"]["decision_id"]
    logged = gate.store.decision(decision_id)
    assert "212-555-0199" not in json.dumps(logged) and "<PHONE_NUMBER>" in logged["fields_redacted"]["spoiler_text"]


@pytest.mark.parametrize("path, body, field", [
    (MASTODON, {"status": CLEAN, "media_ids": ["1"]}, "media_ids"),
    (MASTODON, {"status": CLEAN, "media_attributes": [{"id": "1", "description": "x"}]}, "media_attributes"),
    (MASTODON, {"status": CLEAN, "quote": "x"}, "quote"),
    (MASTODON, {"status": CLEAN, "poll": {"options": ["a"] * 11}}, "poll.options"),
    (MASTODON, {"status": CLEAN, "poll": {"options": ["a", 5]}}, "poll.options[1]"),
    (MASTODON, {"status": CLEAN, "poll": {"expires_in": 60}}, "poll.options"),
    (MASTODON, {"status": CLEAN, "spoiler_text": "cw\x00"}, "spoiler_text"),
    (MASTODON, {"status": "hello\x00"}, "status"),
    (TWITTER, {"text": "hello\x00"}, "text"),
    (TWITTER, {"text": CLEAN, "media": {"media_ids": ["1"]}}, "media"),
    (TWITTER, {"text": CLEAN, "card_uri": "card://1"}, "card_uri"),
    (TWITTER, {"text": CLEAN, "direct_message_deep_link": "https://x.example"}, "direct_message_deep_link"),
    (TWITTER, {"text": CLEAN, "poll": {"options": ["a", "b"], "title": "x"}}, "poll.title"),
    (TWITTER, {"text": CLEAN, "reply": {"in_reply_to_tweet_id": "1", "text": "x"}}, "reply.text"),
    (TWITTER, {"text": CLEAN, "quote_tweet_id": 5}, "quote_tweet_id"),
])
def test_fields_that_cannot_be_checked_are_refused(client, keys, mastodon, twitter, gate, path, body, field):
    r = client.post(path, json=body, headers=keys.poster)
    assert r.status_code == 400, r.get_json()
    assert r.get_json()["gatekeeper"]["field"] == field
    assert mastodon.requests == [] and twitter.requests == [] and list(gate.store.entries()) == []


@pytest.mark.parametrize("path", [MASTODON, TWITTER])
def test_deeply_nested_json_is_a_platform_shaped_400(client, keys, gate, path):
    for raw in (b"[" * 30000 + b"]" * 30000, b'{"a":' * 5000 + b"1" + b"}" * 5000):
        r = client.post(path, data=raw, headers={**keys.poster, "Content-Type": "application/json"})
        assert r.status_code in (400, 413)
        body = r.get_json()
        assert body["gatekeeper"]["error"] in ("invalid_json", "body_too_large")
        assert ("title" in body) if path == TWITTER else ("error" in body)
    assert list(gate.store.entries()) == []


@pytest.mark.parametrize("path, text_key", [(MASTODON, "status"), (TWITTER, "text")])
def test_duplicate_keys_are_refused_at_the_dropins(client, keys, gate, path, text_key):
    raw = f'{{"{text_key}": "{CLEAN}", "{text_key}": "guaranteed returns"}}'.encode()
    r = client.post(path, data=raw, headers={**keys.poster, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.get_json()["gatekeeper"]["field"] == text_key
    assert list(gate.store.entries()) == []


def test_instance_endpoint_needs_a_key_and_a_known_account(client, keys):
    assert client.get("/platform/mastodon/acme-air/api/v1/instance").status_code == 401
    assert client.get("/platform/mastodon/anything/api/v1/instance").status_code == 401
    r = client.get("/platform/mastodon/no-such-account/api/v1/instance", headers=keys.poster)
    assert r.status_code == 404 and r.get_json() == {"error": "Record not found"}
    r = client.get("/platform/mastodon/jdoe/api/v2/instance", headers=keys.poster)  # not this key's account
    assert r.status_code == 404
    r = client.get("/platform/mastodon/acme-air/api/v1/instance", headers=keys.poster)
    assert r.status_code == 200 and r.get_json()["version"].startswith("4.")


def test_dropin_idempotency_key_is_checked_not_cut(client, keys):
    # Two long keys sharing their first 255 characters were one key; now a key the API refuses is refused here too.
    headers = {**keys.poster, "Idempotency-Key": "k" * 300}
    r = client.post("/platform/mastodon/acme-air/api/v1/statuses", json={"status": "Boarding soon!"}, headers=headers)
    assert r.status_code == 400


def test_indexed_poll_options_are_all_checked_and_sent(client, keys, mastodon):
    # poll[options][0], poll[options][1]: every option counts (only the last one used to be kept).
    form = {"status": CLEAN, "poll[options][0]": "Our fund has guaranteed returns", "poll[options][1]": "Aisle",
            "poll[expires_in]": "3600"}
    r = client.post(MASTODON, data=form, headers=keys.poster)
    assert r.status_code == 422 and mastodon.requests == []
    form["poll[options][0]"] = "Window"
    assert client.post(MASTODON, data=form, headers=keys.poster).status_code == 200
    assert json.loads(mastodon.requests[0]["body"])["poll"]["options"] == ["Window", "Aisle"]


@pytest.mark.parametrize("form, field", [
    ({"status": CLEAN, "sensitive": "You are an idiot"}, "sensitive"),
    ({"status": CLEAN, "poll[options][]": ["a", "b"], "poll[expires_in]": "an hour, you idiot"}, "poll[expires_in]"),
])
def test_form_flags_and_numbers_take_only_their_spellings(client, keys, mastodon, form, field):
    r = client.post(MASTODON, data=form, headers=keys.poster)
    assert r.status_code in (400, 422) and r.get_json()["gatekeeper"]["field"] == field and mastodon.requests == []


def test_dropins_refuse_other_content_types_and_bad_form_text(client, keys, mastodon, twitter):
    body = json.dumps({"status": CLEAN, "text": CLEAN})
    plain = {**keys.poster, "Content-Type": "text/plain"}
    assert client.post(TWITTER, data=body, headers=plain).status_code == 415
    assert client.post(MASTODON, data=body, headers=plain).status_code == 415
    form = {**keys.poster, "Content-Type": "application/x-www-form-urlencoded"}
    for raw in (b"status=Hi%ff", b"status=Hi%ED%A0%80"):
        r = client.post(MASTODON, data=raw, headers=form)
        assert r.status_code == 400 and r.get_json()["gatekeeper"]["error"] == "invalid_utf8"
    assert mastodon.requests == [] and twitter.requests == []
