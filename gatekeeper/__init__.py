"""Gatekeeper: a compliance and brand-safety gate for corporate social-media posts."""

__version__ = "0.1.0"


def create_app(*args, **kwargs):
    from .app import create_app as _create_app

    return _create_app(*args, **kwargs)
