"""The live pipeline: frames in, at most one waiting, one pass at a time on a worker thread.

Frames arrive at the source's rate (30 a second from a video); a pass takes longer than a
frame's interval on a small CPU.  So the GUI thread keeps at most ONE pending frame, the
latest: a frame that arrives while the worker is busy replaces the pending one, and the
replaced frame is counted in ``dropped``.  Nothing queues, so the picture on screen is
never more than one pass behind the camera.

The worker is a :class:`~googlenet_gui.ui.work.runner.JobRunner` of its own, owned by the
window, with the runner's one shutdown path and its exceptions-as-signals.  Each job is
:func:`live_job`: the core pass (:func:`googlenet_gui.core.live.frame.classify_frame`),
then the module's mosaics and the CAM overlay, so the GUI thread only copies pixels.
While the window's own worker runs a pass (the frozen frame's inspection, say) no live
pass starts: two hooked passes on one model at once would mix their captured maps.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from googlenet_gui.core.viz.overlay import overlay

from googlenet_gui.ui.views.viewdata import LayerPanels, module_panels
from googlenet_gui.ui.work.runner import JobRunner

CAM_COLORMAP = "magma"
CAM_OPACITY = 0.45


@dataclass
class LiveData:
    """One processed frame, ready to draw: NumPy arrays and plain objects only."""

    number: int  # the frame's place in the stream (counting dropped ones)
    frame: Any  # core.live.frame.LiveFrame
    source_rgb: np.ndarray  # the whole frame, for Space (freeze)
    panels: LayerPanels  # the module's branch mosaics and their shared levels
    cam_rgb: np.ndarray  # (crop, crop, 3) uint8: the CAM over the crop (the crop alone without a CAM)
    cam_label: str


def live_job(loaded: Any, rgb: np.ndarray, number: int, module: str, step: Callable[[], None] | None = None):
    """The worker's job for one frame (``step``: a test's hook that slows it down)."""

    def job(_token: Any) -> LiveData:
        from googlenet_gui.core.live.frame import classify_frame

        if step is not None:
            step()
        frame = classify_frame(loaded, rgb, module)
        panels = module_panels(module, frame.module)
        if frame.cam is None:
            cam_rgb, label = frame.input_rgb, "; ".join(frame.notes) or "no CAM"
        else:
            cam_rgb = overlay(frame.input_rgb, frame.cam, CAM_COLORMAP, CAM_OPACITY, frame.cam_peak)
            top = frame.heads["main"].top[0]
            label = f"CAM of the main head's top-1: {top.label}"
        return LiveData(number, frame, rgb, panels, cam_rgb, label)

    return job


@dataclass
class LiveStats:
    """What ``--live --json`` prints and the view's status line shows."""

    received: int = 0
    processed: int = 0
    dropped: int = 0
    first_at: float | None = None  # perf_counter of the first processed frame's submission
    last_at: float | None = None  # perf_counter of the last processed frame's arrival
    pass_ms: float = 0.0  # the last frame's forward pass
    total_ms: float = 0.0  # the last frame's whole job
    engine: str = ""

    @property
    def seconds(self) -> float:
        return (self.last_at - self.first_at) if self.first_at is not None and self.last_at is not None else 0.0

    @property
    def fps(self) -> float:
        """Processed frames a second, from the first submission to the last result."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"frames": self.processed, "seconds": round(self.seconds, 3), "fps": round(self.fps, 2),
                "dropped": self.dropped, "received": self.received, "pass_ms": round(self.pass_ms, 1),
                "frame_ms": round(self.total_ms, 1), "engine": self.engine}


class LiveSession(QObject):
    """Feeds a source's frames to its worker with the drop policy above.

    Signals: ``shown(LiveData)`` after every processed frame, ``failed(message)`` for a
    source or pass that fails (the stream stops), ``running_changed(bool)``.
    ``model()`` gives the loaded model (None: frames wait); ``model_busy()`` says whether the
    window's own worker is running a pass.
    """

    shown = Signal(object)
    failed = Signal(str)
    running_changed = Signal(bool)

    def __init__(self, model: Callable[[], Any], model_busy: Callable[[], bool] = lambda: False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._model_busy = model_busy
        self.runner = JobRunner(self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.source: Any = None
        self.module = "inception4c"
        self.stats = LiveStats()
        self.pending: tuple[int, np.ndarray] | None = None
        self.running = False
        self.step: Callable[[], None] | None = None  # tests slow the worker down with this
        self.source_error: str | None = None  # why the source failed (a camera or file that cannot be used)
        self._on_idle: list[Callable[[], None]] = []

    # ----------------------------------------------------------------- control
    def set_source(self, source: Any) -> None:
        """Use ``source`` from now on (the previous one is stopped and deleted); counts start again."""
        self.stop()
        if self.source is not None:
            self.source.deleteLater()
        self.source = source
        self.source_error = None
        self.stats = LiveStats()
        source.frame.connect(self._on_frame)
        source.failed.connect(self._on_source_failed)

    def start(self) -> None:
        if self.source is None or self.runner.is_shut_down():
            return
        self.running = True
        self.source.start()
        self.running_changed.emit(True)

    def stop(self) -> None:
        """Stop taking frames; the pass in flight still finishes and is shown."""
        if self.source is not None:
            self.source.stop()
        self.pending = None
        if self.running:
            self.running = False
            self.running_changed.emit(False)

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once no live pass is running (now, or when the one in flight ends)."""
        if self.runner.is_busy():
            self._on_idle.append(callback)
        else:
            callback()

    def shutdown(self) -> None:
        """The one way the session ends: stop the source, then the runner's stop, quit and wait."""
        self.stop()
        self._on_idle.clear()
        self.runner.shutdown()

    # ------------------------------------------------------------ the frames
    @Slot(object)
    def _on_frame(self, rgb: np.ndarray) -> None:
        if not self.running:
            return
        self.stats.received += 1
        if self.pending is not None:
            self.stats.dropped += 1  # the waiting frame is stale now: the newest replaces it
        self.pending = (self.stats.received, rgb)
        self._submit()

    def _submit(self) -> None:
        loaded = self._model()
        if self.pending is None or loaded is None or self.runner.is_busy() or self._model_busy():
            return
        (number, rgb), self.pending = self.pending, None
        if self.stats.first_at is None:
            self.stats.first_at = time.perf_counter()
        self.runner.start(live_job(loaded, rgb, number, self.module, self.step), "Live frame")

    @Slot(object)
    def _on_finished(self, data: object) -> None:
        assert isinstance(data, LiveData)
        stats = self.stats
        stats.processed += 1
        stats.last_at = time.perf_counter()
        stats.pass_ms, stats.total_ms, stats.engine = data.frame.pass_ms, data.frame.total_ms, data.frame.engine
        self.shown.emit(data)
        self._idle()
        if self.running:
            self._submit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.stop()
        self._idle()
        self.failed.emit(message)

    @Slot(str)
    def _on_source_failed(self, message: str) -> None:
        self.source_error = message
        self.stop()
        self.failed.emit(message)

    def _idle(self) -> None:
        callbacks, self._on_idle = self._on_idle, []
        for callback in callbacks:
            callback()
