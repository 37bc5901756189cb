"""Building drops the way Qt delivers them (a real QDropEvent carrying QMimeData)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent


def url_mime(*items: str | Path) -> QMimeData:
    """Local paths become file: URLs; strings starting with http stay web URLs."""
    mime = QMimeData()
    urls = [QUrl(str(i)) if str(i).startswith("http") else QUrl.fromLocalFile(str(i)) for i in items]
    mime.setUrls(urls)
    return mime


def drop(window, mime: QMimeData) -> None:
    """Deliver ``mime`` to the window as a drop in its centre."""
    event = QDropEvent(QPointF(window.width() / 2, window.height() / 2), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def wait_all_done(qtbot, window, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: window.entries and all(e.done for e in window.entries.values())
                    and not window.runner.is_busy(), timeout=timeout)


class EventCounter(QObject):
    """Counts the events of one type a widget receives (paints, resizes) from now on."""

    def __init__(self, widget: QObject, kind: QEvent.Type) -> None:
        super().__init__(widget)
        self.kind = kind
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == self.kind:
            self.count += 1
        return False
