"""Work around a reference-count bug in PySide6 6.12.0 on Python < 3.12.

There, ``SignalInstance.emit()`` returns ``True`` without taking a reference, so every
emit made from Python (ours, pyqtgraph's, the training panel's) drops one reference
to ``True``.  After a few thousand emits CPython frees the ``True`` singleton and the
process aborts with "Fatal Python error: bool_dealloc".  Python 3.12+ makes ``True``
immortal, so the bug is invisible there.  We detect the behaviour (not a version
number) with one emit and, only if it is present, give ``True`` a huge reference
count so the leak can never reach zero.  The real fix is a PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # references; at one per emit this outlasts any session


def emit_drops_true_reference() -> bool:
    """One emit on a throwaway object: does it cost ``True`` a reference?"""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def shield_true_from_emit_leak() -> bool:
    """Apply the workaround when needed; returns True if it was applied."""
    if sys.version_info >= (3, 12) or not emit_drops_true_reference():
        return False
    ctypes.c_ssize_t.from_address(id(True)).value += _RESERVE
    return True
