"""The workbench: reviewers, auditors and policy owners in the browser, at /ui/.

Server-rendered pages over the same Gate the API uses; a little plain JavaScript
improves them but every basic flow works without it.
"""
from __future__ import annotations

from .auth import configure
from .views import bp


def init_app(app) -> None:
    configure(app)
    app.register_blueprint(bp)
