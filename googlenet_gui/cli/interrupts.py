"""Ctrl+C that never lands inside a native library's start-up.

WHY: a KeyboardInterrupt raised while torch initialises its C++ side (pybind11) aborted
the process ("terminate called after throwing an instance of
'pybind11::error_already_set'") or, after "interrupted" was printed, killed it by SIGINT
instead of exiting 130.  While such a package is being imported the interrupt is held
back and delivered a moment after the import ends, so every Ctrl+C becomes one
KeyboardInterrupt that ``cli.main`` turns into "interrupted" and exit code 130.
"""

from __future__ import annotations

import _thread
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Packages with native start-up code that a KeyboardInterrupt must not cut through.
NATIVE_PACKAGES = frozenset({"torch", "torchvision", "onnxruntime", "onnx", "numpy", "PIL", "safetensors"})
#: How often a held-back interrupt checks whether the import has ended.
RETRY_S = 0.05

_pending = threading.Event()


def importing_native() -> bool:
    """Whether one of :data:`NATIVE_PACKAGES` (or a submodule) is being imported right now."""
    return any(getattr(getattr(module, "__spec__", None), "_initializing", False)
               for name, module in list(sys.modules.items()) if name.partition(".")[0] in NATIVE_PACKAGES)


def _on_sigint(_signum: int, _frame: object) -> None:
    if importing_native():
        _pending.set()
        timer = threading.Timer(RETRY_S, _deliver_again, args=(threading.main_thread().ident,))
        timer.daemon = True
        timer.start()
        return
    _pending.clear()
    raise KeyboardInterrupt


def _deliver_again(main_ident: int) -> None:
    """Raise SIGINT in the main thread again (a real signal, so a sleep or a read there wakes up)."""
    if not _pending.is_set():
        return
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(main_ident, signal.SIGINT)
    else:  # Windows: only simulated, noticed at the next Python instruction
        _thread.interrupt_main()


@contextmanager
def sigint_handled_by(handler) -> Iterator[None]:  # noqa: ANN001 - a signal handler
    """``handler`` answers Ctrl+C within the block; outside the main thread nothing changes."""
    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: leave Ctrl+C alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def interrupts_between_imports() -> Iterator[None]:
    """Within the block, Ctrl+C raises KeyboardInterrupt only outside native imports."""
    with sigint_handled_by(_on_sigint):
        yield
    if _pending.is_set():  # held back and the command ended first: it still counts
        _pending.clear()
        raise KeyboardInterrupt
