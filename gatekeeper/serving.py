"""How `gatekeeper serve` (and gunicorn.conf.py) run the app under gunicorn.

- A runtime folder, made before any worker starts and removed at exit, holds
  prometheus-client's multi-process files and the workers' shared state.
- Workers are gunicorn's gthread workers, except that the errors gunicorn
  answers itself (a request line over the limit, a malformed request) are JSON
  like every other error, and SIGTERM makes /readyz say "not ready" while
  in-flight requests finish.
- SIGTERM: gunicorn stops accepting, lets requests in flight finish within
  GATEKEEPER_GRACEFUL_SECONDS (forwards are bounded well inside it), then exits.
"""
from __future__ import annotations

import glob
import json
import logging
import os
import shutil
import tempfile

from gunicorn import util
from gunicorn.http.errors import (ConfigurationProblem, ExpectationFailed, ForbiddenProxyRequest, InvalidHeader,
                                  InvalidHeaderName, InvalidHTTPVersion, InvalidRequestLine, InvalidRequestMethod,
                                  InvalidResponseHeader, InvalidResponseHeaderName, LimitRequestHeaders, LimitRequestLine,
                                  ParseException, UnsupportedTransferCoding)
from gunicorn.workers.gthread import ThreadWorker

from . import logs

log = logging.getLogger(__name__)

RUNTIME_ENV = ("PROMETHEUS_MULTIPROC_DIR", "GATEKEEPER_RUNTIME_DIR")

# gunicorn's largest request line (its default is 4094): long URLs reach the app, which answers in JSON.
LIMIT_REQUEST_LINE = 8190


def make_runtime_dir() -> str:
    """A fresh folder for this server's multi-process state; set in the environment the workers inherit."""
    _remove_abandoned()
    path = tempfile.mkdtemp(prefix="gatekeeper-run-")
    os.makedirs(os.path.join(path, "metrics"))
    with open(os.path.join(path, "master.pid"), "w") as fh:
        fh.write(str(os.getpid()))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.path.join(path, "metrics")
    os.environ["GATEKEEPER_RUNTIME_DIR"] = path
    return path


def _remove_abandoned() -> None:
    """Runtime folders of servers that were killed (kill -9 runs no clean-up) are removed by the next one."""
    for path in glob.glob(os.path.join(tempfile.gettempdir(), "gatekeeper-run-*")):
        try:
            with open(os.path.join(path, "master.pid")) as fh:
                pid = int(fh.read().strip())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except PermissionError:
            pass


def remove_runtime_dir(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


def settings(host: str, port: int, workers: int, threads: int) -> dict:
    """gunicorn settings shared by `gatekeeper serve` and gunicorn.conf.py."""
    binds = [f"{host}:{port}"]
    metrics_port = os.environ.get("GATEKEEPER_METRICS_PORT")
    if metrics_port and os.environ.get("GATEKEEPER_METRICS", "on").lower() not in ("off", "0", "false", "no"):
        binds.append(f"{os.environ.get('GATEKEEPER_METRICS_HOST', host)}:{int(metrics_port)}")
    out = {
        "bind": binds,
        "workers": workers,
        "threads": threads,
        "worker_class": "gatekeeper.serving.GatekeeperWorker",
        "accesslog": None,  # the app writes one JSON line per request instead (gatekeeper.logs)
        "timeout": 60,
        "graceful_timeout": int(os.environ.get("GATEKEEPER_GRACEFUL_SECONDS", 30)),
        "limit_request_line": LIMIT_REQUEST_LINE,
        "child_exit": child_exit,
    }
    from gunicorn.config import KNOWN_SETTINGS

    if any(s.name == "control_socket_disable" for s in KNOWN_SETTINGS):
        # gunicorn 27's control socket sits at one path per user: two instances on one machine would collide.
        out["control_socket_disable"] = True
    return out


def child_exit(server, worker) -> None:
    from . import metrics

    metrics.mark_process_dead(worker.pid)


def _status_for(exc) -> tuple[int, str, str, str]:
    """(status, reason, error code, message) for a request gunicorn refuses before the app sees it."""
    if isinstance(exc, LimitRequestLine):
        return 414, "URI Too Long", "uri_too_long", f"The request line is over the limit of {LIMIT_REQUEST_LINE} bytes."
    if isinstance(exc, LimitRequestHeaders):
        return 431, "Request Header Fields Too Large", "headers_too_large", "The request headers are too large or too many."
    if isinstance(exc, (InvalidRequestLine, InvalidRequestMethod, InvalidHTTPVersion)):
        return 400, "Bad Request", "invalid_request_line", "The request line is not valid HTTP (method, path and version; the path must be ASCII or percent-encoded)."
    if isinstance(exc, (InvalidHeader, InvalidHeaderName)):
        return 400, "Bad Request", "invalid_header", "A request header is not valid HTTP."
    if isinstance(exc, ExpectationFailed):
        return 417, "Expectation Failed", "expectation_failed", "Only 'Expect: 100-continue' is supported."
    if isinstance(exc, UnsupportedTransferCoding):
        return 501, "Not Implemented", "unsupported_transfer_coding", "This Transfer-Encoding is not supported."
    if isinstance(exc, ForbiddenProxyRequest):
        return 403, "Forbidden", "forbidden", "Request forbidden."
    return 400, "Bad Request", "bad_request", "The request is not valid HTTP."


def _refused_by_server(exc) -> bool:
    """A malformed request gunicorn answers itself (the app's own faults stay 500s, as gunicorn has them)."""
    return isinstance(exc, ParseException) and not isinstance(
        exc, (InvalidResponseHeader, InvalidResponseHeaderName, ConfigurationProblem))


class GatekeeperWorker(ThreadWorker):
    """gunicorn's gthread worker, answering its own protocol errors in JSON."""

    def handle_error(self, req, client, addr, exc):
        if not _refused_by_server(exc):
            return super().handle_error(req, client, addr, exc)
        status, reason, code, message = _status_for(exc)
        request_id = logs.request_id(None)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], type(exc).__name__)
        logs.write({"request_id": request_id, "method": getattr(req, "method", None), "path": None, "route": "(refused by the HTTP server)",
                    "status": status, "latency_ms": None, "key": None, "account": None, "verdict": None, "decision_id": None})
        body = json.dumps({"error": code, "message": message}).encode()
        head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
                f"X-Request-Id: {request_id}\r\nContent-Length: {len(body)}\r\n\r\n").encode("latin-1")
        try:
            util.write_nonblock(client, head + body)
        except Exception:
            self.log.debug("Failed to send error message.")

    def handle_exit(self, sig, frame):
        from . import ops

        ops.draining = True  # /readyz answers 503 on kept-alive connections while we finish
        super().handle_exit(sig, frame)
