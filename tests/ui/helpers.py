"""Building drops the way Qt delivers them (a real QDropEvent carrying QMimeData)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QPointF, Qt, QTranslator, QUrl
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


class Bracketing(QTranslator):
    """Writes every text it is asked for as ``[text]``: shows which texts went through ``tr``/``translate``."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        del context, disambiguation, n  # one answer for every context
        return f"[{source}]"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


@contextmanager
def bracketed(qtbot) -> Iterator[None]:
    """A language switch to :class:`Bracketing` and back, without a shipped catalogue.

    Inside, every wrapped text a widget shows is ``[English]``; after, English again: a
    widget that re-sets its static and kept dynamic texts on LanguageChange passes both.
    """
    translator = Bracketing()
    QCoreApplication.installTranslator(translator)
    qtbot.wait(1)  # Qt posts the LanguageChange
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
        qtbot.wait(1)


def texts_across_a_switch(qtbot, read: Callable[[], dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """``read()`` before and inside :func:`bracketed`; after it, ``read()`` must give the English again."""
    english = read()
    with bracketed(qtbot):
        switched = read()
    assert read() == english  # nothing blank, nothing left in the other language
    return english, switched
