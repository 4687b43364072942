import datetime as dt
import threading

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
    assert client.post(f"/v1/reviews/{decision_id}/approve", headers=keys.reviewer).status_code == 403
    assert client.post("/v1/reviews/nope/approve", headers=keys.reviewer).status_code == 404


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
