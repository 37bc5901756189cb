"""A visible pointer for a projector: a translucent circle that follows the mouse (key L).

WHY an overlay that polls the cursor: mouse-move events reach only the widget under the
mouse (and only with tracking on), so following them would mean a filter on every view;
the overlay ignores the mouse itself and asks where the cursor is 30 times a second,
only while it is switched on.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

FOLLOW_MS = 33
FILL = QColor(255, 48, 48, 90)
RIM = QColor(200, 0, 0, 200)


class PointerOverlay(QWidget):
    """Covers its parent; draws the circle at the cursor while :meth:`set_on` (True)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.position: QPoint | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FOLLOW_MS)
        self._timer.timeout.connect(self.follow)
        self.hide()

    @property
    def is_on(self) -> bool:
        return self._timer.isActive()

    def set_on(self, on: bool) -> None:
        if on:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
            self.show()
            self.follow()
            self._timer.start()
        else:
            self._timer.stop()
            self.hide()

    def radius(self) -> int:
        """About a thirtieth of the stage's height: seen from the back of a room, not covering a cell."""
        return max(14, self.height() // 30)

    def follow(self) -> None:
        position = self.mapFromGlobal(QCursor.pos())
        if position != self.position:
            self.position = position
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.position is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(RIM, 3))
        painter.setBrush(FILL)
        radius = self.radius()
        painter.drawEllipse(self.position, radius, radius)
        painter.end()
