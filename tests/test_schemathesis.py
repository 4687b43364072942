"""Generated requests over /openapi.json, in-process through WSGI: no request gets a 5xx.

Bounded (a few examples per operation, explicit and generate phases only) so it stays a few seconds.
"""
import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, Phase, settings

from gatekeeper.app import create_app
from gatekeeper.service import Settings

ROOT = Path(__file__).resolve().parent.parent


def _app():
    # Built at collection (schemathesis parametrizes from the live schema): a throw-away folder per run.
    workdir = Path(tempfile.mkdtemp(prefix="gk-schemathesis-"))
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    shutil.copytree(ROOT / "policies", workdir / "policies", ignore=shutil.ignore_patterns("README.md"))
    app = create_app(Settings(policy_dir=str(workdir / "policies"), database_url=f"sqlite:///{workdir / 'gk.db'}",
                              policy_reload_seconds=0))
    key = app.extensions["gatekeeper"].store.add_key("fuzz", "admin", ["*"])
    client = app.test_client()
    for text in ("See you on board!", "Book now, it is risk free.", "Book now, it is risk free!"):  # something to read and review
        client.post("/v1/posts", json={"account": "acme-air", "text": text, "author": "jdoe"}, headers={"Authorization": f"Bearer {key}"})
    return app, {"Authorization": f"Bearer {key}"}


APP, HEADERS = _app()
schema = schemathesis.openapi.from_wsgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=6, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case):
    response = case.call(headers=HEADERS)
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, case.body, response.text[:300])
