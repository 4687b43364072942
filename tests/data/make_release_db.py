"""Makes tests/data/release-a4457f0.sqlite with the release before schema versioning.

Run from a checkout of that release (git worktree add /tmp/gk-old a4457f0), with
its venv: `python tests/data/make_release_db.py OUT.sqlite`. The database holds
decisions of every verdict, a held post, a post whose forward failed, a decision
left pending by a crash between publishing and logging, a sandbox post, an
idempotency record and keys (one an auditor created without --accounts).
It is kept as made; tests/test_migrations.py upgrades a copy of it.
"""
import json
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gatekeeper.app import create_app  # noqa: E402
from gatekeeper.service import Settings  # noqa: E402


def main(out: str) -> None:
    Path(out).unlink(missing_ok=True)
    app = create_app(Settings(policy_dir=str(ROOT / "policies"), database_url=f"sqlite:///{out}", policy_reload_seconds=0))
    gate = app.extensions["gatekeeper"]
    client = app.test_client()
    poster = {"Authorization": f"Bearer {gate.store.add_key('scheduler', 'poster', ['acme-air'])}"}
    gate.store.add_key("old-auditor", "auditor", [])
    gate.store.add_key("reviewer", "reviewer", ["acme-air"])
    gate.store.add_key("gone", "poster", ["acme-air"])
    gate.store.revoke_key("gone")

    def post(body, **headers):
        r = client.post("/v1/posts", json=body, headers={**poster, **headers})
        return r.status_code, r.get_json()

    print(post({"account": "acme-air", "text": "Our winter schedule is live. See you on board!", "author": "jdoe"},
               **{"Idempotency-Key": "release-1"}))
    print(post({"account": "acme-air", "text": "Our fund has guaranteed returns!", "author": "jdoe"}))
    print(post({"account": "acme-air", "text": "Book now, it is risk free.", "author": "Maria"}))
    print(client.post("/v1/check", json={"account": "acme-air", "text": "Call 212-555-0199 today"}, headers=poster).status_code)
    # A post whose forward failed, as the release kept it (no key name on the held row).
    gate.store.append("decision", "f" * 32, {"key_name": "scheduler", "author": "jdoe", "account": "acme-air", "visibility": "public",
                                              "automated": False, "in_reply_to_author": None, "verdict": "allow", "findings": [],
                                              "policy_version": gate.policies.current().version, "text_redacted": "Gate change at 5pm",
                                              "text_sha256": "0" * 64, "dry_run": False, "acknowledgement": None,
                                              "forward": {"status": "pending"}})
    gate.store.hold("f" * 32, "acme-air", "jdoe", None, {"account": "acme-air", "text": "Gate change at 5pm", "author": "jdoe"},
                    "forward failed: the webhook answered HTTP 503", None, status="forward_failed")
    gate.store.append("forward_failed", "f" * 32, {"account": "acme-air", "forward": {"status": "failed", "error": "rejected", "message": "HTTP 503"}})
    # A crash between publishing and logging: the decision stays pending, no forwarded event.
    gate.store.append("decision", "c" * 32, {"key_name": "scheduler", "author": "jdoe", "account": "acme-air", "visibility": "public",
                                              "automated": False, "in_reply_to_author": None, "verdict": "allow", "findings": [],
                                              "policy_version": gate.policies.current().version, "text_redacted": "Boarding now at gate 12",
                                              "text_sha256": "1" * 64, "dry_run": False, "acknowledgement": None,
                                              "forward": {"status": "pending"}})
    print(json.dumps(gate.store.verify()))
    gate.store.db.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name("release-a4457f0.sqlite")))
