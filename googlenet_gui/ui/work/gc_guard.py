"""Run Python's cyclic garbage collector on the GUI thread only.

WHY: automatic collection runs in whichever thread happens to allocate.  When that is
a worker (loading a checkpoint, say) and the garbage holds Qt wrappers (a closed
window's widgets), their C++ destructors run on the worker; they need the GIL while
holding Qt's object mutex, while the GUI thread, deleting widgets, holds the GIL and
waits for that mutex: a deadlock, seen in the test suite.  The usual PyQt/PySide
remedy: switch automatic collection off and collect from a GUI-thread timer whenever
the allocation counters say a collection is due.

Collections on the GUI thread are pauses the user can feel, and a full one walks every
object: 110 ms once torch is imported, 220 ms once ``torch.optim`` has pulled in
``torch._dynamo`` (it does on the first optimizer).  Those objects are modules,
classes and functions that live as long as the process, so after each burst of
imports the collector moves everything to the permanent generation
(``gc.freeze()``); later collections walk only what was allocated since, a few ms.
The price is that garbage cycles which already existed at a freeze are never
reclaimed, a bounded one-off per burst.
"""

from __future__ import annotations

import atexit
import gc
import sys

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Slot

_INTERVAL_MS = 500
#: This many new modules since the last freeze count as a burst of imports.
IMPORT_BURST = 50


class GuiThreadCollector(QObject):
    """Owns the timer; parented to the application so it lives as long as Qt does."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self.modules_at_freeze = 0  # the first tick freezes what start-up imported
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(_INTERVAL_MS)
        self.timer.timeout.connect(self.collect_if_due)
        self.timer.start()
        app.aboutToQuit.connect(self.restore)

    @Slot()
    def collect_if_due(self) -> None:
        """The same generational rule the automatic collector applies, on this thread."""
        self.freeze_after_imports()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return

    def freeze_after_imports(self) -> bool:
        """Move everything to the permanent generation if many modules arrived since the last time."""
        modules = len(sys.modules)
        if modules - self.modules_at_freeze < IMPORT_BURST:
            return False
        if self.modules_at_freeze == 0:
            # Give the frozen objects back before exit: extension modules that check for
            # leaks at shutdown (nanobind's, in triton) would otherwise report them all.
            atexit.register(gc.unfreeze)
        gc.freeze()
        self.modules_at_freeze = modules
        return True

    @Slot()
    def restore(self) -> None:
        self.timer.stop()
        gc.unfreeze()
        gc.collect()
        gc.enable()


def ensure_gui_thread_gc() -> GuiThreadCollector | None:
    """Install the collector once per application; call from the GUI thread."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
