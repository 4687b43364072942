"""Small timing helpers shared by the benchmarks."""
from __future__ import annotations

import statistics
import time


def time_each(fn, items, warmup: int = 20) -> list[float]:
    """Milliseconds per call of fn(item), after a warm-up."""
    for item in items[:warmup]:
        fn(item)
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50": statistics.median(ordered),
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "mean": statistics.fmean(ordered),
    }


def line(label: str, samples: list[float], baseline: dict | None = None) -> str:
    s = summary(samples)
    text = f"{label:<44} p50 {s['p50']:8.3f} ms   p99 {s['p99']:8.3f} ms"
    if baseline:
        text += f"   ×{s['p50'] / baseline['p50']:.2f} of baseline p50"
    return text
