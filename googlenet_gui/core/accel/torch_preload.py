"""Load torch's big shared libraries before ``import torch``, without holding the interpreter lock.

WHY: ``import torch`` on a worker thread froze the window for up to ~0.45 s at a time on
2 cores.  Most of that is the dynamic loader mapping, relocating and initialising
``libtorch_cpu.so`` (and the CUDA and Python bindings libraries), about 0.5 GB of code,
inside one ``dlopen`` that Python's import machinery runs with the lock held.  Calling
``dlopen`` through :mod:`ctypes` releases the lock for the duration of the call, so the
GUI thread keeps running; the import that follows finds the libraries already loaded.
Measured: the worst GUI-thread gap during the import fell from 454 to 78–109 ms, and the
import itself from 2.6 s to 1.7–1.9 s (plus 0.3–0.5 s of lock-free loading).

The libraries are opened ``RTLD_LOCAL`` (torch's own default), so no symbol becomes
visible to other libraries that it would not otherwise be.  Anything unexpected (another
platform, a CPU-only build without the CUDA library, a missing file) only means torch
loads them itself, as it always did.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The libraries worth loading early, largest first (those absent in a build are skipped).
LIBRARIES: tuple[str, ...] = ("libtorch_cpu.so", "libtorch_cuda.so", "libtorch_python.so")
#: ``GOOGLENET_GUI_TORCH_PRELOAD=off`` leaves loading them to torch (an escape hatch, and the
#: benchmarks' comparison).
PRELOAD_ENV = "GOOGLENET_GUI_TORCH_PRELOAD"


def torch_library_dir() -> Path | None:
    """``site-packages/torch/lib`` of the torch that ``import torch`` would load, without importing it."""
    spec = importlib.util.find_spec("torch")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "lib"
    return folder if folder.is_dir() else None


def preload_torch_libraries() -> list[str]:
    """``dlopen`` torch's largest libraries with the interpreter lock released; returns their names.

    A no-op (empty list) once torch is imported, off Linux, when switched off
    (:data:`PRELOAD_ENV`), or if anything goes wrong.
    """
    if "torch" in sys.modules or not _enabled():
        return []
    folder = torch_library_dir()
    return _dlopen_all([folder / name for name in LIBRARIES]) if folder is not None else []


def preload_triton_library() -> list[str]:
    """The same for triton's compiler library (~0.5 GB), which ``torch._dynamo`` imports.

    WHY: torch's first optimizer imports ``torch._dynamo``, which imports triton where it
    is installed (Linux CUDA builds); its ``dlopen`` was the longest single stretch of the
    Fine-tune tab's warm-up with the lock held (35–50 ms).
    """
    if "triton" in sys.modules or not _enabled():
        return []
    try:
        spec = importlib.util.find_spec("triton")
    except (ImportError, ValueError):
        return []
    if spec is None or spec.origin is None:
        return []
    return _dlopen_all([Path(spec.origin).parent / "_C" / "libtriton.so"])


#: The interpreter's switch interval while a worker runs Python-heavy code (CPython's default is 5 ms).
RESPONSIVE_SWITCH_INTERVAL_S = 0.0005


class _SwitchInterval:
    """Nesting-safe, thread-safe holder of the interval saved by the first :func:`responsive_python`."""

    lock = threading.Lock()
    depth = 0
    saved = 0.005


@contextmanager
def responsive_python() -> Iterator[None]:
    """While a worker runs the enclosed Python-heavy code (imports, copying or walking a
    model module by module), let other threads take the lock every 0.5 ms.

    WHY: an import executes module bodies with the interpreter lock, and a thread that
    wants the lock waits for the holder's switch interval; while a worker imported torch
    (or, for the first optimizer, ``torch._dynamo`` with triton and sympy) the GUI thread
    lost 20–56 ms at a time, mostly while ``torch._prims`` and triton's modules executed.
    With a 0.5 ms interval those waits vanished in a harness (no gap over 15 ms in three
    warm-ups, 2–8 before) and the imports took as long.  In the app (benchmark cases 5
    and 6, three alternating runs each) the longest freeze while torch loaded after a
    quick answer fell from 62 to 38 ms (median), and after the first image on ONNX
    Runtime from 59 to 50 ms.  The Table 1 count (a deep copy of the model and a hooked
    pass, ~0.1 s of Python) did the same to the GUI right after the first image: 51–70 ms
    gaps, 24–44 ms with the short interval (four alternating runs each).  Each time the
    GUI thread enters Python (a slot, a paint event) it waits for the lock, so a frame
    with many such entries paid the holder's interval many times.  The interval is
    process-wide, so it is set only around such bursts and restored when the last of
    any overlapping uses ends.  Switched off with the preload (:data:`PRELOAD_ENV`).
    """
    if not _enabled():
        yield
        return
    with _SwitchInterval.lock:
        if _SwitchInterval.depth == 0:
            _SwitchInterval.saved = sys.getswitchinterval()
            sys.setswitchinterval(RESPONSIVE_SWITCH_INTERVAL_S)
        _SwitchInterval.depth += 1
    try:
        yield
    finally:
        with _SwitchInterval.lock:
            _SwitchInterval.depth -= 1
            if _SwitchInterval.depth == 0:
                sys.setswitchinterval(_SwitchInterval.saved)


def _enabled() -> bool:
    return sys.platform.startswith("linux") and (
        os.environ.get(PRELOAD_ENV, "").strip().lower() not in ("off", "0", "no", "false"))


def _dlopen_all(paths: list[Path]) -> list[str]:
    """``dlopen`` each existing file through ctypes (lock released); the names that loaded."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)  # a CDLL's foreign calls release the interpreter lock
        dlopen = libc.dlopen
        dlopen.restype = ctypes.c_void_p
        dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    except (OSError, AttributeError):
        return []
    return [path.name for path in paths
            if path.is_file() and dlopen(os.fsencode(path), os.RTLD_NOW | os.RTLD_LOCAL)]


def main() -> int:
    """``python -m googlenet_gui.core.accel.torch_preload``: how long the preload and the import take."""
    start = time.perf_counter()
    names = preload_torch_libraries()
    loaded_at = time.perf_counter()
    import torch  # noqa: F401

    done = time.perf_counter()
    print(f"preloaded {', '.join(names) or 'nothing'} in {loaded_at - start:.2f} s; "
          f"import torch then took {done - loaded_at:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
