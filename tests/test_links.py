import socket
import sys

import pytest

from conftest import bump_mtime
from gatekeeper.checks import known_rule_ids, links
from gatekeeper.checks.links import check as _check_function  # noqa: F401  (loads the package)
from gatekeeper.checks.links import resolver as resolver_module
from gatekeeper.normalize import normalize_post
from gatekeeper.rules.policy import load_policy


def set_links_config(policy_dir, **settings):
    main = policy_dir / "gatekeeper.yaml"
    text = main.read_text()
    for key, value in settings.items():
        text = __import__("re").sub(rf"(\n    {key}: )\S+", rf"\g<1>{value}", text)
    main.write_text(text)
    bump_mtime(main)
    return load_policy(policy_dir, known_rule_ids())


def found(policy, text, account="acme-air"):
    return [(f.rule, f.details.get("kind")) for f in links.check(normalize_post({"account": account, "text": text}), policy)]


@pytest.fixture(autouse=True)
def fresh_resolver(monkeypatch):
    monkeypatch.setattr(sys.modules["gatekeeper.checks.links.check"], "_resolver", resolver_module.Resolver())


@pytest.fixture
def fake_dns(monkeypatch):
    """Map host names to local test servers, as DNS would; 127.0.0.1 plays the public internet."""
    table = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            ip, real_port = table[host]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, real_port))]
        if host in ("127.0.0.1", "127.0.0.2", "localhost"):
            return real(host, port, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "not found")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(resolver_module, "address_allowed", lambda ip: ip == "127.0.0.1")
    return table


def test_labelled_set_meets_quality_bar():
    from bench.eval_links import evaluate

    result = evaluate()
    assert result["lookalikes"] >= 200 and result["legit"] >= 100
    assert result["recall"] >= 0.98, result
    assert result["fp_rate"] <= 0.02, result


@pytest.mark.parametrize("text, kind", [
    ("acme-air-refunds.com/claim", "brand_plus_words"),
    ("https://acme-air.com.refund-center.net/login", "brand_in_subdomain"),
    ("acrne-air.com", "homoglyph"),
    ("https://асme-air.com", "homoglyph"),
    ("acme-air.net", "tld_swap"),
    ("airacme.com", "token_reorder"),
    ("acme-aiir.com", "typo"),
    ("acmeair-secure.co", "brand_plus_words"),
])
def test_lookalikes_are_blocked(policy_dir, text, kind):
    policy = load_policy(policy_dir, known_rule_ids())
    assert found(policy, f"Claim your refund at {text} today") == [("links.lookalike", kind)]


def test_equifax_incident(policy_dir):
    path = policy_dir / "accounts" / "acme-air.yaml"
    path.write_text(path.read_text().replace("  - acmeair.com\n", "  - acmeair.com\n  - equifaxsecurity2017.com\n"))
    policy = load_policy(policy_dir, known_rule_ids())
    assert found(policy, "Check securityequifax2017.com") == [("links.lookalike", "token_reorder")]
    assert found(policy, "Check https://www.equifaxsecurity2017.com/potential-impact") == []


def test_punycode_is_shown_decoded(policy_dir):
    policy = load_policy(policy_dir, known_rule_ids())
    f = links.check(normalize_post({"account": "acme-air", "text": "see xn--me-air-2nf0l.com"}), policy)[0]
    assert "асme-air.com" in f.message and f.details["domain"] == "xn--me-air-2nf0l.com"


@pytest.mark.parametrize("text", ["acme-air.com/deals", "https://help.acme-air.com/bags", "www.acmeair.com", "faa.gov/travelers",
                                  "https://en.wikipedia.org/wiki/Lisbon", "flightaware.com/live", "www.bbc.co.uk/news",
                                  "spotify.com", "www.nasa.gov/eclipse", "e.g. this"])
def test_legitimate_links_pass(policy_dir, text):
    assert found(load_policy(policy_dir, known_rule_ids()), f"See {text} for more") == []


def test_blocked_domains(policy_dir):
    path = policy_dir / "accounts" / "acme-air.yaml"
    path.write_text(path.read_text().replace("blocked_domains: []", "blocked_domains: [cheapflights-scam.biz]"))
    assert found(load_policy(policy_dir, known_rule_ids()), "go to www.cheapflights-scam.biz/x") == [("links.blocked_domain", None)]


def test_offline_mode_flags_shorteners(policy_dir):
    policy = set_links_config(policy_dir, resolve="none")
    assert found(policy, "Read more: bit.ly/3xYz12") == [("links.unresolved_shortener", None)]


def test_listener_on_loopback_receives_nothing(policy_dir, recorder):
    server = recorder()
    policy = set_links_config(policy_dir, resolve="all")
    for target in (f"http://127.0.0.1:{server.port}/admin", f"http://localhost:{server.port}/", "http://[::1]:80/",
                   "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/", "http://0.0.0.0:%d/" % server.port):
        result = found(policy, f"see {target}")
        assert result and result[0][0] == "links.unsafe_target", (target, result)
    assert server.requests == []


def test_dns_rebinding_to_loopback_is_refused(policy_dir, recorder, monkeypatch):
    server = recorder()
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: real("127.0.0.1", server.port, *a, **k)
                        if host == "rebind.example.com" else real(host, port, *a, **k))
    policy = set_links_config(policy_dir, resolve="all")
    assert found(policy, "see http://rebind.example.com/x") == [("links.unsafe_target", None)]
    assert server.requests == []


def test_non_web_schemes_are_not_followed(policy_dir):
    policy = set_links_config(policy_dir, resolve="all")
    assert found(policy, "open ftp://files.example.com/x") == [("links.unsafe_target", None)]


def test_shortener_is_followed_and_final_domain_counts(policy_dir, recorder, fake_dns):
    short = recorder(status=301, headers={"Location": "http://acme-air-refunds.com/claim"})
    fake_dns["bit.ly"] = ("127.0.0.1", short.port)
    policy = load_policy(policy_dir, known_rule_ids())
    assert found(policy, "Claim here: bit.ly/abc") == [("links.lookalike", "brand_plus_words")]
    assert short.requests[0]["method"] == "HEAD"  # no body downloaded


def test_shortener_to_official_domain_passes(policy_dir, recorder, fake_dns):
    final = recorder(status=200)
    short = recorder(status=302, headers={"Location": "http://www.acme-air.com/deals"})
    fake_dns["bit.ly"] = ("127.0.0.1", short.port)
    fake_dns["www.acme-air.com"] = ("127.0.0.1", final.port)
    policy = load_policy(policy_dir, known_rule_ids())
    assert found(policy, "Deals: bit.ly/abc") == []
    assert len(final.requests) == 1


def test_redirect_to_internal_address_is_not_followed(policy_dir, recorder, fake_dns):
    internal = recorder(host="127.0.0.2")
    hop = recorder(status=302, headers={"Location": f"http://127.0.0.2:{internal.port}/admin"})
    fake_dns["bit.ly"] = ("127.0.0.1", hop.port)
    policy = load_policy(policy_dir, known_rule_ids())
    assert found(policy, "bit.ly/x") == [("links.unsafe_target", None)]
    assert internal.requests == []


def test_dead_and_looping_links(policy_dir, recorder, fake_dns):
    dead = recorder(status=404)
    fake_dns["tinyurl.com"] = ("127.0.0.1", dead.port)
    policy = load_policy(policy_dir, known_rule_ids())
    assert found(policy, "tinyurl.com/gone") == [("links.unreachable", None)]
    loop = recorder(status=302, headers={"Location": "http://t.co/again"})
    fake_dns["t.co"] = ("127.0.0.1", loop.port)
    assert found(policy, "t.co/again") == [("links.too_many_redirects", None)]
    assert len(loop.requests) == 6  # the first request and 5 redirects
    assert found(policy, "is.gd/nowhere") == [("links.unreachable", None)]  # DNS failure


def test_resolution_is_cached_by_everything_that_changes_it(policy_dir, recorder, fake_dns):
    final = recorder(status=200)
    fake_dns["bit.ly"] = ("127.0.0.1", final.port)
    policy = load_policy(policy_dir, known_rule_ids())
    found(policy, "bit.ly/a")
    found(policy, "bit.ly/a")
    assert len(final.requests) == 1
    found(policy, "bit.ly/b")
    assert len(final.requests) == 2
    policy = set_links_config(policy_dir, max_redirects=2)
    found(policy, "bit.ly/a")
    assert len(final.requests) == 3


def test_slow_link_respects_the_time_budget(policy_dir, recorder, fake_dns):
    import time

    slow = recorder(on_request=lambda handler: time.sleep(1.5))
    fake_dns["bit.ly"] = ("127.0.0.1", slow.port)
    policy = set_links_config(policy_dir, link_timeout_ms=200, post_timeout_ms=300)
    started = time.monotonic()
    result = found(policy, "bit.ly/slow")
    assert time.monotonic() - started < 1.0
    assert result == [("links.unresolved_shortener", None)]


def test_everyday_brand_words_need_a_lure(policy_dir):
    path = policy_dir / "accounts" / "globex-coffee.yaml"
    path.write_text(path.read_text().replace("  - globexcoffee.com", "  - globexcoffee.com\n  - delta.com").replace("  - Midnight Roast", "  - Midnight Roast\n  - Delta"))
    policy = load_policy(policy_dir, known_rule_ids())
    assert found(policy, "See deltadental.com", "globex-coffee") == []
    assert found(policy, "See delta-refunds.com", "globex-coffee") == [("links.lookalike", "brand_plus_words")]
    assert found(policy, "See paypalcom.com") == []
    assert found(policy, "See deltacom.com", "globex-coffee") == [("links.lookalike", "missing_dot")]
