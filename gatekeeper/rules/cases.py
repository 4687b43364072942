"""Policy tests: example posts legal writes down with the verdict they expect.

`<policy folder>/tests/*.yaml` each hold a list of cases:

    - text: "Book now, it is risk-free!"
      account: acme-air
      expect: review                # allow | warn | review | block
      rule: lexicon.finance.risk_free   # optional: a rule that must fire
      visibility: public            # optional (public | direct)
      automated: false              # optional
      in_reply_to: "the post being answered"   # optional: text, or {author, text}
      note: "why this case matters"  # optional, for people

`gatekeeper policy test` and `gatekeeper policy lint` run them; a case fails when the verdict
differs from `expect` or its `rule` did not fire.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .yamlfile import PolicyError, line_of, load_yaml

VERDICTS = ("allow", "warn", "review", "block")
FIELDS = ("text", "account", "expect", "rule", "visibility", "automated", "in_reply_to", "note")


@dataclass
class Case:
    file: str
    line: int
    text: str
    account: str
    expect: str
    rule: str | None = None
    visibility: str = "public"
    automated: bool = False
    in_reply_to: dict | None = None
    note: str | None = None

    def payload(self) -> dict:
        payload = {"account": self.account, "text": self.text, "visibility": self.visibility, "automated": self.automated}
        if self.in_reply_to:
            payload["in_reply_to"] = self.in_reply_to
        return payload


@dataclass
class CaseResult:
    case: Case
    verdict: str
    findings: list = field(default_factory=list)

    @property
    def fired(self) -> list[str]:
        return [f.rule for f in self.findings]

    @property
    def problems(self) -> list[str]:
        out = []
        if self.verdict != self.case.expect:
            out.append(f"expected {self.case.expect}, got {self.verdict}")
        if self.case.rule and self.case.rule not in self.fired:
            out.append(f"rule {self.case.rule} did not fire")
        return out

    @property
    def ok(self) -> bool:
        return not self.problems


def _case_errors(item, lines, path, rel, policy, known_rules) -> list[PolicyError]:
    def err(key, reason):
        return PolicyError(rel, line_of(lines, path + ((key,) if key else ())), reason)

    if not isinstance(item, dict):
        return [err(None, "each case must be a mapping with text, account and expect")]
    errors = [err(k, f"unknown field '{k}'; a case has: {', '.join(FIELDS)}") for k in item if k not in FIELDS]
    for key in ("text", "account", "expect"):
        if key not in item:
            errors.append(err(None, f"'{key}' is missing"))
    if "text" in item and (not isinstance(item["text"], str) or not item["text"].strip()):
        errors.append(err("text", "'text' must be the post, in quotes"))
    if "account" in item and item["account"] not in policy.accounts:
        errors.append(err("account", f"unknown account '{item['account']}'; known: {', '.join(sorted(policy.accounts))}"))
    if "expect" in item and item["expect"] not in VERDICTS:
        errors.append(err("expect", f"{item['expect']!r} is not one of: {', '.join(VERDICTS)}"))
    rule = item.get("rule")
    if rule is not None and (not isinstance(rule, str) or (known_rules is not None and rule not in known_rules)):
        errors.append(err("rule", f"unknown rule id {rule!r}"))
    if item.get("visibility", "public") not in ("public", "direct"):
        errors.append(err("visibility", f"{item['visibility']!r} is not one of: public, direct"))
    if not isinstance(item.get("automated", False), bool):
        errors.append(err("automated", "'automated' must be true or false"))
    reply = item.get("in_reply_to")
    if reply is not None and not isinstance(reply, str) and not (
            isinstance(reply, dict) and set(reply) <= {"author", "text"} and all(isinstance(v, str) for v in reply.values())):
        errors.append(err("in_reply_to", "'in_reply_to' must be the text answered, or {author, text}"))
    return errors


def rule_ids(policy, known_rules: set[str] | None) -> set[str] | None:
    """Every rule id a case may name: the checks' own plus one per terms-lexicon entry."""
    if known_rules is None:
        return None
    return set(known_rules) | {f"lexicon.{e['id']}" for e in policy.lexicon("terms").get("entries", [])}


def load_cases(directory, policy, known_rules: set[str] | None = None) -> tuple[list[Case], list[PolicyError]]:
    """Read `directory/tests/*.yaml`; return the cases and every problem (file, line, reason)."""
    folder = Path(directory) / "tests"
    cases: list[Case] = []
    errors: list[PolicyError] = []
    known = rule_ids(policy, known_rules)
    if not folder.is_dir():
        return cases, errors
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()):
        rel = str(path.relative_to(directory))
        try:
            data, lines = load_yaml(path.read_text(encoding="utf-8"), rel)
        except UnicodeDecodeError:
            errors.append(PolicyError(rel, 1, "not valid UTF-8"))
            continue
        except PolicyError as exc:
            errors.append(exc)
            continue
        if data == {}:
            continue
        if not isinstance(data, list):
            errors.append(PolicyError(rel, 1, "a test file is a list of cases, each starting with '- text:'"))
            continue
        for i, item in enumerate(data):
            found = _case_errors(item, lines, (i,), rel, policy, known)
            if found:
                errors.extend(found)
                continue
            reply = item.get("in_reply_to")
            cases.append(Case(
                file=rel, line=line_of(lines, (i,)), text=item["text"], account=item["account"], expect=item["expect"],
                rule=item.get("rule"), visibility=item.get("visibility", "public"), automated=item.get("automated", False),
                in_reply_to={"text": reply} if isinstance(reply, str) else reply, note=item.get("note"),
            ))
    return cases, errors


def run_case(case: Case, policy) -> CaseResult:
    from ..pipeline import evaluate

    _, decision = evaluate(case.payload(), policy)  # as the service decides: one time budget
    return CaseResult(case, decision.verdict, decision.findings)


def run_cases(cases: list[Case], policy) -> list[CaseResult]:
    from ..pipeline import warm

    warm(policy)  # models and word lists load before the first case, not inside its time budget
    return [run_case(case, policy) for case in cases]


def describe_failure(result: CaseResult) -> str:
    """One failure as legal reads it: where, what was expected, and every rule that fired."""
    case = result.case
    fired = ", ".join(f"{f.rule} ({f.action})" for f in result.findings) or "none"
    text = case.text if len(case.text) <= 100 else case.text[:97] + "..."
    return (f"{case.file}:{case.line}: {'; '.join(result.problems)}\n"
            f"    text: {text!r} (account {case.account}, {case.visibility}{', automated' if case.automated else ''})\n"
            f"    rules fired: {fired}")
