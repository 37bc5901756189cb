"""The main window's status bar: what the worker is doing, what runs the passes, a spinner, Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from googlenet_gui.ui.i18n import translate


def ready_text() -> str:
    """The status line while the worker has nothing to do."""
    return translate("StatusBar", "Ready")


def cancel_text() -> str:
    """The status bar's button that stops the running job (the window re-sets it on a language switch)."""
    return translate("StatusBar", "Cancel (Esc)")


def build_status_bar(bar: QStatusBar, on_cancel: Callable[[], None]) -> tuple[QLabel, QLabel, QProgressBar, QPushButton]:
    """Fill ``bar``; returns (status text, backend label, busy spinner, cancel button).

    The backend label says "PyTorch" or "ONNX Runtime" once the window knows which one
    serves the loaded model (ui/accel/graph_prep.py), with the reason as its tooltip.
    """
    status_text = QLabel(ready_text())
    backend_label = QLabel("")
    busy = QProgressBar()
    busy.setRange(0, 0)
    busy.setMaximumWidth(140)
    busy.hide()
    cancel_button = QPushButton(cancel_text())
    cancel_button.hide()
    cancel_button.clicked.connect(on_cancel)
    bar.addWidget(status_text, 1)
    for widget in (backend_label, busy, cancel_button):
        bar.addPermanentWidget(widget)
    return status_text, backend_label, busy, cancel_button
