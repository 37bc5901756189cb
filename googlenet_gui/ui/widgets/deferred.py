"""Work put off until it is needed or until the screen is up to date.

:class:`Deferred` is a slot in a layout whose content is built the first time it is
shown or used; :func:`after_first_paint` runs a callback once a widget has painted.

WHY Deferred: the Compare and Fine-tune tabs hold nine pyqtgraph plots between them, about
0.3 s to construct, and nobody sees them at start-up.  Building them on first view
brings the window (and so the first prediction) that much sooner.  Code that feeds a
hidden view (a comparison arriving, an epoch finishing) calls :meth:`content`, which
builds it on the spot, so no data is ever dropped.

WHY in pieces: built in one go on first view, the Fine-tune tab's charts froze the
window for 120–170 ms.  ``build`` may be a generator that yields between pieces (a plot,
its curves) and returns the widget; :meth:`Deferred.build_in_slices` then runs one piece
per event-loop turn, and the window runs it for every hidden view once it is idle
(:class:`IdlePrebuild`), then lays out each hidden tab at its size, so opening a tab
later costs only its paint.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator, Iterable
from typing import Generic, TypeVar, Union

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QPixmap, QRegion, QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

ContentT = TypeVar("ContentT", bound=QWidget)
#: What ``build`` returns: the widget itself, or a generator of pieces that returns it.
Built = Union[ContentT, Generator[None, None, ContentT]]
#: How long a piece waits for ``ready()`` before asking again.
RETRY_MS = 200


class Deferred(QWidget, Generic[ContentT]):
    """Holds ``build()``'s widget once built; empty (and cheap) until then.

    ``built(widget)`` fires once, so window-wide settings (presentation fonts) reach it.
    """

    built = Signal(QWidget)

    def __init__(self, build: Callable[[], Built], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._pieces: Generator[None, None, ContentT] | None = None
        self._content: ContentT | None = None
        self._then: list[Callable[[], None]] = []
        self._stepping = False  # a slice is queued
        self._ready: Callable[[], bool] | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> ContentT:
        """The real widget, built now (the remaining pieces at once) if it was not yet."""
        while self._content is None:
            self._next_piece()
        return self._content

    def build_in_slices(self, then: Callable[[], None] | None = None, ready: Callable[[], bool] | None = None) -> None:
        """Build one piece per event-loop turn; ``then()`` runs once built (at once if it is).

        ``ready()`` false puts the next piece off by :data:`RETRY_MS` (the window's worker is
        busy: a piece run while it holds the interpreter lock took twice as long).
        """
        if then is not None:
            self._then.append(then)
        self._ready = ready
        if self._content is not None:
            self._run_then()
            return
        if not self._stepping:
            self._stepping = True
            QTimer.singleShot(0, self, self._slice)

    def _slice(self) -> None:
        if self._content is None:
            if self._ready is not None and not self._ready():
                QTimer.singleShot(RETRY_MS, self, self._slice)
                return
            self._next_piece()
        if self._content is None:
            QTimer.singleShot(0, self, self._slice)
        else:
            self._stepping = False
            self._run_then()

    def _next_piece(self) -> None:
        if self._pieces is None:
            first = self._build()
            if not isinstance(first, Generator):
                return self._finish(first)
            self._pieces = first
        try:
            next(self._pieces)
        except StopIteration as done:
            self._finish(done.value)

    def _finish(self, widget: ContentT) -> None:
        self._content = widget
        self._layout.addWidget(widget)
        self.built.emit(widget)

    def _run_then(self) -> None:
        callbacks, self._then = self._then, []
        for callback in callbacks:
            callback()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """First view: a plain ``build`` runs now, one in pieces goes on a slice at a time."""
        if self._content is None:
            if inspect.isgeneratorfunction(self._build):
                self.build_in_slices()  # the user is waiting: no longer only when the worker is idle
            else:
                self.content()
        super().showEvent(event)


def build_all_in_slices(holders: Iterable[Deferred], ready: Callable[[], bool] | None = None,
                        then: Callable[[], None] | None = None) -> None:
    """Build every holder not built yet, one after another, one piece per event-loop turn; then ``then()``."""
    pending = [holder for holder in holders if not holder.is_built]
    if pending:
        pending[0].build_in_slices(then=lambda: build_all_in_slices(pending[1:], ready, then), ready=ready)
    elif then is not None:
        then()


def lay_out_hidden_pages(tabs: QTabWidget, ready: Callable[[], bool], then: Callable[[], None]) -> None:
    """Lay out every page but the current one at the size it will have, one page per turn.

    WHY: a page is laid out when first shown, and every widget on it gets its first resize
    then (pyqtgraph's plots set up their view boxes and axes in theirs): opening the
    Fine-tune tab stalled 35–40 ms.  Qt lays out a hidden widget it is asked to render, so
    each page is given the current page's geometry and rendered into a one-pixel pixmap
    (0.3–7 ms a page, no painting to speak of); its first opening then stalls 16–21 ms,
    as much as after a full off-screen render (25–45 ms a page).  A page whose size
    changes before it is opened is laid out again then, as before.
    """
    pages = [tabs.widget(index) for index in range(tabs.count()) if index != tabs.currentIndex()]

    def step() -> None:
        if not pages:
            return then()
        if not ready():
            return QTimer.singleShot(RETRY_MS, tabs, step)
        page, current = pages.pop(0), tabs.currentWidget()
        if page is not current and current is not None:
            page.setGeometry(current.geometry())
            page.render(QPixmap(1, 1), QPoint(), QRegion(0, 0, 1, 1))
        QTimer.singleShot(0, tabs, step)
    QTimer.singleShot(0, tabs, step)


class IdlePrebuild(QObject):
    """Builds a window's hidden views in slices, once, ``delay_ms`` after it first went idle.

    WHY a delay: right after start-up the window is still drawing its first answer and
    the worker is busy with the model; the views are wanted only when a tab is opened.
    """

    def __init__(self, root: QWidget, ready: Callable[[], bool], delay_ms: int = 1000,
                 tabs: QTabWidget | None = None) -> None:
        super().__init__(root)
        self.root = root
        self.ready = ready
        self.tabs = tabs  # its hidden pages are laid out once the views are built
        self.done = False
        self._laid_out = tabs is None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._run)

    def poke(self) -> None:
        """The window is idle: start the countdown if nothing was built yet."""
        if not self.done and not self._timer.isActive():
            self._timer.start()

    def _run(self) -> None:
        self.done = True
        build_all_in_slices(self.root.findChildren(Deferred), self.ready, then=self._lay_out_pages)

    def _lay_out_pages(self) -> None:
        if self.tabs is not None:
            lay_out_hidden_pages(self.tabs, self.ready, then=self._pages_laid_out)

    def _pages_laid_out(self) -> None:
        self._laid_out = True

    def finished(self) -> bool:
        """Whether every hidden view is built and laid out (the benchmark waits for it)."""
        return self.done and self._laid_out and all(holder.is_built for holder in self.root.findChildren(Deferred))


def after_first_paint(widget, callback: Callable[[], None], fallback_ms: int = 500,  # noqa: ANN001
                      delay_ms: int = 0) -> None:
    """Run ``callback`` once, ``delay_ms`` after ``widget`` first paints (or after ``fallback_ms``).

    WHY: work that makes the worker import torch or its compiler stack holds the GIL for
    long stretches.  The window's model load, started before the first paint, delayed
    the window by a second; the Fine-tune tab's warm-up, started before the tab painted,
    stretched its first paint.  The fallback covers a widget that never paints
    (minimised, no screen).  ``delay_ms`` lets the repaints that pyqtgraph queues after its
    first one (autorange, axis sizes) finish before the callback competes with them.
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
        QTimer.singleShot(delay_ms, widget, callback)  # after this paint has reached the screen

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)
    QTimer.singleShot(fallback_ms, watcher, fire)
