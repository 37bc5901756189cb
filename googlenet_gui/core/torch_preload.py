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
import time
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
    """``python -m googlenet_gui.core.torch_preload``: how long the preload and the import take."""
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
