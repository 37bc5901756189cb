"""Start-up predictions before torch is imported, from a graph an earlier session recorded.

WHY: importing torch is most of the wait for the first prediction (about 2.5 s of 3.5 s
on 2 cores), and while torch imports, the interpreter lock is held in long stretches, so
nothing else in the process (the GUI thread included) gets much done.  When an earlier
session served the same checkpoint file from ONNX Runtime, :mod:`googlenet_gui.core.
quick_start` can open its graph with ONNX Runtime alone (~0.3 s).  So at start-up this
helper's own worker opens that graph first and inspects the images dropped meanwhile
(same numbers as PyTorch within 1e-4), and only then lets the window load the real
model: it emits ``release()`` :data:`IDLE_MS` after an answer is painted with no new image
asked for, or :data:`GRACE_MS` after the graph opened if no image came, or at once when
there is no recorded graph.  Until the real model arrives (the window then shuts this
helper down and carries on as always), images dropped meanwhile are still answered here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from googlenet_gui.core.jobs import CancelToken
from googlenet_gui.ui.i18n import translate
from googlenet_gui.ui.views.viewdata import InspectionView, build_inspection_view
from googlenet_gui.ui.work.jobs import ImageSource, read_source, thumbnail
from googlenet_gui.ui.work.runner import JobRunner

#: How long the recorded graph waits for a first image before torch is loaded anyway.
GRACE_MS = 2000
#: After an answer is on screen, how long without a new image before torch is loaded: its
#: import freezes the window for up to ~0.4 s at a time, better while the user looks.
IDLE_MS = 1500


class QuickStart(QObject):
    """Signals ``opened(model)`` (a ``core.quick_start.QuickModel``), ``inspected(view)`` and
    ``release()``: time to load the real model (emitted once per :meth:`request`)."""

    opened = Signal(object)
    inspected = Signal(object)
    release = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model: Any = None
        self._runner: JobRunner | None = None
        self._wanted: tuple[ImageSource, int, str | None] | None = None
        self._running: tuple[int, str | None] | None = None
        self._released = True
        #: A widget the first answer repaints (the window's predictions panel); see _release_after_paint.
        self.paint_target: QWidget | None = None
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.setInterval(GRACE_MS)
        self._grace.timeout.connect(self._release)

    @property
    def active(self) -> bool:
        """Serving start-up: the real model has not been loaded yet."""
        return self._runner is not None

    def request(self, weights: str | None, device: str) -> bool:
        """Try the recorded graph for ``weights``; False (and no release to wait for) when
        there cannot be one."""
        from googlenet_gui.core.accel.quick_start import candidate_file

        if self._runner is not None or candidate_file(weights, device) is None:
            return False
        self._released = False
        self._runner = JobRunner(self)
        self._runner.finished.connect(self._finished)
        self._runner.failed.connect(self._failed)
        self._runner.start(quick_start_job(weights, device),
                           self.tr("Opening the recorded ONNX Runtime graph"))
        return True

    def want(self, source: ImageSource, key: int, layer: str | None) -> None:
        """Inspect ``source`` as soon as the graph is open and this worker is free (latest wins)."""
        if self._runner is None or self._running == (key, layer):
            return
        self._wanted = (source, key, layer)
        self._grace.stop()  # the user is busy: torch waits
        self._next()

    def shutdown(self) -> None:
        """The real model is loaded, or the window closes: stop (waits for a pass in flight)."""
        self._grace.stop()
        self._released = True
        runner, self._runner, self.model, self._wanted, self._running = self._runner, None, None, None, None
        if runner is not None:
            runner.shutdown()

    def _next(self) -> None:
        if self._runner is None or self.model is None or self._runner.is_busy() or self._wanted is None:
            return
        (source, key, layer), self._wanted = self._wanted, None
        self._running = (key, layer)
        self._runner.start(quick_inspect_job(self.model, source, key, layer),
                           translate("MainWindow", "Inspecting {image}").format(image=source.short_name))

    @Slot()
    def _release(self) -> None:
        if not self._released:
            self._released = True
            self.release.emit()

    @Slot(object)
    def _finished(self, result: object) -> None:
        if self._running is None:  # the graph was opened, or there was no record
            if result is None:
                return self._release()
            self.model = result
            self.opened.emit(result)
            self._grace.start()
        else:
            self._running = None
            self.inspected.emit(result)
            self._release_after_paint()
        self._next()

    def _release_after_paint(self) -> None:
        """Let torch load once the answer is on screen and no new image came for :data:`IDLE_MS`.

        WHY: torch's import holds the interpreter lock in long stretches (the window freezes
        for up to ~0.4 s at a time); started at once it stretched the answer's paint to
        ~0.6 s, and during a run of drops it would stall each of them.
        """
        def idle_timer() -> None:
            if not self._released and self._wanted is None and self._running is None:
                self._grace.start(IDLE_MS)

        if self.paint_target is None:
            return idle_timer()
        from googlenet_gui.ui.widgets.deferred import after_first_paint

        after_first_paint(self.paint_target, idle_timer, fallback_ms=500)

    @Slot(str)
    def _failed(self, message: str) -> None:
        """Anything going wrong here only means the real model answers, a little later."""
        opening = self._running is None
        self._running = None
        self._release()
        if not opening:
            self._next()


def quick_start_job(weights: str | None, device: str):
    """Job: a ``QuickModel`` on the graph an earlier session recorded for ``weights``, or None
    (no torch import: see core/accel/quick_start.py)."""

    def job(token: CancelToken) -> Any:
        from googlenet_gui.core.accel.quick_start import open_quick

        return open_quick(weights, device)

    return job


def quick_inspect_job(quick: Any, source: ImageSource, key: int, layer: str | None = None):
    """Job: :func:`inspect_job` on a ``QuickModel`` while torch is still loading."""

    def job(token: CancelToken) -> InspectionView:
        picture = read_source(source, token)
        token.raise_if_cancelled()
        return build_inspection_view(quick.inspect(picture), key, thumbnail(picture.image), layer)

    return job
