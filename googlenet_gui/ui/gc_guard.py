"""Run Python's cyclic garbage collector on the GUI thread only.

WHY: automatic collection runs in whichever thread happens to allocate.  When that is
a worker (loading a checkpoint, say) and the garbage holds Qt wrappers (a closed
window's widgets), their C++ destructors run on the worker; they need the GIL while
holding Qt's object mutex, while the GUI thread, deleting widgets, holds the GIL and
waits for that mutex: a deadlock, seen in the test suite.  The usual PyQt/PySide
remedy: switch automatic collection off and collect from a GUI-thread timer whenever
the allocation counters say a collection is due.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

_INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Owns the timer; parented to the application so it lives as long as Qt does."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(_INTERVAL_MS)
        self.timer.timeout.connect(self.collect_if_due)
        self.timer.start()
        app.aboutToQuit.connect(self.restore)

    def collect_if_due(self) -> None:
        """The same generational rule the automatic collector applies, on this thread."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return

    def restore(self) -> None:
        self.timer.stop()
        gc.collect()
        gc.enable()


def ensure_gui_thread_gc() -> GuiThreadCollector | None:
    """Install the collector once per application; call from the GUI thread."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
