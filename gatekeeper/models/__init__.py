"""Trained artifacts shipped with Gatekeeper, and a safe way to load them.

Each model is a folder here holding numpy arrays (``*.npz``, read with
``allow_pickle=False``) and JSON (vocabularies, metadata). Neither format can run
code when loaded. Models are read once per process and shared.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np

MODELS_DIR = Path(__file__).parent

_cache: dict = {}
_lock = threading.Lock()


def model_path(name: str) -> Path:
    path = (MODELS_DIR / name).resolve()
    if path.parent != MODELS_DIR.resolve():
        raise ValueError(f"not a model name: {name!r}")
    return path


def load_arrays(name: str, filename: str = "model.npz") -> dict[str, np.ndarray]:
    """Every array in a model's .npz file; object arrays (pickles) are refused."""
    with np.load(model_path(name) / filename, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def load_json(name: str, filename: str):
    with open(model_path(name) / filename, encoding="utf-8") as fh:
        return json.load(fh)


def cached(name: str, build):
    """Build a model object once per process (thread-safe); ``build()`` reads the files."""
    try:
        return _cache[name]
    except KeyError:
        pass
    with _lock:
        if name not in _cache:
            _cache[name] = build()
        return _cache[name]
