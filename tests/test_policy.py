import time

import pytest

from conftest import bump_mtime
from gatekeeper.checks import known_rule_ids
from gatekeeper.rules.policy import PolicyInvalid, PolicyStore, load_policy

CLEAN = "Thanks for flying with us today, we hope to see you on board again soon!"


def errors_for(policy_dir):
    with pytest.raises(PolicyInvalid) as info:
        load_policy(policy_dir, known_rule_ids())
    return info.value.errors


def test_shipped_policies_are_valid():
    from conftest import POLICIES

    policy = load_policy(POLICIES, known_rule_ids())
    assert {"acme-air", "jdoe"} <= set(policy.accounts)
    assert policy.accounts["acme-air"]["kind"] == "corporate"
    assert policy.accounts["jdoe"]["kind"] == "personal"


def test_version_is_content_hash(policy_dir):
    v1 = load_policy(policy_dir).version
    assert load_policy(policy_dir).version == v1
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text() + "\n# a comment changes the content\n")
    assert load_policy(policy_dir).version != v1


@pytest.mark.parametrize("edit, file, line, words", [
    (("gatekeeper.yaml", "  on_check_error: review", "  on_check_error: maybe"), "gatekeeper.yaml", None, "not one of"),
    (("gatekeeper.yaml", "  max_text_length: 10000", "  max_text_lenght: 10000"), "gatekeeper.yaml", None, "unknown setting"),
    (("accounts/acme-air.yaml", "kind: corporate", "kind: corprate"), "accounts/acme-air.yaml", None, "corprate"),
    (("accounts/acme-air.yaml", "platform: twitter", "platform: [twitter"), "accounts/acme-air.yaml", None, "not valid YAML"),
    (("accounts/acme-air.yaml", "\nid: acme-air", "\nid: acme-airline"), "accounts/acme-air.yaml", None, "must match the file name"),
    (("lexicons/terms.yaml", "    action: block\n", "    action: ban\n"), "lexicons/terms.yaml", None, "not one of"),
    (("gatekeeper.yaml", "  pipeline.check_error: review", "  pii.phnoe: block"), "gatekeeper.yaml", None, "unknown rule id"),
    # The matcher drops separators, so "/s" (the sarcasm tag) would match every "'s".
    (("lexicons/tone.yaml", "slow clap, bravo,", 'slow clap, "/s", bravo,'), "lexicons/tone.yaml", None, "would match 's' alone"),
    # A language the word-frequency data does not know could never be told, so its words would never be freed.
    (("lexicons/offensive.yaml", "  fr: [retard, retards]", "  french: [retard, retards]"), "lexicons/offensive.yaml", None, "french"),
])
def test_invalid_policy_names_file_line_and_reason(policy_dir, edit, file, line, words):
    name, old, new = edit
    path = policy_dir / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    expected_line = text[: text.index(old) + (old[0] == "\n")].count("\n") + 1
    errors = errors_for(policy_dir)
    assert errors[0].file == file
    assert errors[0].line == expected_line, (errors[0], expected_line)
    assert words in errors[0].reason


def test_secret_in_policy_is_refused(policy_dir):
    path = policy_dir / "accounts" / "acme-air.yaml"
    path.write_text(path.read_text().replace("upstream:\n  type: sandbox", "upstream:\n  type: webhook\n  url: https://hooks.example.com/x\n  options:\n    api_token: abc123"))
    errors = errors_for(policy_dir)
    assert any("looks like a secret" in e.reason for e in errors)


def test_duplicate_keys_and_unknown_lexicon_refused(policy_dir):
    (policy_dir / "lexicons" / "mystery.yaml").write_text("entries: []\n")
    path = policy_dir / "accounts" / "jdoe.yaml"
    path.write_text(path.read_text() + "kind: corporate\n")
    errors = errors_for(policy_dir)
    reasons = " | ".join(e.reason for e in errors)
    assert "given twice" in reasons and "unknown lexicon" in reasons


def test_hot_reload_and_refused_edit(policy_dir, client, keys, gate):
    text = "Our new route is risk free"
    terms = policy_dir / "lexicons" / "terms.yaml"
    assert client.post("/v1/check", json={"account": "acme-air", "text": "Try our new Sky Lounge"}, headers=keys.poster).get_json()["verdict"] == "allow"
    v1 = gate.policies.current().version

    # A valid edit takes effect without a restart.
    terms.write_text(terms.read_text() + '\n  - id: product.sky_lounge\n    phrases: ["sky lounge"]\n    action: block\n    message: "Not launched yet."\n')
    bump_mtime(terms)
    r = client.post("/v1/check", json={"account": "acme-air", "text": "Try our new Sky Lounge"}, headers=keys.poster).get_json()
    assert r["verdict"] == "block" and r["policy_version"] != v1
    v2 = r["policy_version"]

    # An invalid edit is refused; the last good policy stays in force.
    terms.write_text(terms.read_text().replace("action: block", "action: forbid"))
    bump_mtime(terms)
    r = client.post("/v1/check", json={"account": "acme-air", "text": "Try our new Sky Lounge"}, headers=keys.poster).get_json()
    assert r["verdict"] == "block" and r["policy_version"] == v2
    status = client.get("/v1/policy", headers=keys.admin).get_json()
    assert status["version"] == v2
    assert status["refused_change"][0]["file"] == "lexicons/terms.yaml" and status["refused_change"][0]["line"] > 1
    assert client.post("/v1/check", json={"account": "acme-air", "text": text}, headers=keys.poster).get_json()["verdict"] == "review"


def test_policy_store_reloads_within_interval(policy_dir):
    store = PolicyStore(str(policy_dir), known_rule_ids(), interval=0.2)
    v1 = store.current().version
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("max_text_length: 10000", "max_text_length: 500"))
    bump_mtime(main)
    deadline = time.time() + 2
    while store.current().version == v1 and time.time() < deadline:
        time.sleep(0.05)
    assert store.current().setting("max_text_length") == 500


def test_freeze_holds_every_post(policy_dir, client, keys, gate):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace(
        "freeze: []", 'freeze:\n  - accounts: [acme-air]\n    reason: "Incident on flight AA100: comms approves every post"\n'))
    bump_mtime(main)
    r = client.post("/v1/posts", json={"account": "acme-air", "text": CLEAN}, headers=keys.poster)
    assert r.status_code == 202
    body = r.get_json()
    assert body["verdict"] == "review"
    assert body["findings"][0]["rule"] == "policy.freeze" and "Incident on flight AA100" in body["findings"][0]["message"]
    assert gate.store.sandbox_list() == []
    # Other accounts are not frozen.
    assert client.post("/v1/posts", json={"account": "jdoe", "text": CLEAN}, headers=keys.admin).status_code == 201


def test_freeze_all_and_expiry(policy_dir):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("freeze: []", 'freeze:\n  - accounts: all\n    reason: "Pause everything"\n  - accounts: [jdoe]\n    reason: "old"\n    until: 2020-01-01T00:00:00Z\n'))
    policy = load_policy(policy_dir, known_rule_ids())
    assert policy.freeze_reason("jdoe") == "Pause everything"
    assert policy.freeze_reason("acme-air") == "Pause everything"


def test_account_level_freeze(policy_dir):
    path = policy_dir / "accounts" / "jdoe.yaml"
    path.write_text(path.read_text() + 'freeze:\n  reason: "Leaving the company"\n')
    assert load_policy(policy_dir, known_rule_ids()).freeze_reason("jdoe") == "Leaving the company"


def test_freeze_of_unknown_account_is_refused(policy_dir):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("freeze: []", 'freeze:\n  - accounts: [acme-airr]\n    reason: "typo"\n'))
    assert "unknown account 'acme-airr'" in errors_for(policy_dir)[0].reason


def test_rule_override_changes_action_and_message(policy_dir, client, keys):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace(
        "  pipeline.check_error: review", '  pipeline.check_error: review\n  lexicon.finance.risk_free: {action: block, message: "Never say risk-free."}'))
    bump_mtime(main)
    r = client.post("/v1/check", json={"account": "acme-air", "text": "risk-free"}, headers=keys.poster).get_json()
    assert r["verdict"] == "block" and r["findings"][0]["message"] == "Never say risk-free."


def test_disabled_check_does_not_run(policy_dir, client, keys):
    main = policy_dir / "gatekeeper.yaml"
    main.write_text(main.read_text().replace("  lexicon:\n    enabled: true", "  lexicon:\n    enabled: false"))
    bump_mtime(main)
    assert client.post("/v1/check", json={"account": "acme-air", "text": "guaranteed returns"}, headers=keys.poster).get_json()["verdict"] == "allow"


def test_credentials_by_environment_variable_name_are_fine(policy_dir):
    path = policy_dir / "accounts" / "acme-air.yaml"
    path.write_text(path.read_text().replace(
        "upstream:\n  type: sandbox",
        "upstream:\n  type: twitter\n  base_url: https://api.twitter.com\n  credentials_env:\n    bearer_token: ACME_AIR_TWITTER_TOKEN"))
    assert load_policy(policy_dir, known_rule_ids()).accounts["acme-air"]["upstream"]["credentials_env"]["bearer_token"] == "ACME_AIR_TWITTER_TOKEN"


def test_upstream_shorthand(policy_dir):
    path = policy_dir / "accounts" / "jdoe.yaml"
    path.write_text(path.read_text().replace("upstream:\n  type: sandbox", "upstream: sandbox"))
    assert load_policy(policy_dir, known_rule_ids()).accounts["jdoe"]["upstream"] == {"type": "sandbox"}
