"""Load, validate and hot-reload the policy folder.

A policy is the folder as a whole: gatekeeper.yaml, accounts/*.yaml and
lexicons/*.yaml. It is only ever swapped in whole, and only when every file in
it validates; otherwise the last good policy stays in force.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import threading
import time
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jsonschema

from .phrases import words_of
from .yamlfile import PolicyError, line_of, load_yaml

log = logging.getLogger(__name__)

SCHEMA_DIR = Path(__file__).with_name("schemas")
_FORMAT_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


@lru_cache(maxsize=None)
def _validator(schema_name: str):
    with open(SCHEMA_DIR / f"{schema_name}.schema.json", encoding="utf-8") as fh:
        schema = json.load(fh)
    return jsonschema.Draft202012Validator(schema, format_checker=_FORMAT_CHECKER)


def lexicon_names() -> list[str]:
    return sorted(p.name[len("lexicon."):-len(".schema.json")] for p in SCHEMA_DIR.glob("lexicon.*.schema.json"))


class PolicyInvalid(Exception):
    def __init__(self, errors: list[PolicyError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


@dataclass
class Policy:
    version: str
    directory: str
    settings: dict
    checks: dict
    rules: dict
    freezes: list
    accounts: dict
    lexicons: dict
    loaded_at: float = field(default_factory=time.time)
    _compiled: dict = field(default_factory=dict, repr=False)
    # Re-entrant: one compiled matcher may be built from another (the handle reader from the word lists).
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    # -- settings -----------------------------------------------------------
    def setting(self, name: str, default=None):
        return self.settings.get(name, default)

    def account_handle(self, account_id: str) -> str:
        """An account's handle without its "@" and its instance ("@AcmeAir@social.example" -> "AcmeAir")."""
        return (self.accounts.get(account_id, {}).get("handle") or "").lstrip("@").split("@")[0]

    def account_names(self, account_id: str) -> list[str]:
        """The names an account goes by: its brand terms, display name and handle."""
        account = self.accounts.get(account_id, {})
        names = list(account.get("brand_terms") or [])
        if account.get("display_name"):
            names.append(account["display_name"])
        if self.account_handle(account_id):
            names.append(self.account_handle(account_id))
        return names

    def check_config(self, name: str) -> dict:
        return self.checks.get(name, {})

    def check_enabled(self, name: str) -> bool:
        return self.checks.get(name, {}).get("enabled", True)

    def lexicon(self, name: str) -> dict:
        return self.lexicons.get(name, {})

    def rule_override(self, rule_id: str) -> dict | None:
        override = self.rules.get(rule_id)
        if override is None:
            return None
        return {"action": override} if isinstance(override, str) else override

    def freeze_reason(self, account_id: str, now: dt.datetime | None = None) -> str | None:
        """Why posts to this account are frozen, or None."""
        now = now or dt.datetime.now(dt.timezone.utc)
        reasons = []
        account = self.accounts.get(account_id, {})
        entries = list(self.freezes)
        if account.get("freeze"):
            entries.append({"accounts": [account_id], **account["freeze"]})
        for entry in entries:
            targets = entry["accounts"]
            if targets != "all" and account_id not in targets:
                continue
            until = _parse_time(entry.get("until"))
            if until and until <= now:
                continue
            reasons.append(entry["reason"])
        return "; ".join(reasons) or None

    def compiled(self, key: str, build):
        """Build a matcher once per policy version (policies are immutable once loaded)."""
        try:
            return self._compiled[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._compiled:
                self._compiled[key] = build(self)
            return self._compiled[key]


def _policy_files(directory: Path) -> list[Path]:
    files = []
    main = directory / "gatekeeper.yaml"
    if main.exists():
        files.append(main)
    for sub in ("accounts", "lexicons"):
        folder = directory / sub
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
    return files


def fingerprint(directory: str | os.PathLike) -> tuple:
    """Cheap signature of the folder: changes when any policy file changes."""
    directory = Path(directory)
    sig = []
    for path in _policy_files(directory):
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        sig.append((str(path), st.st_mtime_ns, st.st_size))
    for sub in ("", "accounts", "lexicons"):
        try:
            sig.append((sub, (directory / sub).stat().st_mtime_ns))
        except FileNotFoundError:
            pass
    return tuple(sig)


def _schema_errors(data, lines, schema_name: str, rel: str) -> list[PolicyError]:
    errors = []
    for error in sorted(_validator(schema_name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        errors.append(PolicyError(rel, line_of(lines, error.absolute_path), f"{where}: {_explain(error)}"))
    return errors


def _explain(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown setting")
    if error.validator == "enum":
        return f"{error.instance!r} is not one of: {', '.join(map(str, error.validator_value))}"
    if error.validator == "type" and error.validator_value == "string" and isinstance(error.instance, (int, float)):
        return f"{error.instance!r} is read as a number; put it in quotes: \"{error.instance}\""
    if error.validator == "pattern" and "(second|minute|hour|day)" in error.validator_value:
        return f"{error.instance!r} is not a rate; write N/second, N/minute, N/hour or N/day, e.g. \"60/minute\""
    if error.validator == "pattern" and error.validator_value.startswith("^[^-_./"):
        # Phrases match as words; hyphens, underscores, dots and slashes only separate them (rules/phrases.py).
        return (f"{error.instance!r} starts or ends with a space, hyphen, underscore, dot or slash, which the matcher "
                f"ignores, so it would match {' '.join(words_of(error.instance)) or 'nothing'!r} alone; write the words only")
    if error.validator == "oneOf" and isinstance(error.instance, (str, int, float)):
        return f"{error.instance!r} is not a valid value here"
    return error.message


def load_policy(directory: str | os.PathLike, known_rules: set[str] | None = None) -> Policy:
    """Load and validate a policy folder; raise PolicyInvalid listing every problem."""
    directory = Path(directory)
    errors: list[PolicyError] = []
    digest = hashlib.sha256()
    settings_doc: dict = {}
    accounts: dict = {}
    lexicons: dict = {}
    account_lines: dict = {}
    main_lines: dict = {}

    if not (directory / "gatekeeper.yaml").exists():
        errors.append(PolicyError(str(directory / "gatekeeper.yaml"), 1, "file is missing"))

    known_lexicons = set(lexicon_names())
    for path in _policy_files(directory):
        rel = str(path.relative_to(directory))
        raw = path.read_bytes()
        digest.update(rel.encode() + b"\0" + hashlib.sha256(raw).digest())
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(PolicyError(rel, raw[: exc.start].count(b"\n") + 1, "not valid UTF-8"))
            continue
        try:
            data, lines = load_yaml(text, rel)
        except PolicyError as exc:
            errors.append(exc)
            continue
        if not isinstance(data, dict):
            errors.append(PolicyError(rel, 1, "the file must be a mapping of settings (key: value)"))
            continue
        if path.parent == directory:
            found = _schema_errors(data, lines, "gatekeeper", rel)
            settings_doc, main_lines = data, lines
        elif path.parent.name == "accounts":
            found = _schema_errors(data, lines, "account", rel)
            if not found and data["id"] != path.stem:
                found.append(PolicyError(rel, line_of(lines, ["id"]), f"id '{data['id']}' must match the file name '{path.stem}'"))
            if isinstance(data.get("upstream"), str):
                data["upstream"] = {"type": data["upstream"]}  # "upstream: sandbox" is short for {type: sandbox}
            accounts[data.get("id", path.stem)] = data
            account_lines[data.get("id", path.stem)] = (rel, lines)
        else:
            if path.stem not in known_lexicons:
                found = [PolicyError(rel, 1, f"unknown lexicon '{path.stem}'; expected one of: {', '.join(sorted(known_lexicons))}")]
            else:
                found = _schema_errors(data, lines, f"lexicon.{path.stem}", rel)
                lexicons[path.stem] = data
        errors.extend(found)
        errors.extend(_secret_errors(data, lines, rel))

    if not errors:
        errors.extend(_cross_file_errors(settings_doc, main_lines, accounts, account_lines, lexicons, known_rules))
    if errors:
        raise PolicyInvalid(errors)

    return Policy(
        version=digest.hexdigest()[:16],
        directory=str(directory),
        settings=settings_doc.get("settings", {}),
        checks=settings_doc.get("checks", {}),
        rules=settings_doc.get("rules", {}),
        freezes=settings_doc.get("freeze", []),
        accounts=accounts,
        lexicons=lexicons,
    )


def _secret_errors(data, lines, rel) -> list[PolicyError]:
    """Refuse anything that looks like a secret value: secrets belong in the environment."""
    errors = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                if (isinstance(v, str) and any(w in k.lower() for w in ("secret", "password", "token", "api_key"))
                        and not re.fullmatch(r"[A-Z_][A-Z0-9_]*", v)):
                    errors.append(PolicyError(rel, line_of(lines, path + [k]), f"'{k}' looks like a secret; name an environment variable instead (credentials_env)"))
                walk(v, path + [k])
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + [i])

    walk(data, [])
    return errors


def _cross_file_errors(settings_doc, main_lines, accounts, account_lines, lexicons, known_rules) -> list[PolicyError]:
    errors = []
    for i, entry in enumerate(settings_doc.get("freeze", [])):
        if entry["accounts"] != "all":
            for j, account_id in enumerate(entry["accounts"]):
                if account_id not in accounts:
                    errors.append(PolicyError("gatekeeper.yaml", line_of(main_lines, ["freeze", i, "accounts", j]), f"freeze names unknown account '{account_id}'"))
    if known_rules is not None:
        lexicon_rules = {f"lexicon.{e['id']}" for e in lexicons.get("terms", {}).get("entries", [])}
        for rule_id in settings_doc.get("rules", {}):
            if rule_id not in known_rules and rule_id not in lexicon_rules:
                errors.append(PolicyError("gatekeeper.yaml", line_of(main_lines, ["rules", rule_id]), f"unknown rule id '{rule_id}'"))
    return errors


RELEASE_MARKER = "RELEASE"


def _poll_policy(store_ref, interval: float, pid: int) -> None:
    """The reload thread: looks every `interval` seconds while its store lives, in the process that started it."""
    while True:
        time.sleep(interval)
        store = store_ref()
        if store is None or store._poller_pid != pid or os.getpid() != pid:
            return
        try:
            store.poll()
        except Exception:  # a folder mid-replacement, say: the next look sees it whole
            log.debug("policy reload look failed", exc_info=True)
        del store


class PolicyStore:
    """The policy in force, reloaded when its files change.

    Each process looks at the folder every `interval` seconds, on a thread of its
    own (started by its first current() call), so a worker that serves no request
    for a while is not left on an old policy; current() also looks when a look is
    due. A change goes live only when it is complete:
    - by default, once no policy file has changed for `settle` seconds (by the
      files' own modification times), so a file caught half-copied is never loaded;
    - if the folder holds a RELEASE file, only when RELEASE changes (write
      it last), and then at once;
    - if the folder is a symlink, as soon as it points somewhere else (the
      new folder was complete before the switch), read through the new target.
    A reload that fails validation is logged and kept as `last_error`; the
    previous policy stays in force.
    """

    def __init__(self, directory: str, known_rules: set[str] | None = None, interval: float = 1.0, on_load=None,
                 settle: float = 0.0):
        self.directory = directory
        self.known_rules = known_rules
        self.interval = interval
        self.settle = settle
        self.on_load = on_load or (lambda policy: None)
        self._lock = threading.Lock()
        self._source = os.path.realpath(directory)
        self._signature = self._signature_of(self._source)  # before reading: a change during the load is seen next time
        self._policy = load_policy(self._source, known_rules)
        self.on_load(self._policy)
        self.prepared_version = self._policy.version  # models and matchers built for this version
        self._pending: tuple | None = None  # (signature, first seen) of a change that is still settling
        self._checked_at = time.monotonic()
        self.last_error: PolicyInvalid | None = None
        self._poller_pid: int | None = None  # the process whose reload thread runs (a fork gets its own)
        self._poller_lock = threading.Lock()

    def current(self) -> Policy:
        if self.interval > 0 and self._poller_pid != os.getpid():
            self._start_poller()
        now = time.monotonic()
        if now - self._checked_at >= self.interval and self._lock.acquire(blocking=False):
            try:
                self._checked_at = now
                self._reload_if_changed(now)
            finally:
                self._lock.release()
        return self._policy

    def _start_poller(self) -> None:
        with self._poller_lock:
            if self._poller_pid == os.getpid():
                return
            self._poller_pid = os.getpid()
            threading.Thread(target=_poll_policy, args=(weakref.ref(self), self.interval, os.getpid()),
                             name="gatekeeper-policy-reload", daemon=True).start()

    def poll(self) -> None:
        """One look at the folder, from the reload thread."""
        with self._lock:
            now = time.monotonic()
            self._checked_at = now
            self._reload_if_changed(now)

    @staticmethod
    def _signature_of(source: str) -> tuple:
        marker = Path(source) / RELEASE_MARKER
        try:
            # With a RELEASE file, only RELEASE says a new version is ready.
            st = marker.stat()
            return ("release", st.st_mtime_ns, st.st_size, marker.read_bytes()[:4096])
        except FileNotFoundError:
            return ("files", fingerprint(source))

    def _reload_if_changed(self, now: float) -> None:
        source = os.path.realpath(self.directory)
        signature = self._signature_of(source)
        if source == self._source and signature == self._signature:
            self._pending = None
            return
        atomic = source != self._source or signature[0] == "release"
        if not atomic and self.settle > 0:
            if self._pending is None or self._pending[0] != signature:
                self._pending = (signature, now)
            # Settled when the newest file is `settle` seconds old, however long ago this process first saw it.
            newest = max((entry[-2] if len(entry) == 3 else entry[-1] for entry in signature[1]), default=0) / 1e9
            age = time.time() - newest
            if age < 0:  # written by a clock ahead of ours: count from when this process first saw the change
                age = now - self._pending[1]
            if age < self.settle:
                return
        self._pending = None
        self._load(source, signature)

    def _load(self, source: str, signature: tuple) -> None:
        from .. import metrics

        self._source, self._signature = source, signature
        try:
            policy = load_policy(source, self.known_rules)
        except PolicyInvalid as exc:
            self.last_error = exc
            metrics.policy_reload("refused")
            log.error("policy change refused, keeping version %s:\n%s", self._policy.version, exc)
            return
        except OSError as exc:
            # A file vanished mid-read; the next look sees the finished folder.
            self._signature = None
            metrics.policy_reload("unreadable")
            log.warning("policy folder unreadable (%s); keeping version %s", exc, self._policy.version)
            return
        self.last_error = None
        if policy.version != self._policy.version:
            try:
                self.on_load(policy)
            except Exception as exc:  # e.g. a configured NER model that is not installed
                self.last_error = PolicyInvalid([PolicyError(self.directory, 1, f"could not prepare the policy: {exc}")])
                metrics.policy_reload("refused")
                log.error("policy change refused, keeping version %s: %s", self._policy.version, exc)
                return
            log.info("policy version %s now in force (was %s)", policy.version, self._policy.version)
            self.prepared_version = policy.version
            self._policy = policy
            metrics.policy_reload("loaded")
