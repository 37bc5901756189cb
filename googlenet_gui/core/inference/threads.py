"""Thread-count policy for inference and training.

WHY: on a small CPU the window needs a core of its own to keep ticking (the 50 ms
GUI-gap target); a batch job in a background thread may take every core only when no
window is open.  ``python -m benchmarks.levers --threads 1,all`` and case 5 of
``python -m benchmarks.run`` measure this choice (``benchmarks/HISTORY.md``).
"""

from __future__ import annotations

import os
import sys

#: Environment variable that overrides the automatic choice (``GOOGLENET_GUI_THREADS=4``).
THREADS_ENV = "GOOGLENET_GUI_THREADS"


def cpu_count() -> int:
    """Cores this process may run on (respects taskset/cgroup affinity where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def inference_threads(leave_for_gui: int = 0) -> int:
    """Threads for one forward pass: the env override, else every core minus ``leave_for_gui``."""
    override = os.environ.get(THREADS_ENV, "").strip()
    if override.isdigit() and int(override) > 0:
        return int(override)
    return max(1, cpu_count() - leave_for_gui)


def process_threads(default: int) -> int:
    """The intra-op count the thread policy (or the user) chose, read without importing torch.

    ``OMP_NUM_THREADS`` when set to a positive number, else ``default``.
    """
    value = os.environ.get("OMP_NUM_THREADS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


def apply_thread_policy(gui: bool) -> int:
    """Set the intra-op thread count for this process and return the count chosen.

    Before torch is imported (the window opens first and loads torch in its worker) the
    count goes into ``OMP_NUM_THREADS``, which torch reads at import and every thread
    inherits, the fine-tuning runner's included; importing torch here instead would keep
    the window from showing for seconds.  A value the user exported is left alone.
    """
    threads = inference_threads(leave_for_gui=1 if gui else 0)
    torch = sys.modules.get("torch")
    if torch is None:
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        return process_threads(default=threads)
    torch.set_num_threads(threads)
    return threads
