"""Policy tests for legal: policies/tests/*.yaml, `gatekeeper policy test` and `policy lint`."""
import contextlib
import io

from gatekeeper.checks import known_rule_ids
from gatekeeper.cli import main
from gatekeeper.rules.cases import load_cases, run_cases
from gatekeeper.rules.policy import load_policy

from conftest import POLICIES


class Result:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def cli(*args):
    """`gatekeeper policy ...` in this process (the exit code and output are what the command gives)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["policy", *args])
    return Result(code, out.getvalue(), err.getvalue())


def write_cases(policy_dir, text):
    folder = policy_dir / "tests"
    if folder.exists():
        for path in folder.iterdir():
            path.unlink()
    folder.mkdir(exist_ok=True)
    (folder / "cases.yaml").write_text(text)


def test_shipped_examples_pass_and_are_varied():
    policy = load_policy(POLICIES, known_rule_ids())
    cases, errors = load_cases(POLICIES, policy, known_rule_ids())
    assert errors == []
    failed = [r for r in run_cases(cases, policy) if not r.ok]
    assert failed == [], [(r.case.file, r.case.line, r.problems, r.fired) for r in failed]
    assert len(cases) >= 30
    assert {c.expect for c in cases} == {"allow", "warn", "review", "block"}
    assert {c.account for c in cases} == set(policy.accounts)
    assert any(c.visibility == "direct" for c in cases) and any(c.automated for c in cases)
    assert any(c.in_reply_to for c in cases)
    assert len({c.rule.split(".")[0] for c in cases if c.rule}) >= 5  # several checks, not one


def test_policy_test_command_passes_on_the_example_policy(policy_dir):
    out = cli("test", str(policy_dir))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 failed" in out.stdout


def test_a_failing_case_is_printed_with_the_rules_that_fired(policy_dir):
    write_cases(policy_dir, (
        '- text: "See you on board!"\n  account: acme-air\n  expect: allow\n'
        '- text: "Guaranteed returns and risk-free too"\n  account: acme-air\n  expect: review\n'
        '  rule: lexicon.finance.risk_free\n'
        '- text: "Nice day"\n  account: acme-air\n  expect: warn\n  rule: tone.shouting\n'
    ))
    out = cli("test", str(policy_dir))
    assert out.returncode == 1
    assert "tests/cases.yaml:4: expected review, got block" in out.stdout
    assert "lexicon.finance.guaranteed_returns (block)" in out.stdout and "lexicon.finance.risk_free (review)" in out.stdout
    assert "tests/cases.yaml:8: expected warn, got allow; rule tone.shouting did not fire" in out.stdout
    assert "rules fired: none" in out.stdout
    assert "1 passed, 2 failed" in out.stdout
    # lint runs the same cases
    lint = cli("lint", str(policy_dir))
    assert lint.returncode == 1 and lint.stdout.startswith("OK") and "2 failed" in lint.stdout


def test_the_rule_must_fire_even_when_the_verdict_matches(policy_dir):
    write_cases(policy_dir, '- text: "guaranteed returns"\n  account: acme-air\n  expect: block\n  rule: pii.phone\n')
    out = cli("test", str(policy_dir))
    assert out.returncode == 1 and "rule pii.phone did not fire" in out.stdout


def test_visibility_automated_and_reply_are_used(policy_dir):
    write_cases(policy_dir, (
        '- text: "Your booking reference is QX7RTB."\n  account: acme-air\n  visibility: direct\n  expect: allow\n'
        '- text: "Your booking reference is QX7RTB."\n  account: acme-air\n  expect: block\n'
        '- text: "Thanks @sunny_day_sarah!"\n  account: acme-air\n  automated: true\n  expect: review\n'
        '- text: "Thanks @sunny_day_sarah!"\n  account: acme-air\n  expect: allow\n'
        '  in_reply_to: {author: "@sunny_day_sarah", text: "love this airline"}\n'
    ))
    out = cli("test", str(policy_dir))
    assert out.returncode == 0, out.stdout


def test_bad_cases_are_reported_with_file_and_line(policy_dir):
    write_cases(policy_dir, (
        '- text: "hello"\n  account: nope\n  expect: allow\n'
        '- text: "hello"\n  account: acme-air\n  expect: maybe\n'
        '- text: "hello"\n  account: acme-air\n  expect: allow\n  rule: lexicon.no_such_rule\n'
        '- account: acme-air\n  expect: allow\n  colour: blue\n'
    ))
    out = cli("test", str(policy_dir))
    assert out.returncode == 1
    assert "tests/cases.yaml:2: unknown account 'nope'" in out.stdout
    assert "tests/cases.yaml:6: 'maybe' is not one of: allow, warn, review, block" in out.stdout
    assert "tests/cases.yaml:10: unknown rule id 'lexicon.no_such_rule'" in out.stdout
    assert "tests/cases.yaml:11: 'text' is missing" in out.stdout
    assert "tests/cases.yaml:13: unknown field 'colour'" in out.stdout
    write_cases(policy_dir, '- text: "unclosed\n  account: acme-air\n')
    out = cli("test", str(policy_dir))
    assert out.returncode == 1 and "tests/cases.yaml:1: not valid YAML" in out.stdout


def test_policy_test_needs_a_valid_policy_and_a_tests_folder(policy_dir, tmp_path):
    path = policy_dir / "accounts" / "jdoe.yaml"
    path.write_text(path.read_text().replace("kind: personal", "kind: persona"))
    out = cli("test", str(policy_dir))
    assert out.returncode == 1 and "jdoe.yaml" in out.stdout
    empty = tmp_path / "bare"
    empty.mkdir()
    (empty / "gatekeeper.yaml").write_text("settings: {}\n")
    out = cli("test", str(empty))
    assert out.returncode == 1 and "no tests" in out.stderr
    assert cli("lint", str(empty)).returncode == 0  # lint without tests only validates
