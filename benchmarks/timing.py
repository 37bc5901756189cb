"""Timing and memory helpers used inside a benchmark worker process."""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from collections.abc import Callable


def median_ms(step: Callable[[], object], iters: int, warmup: int = 3) -> float:
    """Median wall time of ``step`` in milliseconds after ``warmup`` untimed calls."""
    for _ in range(warmup):
        step()
    times = []
    for _ in range(iters):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its finished children) in MiB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0


def cpu_threads() -> int:
    """Cores available to this process; every contender uses the same count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class Unavailable(Exception):
    """A variant that cannot run here (missing optional package or app piece); reported, not fatal."""
