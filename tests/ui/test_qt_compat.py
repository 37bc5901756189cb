"""PySide6 6.12.0 drops a reference to True on every emit; the ui package neutralises that."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import googlenet_gui.ui as ui
from googlenet_gui.ui.qt_compat import emit_drops_true_reference


class _Emitter(QObject):
    event = Signal(object)


def test_shield_applied_exactly_when_emit_leaks():
    leaks = emit_drops_true_reference()
    assert ui.EMIT_LEAK_SHIELDED == (leaks and sys.version_info < (3, 12))


def test_a_long_session_of_emits_survives(qtbot):
    emitter = _Emitter()
    received = []
    emitter.event.connect(received.append)
    for index in range(50_000):  # without the shield CPython frees True long before this ends
        emitter.event.emit(index)
    assert len(received) == 50_000 and sys.getrefcount(True) > 1000
