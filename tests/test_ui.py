"""The workbench through Flask's test client: sign-in, roles, CSRF and every page's rules."""
import csv
import io
import json
import re
import shutil

import pytest

from conftest import bump_mtime, set_upstream

HELD = {"account": "acme-air", "text": "Book now, it is risk free.", "author": "jdoe"}


class Browser:
    """A test client that signs in with a key and sends forms with the page's CSRF token."""

    def __init__(self, app):
        self.client = app.test_client()
        self.csrf = None

    def get(self, path, **kw):
        r = self.client.get(path, **kw)
        self._remember(r)
        return r

    def _remember(self, r):
        found = re.search(r'name="csrf_token" value="([^"]+)"', r.get_data(as_text=True))
        if found:
            self.csrf = found.group(1)

    def post(self, path, data=None, csrf=True, **kw):
        data = dict(data or {})
        if csrf:
            if self.csrf is None:
                self.get("/ui/login")
            data.setdefault("csrf_token", self.csrf)
        r = self.client.post(path, data=data, **kw)
        self._remember(r)
        return r

    def sign_in(self, secret):
        self.get("/ui/login")
        r = self.post("/ui/login", {"key": secret})
        assert r.status_code == 303, r.get_data(as_text=True)
        self.get("/ui/")
        return r


def secret(headers):
    return headers["Authorization"].split(" ", 1)[1]


@pytest.fixture
def browser(app):
    def make(headers=None):
        b = Browser(app)
        if headers:
            b.sign_in(secret(headers))
        return b
    return make


def hold(client, keys, body=HELD, headers=None):
    r = client.post("/v1/posts", json=body, headers=headers or keys.poster)
    assert r.status_code == 202, r.get_json()
    return r.get_json()["decision_id"]


# -- signing in ---------------------------------------------------------------------------------
def test_sign_in_sets_a_strict_httponly_cookie_and_sign_out_ends_it(browser, keys):
    b = browser()
    page = b.get("/ui/login").get_data(as_text=True)
    assert 'type="password"' in page and 'name="key"' in page and '<label for="key">' in page
    r = b.post("/ui/login", {"key": secret(keys.reviewer)})
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    assert secret(keys.reviewer) not in cookie  # the cookie names the key; it never holds it
    assert b.get("/ui/reviews").status_code == 200
    assert b.post("/ui/logout").status_code == 303
    r = b.get("/ui/reviews")
    assert r.status_code == 302 and "/ui/login" in r.headers["Location"]


def test_cookie_is_secure_over_tls(app, keys):
    client = app.test_client()
    page = client.get("/ui/login", base_url="https://gate.example").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = client.post("/ui/login", data={"key": secret(keys.reviewer), "csrf_token": token}, base_url="https://gate.example")
    assert r.status_code == 303 and "Secure" in r.headers["Set-Cookie"]


def test_wrong_or_revoked_key_cannot_sign_in_and_revocation_signs_out(browser, keys, gate):
    b = browser()
    b.get("/ui/login")
    r = b.post("/ui/login", {"key": "gk_not_a_key"})
    assert r.status_code == 401 and "not valid" in r.get_data(as_text=True)
    headers = keys.make("temp", "reviewer", ["acme-air"])
    b.sign_in(secret(headers))
    assert b.get("/ui/reviews").status_code == 200
    gate.store.revoke_key("temp")
    assert b.get("/ui/reviews").status_code == 302  # signed out at once, not when a cache expires


def test_sign_in_only_redirects_inside_the_workbench(browser, keys):
    b = browser()
    b.get("/ui/login")
    r = b.post("/ui/login", {"key": secret(keys.auditor), "next": "https://evil.example/"})
    assert r.headers["Location"].endswith("/ui/")
    b2 = browser()
    b2.get("/ui/login?next=/ui/decisions")
    r = b2.post("/ui/login", {"key": secret(keys.auditor), "next": "/ui/decisions"})
    assert r.headers["Location"].endswith("/ui/decisions")


# -- roles ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("role_key, allowed", [
    ("poster", {"/ui/try"}),
    ("reviewer", {"/ui/reviews", "/ui/try"}),
    ("auditor", {"/ui/decisions", "/ui/policy"}),
    ("admin", {"/ui/reviews", "/ui/decisions", "/ui/policy", "/ui/try", "/ui/what-if"}),
])
def test_each_role_gets_its_pages_and_403_elsewhere(browser, keys, role_key, allowed):
    b = browser(getattr(keys, role_key))
    for path in ("/ui/reviews", "/ui/decisions", "/ui/policy", "/ui/try", "/ui/what-if"):
        r = b.get(path)
        assert r.status_code == (200 if path in allowed else 403), (role_key, path)
    nav = b.get("/ui/").get_data(as_text=True)
    for path in ("/ui/reviews", "/ui/decisions", "/ui/what-if"):
        assert (f'href="{path}"' in nav) == (path in allowed)


def test_signed_out_pages_redirect_to_sign_in(app):
    r = app.test_client().get("/ui/decisions?verdict=block")
    assert r.status_code == 302 and "/ui/login?next=" in r.headers["Location"]


# -- CSRF -------------------------------------------------------------------------------------------
def test_post_without_valid_csrf_token_changes_nothing(browser, keys, client, gate):
    decision_id = hold(client, keys)
    b = browser(keys.reviewer)
    for data in ({}, {"csrf_token": "forged"}):
        r = b.post(f"/ui/reviews/{decision_id}/approve", data, csrf=False)
        assert r.status_code == 400 and "CSRF" in r.get_data(as_text=True)
    assert gate.store.held(decision_id)["status"] == "held" and gate.store.sandbox_list() == []
    # A token from another session is no good either.
    other = browser(keys.admin)
    r = b.post(f"/ui/reviews/{decision_id}/reject", {"reason": "x", "csrf_token": other.csrf}, csrf=False)
    assert r.status_code == 400 and gate.store.held(decision_id)["status"] == "held"
    before = len(gate.store.decisions())
    assert b.post("/ui/try", {"text": "hello", "account": "acme-air"}, csrf=False).status_code == 400
    assert len(gate.store.decisions()) == before
    assert b.post("/ui/login", {"key": secret(keys.admin)}, csrf=False).status_code == 400


# -- review queue -------------------------------------------------------------------------------------
def test_queue_shows_newest_first_with_highlights_countdown_and_buttons(browser, keys, client):
    first = hold(client, keys)
    second = hold(client, keys, {**HELD, "text": "Zero risk: the cure for boring trips.", "author": "ann"})
    page = browser(keys.reviewer).get("/ui/reviews").get_data(as_text=True)
    assert page.index(f'card-{second}') < page.index(f'card-{first}')
    assert 'by ann' in page and "Why held:" in page
    # The finding is marked at its span, focusable, with its message in a tooltip.
    mark = re.search(r'<mark class="hl hl-review" tabindex="0" aria-describedby="([^"]+)">risk free<span class="tip" role="tooltip" id="\1">(.*?)</span></mark>', page)
    assert mark and "legal review" in mark.group(2)
    assert re.search(r'<time class="countdown" datetime="[^"]+">(2 d 23 h|3 d 0 h) \d+ min</time>', page)
    assert page.count(">Approve</button>") == 2 and page.count(">Reject</button>") == 2
    assert f'<label for="note-{first}">' in page and f'<label for="reason-{first}">' in page


def test_approve_sends_once_and_reject_needs_a_reason(browser, keys, client, gate):
    decision_id = hold(client, keys)
    b = browser(keys.reviewer)
    b.get("/ui/reviews")
    r = b.post(f"/ui/reviews/{decision_id}/approve", {"note": "legal ok"})
    assert r.status_code == 303
    assert "Approved and sent" in b.get("/ui/reviews").get_data(as_text=True)
    again = b.post(f"/ui/reviews/{decision_id}/approve", {"note": "again"})
    assert again.status_code == 409
    assert [p["text"] for p in gate.store.sandbox_list()] == [HELD["text"]]
    approved = gate.store.decision(decision_id)["events"][0]
    assert approved["event"] == "review.approved" and approved["by"] == "reviewer" and approved["note"] == "legal ok"

    other = hold(client, keys)
    assert b.post(f"/ui/reviews/{other}/reject", {"reason": "  "}).status_code == 400
    assert b.post(f"/ui/reviews/{other}/reject", {"reason": "no\x00"}).status_code == 400
    assert gate.store.held(other)["status"] == "held"
    assert b.post(f"/ui/reviews/{other}/reject", {"reason": "Not approved by legal"}).status_code == 303
    assert gate.store.decision(other)["events"][0]["reason"] == "Not approved by legal"
    assert len(gate.store.sandbox_list()) == 1


def test_self_approval_is_decided_on_the_approving_key_ignoring_case_and_spaces(browser, keys, client, gate):
    # The post's author is "maria " and it was posted by the key "Scheduler-Bot ".
    by_author = hold(client, keys, {**HELD, "author": "maria "})
    maria = browser(keys.make("Maria", "reviewer", ["acme-air"]))
    r = maria.post(f"/ui/reviews/{by_author}/approve", {"note": "fine"})
    assert r.status_code == 403 and "own posts" in r.get_data(as_text=True)
    by_key = hold(client, keys, {**HELD, "author": "someone else"}, headers=keys.make("Scheduler-Bot ", "poster", ["acme-air"]))
    r = browser(keys.make("scheduler-bot", "reviewer", ["acme-air"])).post(f"/ui/reviews/{by_key}/approve", {})
    assert r.status_code == 403 and "own posts" in r.get_data(as_text=True)
    assert [gate.store.held(d)["status"] for d in (by_author, by_key)] == ["held", "held"]
    assert gate.store.sandbox_list() == []
    # Anyone else approves them.
    assert maria.post(f"/ui/reviews/{by_key}/approve", {}).status_code == 303
    assert browser(keys.reviewer).post(f"/ui/reviews/{by_author}/approve", {}).status_code == 303
    assert len(gate.store.sandbox_list()) == 2


def test_no_self_approval_and_scope_as_in_the_api(browser, keys, client, gate):
    own = hold(client, keys, {**HELD, "author": "ops"}, headers=keys.admin)
    r = browser(keys.admin).post(f"/ui/reviews/{own}/approve", {})
    assert r.status_code == 403 and "own posts" in r.get_data(as_text=True)
    elsewhere = hold(client, keys, {"account": "jdoe", "text": "risk free!"}, headers=keys.admin)
    reviewer = browser(keys.reviewer)
    assert elsewhere not in reviewer.get("/ui/reviews").get_data(as_text=True)
    assert reviewer.post(f"/ui/reviews/{elsewhere}/approve", {}).status_code == 404  # as if it did not exist
    assert gate.store.sandbox_list() == []


def test_failed_forward_is_listed_with_its_error_and_can_be_approved_again(browser, keys, client, gate, policy_dir, recorder):
    down = recorder(status=503, body=b'{"error": "down"}')
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {down.url}/hook\n")
    decision_id = hold(client, keys)
    b = browser(keys.reviewer)
    b.get("/ui/reviews")
    assert b.post(f"/ui/reviews/{decision_id}/approve", {}).status_code == 303
    page = b.get("/ui/reviews").get_data(as_text=True)
    failed = page[page.index("Failed forwards"):]
    assert f"card-{decision_id}" in failed and "503" in failed
    up = recorder()
    set_upstream(policy_dir, "acme-air", f"upstream:\n  type: webhook\n  url: {up.url}/hook\n")
    assert b.post(f"/ui/reviews/{decision_id}/approve", {}).status_code == 303
    assert len(up.requests) == 1 and gate.store.held(decision_id)["status"] == "sent"


# -- decision log ----------------------------------------------------------------------------------------
def _log_some(client, keys):
    ids = {}
    for text, name in (("See you on board!", "allow"), ("guaranteed returns", "block"), ("Call 415-555-0123 now", "pii")):
        ids[name] = client.post("/v1/check", json={"account": "acme-air", "text": text}, headers=keys.poster).get_json()["decision_id"]
    ids["jdoe"] = client.post("/v1/check", json={"account": "jdoe", "text": "my weekend"}, headers=keys.admin).get_json()["decision_id"]
    return ids


def test_decision_log_filters_and_shows_redacted_text_only(browser, keys, client):
    ids = _log_some(client, keys)
    b = browser(keys.auditor)
    page = b.get("/ui/decisions").get_data(as_text=True)
    assert all(i in page for i in ids.values())
    assert "415-555-0123" not in page and "&lt;PHONE_NUMBER&gt;" in page
    page = b.get("/ui/decisions?verdict=block").get_data(as_text=True)
    assert ids["block"] in page and ids["allow"] not in page
    page = b.get("/ui/decisions?rule=lexicon.finance.guaranteed_returns").get_data(as_text=True)
    assert ids["block"] in page and ids["pii"] not in page
    page = b.get("/ui/decisions?account=jdoe").get_data(as_text=True)
    assert ids["jdoe"] in page and ids["allow"] not in page
    page = b.get("/ui/decisions?key=root").get_data(as_text=True)
    assert ids["jdoe"] in page and ids["allow"] not in page
    assert ids["allow"] not in b.get("/ui/decisions?since=2999-01-01").get_data(as_text=True)
    assert ids["allow"] in b.get("/ui/decisions?until=2999-01-01T00:00").get_data(as_text=True)
    assert b.get("/ui/decisions?since=yesterday").status_code == 400
    # A time the store cannot place (before year 1 in UTC) is refused as the API refuses it, not a 500.
    assert b.get("/ui/decisions?since=0001-01-01T00:00%2B05:00").status_code == 400
    assert b.get("/ui/decisions?verdict=maybe").status_code == 400


def test_scoped_auditor_sees_only_its_accounts(browser, keys, client):
    ids = _log_some(client, keys)
    b = browser(keys.make("acme-audit", "auditor", ["acme-air"]))
    page = b.get("/ui/decisions").get_data(as_text=True)
    assert ids["allow"] in page and ids["jdoe"] not in page
    assert b.get("/ui/decisions?account=jdoe").status_code == 403
    assert b.get(f"/ui/decisions/{ids['jdoe']}").status_code == 404  # as in the API: not even confirmed to exist
    export = b.get("/ui/decisions/export.jsonl").get_data(as_text=True)
    assert ids["allow"] in export and ids["jdoe"] not in export
    # A key scoped to no account sees nothing, in the list and in exports alike.
    nobody = browser(keys.make("no-accounts", "auditor", []))
    assert "No decisions match" in nobody.get("/ui/decisions").get_data(as_text=True)
    assert nobody.get("/ui/decisions/export.jsonl").get_data(as_text=True) == ""


def test_decision_log_reads_the_key_scope_in_one_query_as_the_api_does(browser, keys, client, gate, monkeypatch):
    ids = _log_some(client, keys)
    ids["globex"] = client.post("/v1/check", json={"account": "globex-coffee", "text": "Fresh roast today"},
                                headers=keys.admin).get_json()["decision_id"]
    calls = []
    real = gate.store.decisions
    monkeypatch.setattr(gate.store, "decisions", lambda **kw: calls.append(kw) or real(**kw))
    two = browser(keys.make("two-accounts", "auditor", ["acme-air", "globex-coffee"]))
    page = two.get("/ui/decisions").get_data(as_text=True)
    assert [c["accounts"] for c in calls] == [["acme-air", "globex-coffee"]]
    assert all(ids[k] in page for k in ("allow", "block", "pii", "globex")) and ids["jdoe"] not in page
    # Newest first across both accounts, and paging counts in the merged order.
    api = client.get("/v1/decisions?limit=2&offset=1", headers=keys.make("two-api", "auditor", ["acme-air", "globex-coffee"])).get_json()
    paged = two.get("/ui/decisions?offset=1").get_data(as_text=True)
    assert paged.index(api["decisions"][0]["decision_id"]) < paged.index(api["decisions"][1]["decision_id"])
    assert ids["globex"] not in paged  # the newest is on the page before
    calls.clear()
    export = [json.loads(line)["decision_id"] for line in two.get("/ui/decisions/export.jsonl").get_data(as_text=True).splitlines()]
    assert export == [ids[k] for k in ("globex", "pii", "block", "allow")]
    assert calls and all(c["accounts"] == ["acme-air", "globex-coffee"] for c in calls)
    assert two.get("/ui/decisions/export.csv?account=jdoe").status_code == 403
    # Admin and "*" keys read every account.
    for headers in (keys.auditor, keys.admin):
        calls.clear()
        page = browser(headers).get("/ui/decisions").get_data(as_text=True)
        assert [c["accounts"] for c in calls] == [None] and all(i in page for i in ids.values())


def test_decision_page_shows_findings_events_and_chain(browser, keys, client, gate):
    decision_id = hold(client, keys)
    client.post(f"/v1/reviews/{decision_id}/reject", json={"reason": "No risk-free claims"}, headers=keys.reviewer)
    page = browser(keys.auditor).get(f"/ui/decisions/{decision_id}").get_data(as_text=True)
    assert "lexicon.finance.risk_free" in page and "review.rejected" in page and "No risk-free claims" in page
    links = gate.store.chain_links(decision_id)
    assert [link["event"] for link in links] == ["decision", "review.rejected"]
    for link in links:
        assert link["hash"][:20] in page and link["prev_hash"][:20] in page
    assert "NO: altered" not in page
    assert browser(keys.auditor).get("/ui/decisions/nope").status_code == 404


def test_verify_chain_reports_the_first_broken_entry(browser, keys, client, gate):
    _log_some(client, keys)
    b = browser(keys.auditor)
    assert "Chain intact: 4 entries" in b.get("/ui/decisions/verify").get_data(as_text=True)
    row = gate.store.db.fetchone("SELECT record FROM decision_log WHERE seq = 2")
    gate.store.db.execute("UPDATE decision_log SET record = ? WHERE seq = 2", (row["record"].replace('"verdict":"block"', '"verdict":"allow"'),))
    page = b.get("/ui/decisions/verify").get_data(as_text=True)
    assert "Chain broken at entry 2" in page and "entry 2 was altered" in page


def test_export_follows_the_filter(browser, keys, client):
    ids = _log_some(client, keys)
    b = browser(keys.auditor)
    r = b.get("/ui/decisions/export.csv?verdict=block")
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert {row["decision_id"] for row in rows} == {ids["block"], ids["pii"]}
    assert all("415-555-0123" not in json.dumps(row) for row in rows)
    lines = b.get("/ui/decisions/export.jsonl?account=jdoe").get_data(as_text=True).splitlines()
    assert [json.loads(line)["decision_id"] for line in lines] == [ids["jdoe"]]
    assert b.get("/ui/decisions/export.xml").status_code == 404


# -- policy ------------------------------------------------------------------------------------------------
def test_policy_page_lists_version_rules_lexicons_and_refusals(browser, keys, gate, policy_dir):
    b = browser(keys.auditor)
    page = b.get("/ui/policy").get_data(as_text=True)
    policy = gate.policies.current()
    assert policy.version in page and "No refused change" in page
    assert "lexicon.finance.guaranteed_returns" in page and "Financial promises are not allowed" in page
    assert "links.lookalike" in page and "pipeline.check_error" in page
    for name in policy.lexicons:
        assert f'id="lexicon-{name}"' in page
    assert re.search(r'<strong>terms</strong> · <span class="size">\d+ entries</span>', page)
    found = b.get("/ui/policy?q=WhyILeft").get_data(as_text=True)
    hashtags = found[found.index('id="lexicon-hashtags"'):]
    assert "1 match<" in hashtags[:400] and "#WhyILeft" in hashtags
    path = policy_dir / "accounts" / "jdoe.yaml"
    path.write_text(path.read_text().replace("kind: personal", "kind: persona"))
    bump_mtime(path)
    page = b.get("/ui/policy").get_data(as_text=True)
    assert "Refused change" in page and "accounts/jdoe.yaml" in page and "persona" in page
    assert policy.version in page


# -- try a post ---------------------------------------------------------------------------------------------
def test_try_shows_verdict_and_highlights_and_logs_a_dry_run(browser, keys, gate):
    b = browser(keys.poster)
    form = b.get("/ui/try").get_data(as_text=True)
    for field in ('name="text"', 'name="account"', 'name="visibility"', 'name="automated"', 'name="parent_text"'):
        assert field in form
    assert 'name="draft"' not in form  # drafts are for admins
    assert '<option value="acme-air"' in form and '<option value="jdoe"' not in form
    r = b.post("/ui/try", {"text": "Join today: guaranteed returns!", "account": "acme-air", "visibility": "public"})
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and 'class="verdict verdict-block">block<' in page
    assert re.search(r'<mark class="hl hl-block"[^>]*>guaranteed returns<span class="tip"', page)
    logged = gate.store.decisions()[0]
    assert logged["dry_run"] is True and logged["verdict"] == "block" and logged["key_name"] == "scheduler"
    assert gate.store.sandbox_list() == []
    assert b.post("/ui/try", {"text": "hello", "account": "jdoe"}).status_code == 403
    assert b.post("/ui/try", {"text": "   ", "account": "acme-air"}).status_code == 400
    assert b.post("/ui/try", {"text": "hi", "account": "acme-air", "draft": "/tmp"}).status_code == 403


def test_try_against_a_draft_policy_is_admin_only_and_not_logged(browser, keys, gate, policy_dir, tmp_path):
    draft = tmp_path / "draft"
    shutil.copytree(policy_dir, draft)
    main = draft / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("rules:\n", "rules:\n  lexicon.finance.risk_free: block\n", 1))
    b = browser(keys.admin)
    before = len(gate.store.decisions())
    page = b.post("/ui/try", {"text": "Totally risk-free!", "account": "acme-air", "draft": str(draft)}).get_data(as_text=True)
    assert 'verdict-block">block<' in page and "not logged" in page
    assert len(gate.store.decisions()) == before
    page = b.post("/ui/try", {"text": "Totally risk-free!", "account": "acme-air"}).get_data(as_text=True)
    assert 'verdict-review">review<' in page
    (draft / "accounts" / "jdoe.yaml").write_text("id: jdoe\nkind: persona\n")
    r = b.post("/ui/try", {"text": "Totally risk-free!", "account": "acme-air", "draft": str(draft)})
    assert r.status_code == 400 and "jdoe.yaml" in r.get_data(as_text=True)


# -- what would change ------------------------------------------------------------------------------------------
def test_what_if_lists_decisions_whose_verdict_changes(browser, keys, client, policy_dir, tmp_path):
    for text in ("Totally risk-free!", "See you on board!", "No risk at all, book today", "Call 415-555-0123"):
        client.post("/v1/check", json={"account": "acme-air", "text": text}, headers=keys.poster)
    draft = tmp_path / "draft"
    shutil.copytree(policy_dir, draft)
    main = draft / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("rules:\n", "rules:\n  lexicon.finance.risk_free: block\n", 1))
    b = browser(keys.admin)
    page = b.get("/ui/what-if").get_data(as_text=True)
    assert "Private-data rules cannot be replayed" in page
    page = b.get(f"/ui/what-if?draft={draft}&n=10").get_data(as_text=True)
    assert "2 of 4 decisions would change" in page
    assert page.count("lexicon.finance.risk_free</code> review → block") == 2
    assert "1 had private-data findings" in page
    assert b.get(f"/ui/what-if?draft={tmp_path / 'missing'}").status_code == 400


def _interrupted(client, keys, gate, body=HELD, headers=None):
    """A held post whose send was interrupted (what Gate.reconcile leaves behind after a crash)."""
    decision_id = hold(client, keys, body, headers)
    assert gate.store.held_move(decision_id, ("held",), "unknown")
    return decision_id


def test_interrupted_send_card_explains_itself_and_asks_what_happened(browser, keys, client, gate):
    decision_id = _interrupted(client, keys, gate)
    waiting = hold(client, keys, {**HELD, "author": "ann"})
    b = browser(keys.reviewer)
    page = b.get("/ui/reviews").get_data(as_text=True)
    section = page[page.index('id="unknown-h"'):]
    assert f"card-{decision_id}" in section and f"card-{decision_id}" not in page[:page.index('id="unknown-h"')]
    card = section[section.index(f"card-{decision_id}"):]
    assert "Check the platform first" in card and "may or may not have been published" in card
    assert 'name="outcome" value="sent"' in card and ">It was published</button>" in card
    assert 'name="outcome" value="not_sent"' in card and ">It was not published</button>" in card
    assert f'<label for="resolve-note-{decision_id}">Note (optional)</label>' in card
    assert 'name="csrf_token"' in card and ">Approve</button>" not in card and ">Reject</button>" not in card
    # ?status=unknown shows only the interrupted sends, as GET /v1/reviews?status=unknown does.
    only = b.get("/ui/reviews?status=unknown").get_data(as_text=True)
    assert f"card-{decision_id}" in only and f"card-{waiting}" not in only and 'id="held-h"' not in only
    assert 'href="/ui/reviews?status=unknown" aria-current="page"' in only
    held = b.get("/ui/reviews?status=held").get_data(as_text=True)
    assert f"card-{waiting}" in held and f"card-{decision_id}" not in held
    assert b.get("/ui/reviews?status=sent").status_code == 400
    assert "No interrupted sends" in browser(keys.make("other-reviewer", "reviewer", ["jdoe"])).get(
        "/ui/reviews?status=unknown").get_data(as_text=True)


def test_resolving_an_interrupted_send_follows_the_api_rules(browser, keys, client, gate):
    not_sent = _interrupted(client, keys, gate)
    published = _interrupted(client, keys, gate, {**HELD, "author": "ann"})
    b = browser(keys.reviewer)
    b.get("/ui/reviews")
    # Nothing happens without the CSRF token, without an outcome, or through the approve button.
    assert b.post(f"/ui/reviews/{not_sent}/resolve", {"outcome": "sent"}, csrf=False).status_code == 400
    r = b.post(f"/ui/reviews/{not_sent}/resolve", {"outcome": "maybe"})
    assert r.status_code == 400 and "It was published" in r.get_data(as_text=True)
    assert b.post(f"/ui/reviews/{not_sent}/resolve", {}).status_code == 400
    r = b.post(f"/ui/reviews/{not_sent}/approve", {})
    assert r.status_code == 409 and "interrupted" in r.get_data(as_text=True)
    assert gate.store.held(not_sent)["status"] == "unknown" and gate.store.sandbox_list() == []

    # "It was not published": a failed forward, to be approved (sent once) or rejected.
    r = b.post(f"/ui/reviews/{not_sent}/resolve?status=unknown", {"outcome": "not_sent", "note": "not on the feed"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/ui/reviews?status=unknown")
    assert gate.store.held(not_sent)["status"] == "forward_failed"
    event = gate.store.decision(not_sent)["events"][-1]
    assert (event["event"], event["outcome"], event["by"], event["note"]) == ("review.resolved", "not_sent", "reviewer", "not on the feed")
    page = b.get("/ui/reviews").get_data(as_text=True)
    assert "Recorded as not published" in page and f"card-{not_sent}" in page[page.index('id="failed-h"'):page.index('id="unknown-h"')]
    again = b.post(f"/ui/reviews/{not_sent}/resolve", {"outcome": "sent"})
    assert again.status_code == 409 and gate.store.held(not_sent)["status"] == "forward_failed"
    assert b.post(f"/ui/reviews/{not_sent}/approve", {}).status_code == 303
    assert [p["text"] for p in gate.store.sandbox_list()] == [HELD["text"]]

    # "It was published": closed, its kept text dropped, never sent again.
    assert b.post(f"/ui/reviews/{published}/resolve", {"outcome": "sent"}).status_code == 303
    held = gate.store.held(published)
    assert held["status"] == "sent" and "text" not in held["payload"]
    assert gate.store.decision(published)["events"][-1]["outcome"] == "sent"
    assert "Recorded as published" in b.get("/ui/reviews").get_data(as_text=True)
    assert b.post(f"/ui/reviews/{published}/resolve", {"outcome": "not_sent"}).status_code == 409
    assert len(gate.store.sandbox_list()) == 1


def test_interrupted_send_outside_the_key_accounts_cannot_be_resolved(browser, keys, client, gate):
    elsewhere = _interrupted(client, keys, gate, {"account": "jdoe", "text": "risk free!"}, keys.admin)
    reviewer = browser(keys.reviewer)
    assert elsewhere not in reviewer.get("/ui/reviews?status=unknown").get_data(as_text=True)
    assert reviewer.post(f"/ui/reviews/{elsewhere}/resolve", {"outcome": "sent"}).status_code == 404  # not confirmed to exist
    assert gate.store.held(elsewhere)["status"] == "unknown"
    assert browser(keys.poster).post(f"/ui/reviews/{elsewhere}/resolve", {"outcome": "sent"}).status_code == 403
    assert browser(keys.reviewer).post("/ui/reviews/nope/resolve", {"outcome": "sent"}).status_code == 404
