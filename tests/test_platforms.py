"""Upstream adapters against local fake platforms, and the drop-in endpoints with unmodified client libraries."""
import json
import threading
import time

import pytest
import requests

from conftest import set_upstream

CLEAN = "Our winter schedule is live. See you on board!"


@pytest.fixture
def creds(monkeypatch):
    for name, value in {"ACME_X_TOKEN": "x-secret-token", "ACME_MASTO_TOKEN": "masto-secret", "ACME_FB_TOKEN": "fb-page-token",
                        "ACME_LI_TOKEN": "li-token", "ACME_BSKY_ID": "acme.bsky.social", "ACME_BSKY_PW": "app-pass-1234"}.items():
        monkeypatch.setenv(name, value)


def upstream(policy_dir, text):
    set_upstream(policy_dir, "acme-air", "upstream:\n" + text)


def post(client, keys, **extra):
    return client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN, **extra}, headers=keys.poster)


def test_twitter_adapter_sends_the_v2_request(client, keys, policy_dir, recorder, creds):
    x = recorder(status=201, body=json.dumps({"data": {"id": "1850000000000000001", "text": CLEAN}}).encode())
    upstream(policy_dir, f"  type: twitter\n  base_url: {x.url}\n  credentials_env:\n    bearer_token: ACME_X_TOKEN\n  options:\n    reply_settings: following\n")
    r = post(client, keys, in_reply_to={"id": "1849999", "text": "Is the winter schedule out?"})
    assert r.status_code == 201 and r.get_json()["forward"]["id"] == "1850000000000000001"
    sent = x.requests[0]
    assert sent["method"] == "POST" and sent["path"] == "/2/tweets"
    assert sent["headers"]["Authorization"] == "Bearer x-secret-token"
    assert json.loads(sent["body"]) == {"text": CLEAN, "reply": {"in_reply_to_tweet_id": "1849999"}, "reply_settings": "following"}


def test_mastodon_adapter_sends_every_visibility(client, keys, policy_dir, recorder, creds):
    m = recorder(status=200, body=json.dumps({"id": "109", "url": "https://masto.example/@acme/109"}).encode())
    upstream(policy_dir, f"  type: mastodon\n  base_url: {m.url}\n  credentials_env:\n    access_token: ACME_MASTO_TOKEN\n")
    assert post(client, keys).status_code == 201
    assert post(client, keys, visibility="direct", text="Hi @jo@masto.example, DM us your booking reference?").status_code == 201
    first, second = (json.loads(r["body"]) for r in m.requests)
    assert m.requests[0]["path"] == "/api/v1/statuses" and m.requests[0]["headers"]["Authorization"] == "Bearer masto-secret"
    assert m.requests[0]["headers"]["Idempotency-Key"]  # Mastodon de-duplicates retries by this key
    assert first == {"status": CLEAN, "visibility": "public"}
    assert second["visibility"] == "direct"


def test_facebook_adapter(client, keys, policy_dir, recorder, creds):
    fb = recorder(status=200, body=b'{"id": "1234_5678"}')
    upstream(policy_dir, f"  type: facebook\n  base_url: {fb.url}/v21.0\n  credentials_env:\n    page_access_token: ACME_FB_TOKEN\n  options:\n    page_id: '1234'\n")
    r = post(client, keys)
    assert r.status_code == 201 and r.get_json()["forward"]["id"] == "1234_5678"
    sent = fb.requests[0]
    assert sent["path"] == "/v21.0/1234/feed"
    from urllib.parse import parse_qs

    assert parse_qs(sent["body"].decode()) == {"message": [CLEAN], "access_token": ["fb-page-token"]}


def test_linkedin_adapter(client, keys, policy_dir, recorder, creds):
    li = recorder(status=201, body=b"", headers={"x-restli-id": "urn:li:share:7000"})
    upstream(policy_dir, f"  type: linkedin\n  base_url: {li.url}\n  credentials_env:\n    access_token: ACME_LI_TOKEN\n  options:\n    author_urn: 'urn:li:organization:42'\n")
    r = post(client, keys)
    assert r.status_code == 201 and r.get_json()["forward"]["id"] == "urn:li:share:7000"
    sent = li.requests[0]
    assert sent["path"] == "/rest/posts" and sent["headers"]["X-Restli-Protocol-Version"] == "2.0.0" and sent["headers"]["LinkedIn-Version"]
    assert json.loads(sent["body"]) == {"author": "urn:li:organization:42", "commentary": CLEAN, "visibility": "PUBLIC",
                                        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
                                        "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False}


def test_bluesky_adapter(client, keys, policy_dir, recorder, creds):
    def answer(handler):
        if handler.path.endswith("createSession"):
            bsky.body = b'{"did": "did:plc:acme", "accessJwt": "jwt-1"}'
        else:
            bsky.body = b'{"uri": "at://did:plc:acme/app.bsky.feed.post/3k", "cid": "bafy"}'

    bsky = recorder(status=200, on_request=answer)
    upstream(policy_dir, f"  type: bluesky\n  base_url: {bsky.url}\n  credentials_env:\n    identifier: ACME_BSKY_ID\n    app_password: ACME_BSKY_PW\n")
    r = post(client, keys)
    assert r.status_code == 201 and r.get_json()["forward"]["id"] == "at://did:plc:acme/app.bsky.feed.post/3k"
    session, create = bsky.requests
    assert session["path"] == "/xrpc/com.atproto.server.createSession"
    assert json.loads(session["body"]) == {"identifier": "acme.bsky.social", "password": "app-pass-1234"}
    assert create["path"] == "/xrpc/com.atproto.repo.createRecord" and create["headers"]["Authorization"] == "Bearer jwt-1"
    body = json.loads(create["body"])
    assert body["repo"] == "did:plc:acme" and body["collection"] == "app.bsky.feed.post"
    assert body["record"]["$type"] == "app.bsky.feed.post" and body["record"]["text"] == CLEAN and body["record"]["createdAt"].endswith("Z")


@pytest.mark.parametrize("status, body, headers, kind", [
    (429, b'{"title": "Too Many Requests"}', {"x-rate-limit-reset": "in 900 s"}, "rate_limited"),
    (401, b'{"title": "Unauthorized"}', {}, "auth"),
    (403, b'{"detail": "You are not allowed to create a Tweet with duplicate content."}', {}, "duplicate"),
])
def test_platform_errors_are_mapped(client, keys, policy_dir, recorder, creds, gate, status, body, headers, kind):
    if headers.get("x-rate-limit-reset") == "in 900 s":
        headers = {"x-rate-limit-reset": str(int(time.time()) + 900)}  # an epoch, as X sends it
    x = recorder(status=status, body=body, headers=headers)
    upstream(policy_dir, f"  type: twitter\n  base_url: {x.url}\n  credentials_env:\n    bearer_token: ACME_X_TOKEN\n")
    r = post(client, keys)
    assert r.status_code == 502
    body = r.get_json()
    assert body["decision_id"] and body["forward"]["error"] == kind
    if kind == "rate_limited":
        # X's reset epoch becomes delta-seconds, as Retry-After takes it.
        assert 880 <= int(body["forward"]["retry_after"]) <= 901 and r.headers["Retry-After"] == body["forward"]["retry_after"]
    assert len(x.requests) == 1  # never retried: a retry could post twice
    assert gate.store.held(body["decision_id"])["status"] == "forward_failed"


def test_missing_credentials_are_a_clear_failure(client, keys, policy_dir, recorder, monkeypatch):
    monkeypatch.delenv("ACME_X_TOKEN", raising=False)
    x = recorder(status=201)
    upstream(policy_dir, f"  type: twitter\n  base_url: {x.url}\n  credentials_env:\n    bearer_token: ACME_X_TOKEN\n")
    r = post(client, keys)
    assert r.status_code == 502 and r.get_json()["forward"]["error"] == "misconfigured" and "ACME_X_TOKEN" in r.get_json()["message"]
    assert x.requests == []


def test_idempotency_holds_across_restarts(policy_dir, db_url, recorder):
    from gatekeeper.app import create_app
    from gatekeeper.service import Settings

    def fresh_app():
        return create_app(Settings(policy_dir=str(policy_dir), database_url=db_url))

    app1 = fresh_app()
    key = app1.extensions["gatekeeper"].store.add_key("s", "poster", ["acme-air"])
    headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": "order-77"}
    first = app1.test_client().post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=headers)
    app2 = fresh_app()  # a restart: new process state, same database
    again = app2.test_client().post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=headers)
    assert first.get_json()["decision_id"] == again.get_json()["decision_id"]
    assert len(app2.extensions["gatekeeper"].store.sandbox_list()) == 1


# -- drop-in endpoints --------------------------------------------------------------------

class LiveServer:
    def __init__(self, app):
        from werkzeug.serving import make_server
        import threading

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def live(app):
    server = LiveServer(app)
    yield server
    server.close()


def test_mastodon_py_posts_through_gatekeeper_unchanged(live, keys, policy_dir, recorder, creds):
    from mastodon import Mastodon

    real = recorder(status=200, body=json.dumps({"id": "111", "content": "<p>hi</p>", "visibility": "public", "url": "https://masto.example/@acme/111",
                                                 "created_at": "2026-11-25T12:00:00.000Z", "account": {"id": "1", "username": "acme"}}).encode())
    upstream(policy_dir, f"  type: mastodon\n  base_url: {real.url}\n  credentials_env:\n    access_token: ACME_MASTO_TOKEN\n")
    token = keys.poster["Authorization"].split()[1]
    api = Mastodon(access_token=token, api_base_url=f"{live.url}/platform/mastodon/acme-air")
    status = api.status_post(CLEAN, visibility="unlisted", idempotency_key="masto-1")
    assert status["id"] == "111"
    sent = json.loads(real.requests[0]["body"]) if real.requests[0]["headers"].get("Content-Type", "").startswith("application/json") else None
    assert real.requests[0]["headers"]["Authorization"] == "Bearer masto-secret"  # the account's own credentials, not the client's
    assert sent["status"] == CLEAN and sent["visibility"] == "unlisted"
    # A retry with the same idempotency key returns the first result.
    assert api.status_post(CLEAN, visibility="unlisted", idempotency_key="masto-1")["id"] == "111"
    assert len(real.requests) == 1

    from mastodon.errors import MastodonAPIError

    with pytest.raises(MastodonAPIError) as info:
        api.status_post("Our fund has guaranteed returns!")
    assert "Blocked by Gatekeeper" in str(info.value)
    assert len(real.requests) == 1


def test_tweepy_posts_through_gatekeeper_unchanged(live, keys, policy_dir, recorder, creds):
    import tweepy
    from requests.adapters import HTTPAdapter

    real = recorder(status=201, body=json.dumps({"data": {"id": "1851", "text": CLEAN}}).encode())
    upstream(policy_dir, f"  type: twitter\n  base_url: {real.url}\n  credentials_env:\n    bearer_token: ACME_X_TOKEN\n")
    token = keys.poster["Authorization"].split()[1]
    gatekeeper_prefix = f"{live.url}/platform/twitter/acme-air"

    class ToGatekeeper(HTTPAdapter):
        """Rewrites tweepy's hard-coded api.twitter.com to Gatekeeper's drop-in prefix; tweepy itself is untouched."""

        def send(self, request, **kwargs):
            request.url = request.url.replace("https://api.twitter.com", gatekeeper_prefix)
            return super().send(request, **kwargs)

    client = tweepy.Client(bearer_token=token)
    client.session.mount("https://api.twitter.com", ToGatekeeper())
    response = client.create_tweet(text=CLEAN, in_reply_to_tweet_id=1849999, user_auth=False)
    assert response.data["id"] == "1851"
    sent = real.requests[0]
    assert sent["path"] == "/2/tweets" and sent["headers"]["Authorization"] == "Bearer x-secret-token"
    assert json.loads(sent["body"]) == {"text": CLEAN, "reply": {"in_reply_to_tweet_id": "1849999"}}

    with pytest.raises(tweepy.errors.Forbidden) as info:
        client.create_tweet(text="Our fund has guaranteed returns!", user_auth=False)
    assert "guaranteed" in str(info.value).lower() or "blocked" in str(info.value).lower()
    assert len(real.requests) == 1


def test_dropin_errors_use_platform_formats(live, keys):
    r = requests.post(f"{live.url}/platform/twitter/acme-air/2/tweets", json={"text": "hi"}, timeout=10)
    assert r.status_code == 401 and r.json()["title"] and r.json()["status"] == 401
    r = requests.post(f"{live.url}/platform/mastodon/nope/api/v1/statuses", data={"status": "hi"}, headers=keys.admin, timeout=10)
    assert r.status_code == 404 and "error" in r.json()
    r = requests.post(f"{live.url}/platform/mastodon/acme-air/api/v1/statuses", data={"status": "risk free!"}, headers=keys.poster, timeout=10)
    assert r.status_code == 202 and r.json()["gatekeeper"]["verdict"] == "review"
    r = requests.post(f"{live.url}/platform/mastodon/acme-air/api/v1/statuses", data={"status": "always on time!"},
                      headers={**keys.poster, "X-Gatekeeper-Ack-By": "jdoe", "X-Gatekeeper-Ack-Reason": "legal approved"}, timeout=10)
    assert r.status_code == 200 and r.json()["gatekeeper"]["verdict"] == "warn"


# -- forwarding details (issue 14, item 12) ------------------------------------------------

def test_retry_after_is_seconds_or_an_http_date():
    from gatekeeper.forwarding.http import reset_epoch, retry_after, seconds_until

    class Answer:
        def __init__(self, **headers):
            self.headers = requests.structures.CaseInsensitiveDict(headers)

    now = time.time()
    assert 59 <= int(seconds_until(str(int(now) + 60))) <= 61            # X / Bluesky: epoch seconds
    iso = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now + 120))
    assert 118 <= int(seconds_until(iso)) <= 121                         # Mastodon: ISO 8601
    assert seconds_until("30") == "30"                                   # already a delay
    assert seconds_until(str(int(now) - 100)) == "0"                     # a reset in the past: now
    assert seconds_until("soon") is None
    # The platform's own Retry-After wins over its reset header, and stays as given when valid.
    assert retry_after(Answer(**{"Retry-After": "7", "x-rate-limit-reset": str(int(now) + 900)}), "x-rate-limit-reset") == "7"
    assert retry_after(Answer(**{"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"})) == "Wed, 21 Oct 2026 07:28:00 GMT"
    assert retry_after(Answer(**{"Retry-After": "later", "X-RateLimit-Reset": iso}), "X-RateLimit-Reset") in ("119", "120", "121", "118")
    assert retry_after(Answer()) is None
    assert abs(reset_epoch("60", now) - (int(now) + 60)) <= 1


def test_mastodon_rate_limit_iso_reset_becomes_seconds(client, keys, policy_dir, recorder, creds):
    reset = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 300))
    m = recorder(status=429, body=b'{"error": "Too many requests"}', headers={"X-RateLimit-Reset": reset})
    upstream(policy_dir, f"  type: mastodon\n  base_url: {m.url}\n  credentials_env:\n    access_token: ACME_MASTO_TOKEN\n")
    r = post(client, keys)
    assert r.status_code == 502 and r.get_json()["forward"]["error"] == "rate_limited"
    assert 290 <= int(r.headers["Retry-After"]) <= 301


def test_linkedin_escapes_little_format_reserved_characters(client, keys, policy_dir, recorder, creds):
    from gatekeeper.forwarding.linkedin import little_text

    assert little_text(r"a\b|c{d}e@f[g]h(i)j<k>l#m*n_o~p") == r"a\\b\|c\{d\}e\@f\[g\]h\(i\)j\<k\>l\#m\*n\_o\~p"
    li = recorder(status=201, body=b"", headers={"x-restli-id": "urn:li:share:7001"})
    upstream(policy_dir, f"  type: linkedin\n  base_url: {li.url}\n  credentials_env:\n    access_token: ACME_LI_TOKEN\n  options:\n    author_urn: 'urn:li:organization:42'\n")
    text = "We have published our winter schedule (all routes) #travel"
    assert post(client, keys, text=text).status_code == 201
    assert json.loads(li.requests[0]["body"])["commentary"] == r"We have published our winter schedule \(all routes\) \#travel"


def _jwt(exp: float) -> str:
    import base64

    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{part({'alg': 'ES256K'})}.{part({'exp': int(exp), 'sub': 'did:plc:acme'})}.sig"


def test_bluesky_reuses_its_session_and_refreshes_it(client, keys, policy_dir, recorder, creds):
    from gatekeeper.forwarding import bluesky

    bluesky.SESSIONS.clear()
    state = {"access": _jwt(time.time() + 7200), "expired": False, "refreshes": 0}

    def answer(handler):
        path = handler.path
        if path.endswith("createSession"):
            bsky.status, bsky.body = 200, json.dumps({"did": "did:plc:acme", "accessJwt": state["access"], "refreshJwt": "refresh-1"}).encode()
        elif path.endswith("refreshSession"):
            state["refreshes"] += 1
            state["access"], state["expired"] = _jwt(time.time() + 7200), False
            bsky.status, bsky.body = 200, json.dumps({"did": "did:plc:acme", "accessJwt": state["access"], "refreshJwt": "refresh-2"}).encode()
        elif state["expired"]:
            bsky.status, bsky.body = 400, b'{"error": "ExpiredToken", "message": "Token has expired"}'
        else:
            bsky.status, bsky.body = 200, b'{"uri": "at://did:plc:acme/app.bsky.feed.post/3k", "cid": "bafy"}'

    bsky = recorder(status=200, on_request=answer)
    upstream(policy_dir, f"  type: bluesky\n  base_url: {bsky.url}\n  credentials_env:\n    identifier: ACME_BSKY_ID\n    app_password: ACME_BSKY_PW\n")
    for _ in range(3):
        assert post(client, keys).status_code == 201
    paths = [r["path"].rsplit(".", 1)[-1] for r in bsky.requests]
    assert paths == ["createSession", "createRecord", "createRecord", "createRecord"]  # one login for three posts

    # The server expires the token early: refreshed with the refresh token, then posted; no new login.
    state["expired"] = True
    assert post(client, keys).status_code == 201
    refresh = [r for r in bsky.requests if r["path"].endswith("refreshSession")]
    assert len(refresh) == 1 and refresh[0]["headers"]["Authorization"] == "Bearer refresh-1"
    assert [r["path"].rsplit(".", 1)[-1] for r in bsky.requests[4:]] == ["createRecord", "refreshSession", "createRecord"]
    assert sum(r["path"].endswith("createSession") for r in bsky.requests) == 1

    # A token about to expire is renewed before posting.
    bluesky.SESSIONS.put(next(iter(bluesky.SESSIONS._sessions)), bluesky.Session("did:plc:acme", _jwt(time.time() + 5), "refresh-2", time.time() + 5))
    assert post(client, keys).status_code == 201
    assert [r["path"].rsplit(".", 1)[-1] for r in bsky.requests[-2:]] == ["refreshSession", "createRecord"]
    bluesky.SESSIONS.clear()


def test_webhook_redelivery_keeps_its_idempotency_key(client, keys, policy_dir, recorder, gate):
    """A failed, or timed-out-but-arrived, delivery approved again carries the same Idempotency-Key."""
    attempts = {"n": 0}

    def answer(handler):
        attempts["n"] += 1
        if attempts["n"] == 1:
            hook.status = 500                       # first delivery refused
        elif attempts["n"] == 2:
            hook.status = 200
            time.sleep(1.5)                         # arrives, but answers after the 1 s timeout
        else:
            hook.status = 200

    hook = recorder(status=200, on_request=answer)
    upstream(policy_dir, f"  type: webhook\n  url: {hook.url}/hook\n  timeout_seconds: 1\n")
    r = post(client, keys)
    assert r.status_code == 502
    decision_id = r.get_json()["decision_id"]
    other = keys.make("maria", "reviewer", ["acme-air"])
    again = client.post(f"/v1/reviews/{decision_id}/approve", json={"note": "retry"}, headers=other)
    assert again.status_code == 502 and again.get_json()["forward"]["error"] == "timeout"
    # It may have arrived: no approving again until a person has checked and says it was not published.
    assert gate.store.held(decision_id)["status"] == "unknown"
    assert client.post(f"/v1/reviews/{decision_id}/approve", headers=other).get_json()["error"] == "outcome_unknown"
    resolved = client.post(f"/v1/reviews/{decision_id}/resolve", json={"outcome": "not_sent"}, headers=other)
    assert resolved.status_code == 200
    third = client.post(f"/v1/reviews/{decision_id}/approve", json={"note": "retry"}, headers=other)
    assert third.status_code == 200
    keys_sent = [req["headers"]["Idempotency-Key"] for req in hook.requests]
    assert len(keys_sent) == 3 and set(keys_sent) == {decision_id}
    assert len({json.loads(req["body"])["decision_id"] for req in hook.requests}) == 1


def test_a_forward_has_a_total_time_budget(client, keys, policy_dir, recorder, creds, monkeypatch):
    """Mastodon retries timeouts (it de-duplicates); retries x timeout must still fit the budget."""
    release = threading.Event()
    m = recorder(status=200, on_request=lambda handler: release.wait(4))
    upstream(policy_dir, f"  type: mastodon\n  base_url: {m.url}\n  timeout_seconds: 2\n  credentials_env:\n    access_token: ACME_MASTO_TOKEN\n")
    monkeypatch.setenv("GATEKEEPER_FORWARD_MAX_SECONDS", "3")
    client.post("/v1/check", json={"account": "acme-air", "text": CLEAN}, headers=keys.poster)  # load the new policy first
    started = time.monotonic()
    r = post(client, keys)
    elapsed = time.monotonic() - started
    release.set()
    assert r.status_code == 502 and r.get_json()["forward"]["error"] == "timeout"
    # Unbounded, three 2 s attempts and their delays take 6.8 s; within the budget the second attempt is cut short.
    assert elapsed < 4.5 and len(m.requests) == 2


# -- a direct post never goes out publicly ---------------------------------------------------

DM_TEXT = "Hi Jane, your booking AC123456 is confirmed; we will call you at (646) 555-0143 to rebook."


@pytest.mark.parametrize("setup", [
    "  type: twitter\n  base_url: {url}\n  credentials_env:\n    bearer_token: ACME_X_TOKEN\n",
    "  type: linkedin\n  base_url: {url}\n  credentials_env:\n    access_token: ACME_LI_TOKEN\n  options:\n    author_urn: 'urn:li:organization:42'\n",
    "  type: facebook\n  base_url: {url}/v21.0\n  credentials_env:\n    page_access_token: ACME_FB_TOKEN\n  options:\n    page_id: '1234'\n",
])
def test_direct_post_to_a_platform_that_only_publishes_is_refused(client, keys, policy_dir, recorder, creds, gate, setup):
    # A direct post may carry a customer's own details (checked as a DM); these endpoints would publish it.
    platform = recorder(status=201, body=b'{"data": {"id": "1"}}')
    upstream(policy_dir, setup.format(url=platform.url))
    before = len(gate.store.decisions(limit=1000))
    r = post(client, keys, visibility="direct", text=DM_TEXT)
    assert r.status_code == 400 and r.get_json()["field"] == "visibility" and r.get_json()["error"] == "direct_not_supported"
    assert platform.requests == [] and len(gate.store.decisions(limit=1000)) == before
    # Checking a DM's text (not sending it) stays possible, and the same post sent publicly is blocked for its data.
    assert client.post("/v1/check", json={"account": "acme-air", "text": DM_TEXT, "visibility": "direct"},
                       headers=keys.poster).get_json()["verdict"] == "allow"
    assert post(client, keys, text=DM_TEXT).status_code == 422 and platform.requests == []


def test_adapter_refuses_a_direct_post_it_would_publish(creds):
    from gatekeeper.forwarding import ForwardError, Outbound, forward

    account = {"id": "acme-air", "upstream": {"type": "twitter", "base_url": "http://127.0.0.1:9",
                                              "credentials_env": {"bearer_token": "ACME_X_TOKEN"}}}
    with pytest.raises(ForwardError) as caught:
        forward(Outbound("d1", account, DM_TEXT, "direct"), None)
    assert caught.value.kind == "misconfigured" and "direct" in str(caught.value)


def test_the_platforms_echo_of_the_post_is_not_stored(client, keys, policy_dir, recorder, creds, gate):
    # X answers with the tweet's full text; the log keeps only the redacted text, and neither the decision log nor the
    # idempotency record may hold the original (a customer's phone number here) through the platform's answer.
    text = "Hi Jane Roe, we rebooked you; call us back on (646) 555-0143 if that time does not suit."
    x = recorder(status=201, body=json.dumps({"data": {"id": "1850000000000000009", "text": text}}).encode())
    upstream(policy_dir, f"  type: twitter\n  base_url: {x.url}\n  credentials_env:\n    bearer_token: ACME_X_TOKEN\n")
    r = client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers={**keys.poster, "Idempotency-Key": "echo-1"})
    assert r.status_code == 201 and r.get_json()["forward"]["id"] == "1850000000000000009"
    stored = " ".join(row["record"] for row in gate.store.db.fetchall("SELECT record FROM decision_log"))
    stored += " ".join(str(row["response"]) for row in gate.store.db.fetchall("SELECT response FROM idempotency"))
    assert "555-0143" not in stored and "1850000000000000009" in stored
