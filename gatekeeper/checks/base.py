"""What every check shares: its rules and the findings it returns."""
from __future__ import annotations

from dataclasses import dataclass, field

ACTIONS = ("allow", "warn", "review", "block")
ACTION_RANK = {name: rank for rank, name in enumerate(ACTIONS)}


def strongest(actions) -> str:
    return max(actions, key=ACTION_RANK.__getitem__, default="allow")


@dataclass(frozen=True)
class Rule:
    """A rule a check can fire: its id, default action and default message."""

    id: str
    action: str
    message: str


@dataclass
class Finding:
    check: str
    rule: str
    action: str
    message: str
    start: int = 0
    end: int = 0
    details: dict = field(default_factory=dict)
    # Raise the action one step after the policy's action applies (e.g. private data next to a name).
    escalate: bool = False

    def as_dict(self) -> dict:
        out = {
            "check": self.check,
            "rule": self.rule,
            "action": self.action,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }
        if self.details:
            out["details"] = self.details
        return out


def escalated(action: str) -> str:
    """One step stronger for warn and review; allow and block stay as they are."""
    return ACTIONS[ACTION_RANK[action] + 1] if action in ("warn", "review") else action


def finding(rule: Rule, start: int = 0, end: int = 0, message: str | None = None, **details) -> Finding:
    """A finding for `rule` at an original-text span; the policy may still change its action."""
    check = rule.id.split(".", 1)[0]
    return Finding(check, rule.id, rule.action, message or rule.message, start, end, details)
