"""Structured request logs: one JSON object per line per request.

On by default whatever GATEKEEPER_LOG_LEVEL says (GATEKEEPER_REQUEST_LOG=off
turns it off). Each line has the request id (also sent back as X-Request-Id),
the key's name, the account, the verdict, the decision id and the latency.
Post text and key values never go in: only fields named here are written,
and none of them is taken from the request body or the Authorization header.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
import uuid

log = logging.getLogger("gatekeeper.requests")

# A client's own request id is passed on only if it is short and plain.
CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class _StdoutHandler(logging.Handler):
    """Writes to whatever sys.stdout is at the time (so a test capturing stdout sees the lines)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stdout.write(record.getMessage() + "\n")
            sys.stdout.flush()
        except Exception:
            self.handleError(record)


def enabled() -> bool:
    return os.environ.get("GATEKEEPER_REQUEST_LOG", "on").lower() not in ("off", "0", "false", "no")


def setup() -> None:
    if not any(isinstance(h, _StdoutHandler) for h in log.handlers):
        log.addHandler(_StdoutHandler())
    log.setLevel(logging.INFO)
    log.propagate = False  # its own level and format, whatever the root logger is set to


def request_id(incoming: str | None) -> str:
    if incoming and CLIENT_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def write(fields: dict) -> None:
    """Write one request line. Only the caller's chosen fields, never a body or a header value."""
    if not enabled():
        return
    line = {"time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "type": "request", "pid": os.getpid(), **fields}
    log.info(json.dumps(line, ensure_ascii=False, separators=(",", ":"), default=str))
