"""Timing and memory helpers used inside a benchmark worker process."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

LAUNCHER = Path(__file__).with_name("launch.py")


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


def paired_ratio(step: Callable[[], object], peer: Callable[[], object], iters: int, rounds: int = 8,
                 warmup: int = 3) -> tuple[float, float, float]:
    """(step ms, peer ms, step/peer): both timed in this process, in alternating blocks.

    WHY: case 1's bound is 10%, and a neighbour's load moved the peer's own median between
    processes by more than that (10.8-15.1 ms in one run); blocks of ``iters`` calls,
    alternating which goes first, see the same load, and the ratio is the median of the
    per-round ratios of block medians.
    """
    for _ in range(warmup):
        step()
        peer()
    mine, theirs = [], []
    for index in range(rounds):
        block: dict[int, float] = {}
        for which in ((0, 1) if index % 2 == 0 else (1, 0)):  # who goes first alternates
            block[which] = median_ms((step, peer)[which], iters, warmup=1)
        mine.append(block[0])
        theirs.append(block[1])
    ratio = statistics.median(a / b for a, b in zip(mine, theirs))
    return statistics.median(mine), statistics.median(theirs), ratio


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (a child's: :func:`run_measured`)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0


def run_measured(command: list[str], env: Mapping[str, str]) -> tuple[subprocess.CompletedProcess, float, float]:
    """(finished process, wall seconds, its own peak RSS in MiB) of ``command`` as a fresh process.

    Started through ``launch.py`` (see there why), which times it from spawn to exit.
    """
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "measured.json"
        done = subprocess.run([sys.executable, "-S", str(LAUNCHER), str(report), *command], capture_output=True,
                              text=True, env=dict(env), check=False)
        measured = json.loads(report.read_text()) if report.exists() else {"seconds": float("nan"),
                                                                           "peak_rss_mb": float("nan")}
    return done, measured["seconds"], measured["peak_rss_mb"]


def cpu_threads() -> int:
    """Cores available to this process; every contender uses the same count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class Unavailable(Exception):
    """A variant that cannot run here (missing optional package or app piece); reported, not fatal."""


def parse_with_threads(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """``parser``'s arguments plus ``--threads N`` (torch's intra-op threads, set here; default: torch's)."""
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    return args
