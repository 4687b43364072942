import json

import pytest

from conftest import set_upstream

CLEAN = "Thanks for flying with us today, we hope to see you on board again soon!"


def post(client, headers, body, path="/v1/posts", **kw):
    return client.post(path, json=body, headers=headers, **kw)


def test_check_allows_clean_post_and_logs_dry_run(client, keys, gate):
    r = post(client, keys.poster, {"account": "acme-air", "text": CLEAN}, "/v1/check")
    assert r.status_code == 200
    body = r.get_json()
    assert body["verdict"] == "allow" and body["forwarded"] is False
    assert body["policy_version"] == gate.policies.current().version
    logged = gate.store.decision(body["decision_id"])
    assert logged["dry_run"] is True and logged["verdict"] == "allow"
    assert gate.store.sandbox_list() == []


def test_allowed_post_is_forwarded_to_sandbox(client, keys):
    r = post(client, keys.poster, {"account": "acme-air", "text": CLEAN, "author": "jdoe"})
    assert r.status_code == 201
    body = r.get_json()
    assert body["verdict"] == "allow" and body["forwarded"] is True
    sandbox = client.get("/v1/sandbox", headers=keys.poster).get_json()["posts"]
    assert [p["text"] for p in sandbox] == [CLEAN]
    assert sandbox[0]["decision_id"] == body["decision_id"]


def test_blocked_post_is_422_and_not_sent(client, keys, gate):
    r = post(client, keys.poster, {"account": "acme-air", "text": "Our fund has GUARANTEED returns!"})
    assert r.status_code == 422
    body = r.get_json()
    assert body["verdict"] == "block" and body["forwarded"] is False
    f = body["findings"][0]
    assert f["rule"] == "lexicon.finance.guaranteed_returns" and f["action"] == "block"
    assert "Our fund has GUARANTEED returns!"[f["start"]:f["end"]] == "GUARANTEED returns"
    assert gate.store.sandbox_list() == []


def test_review_verdict_holds_post_202(client, keys, gate):
    r = post(client, keys.poster, {"account": "acme-air", "text": "Book now, it is risk free."})
    assert r.status_code == 202
    body = r.get_json()
    assert body["verdict"] == "review" and body["forwarded"] is False and body["held_until"]
    assert gate.store.sandbox_list() == []
    held = gate.store.db.fetchone("SELECT status FROM held_posts WHERE decision_id = ?", (body["decision_id"],))
    assert held["status"] == "held"


def test_warned_post_needs_acknowledgement(client, keys, gate):
    text = "Acme Air: always on time, every time."
    r = post(client, keys.poster, {"account": "acme-air", "text": text})
    assert r.status_code == 409
    body = r.get_json()
    assert body["verdict"] == "warn" and body["acknowledgement_required"] and not body["forwarded"]
    assert gate.store.sandbox_list() == []

    ack = {"by": "jdoe", "reason": "Legal approved the claim for this campaign"}
    r = post(client, keys.poster, {"account": "acme-air", "text": text, "acknowledgement": ack})
    assert r.status_code == 201
    body = r.get_json()
    assert body["verdict"] == "warn" and body["forwarded"] is True
    assert gate.store.decision(body["decision_id"])["acknowledgement"] == ack
    assert len(gate.store.sandbox_list()) == 1


def test_acknowledgement_does_not_override_block(client, keys, gate):
    ack = {"by": "jdoe", "reason": "I know"}
    r = post(client, keys.poster, {"account": "acme-air", "text": "guaranteed returns", "acknowledgement": ack})
    assert r.status_code == 422
    assert gate.store.sandbox_list() == []


@pytest.mark.parametrize("ack, field", [
    ({"by": "jdoe"}, "acknowledgement.reason"),
    ({"by": "", "reason": "because"}, "acknowledgement.by"),
    ({"by": " ", "reason": "because"}, "acknowledgement.by"),
    ({"by": "jdoe", "reason": "   "}, "acknowledgement.reason"),
    ("yes", "acknowledgement"),
])
def test_bad_acknowledgement_is_400(client, keys, ack, field):
    r = post(client, keys.poster, {"account": "acme-air", "text": CLEAN, "acknowledgement": ack})
    assert r.status_code == 400
    assert r.get_json()["field"] == field


@pytest.mark.parametrize("body, field", [
    ({"text": "hi"}, "account"),
    ({"account": "acme-air"}, "text"),
    ({"account": "acme-air", "text": 5}, "text"),
    ({"account": ["acme-air"], "text": "hi"}, "account"),
    ({"account": "acme-air", "text": "hi", "automated": "yes"}, "automated"),
    ({"account": "acme-air", "text": "hi", "visibility": "private"}, "visibility"),
    ({"account": "acme-air", "text": "hi", "colour": "red"}, "colour"),
    ({"account": "acme-air", "text": "hi", "in_reply_to": {"text": 3}}, "in_reply_to.text"),
    ({"account": "acme-air", "text": "hi", "in_reply_to": {"txt": "x"}}, "in_reply_to.txt"),
    ({"account": "acme-air", "text": "   "}, "text"),
    ({"account": "acme-air", "text": "\u202e"}, "text"),            # characters nobody sees
    ({"account": "acme-air", "text": "\u200b\u200b \u2066"}, "text"),
    ([1, 2], "(body)"),
])
def test_malformed_fields_are_400_naming_the_field(client, keys, gate, body, field):
    for path in ("/v1/check", "/v1/posts"):
        r = client.post(path, data=json.dumps(body), headers={**keys.poster, "Content-Type": "application/json"})
        assert r.status_code == 400, r.get_json()
        error = r.get_json()
        assert error["field"] == field and error["message"]
    assert list(gate.store.entries()) == []
    assert gate.store.sandbox_list() == []


@pytest.mark.parametrize("raw, error", [
    (b'{"account": "acme-air", "text": ', "invalid_json"),
    (b"", "invalid_json"),
    (b'{"account": "acme-air", "text": "caf\xe9"}', "invalid_utf8"),
    (b'{"account": "acme-air", "text": "\\ud800 lone surrogate"}', "invalid_utf8"),
    (b'{"account": "acme-air", "text": NaN}', "invalid_json"),
])
def test_unparseable_body_is_400(client, keys, gate, raw, error):
    r = client.post("/v1/posts", data=raw, headers={**keys.poster, "Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.get_json()["error"] == error
    assert gate.store.sandbox_list() == []


def test_text_over_limit_is_400(client, keys, gate):
    r = post(client, keys.poster, {"account": "acme-air", "text": "a " * 5001})
    assert r.status_code == 400
    assert r.get_json()["field"] == "text" and r.get_json()["error"] == "text_too_long"


def test_body_over_64k_is_413(client, keys, gate):
    r = client.post("/v1/posts", data=b'{"account": "acme-air", "text": "' + b"a" * 70000 + b'"}',
                    headers={**keys.poster, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.get_json()["error"] == "body_too_large"
    assert gate.store.sandbox_list() == []


def test_unknown_account_is_404(client, keys):
    r = post(client, keys.admin, {"account": "nobody", "text": CLEAN})
    assert r.status_code == 404 and r.get_json()["field"] == "account"


def test_missing_and_bad_keys_are_401(client, keys, gate):
    assert post(client, {}, {"account": "acme-air", "text": CLEAN}).status_code == 401
    r = post(client, {"Authorization": "Bearer gk_not-a-real-key"}, {"account": "acme-air", "text": CLEAN})
    assert r.status_code == 401 and "WWW-Authenticate" in r.headers
    assert post(client, {"Authorization": "Basic Zm9vOmJhcg=="}, {"account": "acme-air", "text": CLEAN}).status_code == 401
    assert gate.store.sandbox_list() == []


def test_key_scopes(client, keys, gate):
    # A poster key may post only to its own accounts.
    r = post(client, keys.poster, {"account": "jdoe", "text": CLEAN})
    assert r.status_code == 403 and r.get_json()["field"] == "account"
    assert post(client, keys.poster, {"account": "jdoe", "text": CLEAN}, "/v1/check").status_code == 403
    # An auditor may read the log but not post; a poster may not read the log.
    assert post(client, keys.auditor, {"account": "acme-air", "text": CLEAN}).status_code == 403
    assert client.get("/v1/decisions", headers=keys.poster).status_code == 403
    # A reviewer may try a post but not publish one.
    assert post(client, keys.reviewer, {"account": "acme-air", "text": CLEAN}, "/v1/check").status_code == 200
    assert post(client, keys.reviewer, {"account": "acme-air", "text": CLEAN}).status_code == 403
    assert gate.store.sandbox_list() == []


def test_revoked_key_stops_working(client, gate):
    headers = {"Authorization": f"Bearer {gate.store.add_key('temp', 'poster', ['acme-air'])}"}
    gate.store.revoke_key("temp")
    assert post(client, headers, {"account": "acme-air", "text": CLEAN}).status_code == 401


def test_keys_are_stored_hashed(gate):
    key = gate.store.add_key("hashed", "poster", ["acme-air"])
    dump = "\n".join(str(r) for r in gate.store.db.fetchall("SELECT * FROM api_keys"))
    assert key not in dump and key[3:] not in dump


def test_no_500_with_traceback(client, keys, monkeypatch, gate):
    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(gate, "evaluate", boom)
    r = post(client, keys.poster, {"account": "acme-air", "text": CLEAN})
    assert r.status_code == 500
    assert "secret internals" not in r.get_data(as_text=True) and "Traceback" not in r.get_data(as_text=True)
    assert r.get_json()["error"] == "internal_error"


def test_wrong_method_and_path_are_json(client, keys):
    r = client.get("/v1/posts", headers=keys.poster)
    assert r.status_code == 405 and r.get_json()["error"] == "method_not_allowed"
    assert client.get("/nope").get_json()["error"] == "not_found"


def test_openapi_document(client):
    from openapi_spec_validator import validate

    doc = client.get("/openapi.json").get_json()
    validate(doc)
    assert doc["openapi"].startswith("3.")
    assert {"/v1/check", "/v1/posts", "/v1/decisions", "/v1/decisions/{decision_id}"} <= set(doc["paths"])
    responses = doc["paths"]["/v1/posts"]["post"]["responses"]
    assert {"201", "202", "409", "422", "400", "401", "403", "404"} <= set(responses)


def test_decisions_api_filters_and_pages(client, keys):
    post(client, keys.poster, {"account": "acme-air", "text": CLEAN})
    post(client, keys.poster, {"account": "acme-air", "text": "guaranteed returns"})
    post(client, keys.admin, {"account": "jdoe", "text": CLEAN})
    all_items = client.get("/v1/decisions", headers=keys.auditor).get_json()["decisions"]
    assert len(all_items) == 3
    blocked = client.get("/v1/decisions?verdict=block", headers=keys.auditor).get_json()["decisions"]
    assert [d["verdict"] for d in blocked] == ["block"]
    by_rule = client.get("/v1/decisions?rule=lexicon.finance.guaranteed_returns", headers=keys.auditor).get_json()["decisions"]
    assert len(by_rule) == 1
    jdoe = client.get("/v1/decisions?account=jdoe", headers=keys.auditor).get_json()["decisions"]
    assert [d["account"] for d in jdoe] == ["jdoe"]
    page1 = client.get("/v1/decisions?limit=2", headers=keys.auditor).get_json()
    page2 = client.get(f"/v1/decisions?limit=2&cursor={page1['next_cursor']}", headers=keys.auditor).get_json()
    ids = [d["decision_id"] for d in page1["decisions"] + page2["decisions"]]
    assert len(set(ids)) == 3 and page2["next_cursor"] is None
    by_offset = client.get("/v1/decisions?limit=2&offset=2", headers=keys.auditor).get_json()["decisions"]
    assert [d["decision_id"] for d in by_offset] == [d["decision_id"] for d in page2["decisions"]]
    one = client.get(f"/v1/decisions/{ids[0]}", headers=keys.auditor).get_json()
    assert one["decision_id"] == ids[0]
    assert client.get("/v1/decisions/does-not-exist", headers=keys.auditor).status_code == 404
    assert client.get("/v1/decisions?verdict=maybe", headers=keys.auditor).status_code == 400


def test_log_holds_redacted_text_and_hash_only(client, keys, gate):
    text = "Call our guest back on 212-555-0199 or jane.roe@example.com"
    r = post(client, keys.poster, {"account": "acme-air", "text": text}, "/v1/check")
    logged = gate.store.decision(r.get_json()["decision_id"])
    import hashlib

    assert logged["text_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    raw_rows = json.dumps(gate.store.db.fetchall("SELECT * FROM decision_log"))
    assert "212-555-0199" not in raw_rows and "jane.roe@example.com" not in raw_rows
    assert "<PHONE_NUMBER>" in logged["text_redacted"]


def test_webhook_upstream(client, keys, policy_dir, recorder, gate):
    hook = recorder(status=200, body=b'{"id": "hook-7"}')
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {hook.url}/hook\n  timeout_seconds: 2\n")
    r = post(client, keys.poster, {"account": "acme-air", "text": CLEAN})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["forward"]["id"] == "hook-7"
    sent = json.loads(hook.requests[0]["body"])
    assert sent["text"] == CLEAN and sent["account"] == "acme-air"


def test_webhook_failure_is_502_logged_and_kept(client, keys, policy_dir, recorder, gate):
    hook = recorder(status=503, body=b"{}")
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {hook.url}/hook\n")
    r = post(client, keys.poster, {"account": "acme-air", "text": CLEAN})
    assert r.status_code == 502
    body = r.get_json()
    assert body["decision_id"] and body["forwarded"] is False
    logged = gate.store.decision(body["decision_id"])
    assert logged["forward"]["status"] == "failed"
    kept = gate.store.db.fetchone("SELECT status FROM held_posts WHERE decision_id = ?", (body["decision_id"],))
    assert kept["status"] == "forward_failed"


def test_idempotency_key_returns_first_result(client, keys, gate):
    headers = {**keys.poster, "Idempotency-Key": "req-123"}
    first = post(client, headers, {"account": "acme-air", "text": CLEAN})
    second = post(client, headers, {"account": "acme-air", "text": CLEAN})
    assert first.status_code == second.status_code == 201
    assert first.get_json()["decision_id"] == second.get_json()["decision_id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert len(gate.store.sandbox_list()) == 1
    other = post(client, headers, {"account": "acme-air", "text": CLEAN + " (edited)"})
    assert other.status_code == 422 and other.get_json()["field"] == "Idempotency-Key"


@pytest.mark.parametrize("text", ["Gu4r4nt33d r3turns!", "guaranteed\u200b returns", "ɡuaranteed  RETURNS", "guaranteed-returns"])
def test_lexicon_sees_through_evasions(client, keys, text):
    r = post(client, keys.poster, {"account": "acme-air", "text": f"Our fund: {text}"}, "/v1/check")
    assert r.get_json()["verdict"] == "block"


def test_deeply_nested_body_is_400(client, keys):
    r = client.post("/v1/posts", data=b"[" * 30000 + b"]" * 30000, headers={**keys.poster, "Content-Type": "application/json"})
    assert r.status_code in (400, 413) and r.get_json()["error"] in ("invalid_json", "body_too_large")
    r = client.post("/v1/posts", data=(b'{"a":' * 5000) + b"1" + b"}" * 5000, headers={**keys.poster, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.get_json()["error"] == "invalid_json"


# -- hardening (issue 14) ----------------------------------------------------------------

def test_native_field_is_refused_on_v1_posts(client, keys, gate):
    body = {"account": "acme-air", "text": CLEAN, "native": {"platform": "mastodon", "body": {"spoiler_text": "guaranteed returns"}}}
    for path in ("/v1/posts", "/v1/check"):
        r = post(client, keys.poster, body, path)
        assert r.status_code == 400 and r.get_json()["field"] == "native"
    assert list(gate.store.entries()) == [] and gate.store.sandbox_list() == []


def test_revocation_takes_effect_at_once(client, gate):
    headers = {"Authorization": f"Bearer {gate.store.add_key('temp', 'poster', ['acme-air'])}"}
    assert post(client, headers, {"account": "acme-air", "text": CLEAN}, "/v1/check").status_code == 200
    gate.store.revoke_key("temp")  # e.g. `gatekeeper keys revoke` from another process
    assert post(client, headers, {"account": "acme-air", "text": CLEAN}).status_code == 401
    assert post(client, headers, {"account": "acme-air", "text": CLEAN}, "/v1/check").status_code == 401


@pytest.mark.parametrize("query, field", [
    ("cursor=99999999999999999999", "cursor"),
    ("cursor=9223372036854775808", "cursor"),
    ("cursor=0", "cursor"),
    ("cursor=-1", "cursor"),
    ("cursor=1_000", "cursor"),
    ("offset=99999999999999999999", "offset"),
    ("offset=100001", "offset"),
    ("offset=-5", "offset"),
    ("limit=99999999999999999999", "limit"),
    ("limit=0", "limit"),
    ("limit=501", "limit"),
    ("limit=%205", "limit"),
])
def test_out_of_range_paging_is_400(client, keys, query, field):
    post(client, keys.poster, {"account": "acme-air", "text": CLEAN})
    r = client.get(f"/v1/decisions?{query}", headers=keys.auditor)
    assert r.status_code == 400, r.get_json()
    assert r.get_json()["field"] == field


def test_largest_paging_values_are_answered(client, keys):
    post(client, keys.poster, {"account": "acme-air", "text": CLEAN})
    r = client.get("/v1/decisions?cursor=9223372036854775807&offset=100000&limit=500", headers=keys.auditor)
    assert r.status_code == 200 and r.get_json()["decisions"] == []
    assert len(client.get("/v1/decisions?cursor=9223372036854775807", headers=keys.auditor).get_json()["decisions"]) == 1


def test_openapi_declares_paging_bounds(client):
    doc = client.get("/openapi.json").get_json()
    params = {p["name"]: p["schema"] for p in doc["paths"]["/v1/decisions"]["get"]["parameters"]}
    assert params["cursor"]["type"] == "integer" and params["cursor"]["maximum"] == 2**63 - 1
    assert params["offset"] == {"type": "integer", "minimum": 0, "maximum": 100000, "default": 0}
    assert params["limit"]["maximum"] == 500
    sandbox = {p["name"] for p in doc["paths"]["/v1/sandbox"]["get"]["parameters"]}
    assert {"limit", "cursor", "account"} <= sandbox


@pytest.mark.parametrize("body, field", [
    ({"account": "acme-air", "text": "hello\x00world"}, "text"),
    ({"account": "acme-air", "text": CLEAN, "author": "jdoe\x00"}, "author"),
    ({"account": "acme-air", "text": "bell\x07"}, "text"),
    ({"account": "acme-air", "text": CLEAN, "in_reply_to": {"author": "@a\x1b[31m"}}, "in_reply_to.author"),
    ({"account": "acme-air", "text": "risk free", "acknowledgement": {"by": "jdoe", "reason": "ok\x00ok"}}, "acknowledgement.reason"),
    ({"account": "acme\x00air", "text": CLEAN}, "account"),
])
def test_control_characters_are_400_naming_the_field(client, keys, gate, body, field):
    for path in ("/v1/check", "/v1/posts"):
        r = post(client, keys.poster, body, path)
        assert r.status_code == 400, r.get_json()
        assert r.get_json()["field"] == field and "U+00" in r.get_json()["message"]
    assert list(gate.store.entries()) == []


def test_tabs_and_newlines_are_text(client, keys):
    r = post(client, keys.poster, {"account": "acme-air", "text": "Line one\r\n\tLine two\nSee you!"}, "/v1/check")
    assert r.status_code == 200


def test_control_characters_in_query_and_path_are_400(client, keys):
    r = client.get("/v1/decisions?account=acme%00air", headers=keys.auditor)
    assert r.status_code == 400 and r.get_json()["field"] == "account"
    r = client.get("/v1/decisions/abc%00def", headers=keys.auditor)
    assert r.status_code == 400 and r.get_json()["field"] == "(path)"


def test_decision_and_held_post_commit_together(client, keys, gate, monkeypatch):
    def broken_hold(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(gate.store, "hold", broken_hold)
    r = post(client, keys.poster, {"account": "acme-air", "text": "Book now, it is risk free."})
    assert r.status_code == 500
    # Neither the decision nor a held post: the client saw an error and may simply retry.
    assert list(gate.store.entries()) == [] and gate.store.verify()["ok"]
    assert gate.store.db.fetchall("SELECT * FROM held_posts") == []


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_post_bodies_must_be_declared_json(client, keys, gate, content_type):
    headers = {**keys.poster, **({"Content-Type": content_type} if content_type else {})}
    for path in ("/v1/check", "/v1/posts"):
        r = client.post(path, data=json.dumps({"account": "acme-air", "text": CLEAN}), headers=headers)
        assert r.status_code == 415 and r.get_json()["field"] == "Content-Type"
    assert list(gate.store.entries()) == []
    r = client.post("/v1/check", data=json.dumps({"account": "acme-air", "text": CLEAN}),
                    headers={**keys.poster, "Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200


def test_duplicate_json_keys_are_400(client, keys, gate):
    raw = b'{"account": "acme-air", "text": "' + CLEAN.encode() + b'", "text": "guaranteed returns"}'
    r = client.post("/v1/posts", data=raw, headers={**keys.poster, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.get_json()["field"] == "text" and r.get_json()["error"] == "invalid_json"
    raw = b'{"account": "acme-air", "text": "hi", "in_reply_to": {"author": "a", "author": "b"}}'
    r = client.post("/v1/check", data=raw, headers={**keys.poster, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.get_json()["field"] == "author"
    assert list(gate.store.entries()) == []


def test_sandbox_pages(client, keys, gate):
    for i in range(5):
        assert post(client, keys.poster, {"account": "acme-air", "text": f"{CLEAN} ({i})"}).status_code == 201
    seen, cursor = [], None
    while True:
        r = client.get("/v1/sandbox?limit=2" + (f"&cursor={cursor}" if cursor else ""), headers=keys.poster)
        assert r.status_code == 200
        page = r.get_json()
        seen += [p["id"] for p in page["posts"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5
    assert [p["id"] for p in client.get("/v1/sandbox?limit=10", headers=keys.poster).get_json()["posts"]] == seen
    for bad in ("limit=0", "limit=100000000000000000000", "cursor=nope", "cursor=2026~" + "z" * 32):
        r = client.get(f"/v1/sandbox?{bad}", headers=keys.poster)
        assert r.status_code == 400, bad


def test_no_answer_from_the_platform_is_unknown_and_never_posted_twice(client, keys, policy_dir, recorder, gate, monkeypatch):
    # The webhook takes the post but answers too late: it may be published. A retry with the same key gets the same
    # answer, and the post waits in the queue as unknown for a person, not as an approvable failed forward.
    import time

    monkeypatch.setenv("GATEKEEPER_FORWARD_MAX_SECONDS", "0.6")
    hook = recorder(status=200, on_request=lambda handler: time.sleep(1.0))
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {hook.url}/hook\n  timeout_seconds: 0.3\n")
    headers = {**keys.poster, "Idempotency-Key": "slow-1"}
    first = post(client, headers, {"account": "acme-air", "text": CLEAN})
    assert first.status_code == 502 and first.get_json()["error"] == "upstream_unknown"
    assert first.get_json()["forward"]["status"] == "unknown"
    again = post(client, headers, {"account": "acme-air", "text": CLEAN})
    assert again.status_code == 502 and again.get_json()["decision_id"] == first.get_json()["decision_id"]
    assert len(hook.requests) == 1
    decision_id = first.get_json()["decision_id"]
    assert gate.store.held(decision_id)["status"] == "unknown"
    assert gate.store.decision(decision_id)["forward"]["status"] == "unknown"
    r = client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer)
    assert r.status_code == 409 and r.get_json()["error"] == "outcome_unknown"


def test_retry_after_a_clean_failure_withdraws_the_failed_copy(client, keys, policy_dir, recorder, gate):
    hook = recorder(status=503, body=b"{}")
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {hook.url}/hook\n")
    headers = {**keys.poster, "Idempotency-Key": "flaky-1"}
    first = post(client, headers, {"account": "acme-air", "text": CLEAN})
    assert first.status_code == 502 and first.get_json()["error"] == "upstream_failed"
    failed = first.get_json()["decision_id"]
    hook.status, hook.body = 200, b'{"id": "hook-9"}'
    second = post(client, headers, {"account": "acme-air", "text": CLEAN})
    assert second.status_code == 201 and second.get_json()["decision_id"] != failed
    # The failed attempt left the queue: approving it would publish the post a second time.
    assert gate.store.held(failed)["status"] == "withdrawn"
    assert client.get("/v1/reviews?status=forward_failed", headers=keys.reviewer).get_json()["reviews"] == []
    assert client.post(f"/v1/reviews/{failed}/approve", headers=keys.reviewer).status_code == 409
    assert post(client, headers, {"account": "acme-air", "text": CLEAN}).get_json()["decision_id"] == second.get_json()["decision_id"]
    assert len(hook.requests) == 2  # one refused, one published
    assert [link["event"] for link in gate.store.chain_links(failed)][-1] == "review.withdrawn"


def test_retry_after_a_reviewer_sent_the_failed_copy_posts_nothing(client, keys, policy_dir, recorder, gate):
    hook = recorder(status=503, body=b"{}")
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {hook.url}/hook\n")
    headers = {**keys.poster, "Idempotency-Key": "flaky-2"}
    failed = post(client, headers, {"account": "acme-air", "text": CLEAN}).get_json()["decision_id"]
    hook.status = 200
    assert client.post(f"/v1/reviews/{failed}/approve", headers=keys.reviewer).status_code == 200
    retry = post(client, headers, {"account": "acme-air", "text": CLEAN})
    assert retry.status_code == 409 and retry.get_json()["error"] == "sent_from_review"
    assert retry.get_json()["decision_id"] == failed and len(hook.requests) == 2
