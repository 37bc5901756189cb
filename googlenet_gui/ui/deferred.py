"""Work put off until it is needed or until the screen is up to date.

:class:`Deferred` is a slot in a layout whose content is built the first time it is
shown or used; :func:`after_first_paint` runs a callback once a widget has painted.

WHY Deferred: the Compare and Fine-tune tabs hold nine pyqtgraph plots between them, about
0.3 s to construct, and nobody sees them at start-up.  Building them on first view
brings the window (and so the first prediction) that much sooner.  Code that feeds a
hidden view (a comparison arriving, an epoch finishing) calls :meth:`content`, which
builds it on the spot, so no data is ever dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

ContentT = TypeVar("ContentT", bound=QWidget)


class Deferred(QWidget, Generic[ContentT]):
    """Holds ``build()``'s widget once built; empty (and cheap) until then.

    ``built(widget)`` fires once, so window-wide settings (presentation fonts) reach it.
    """

    built = Signal(QWidget)

    def __init__(self, build: Callable[[], ContentT], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._content: ContentT | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> ContentT:
        """The real widget, built now if it was not yet."""
        if self._content is None:
            self._content = self._build()
            self._layout.addWidget(self._content)
            self.built.emit(self._content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.content()
        super().showEvent(event)


def after_first_paint(widget, callback: Callable[[], None], fallback_ms: int = 500) -> None:  # noqa: ANN001
    """Run ``callback`` once, just after ``widget`` first paints (or after ``fallback_ms``).

    WHY: work that makes the worker import torch or its compiler stack holds the GIL for
    long stretches.  The window's model load, started before the first paint, delayed
    the window by a second; the Fine-tune tab's warm-up, started before the tab painted,
    stretched its first paint.  The fallback covers a widget that never paints
    (minimised, no screen).
    """
    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                fire()
            return False

    fired: list[bool] = []

    def fire() -> None:
        if fired:
            return
        fired.append(True)
        widget.removeEventFilter(watcher)
        watcher.deleteLater()
        QTimer.singleShot(0, widget, callback)  # after this paint has reached the screen

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)
    QTimer.singleShot(fallback_ms, watcher, fire)
