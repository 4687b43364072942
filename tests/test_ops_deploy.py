"""The shipped Grafana dashboard and alert rules only use metrics Gatekeeper serves."""
import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"\bgatekeeper_[a-z_]+")


def served_names(client) -> set[str]:
    text = client.get("/metrics").get_data(as_text=True)
    names = set()
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            base = line.split()[2]
            names |= {base, *(base + s for s in ("_total", "_bucket", "_sum", "_count", "_created"))}
        elif line and not line.startswith("#"):
            names.add(re.split(r"[{ ]", line, 1)[0])
    return names


def test_alert_rules_and_dashboard_use_served_metrics(client):
    served = served_names(client)
    rules = yaml.safe_load((ROOT / "deploy/prometheus/gatekeeper-alerts.yml").read_text())
    exprs = [rule["expr"] for group in rules["groups"] for rule in group["rules"]]
    assert {rule["alert"] for group in rules["groups"] for rule in group["rules"]} >= {
        "GatekeeperCheckErrors", "GatekeeperForwardFailures", "GatekeeperPolicyRefused", "GatekeeperReviewQueueAge"}
    dashboard = json.loads((ROOT / "deploy/grafana/gatekeeper-dashboard.json").read_text())
    exprs += [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    used = {name for expr in exprs for name in NAME.findall(expr)}
    assert used and used <= served, used - served
    for name in ("gatekeeper_decisions_total", "gatekeeper_findings_total", "gatekeeper_check_seconds_bucket",
                 "gatekeeper_decision_seconds_bucket", "gatekeeper_forward_total", "gatekeeper_review_queue",
                 "gatekeeper_policy_reload_total", "gatekeeper_policy_info"):
        assert name in served
