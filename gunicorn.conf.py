"""gunicorn settings for running Gatekeeper without `gatekeeper serve`:

    gunicorn -c gunicorn.conf.py wsgi:app

The same settings `gatekeeper serve` uses (JSON protocol errors, graceful
shutdown, a runtime folder for multi-process metrics and shared state),
taken from the same environment variables (GATEKEEPER_HOST, GATEKEEPER_PORT,
GATEKEEPER_WORKERS, GATEKEEPER_THREADS, ...). Command-line flags override them.
"""
import os

from gatekeeper import serving

# Made here, in the master, before any worker imports prometheus-client.
_runtime = None if os.environ.get("GATEKEEPER_RUNTIME_DIR") else serving.make_runtime_dir()
_master = os.getpid()

globals().update(serving.settings(os.environ.get("GATEKEEPER_HOST", "127.0.0.1"), int(os.environ.get("GATEKEEPER_PORT", 8080)),
                                  int(os.environ.get("GATEKEEPER_WORKERS", 3)), int(os.environ.get("GATEKEEPER_THREADS", 4))))


def on_exit(server):
    if _runtime and os.getpid() == _master:
        serving.remove_runtime_dir(_runtime)
