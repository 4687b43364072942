"""Prometheus metrics.

Under `gatekeeper serve` every gunicorn worker writes its counters into
PROMETHEUS_MULTIPROC_DIR (set by serve before any worker starts, so
prometheus-client picks its multi-process mode), and a scrape of /metrics on
any worker adds up all of them. Gauges that describe shared state (the review
queue, the policy in force) are read at scrape time instead of being counted.
"""
from __future__ import annotations

import datetime as dt
import logging
import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

DECISIONS = Counter("gatekeeper_decisions", "Decisions made.", ["account", "verdict", "mode"])
FINDINGS = Counter("gatekeeper_findings", "Findings in decisions.", ["check", "rule", "action"])
CHECK_SECONDS = Histogram("gatekeeper_check_seconds", "Time one check took on one post.", ["check"], buckets=LATENCY_BUCKETS)
DECISION_SECONDS = Histogram("gatekeeper_decision_seconds", "Time to decide one post (all checks, redaction, logging).",
                             buckets=LATENCY_BUCKETS)
FORWARDS = Counter("gatekeeper_forward", "Forwards to an upstream platform, by result (sent, or the error kind).",
                   ["upstream", "result"])
POLICY_RELOADS = Counter("gatekeeper_policy_reload", "Policy changes seen, by result (loaded, refused, unreadable); counted per process.",
                         ["result"])
RATE_LIMITED = Counter("gatekeeper_rate_limited", "Requests refused by a rate limit.", ["limit", "mode"])
REQUESTS = Counter("gatekeeper_http_requests", "HTTP requests answered.", ["method", "route", "status"])

QUEUE_STATUSES = ("held", "forward_failed", "sending")


def multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def decided(mode: str, account: str, decision, seconds: float) -> None:
    DECISIONS.labels(account, decision.verdict, mode).inc()
    for f in decision.findings:
        FINDINGS.labels(f.check, f.rule, f.action).inc()
    for check, ms in (decision.timings_ms or {}).items():
        CHECK_SECONDS.labels(check).observe(ms / 1000)
    DECISION_SECONDS.observe(seconds)


def forwarded(upstream: str, result: str) -> None:
    FORWARDS.labels(upstream, result).inc()


def policy_reload(result: str) -> None:
    POLICY_RELOADS.labels(result).inc()


class GateCollector:
    """Read at scrape time: the review queue, and the policy this process serves."""

    def __init__(self, gate):
        self.gate = gate

    def collect(self):
        queue = GaugeMetricFamily("gatekeeper_review_queue", "Posts waiting in the review queue, by account and status.",
                                  labels=["account", "status"])
        oldest = GaugeMetricFamily("gatekeeper_review_queue_oldest_seconds", "Age of the oldest post waiting, by account and status.",
                                   labels=["account", "status"])
        try:
            marks = ", ".join("?" for _ in QUEUE_STATUSES)
            rows = self.gate.store.db.fetchall(
                f"SELECT account, status, COUNT(*) AS n, MIN(created_at) AS first FROM held_posts WHERE status IN ({marks}) GROUP BY account, status",
                QUEUE_STATUSES)
        except Exception:
            log.exception("could not read the review queue for /metrics")
            rows = []
        now = dt.datetime.now(dt.timezone.utc)
        for row in rows:
            queue.add_metric([row["account"], row["status"]], row["n"])
            try:
                first = dt.datetime.fromisoformat(row["first"].replace("Z", "+00:00"))
                oldest.add_metric([row["account"], row["status"]], max((now - first).total_seconds(), 0.0))
            except (AttributeError, ValueError):
                pass
        yield queue
        yield oldest
        policy = self.gate.policies.current()
        info = GaugeMetricFamily("gatekeeper_policy_info", "The policy version in force (always 1).", labels=["version"])
        info.add_metric([policy.version], 1)
        yield info
        refused = GaugeMetricFamily("gatekeeper_policy_change_refused",
                                    "1 while the latest change to the policy folder is refused and the last good policy serves.")
        refused.add_metric([], 1 if self.gate.policies.last_error else 0)
        yield refused


def render(gate) -> tuple[bytes, str]:
    """The text exposition of every process's metrics plus the scrape-time gauges."""
    if multiprocess():
        from prometheus_client import multiprocess as mp

        registry = CollectorRegistry()
        mp.MultiProcessCollector(registry)
        counted = generate_latest(registry)
    else:
        counted = generate_latest(REGISTRY)
    scraped = CollectorRegistry()
    scraped.register(GateCollector(gate))
    return counted + generate_latest(scraped), CONTENT_TYPE_LATEST


def mark_process_dead(pid: int) -> None:
    """Called by gunicorn when a worker exits, so its live gauges stop counting."""
    if multiprocess():
        from prometheus_client import multiprocess as mp

        mp.mark_process_dead(pid)
