import datetime as dt
import threading

import pytest

from conftest import set_upstream

HELD = {"account": "acme-air", "text": "Book now, it is risk free.", "author": "jdoe"}


def hold(client, keys, body=HELD):
    r = client.post("/v1/posts", json=body, headers=keys.poster)
    assert r.status_code == 202
    return r.get_json()["decision_id"]


def test_queue_lists_held_posts_with_reasons(client, keys):
    decision_id = hold(client, keys)
    items = client.get("/v1/reviews", headers=keys.reviewer).get_json()["reviews"]
    assert [i["decision_id"] for i in items] == [decision_id]
    assert items[0]["text"] == HELD["text"] and items[0]["findings"][0]["rule"] == "lexicon.finance.risk_free"
    assert items[0]["reason"]
    assert client.get("/v1/reviews?account=jdoe", headers=keys.reviewer).get_json()["reviews"] == []
    assert client.get("/v1/reviews", headers=keys.poster).status_code == 403


def test_approve_forwards_exactly_once(client, keys, gate):
    decision_id = hold(client, keys)
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"note": "legal ok"}, headers=keys.reviewer)
    assert r.status_code == 200 and r.get_json()["forwarded"] is True
    again = client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer)
    assert again.status_code == 409
    assert [p["text"] for p in gate.store.sandbox_list()] == [HELD["text"]]
    events = [e["event"] for e in gate.store.decision(decision_id)["events"]]
    assert events == ["review.approved", "forwarded"]
    assert gate.store.verify()["ok"]
    # The held copy of the text is dropped once it is sent.
    assert "risk free" not in str(gate.store.held(decision_id)["payload"])


def test_concurrent_approvals_send_once(app, keys, gate):
    decision_id = hold(app.test_client(), keys)
    results = []

    def approve():
        results.append(app.test_client().post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer).status_code)

    threads = [threading.Thread(target=approve) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 409, 409, 409]
    assert len(gate.store.sandbox_list()) == 1


def test_reject_with_reason(client, keys, gate):
    decision_id = hold(client, keys)
    assert client.post(f"/v1/reviews/{decision_id}/reject", json={}, headers=keys.reviewer).status_code == 400
    r = client.post(f"/v1/reviews/{decision_id}/reject", json={"reason": "Not approved by legal"}, headers=keys.reviewer)
    assert r.status_code == 200
    assert client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer).status_code == 409
    assert gate.store.sandbox_list() == []
    event = gate.store.decision(decision_id)["events"][0]
    assert event["event"] == "review.rejected" and event["reason"] == "Not approved by legal"


def test_authors_cannot_approve_their_own_posts(client, keys, gate):
    decision_id = hold(client, keys)
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"by": "jdoe"}, headers=keys.reviewer)
    assert r.status_code == 403
    # An admin key that posted may not approve its own post either.
    r = client.post("/v1/posts", json={**HELD, "author": "ops"}, headers=keys.admin)
    r = client.post(f"/v1/reviews/{r.get_json()['decision_id']}/approve", headers=keys.admin)
    assert r.status_code == 403
    assert gate.store.sandbox_list() == []


def test_reviewer_scope(client, keys, gate):
    r = client.post("/v1/posts", json={"account": "jdoe", "text": "risk free!"}, headers=keys.admin)
    decision_id = r.get_json()["decision_id"]
    # Another account's held post answers as an unknown one does: its existence is not confirmed.
    other = client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer)
    unknown = client.post("/v1/reviews/nope/approve", headers=keys.reviewer)
    assert other.status_code == unknown.status_code == 404 and other.get_json()["error"] == unknown.get_json()["error"]
    assert gate.store.held(decision_id)["status"] == "held"


def test_expired_posts_are_never_sent(client, keys, gate):
    decision_id = hold(client, keys)
    past = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)).isoformat()
    gate.store.db.execute("UPDATE held_posts SET expires_at = ? WHERE decision_id = ?", (past, decision_id))
    r = client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer)
    assert r.status_code == 410
    assert gate.store.sandbox_list() == []
    assert gate.store.decision(decision_id)["events"][0]["event"] == "review.expired"
    assert client.get("/v1/reviews", headers=keys.reviewer).get_json()["reviews"] == []


def test_expiry_is_configurable(policy_dir, client, keys):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("review_expiry_hours: 72", "review_expiry_hours: 2"))
    from conftest import bump_mtime

    bump_mtime(main)
    body = client.post("/v1/posts", json=HELD, headers=keys.poster).get_json()
    held_until = dt.datetime.fromisoformat(body["held_until"])
    assert dt.timedelta(hours=1.9) < held_until - dt.datetime.now(dt.timezone.utc) < dt.timedelta(hours=2.1)


def test_freeze_uses_the_same_queue(policy_dir, client, keys):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("freeze: []", 'freeze:\n  - accounts: all\n    reason: "Crisis: comms approves everything"\n'))
    from conftest import bump_mtime

    bump_mtime(main)
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "See you on board!"}, headers=keys.poster)
    assert r.status_code == 202
    items = client.get("/v1/reviews", headers=keys.reviewer).get_json()["reviews"]
    assert "Crisis" in items[0]["reason"]


def test_failed_forward_can_be_approved_again(client, keys, gate, policy_dir, recorder):
    hook = recorder(status=503, body=b"{}")
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {hook.url}/hook\n")
    decision_id = hold(client, keys)
    assert client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer).status_code == 502
    items = client.get("/v1/reviews?status=forward_failed", headers=keys.reviewer).get_json()["reviews"]
    assert [i["decision_id"] for i in items] == [decision_id]
    hook.status = 200
    assert client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer).status_code == 200
    assert len(hook.requests) == 2


# -- self-approval is decided on keys and normalised names (issue 14, item 3) ----------------

@pytest.mark.parametrize("by", ["jdoe", "JDoe", " jdoe ", "j doe", "ＪＤＯＥ"])
def test_author_names_are_compared_ignoring_case_and_spaces(client, keys, gate, by):
    decision_id = hold(client, keys, {**HELD, "author": "J  Doe" if by == "j doe" else "jdoe"})
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"by": by}, headers=keys.reviewer)
    assert r.status_code == 403 and r.get_json()["error"] == "own_post"
    assert gate.store.sandbox_list() == []


def test_the_key_that_posted_cannot_approve_whatever_by_says(client, keys, gate):
    # The key "root" posts and then approves, claiming to be someone else.
    r = client.post("/v1/posts", json={**HELD, "author": "Maria"}, headers=keys.admin)
    decision_id = r.get_json()["decision_id"]
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"by": "someone else"}, headers=keys.admin)
    assert r.status_code == 403
    # A key named like the author is the author, too.
    maria = keys.make("maria ", "reviewer", ["acme-air"])
    assert client.post(f"/v1/reviews/{decision_id}/approve", headers=maria).status_code == 403
    # Someone else's key and name may approve.
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"by": "Ana"}, headers=keys.reviewer)
    assert r.status_code == 200
    assert len(gate.store.sandbox_list()) == 1


def test_failed_forward_keeps_the_key_that_posted_it(client, keys, gate, policy_dir, recorder):
    hook = recorder(status=503, body=b"{}")
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {hook.url}/hook\n")
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "See you on board!", "author": "Maria"}, headers=keys.poster)
    assert r.status_code == 502
    decision_id = r.get_json()["decision_id"]
    held = gate.store.held(decision_id)
    assert held["status"] == "forward_failed" and held["key_name"] == "scheduler"
    item = client.get("/v1/reviews?status=forward_failed", headers=keys.reviewer).get_json()["reviews"][0]
    assert item["key_name"] == "scheduler"
    # The posting key (given reviewer rights later, say) cannot approve its own failed post.
    gate.store.db.execute("UPDATE api_keys SET role = 'reviewer' WHERE name = 'scheduler'")
    hook.status = 200
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"by": "Ana"}, headers=keys.poster)
    assert r.status_code == 403
    assert client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer).status_code == 200
    assert len(hook.requests) == 2


def test_failed_forward_of_an_earlier_release_uses_the_logged_key(client, keys, gate):
    # Held rows written before this fix have no key name; the decision log has it.
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "See you on board!"}, headers=keys.admin)
    decision_id = r.get_json()["decision_id"]
    gate.store.hold(decision_id, "acme-air", None, None, {"account": "acme-air", "text": "See you on board!"}, "forward failed", None,
                    status="forward_failed")
    assert client.post(f"/v1/reviews/{decision_id}/approve", json={"by": "Ana"}, headers=keys.admin).status_code == 403


# -- interrupted sends are reconciled, never re-sent blindly (issue 14, item 11) -------------

def crash_while_sending(client, keys, gate, monkeypatch, text="Boarding now at gate 12, see you on board!"):
    """The platform takes the post, then the process dies before the outcome is logged."""
    import gatekeeper.service as service

    published = []

    def publish_then_die(outbound, context):
        published.append(outbound.text)
        raise SystemExit("killed")

    monkeypatch.setattr(service, "forward", publish_then_die)
    with pytest.raises(SystemExit):
        client.post("/v1/posts", json={"account": "acme-air", "text": text, "author": "jdoe"}, headers=keys.poster)
    monkeypatch.undo()
    decision_id = gate.store.decisions(limit=1)[0]["decision_id"]
    return decision_id, published


def test_interrupted_send_becomes_unknown_and_waits_for_a_person(client, keys, gate, monkeypatch):
    decision_id, published = crash_while_sending(client, keys, gate, monkeypatch)
    assert published and gate.store.decision(decision_id)["forward"] == {"status": "pending"}
    # A send younger than the reconcile window may still be in flight on another instance.
    assert gate.reconcile() == []
    assert gate.reconcile(older_than_seconds=0) == [decision_id]
    assert gate.reconcile(older_than_seconds=0) == []  # once
    logged = gate.store.decision(decision_id)
    assert logged["forward"] == {"status": "unknown"} and logged["events"][-1]["event"] == "forward.unknown"
    assert gate.store.verify()["ok"]
    items = client.get("/v1/reviews?status=unknown", headers=keys.reviewer).get_json()["reviews"]
    assert [i["decision_id"] for i in items] == [decision_id] and items[0]["text"].startswith("Boarding now")
    # Never sent again by itself, nor by a plain approval.
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"by": "Ana"}, headers=keys.reviewer)
    assert r.status_code == 409 and r.get_json()["error"] == "outcome_unknown"
    assert client.post(f"/v1/reviews/{decision_id}/reject", json={"reason": "x"}, headers=keys.reviewer).status_code == 409
    assert gate.store.sandbox_list() == []


def test_resolved_as_sent_is_closed_and_its_text_dropped(client, keys, gate, monkeypatch):
    decision_id, _ = crash_while_sending(client, keys, gate, monkeypatch)
    gate.reconcile(older_than_seconds=0)
    r = client.post(f"/v1/reviews/{decision_id}/resolve", json={"outcome": "maybe"}, headers=keys.reviewer)
    assert r.status_code == 400 and r.get_json()["field"] == "outcome"
    r = client.post(f"/v1/reviews/{decision_id}/resolve", json={"outcome": "sent", "by": "Ana"}, headers=keys.reviewer)
    assert r.status_code == 200 and r.get_json()["status"] == "sent"
    assert client.post(f"/v1/reviews/{decision_id}/resolve", json={"outcome": "sent"}, headers=keys.reviewer).status_code == 409
    logged = gate.store.decision(decision_id)
    assert logged["forward"]["status"] == "sent" and logged["events"][-1]["by"] == "Ana"
    assert "Boarding" not in str(gate.store.held(decision_id)["payload"])
    assert gate.store.sandbox_list() == [] and gate.store.verify()["ok"]


def test_resolved_as_not_sent_can_be_approved_explicitly(client, keys, gate, monkeypatch):
    decision_id, _ = crash_while_sending(client, keys, gate, monkeypatch)
    gate.reconcile(older_than_seconds=0)
    r = client.post(f"/v1/reviews/{decision_id}/resolve", json={"outcome": "not_sent"}, headers=keys.reviewer)
    assert r.status_code == 200 and r.get_json()["status"] == "forward_failed"
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"by": "Ana"}, headers=keys.reviewer)
    assert r.status_code == 200
    assert [p["text"] for p in gate.store.sandbox_list()] == ["Boarding now at gate 12, see you on board!"]
    events = [e["event"] for e in gate.store.decision(decision_id)["events"]]
    assert events == ["forward.unknown", "review.resolved", "review.approved", "forwarded"]


def test_restart_reconciles_interrupted_sends(client, keys, gate, monkeypatch, policy_dir, db_url):
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    decision_id, _ = crash_while_sending(client, keys, gate, monkeypatch)
    restarted = create_app(Settings(policy_dir=str(policy_dir), database_url=db_url, policy_reload_seconds=0, reconcile_after_seconds=0))
    assert restarted.extensions["gatekeeper"].store.held(decision_id)["status"] == "unknown"


def test_a_completed_send_leaves_nothing_in_the_queue(client, keys, gate):
    r = client.post("/v1/posts", json={"account": "acme-air", "text": "See you on board!"}, headers=keys.poster)
    assert r.status_code == 201
    assert gate.store.held(r.get_json()["decision_id"]) is None
    assert gate.reconcile(older_than_seconds=0) == []


def test_a_dotted_capital_i_does_not_make_another_person(client, keys, gate):
    decision_id = hold(client, keys, {**HELD, "author": "alice"})
    r = client.post(f"/v1/reviews/{decision_id}/approve", json={"by": "ALİCE"}, headers=keys.reviewer)
    assert r.status_code == 403 and r.get_json()["error"] == "own_post"
