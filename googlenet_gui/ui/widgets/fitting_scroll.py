"""A scroll area that scrolls only vertically and is never narrower than its form.

WHY: the Fine-tune form sat in a plain QScrollArea, which a splitter may squeeze to any
width; at 1024x768 in presentation mode that cut "Browse…" and "Remove" in half behind
a horizontal scroll bar.  This one asks its splitter for the form's minimum width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class FittingScrollArea(QScrollArea):
    """Vertical scrolling only; minimum width = the content's minimum width + the scroll bar."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.installEventFilter(self)  # a font change re-lays the form out: ask again

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        content = self.widget()
        frame = 2 * self.frameWidth()
        width = content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + frame
        return QSize(width, super().minimumSizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)
