"""Follow a link to where it really goes, without ever becoming a way into our network.

Every hop is resolved by us, every address it resolves to must be public, and
the socket connects to the address we checked (then checks the peer again),
so a DNS answer that changes between check and connect (rebinding) gets
nowhere. Only http and https, HEAD first (GET only if HEAD is refused),
bodies are never downloaded, and every hop and the whole post have a time
budget.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ...shared_state import VerdictCache


class BlockedAddress(Exception):
    """The link leads to an address Gatekeeper must never connect to."""


def address_allowed(ip: str) -> bool:
    """Only globally routable unicast addresses: no loopback, private, link-local (cloud metadata), multicast or reserved."""
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_loopback
                                      or address.is_link_local or address.is_private or address.is_unspecified)


def _vetted_connection(host: str, port: int, timeout, source_address=None, socket_options=None) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise urllib3.exceptions.NameResolutionError(host, None, exc) from None
    if not infos:
        raise BlockedAddress(f"{host} has no address")
    for *_, sockaddr in infos:
        if not address_allowed(sockaddr[0]):
            # One internal answer is enough to refuse: a name that may point inside is never followed.
            raise BlockedAddress(f"{host} resolves to a non-public address")
    last_error = None
    for family, socktype, proto, _, sockaddr in infos:
        sock = socket.socket(family, socktype, proto)
        try:
            if socket_options:
                for opt in socket_options:
                    sock.setsockopt(*opt)
            if timeout is not None and timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            sock.connect(sockaddr)
            if not address_allowed(sock.getpeername()[0]):
                raise BlockedAddress("connected to a non-public address")
            return sock
        except BlockedAddress:
            sock.close()
            raise
        except OSError as exc:
            last_error = exc
            sock.close()
    raise last_error or OSError("could not connect")


class _SafeHTTPConnection(HTTPConnection):
    def _new_conn(self):
        return _vetted_connection(self._dns_host, self.port, self.timeout, self.source_address, self.socket_options)


class _SafeHTTPSConnection(HTTPSConnection):
    def _new_conn(self):
        return _vetted_connection(self._dns_host, self.port, self.timeout, self.source_address, self.socket_options)


class _SafeHTTPPool(HTTPConnectionPool):
    ConnectionCls = _SafeHTTPConnection


class _SafeHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _SafeHTTPSConnection


class SafeAdapter(HTTPAdapter):
    """A requests transport whose every connection goes through the address check; never proxied."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _SafeHTTPPool, "https": _SafeHTTPSPool}
        self.poolmanager.key_fn_by_scheme = dict(self.poolmanager.key_fn_by_scheme)

    def proxy_manager_for(self, *args, **kwargs):  # a proxy would connect for us, unchecked
        raise BlockedAddress("proxies are not used for link checks")


def safe_session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxies or .netrc from the environment
    session.headers["User-Agent"] = "Gatekeeper-LinkCheck/1.0"
    adapter = SafeAdapter(max_retries=0, pool_connections=16, pool_maxsize=16)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@dataclass
class Resolution:
    """Where a link led: every hop, and how it ended."""

    hops: list[str] = field(default_factory=list)
    status: int | None = None
    outcome: str = "ok"  # ok, unreachable, blocked, bad_scheme, too_many_redirects, timeout
    detail: str = ""

    @property
    def final(self) -> str:
        return self.hops[-1] if self.hops else ""


def _blocked_cause(exc: BaseException) -> BlockedAddress | None:
    for _ in range(10):
        if exc is None or isinstance(exc, BlockedAddress):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


class Resolver:
    def __init__(self, cache_size: int = 4096, ttl_seconds: float = 900):
        self.session = safe_session()
        # The answer depends on the URL and on how far and how long we may follow it; nothing else.
        # Shared by every worker (and with Redis every instance): see shared_state.VerdictCache.
        self.cache = VerdictCache("links", cache_size, ttl_seconds, encode=asdict, decode=lambda d: Resolution(**d))

    def resolve(self, url: str, max_redirects: int, hop_timeout: float, deadline: float) -> Resolution:
        key = (url, max_redirects, hop_timeout)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        result = self._follow(url, max_redirects, hop_timeout, deadline)
        if result.outcome != "timeout":  # a timeout under a tight post budget may succeed next time
            self.cache[key] = result
        return result

    def _follow(self, url: str, max_redirects: int, hop_timeout: float, deadline: float) -> Resolution:
        result = Resolution()
        current = url
        for _ in range(max_redirects + 1):
            result.hops.append(current)
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):
                result.outcome, result.detail = "bad_scheme", f"a {scheme or 'schemeless'} link"
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                result.outcome, result.detail = "timeout", "no time left to check this link"
                return result
            timeout = min(hop_timeout, remaining)
            try:
                response = self._request(current, timeout)
            except BlockedAddress as exc:
                result.outcome, result.detail = "blocked", str(exc)
                return result
            except requests.Timeout:
                result.outcome, result.detail = "timeout", "the site did not answer in time"
                return result
            except requests.RequestException as exc:
                blocked = _blocked_cause(exc)
                if blocked:
                    result.outcome, result.detail = "blocked", str(blocked)
                else:
                    result.outcome, result.detail = "unreachable", "the site could not be reached"
                return result
            except ValueError:
                # No request can be made of it (a password that HTTP cannot carry, a host label over 63 characters):
                # nobody can open it either. A link, not the check, is at fault: the post's other findings stand.
                result.outcome, result.detail = "unreachable", "the link is malformed and cannot be opened"
                return result
            result.status = response.status_code
            location = response.headers.get("Location")
            if response.is_redirect and location:
                current = urljoin(current, location)
                continue
            if response.status_code >= 400:
                result.outcome, result.detail = "unreachable", f"the link answers HTTP {response.status_code}"
            return result
        result.outcome, result.detail = "too_many_redirects", f"more than {max_redirects} redirects"
        return result

    def _request(self, url: str, timeout: float) -> requests.Response:
        response = self.session.head(url, allow_redirects=False, timeout=timeout, stream=True)
        response.close()
        if response.status_code in (400, 403, 405, 501) and not response.is_redirect:
            # Some sites refuse HEAD; ask with GET but never read the body.
            response = self.session.get(url, allow_redirects=False, timeout=timeout, stream=True)
            response.close()
        return response
