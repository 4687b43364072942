"""The `gatekeeper` command."""
from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys

from .store import ROLES, export_row

VERDICT_EXIT = {"allow": 0, "warn": 1, "review": 2, "block": 3}
ERROR_EXIT = 4


def _settings(args):
    from .service import Settings

    return Settings.from_env(policy_dir=getattr(args, "policy_dir", None))


def _store():
    from .store import Store

    return Store(os.environ.get("GATEKEEPER_DATABASE_URL") or None)


def cmd_serve(args) -> int:
    from . import serving

    # Before anything imports prometheus-client: its multi-process mode is chosen from the environment at import.
    runtime = serving.make_runtime_dir()
    master = os.getpid()
    try:
        return _serve(args, serving)
    finally:
        if os.getpid() == master:  # gunicorn's workers are forks of this process: only the master cleans up
            serving.remove_runtime_dir(runtime)


def _serve(args, serving) -> int:
    from gunicorn.app.base import BaseApplication

    from .app import create_app
    from .checks import known_rule_ids
    from .rules.policy import PolicyInvalid, load_policy

    directory = os.environ.get("GATEKEEPER_POLICY_DIR", "policies")
    try:
        load_policy(directory, known_rule_ids())  # refuse to start on a broken policy, with file and line
    except PolicyInvalid as exc:
        print(f"gatekeeper: the policy in {directory} is invalid; not starting:", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 1

    class Server(BaseApplication):
        def load_config(self):
            for name, value in serving.settings(args.host, args.port, args.workers, args.threads).items():
                self.cfg.set(name, value)

        def load(self):
            return create_app()

    metrics_port = os.environ.get("GATEKEEPER_METRICS_PORT")
    where = f", metrics on port {metrics_port}" if metrics_port else ""
    print(f"Gatekeeper listening on http://{args.host}:{args.port} (policy: {directory}{where})", flush=True)
    Server().run()
    return 0


def cmd_check(args) -> int:
    from .rules.policy import PolicyInvalid
    from .service import Caller, Gate

    try:
        gate = Gate(_settings(args))
    except PolicyInvalid as exc:
        print(f"policy is invalid:\n{exc}", file=sys.stderr)
        return ERROR_EXIT
    policy = gate.policies.current()
    if args.account not in policy.accounts:
        print(f"unknown account '{args.account}'; known: {', '.join(sorted(policy.accounts))}", file=sys.stderr)
        return ERROR_EXIT
    payload = {"account": args.account, "text": args.text, "visibility": args.visibility, "automated": args.automated}
    if args.author:
        payload["author"] = args.author
    if args.reply_to:
        payload["in_reply_to"] = {"text": args.reply_to}
    caller = Caller(f"cli:{os.environ.get('USER', 'unknown')}", "admin", ["*"])
    from .app import ApiError, validate_post

    try:
        validate_post(gate, caller, payload, allow_ack=False)  # what the API would refuse is refused here, unlogged
    except ApiError as exc:
        print(f"refused: {exc.message}", file=sys.stderr)
        return ERROR_EXIT
    outcome = gate.check(payload, caller)
    body = outcome.body
    if args.json:
        print(json.dumps(body, indent=2, ensure_ascii=False))
    else:
        print(f"{body['verdict'].upper()}  (policy {body['policy_version']}, decision {body['decision_id']})")
        for f in body["findings"]:
            snippet = args.text[f["start"]:f["end"]]
            where = f" [{f['start']}:{f['end']}] {snippet!r}" if f["end"] > f["start"] else ""
            print(f"  {f['action']:<6} {f['rule']}{where}\n         {f['message']}")
        if body["redacted_text"] != args.text:
            print(f"  redacted: {body['redacted_text']}")
    return VERDICT_EXIT[body["verdict"]]


def _load_or_report(directory: str, refusal: str):
    """The policy in DIR, or None after printing file:line: reason for each problem and `refusal`."""
    from .checks import known_rule_ids
    from .rules.policy import PolicyInvalid, load_policy

    try:
        return load_policy(directory, known_rule_ids())
    except PolicyInvalid as exc:
        for error in exc.errors:
            print(f"{os.path.join(directory, error.file) if not os.path.isabs(error.file) else error.file}:{error.line}: {error.reason}")
        print(refusal.format(count=len(exc.errors)), file=sys.stderr)
        return None


def cmd_policy_lint(args) -> int:
    directory = args.directory or os.environ.get("GATEKEEPER_POLICY_DIR", "policies")
    policy = _load_or_report(directory, "{count} problem(s); this policy would be refused and the last good one kept.")
    if policy is None:
        return 1
    try:  # what only building the detectors can tell: regions, booking-reference patterns, NER model
        from .checks.pii import engine as pii_engine

        pii_engine.warm(policy)
    except Exception as exc:
        print(f"{directory}: {exc}")
        print("1 problem(s); this policy would be refused and the last good one kept.", file=sys.stderr)
        return 1
    print(f"OK: {directory} is valid (version {policy.version}, {len(policy.accounts)} account(s)).")
    return _run_policy_tests(directory, policy)


def cmd_policy_test(args) -> int:
    directory = args.directory or os.environ.get("GATEKEEPER_POLICY_DIR", "policies")
    policy = _load_or_report(directory, "the policy is invalid, so its tests cannot run (see `gatekeeper policy lint`).")
    if policy is None:
        return 1
    if not os.path.isdir(os.path.join(directory, "tests")):
        print(f"no tests: {os.path.join(directory, 'tests')} does not exist.", file=sys.stderr)
        return 1
    return _run_policy_tests(directory, policy)


def _run_policy_tests(directory, policy) -> int:
    """Run the policy's own example posts (DIR/tests/*.yaml); 1 if any case fails or cannot be read."""
    from .checks import known_rule_ids
    from .rules.cases import describe_failure, load_cases, run_cases

    cases, errors = load_cases(directory, policy, known_rule_ids())
    for error in errors:
        print(f"{os.path.join(directory, error.file)}:{error.line}: {error.reason}")
    if not cases and not errors:
        return 0
    results = run_cases(cases, policy)
    failed = [r for r in results if not r.ok]
    for result in failed:
        print("FAIL " + describe_failure(result).replace(result.case.file, os.path.join(directory, result.case.file), 1))
    print(f"policy tests: {len(results) - len(failed)} passed, {len(failed)} failed"
          + (f", {len(errors)} case(s) unreadable" if errors else "") + ".")
    return 1 if failed or errors else 0


def cmd_keys_add(args) -> int:
    accounts = [a.strip() for a in args.accounts.split(",") if a.strip()] if args.accounts else []
    if args.role != "admin" and not accounts:
        # Poster, reviewer and auditor keys are scoped to accounts; say '*' to mean all of them.
        print(f"a {args.role} key needs --accounts (a comma-separated list, or '*' for all)", file=sys.stderr)
        return 2
    try:
        key = _store().add_key(args.name, args.role, accounts)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"Created key '{args.name}' (role {args.role}, accounts {','.join(accounts) or '-'}).")
    unknown = _accounts_not_in_policy(args, accounts)
    if unknown:
        # Not refused (a key may be made before its account's file lands), but a typo or a shell-expanded * shows.
        print(f"warning: no account {', '.join(repr(a) for a in unknown)} in the policy yet; this key can use it only "
              "once the policy has it. Revoke the key if that is a typo.", file=sys.stderr)
    print("Store it now: it is shown once and only its hash is kept.")
    print(key)
    return 0


def _accounts_not_in_policy(args, accounts: list[str]) -> list[str]:
    """The named accounts the policy in force does not have ('*' is every account); none if it cannot be read."""
    from .rules.policy import PolicyInvalid, load_policy

    try:
        known = load_policy(_settings(args).policy_dir).accounts
    except (PolicyInvalid, OSError):
        return []
    return [a for a in accounts if a != "*" and a not in known]


def cmd_keys_list(args) -> int:
    for row in _store().list_keys():
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
        print(f"{row['name']}\t{row['role']}\t{','.join(row['accounts']) or '-'}\t{row['created_at']}\t{state}")
    return 0


def cmd_keys_revoke(args) -> int:
    if _store().revoke_key(args.name):
        print(f"Revoked '{args.name}'.")
        return 0
    print(f"no active key named '{args.name}'", file=sys.stderr)
    return 2


def cmd_reconcile(args) -> int:
    from .service import Gate

    found = Gate(_settings(args)).reconcile(args.older_than)
    for decision_id in found:
        print(f"{decision_id}\tunknown: check the platform, then resolve it in the review queue")
    print(f"{len(found)} interrupted send(s) queued for review as unknown.", file=sys.stderr)
    return 0


def cmd_audit_verify(args) -> int:
    result = _store().verify()
    if result["ok"]:
        print(f"OK: {result['checked']} entries, chain intact (head {result['head'][:16]}).")
        return 0
    print(f"TAMPERED: {result['problem']} (first bad entry: seq {result['seq']}"
          f"{', decision ' + result['decision_id'] if result.get('decision_id') else ''}; {result['checked']} entries before it are intact).")
    return 1


EXPORT_COLUMNS = ["seq", "time", "event", "decision_id", "account", "key_name", "author", "visibility", "automated",
                  "verdict", "rules", "policy_version", "dry_run", "text_redacted", "text_sha256", "acknowledgement",
                  "forward", "by", "reason"]


def _iso_time(value: str) -> str:
    """An --since/--until value, refused by argparse (exit 2, naming the option) unless it is a date or time."""
    from .store import log_time

    try:
        return log_time(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_audit_export(args) -> int:
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
    try:
        entries = _store().entries(args.since, args.until)
        if args.format == "jsonl":
            for entry in entries:
                out.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for entry in entries:
                writer.writerow(export_row(entry))
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gatekeeper", description="Compliance and brand-safety gate for social-media posts.")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="start the HTTP service")
    serve.add_argument("--host", default=os.environ.get("GATEKEEPER_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("GATEKEEPER_PORT", 8080)))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("GATEKEEPER_WORKERS", 3)))
    serve.add_argument("--threads", type=int, default=int(os.environ.get("GATEKEEPER_THREADS", 4)))
    serve.set_defaults(func=cmd_serve)

    check = sub.add_parser("check", help="decide one post (exit code: 0 allow, 1 warn, 2 review, 3 block, 4 error)")
    check.add_argument("--account", required=True)
    check.add_argument("--json", action="store_true", help="print the full decision as JSON")
    check.add_argument("--visibility", choices=["public", "direct"], default="public")
    check.add_argument("--automated", action="store_true")
    check.add_argument("--author")
    check.add_argument("--reply-to", help="text of the post being answered")
    check.add_argument("--policy-dir", help="try the post against this policy folder instead of the live one")
    check.add_argument("text")
    check.set_defaults(func=cmd_check)

    policy = sub.add_parser("policy", help="policy tools").add_subparsers(dest="policy_command", required=True)
    lint = policy.add_parser("lint", help="validate a policy folder (file:line: reason for each problem), then run its tests")
    lint.add_argument("directory", nargs="?")
    lint.set_defaults(func=cmd_policy_lint)
    test = policy.add_parser("test", help="run the policy's example posts (DIR/tests/*.yaml); exit 1 on any failure")
    test.add_argument("directory", nargs="?", help="the policy folder (default: GATEKEEPER_POLICY_DIR or ./policies)")
    test.set_defaults(func=cmd_policy_test)

    keys = sub.add_parser("keys", help="API keys").add_subparsers(dest="keys_command", required=True)
    add = keys.add_parser("add", help="create a key; it is printed once, on the last line")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--accounts", default="", help="comma-separated account ids, or '*' for all")
    add.set_defaults(func=cmd_keys_add)
    keys.add_parser("list", help="list keys (never the keys themselves)").set_defaults(func=cmd_keys_list)
    revoke = keys.add_parser("revoke", help="revoke a key")
    revoke.add_argument("name")
    revoke.set_defaults(func=cmd_keys_revoke)

    reconcile = sub.add_parser("reconcile", help="queue posts whose sending was interrupted (status unknown) for review; never re-sends")
    reconcile.add_argument("--older-than", type=float, default=None, metavar="SECONDS",
                           help="only posts sending for longer than this (default GATEKEEPER_RECONCILE_AFTER_SECONDS, 300); "
                                "0 when no instance is running")
    reconcile.set_defaults(func=cmd_reconcile)

    audit = sub.add_parser("audit", help="decision log tools").add_subparsers(dest="audit_command", required=True)
    audit.add_parser("verify", help="check the hash chain; name the first altered or missing entry").set_defaults(func=cmd_audit_verify)
    export = audit.add_parser("export", help="export the log for auditors")
    export.add_argument("--since", type=_iso_time, help="ISO time, inclusive (e.g. 2026-11-01 or 2026-11-01T00:00:00Z)")
    export.add_argument("--until", type=_iso_time, help="ISO time, exclusive")
    export.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    export.add_argument("--output", "-o", help="file to write (default: standard output)")
    export.set_defaults(func=cmd_audit_export)
    return parser


def main(argv=None) -> int:
    logging.basicConfig(level=os.environ.get("GATEKEEPER_LOG_LEVEL", "WARNING"), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a clear message, not a traceback
        logging.getLogger("gatekeeper").debug("command failed", exc_info=True)
        print(f"gatekeeper: {exc}", file=sys.stderr)
        return ERROR_EXIT
