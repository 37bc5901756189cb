"""The live pipeline: frames in, at most one waiting, one pass at a time on a worker thread.

Frames arrive at the source's rate (30 a second from a video); a pass takes longer than a
frame's interval on a small CPU.  So there is ONE pending frame, the latest
(:class:`FrameSlot`): a frame that arrives while the worker is busy replaces the pending
one, and the replaced frame is counted in ``dropped``.  Nothing queues, so the picture on
screen is never more than one pass behind the camera.

The worker is a :class:`~googlenet_gui.ui.work.runner.JobRunner` of its own, owned by the
window, with the runner's one shutdown path and its exceptions-as-signals.  While Live
streams, the runner runs ONE job, :func:`live_stream_job`: a generator that takes the
pending frame as soon as it finishes the last one (no round trip through the GUI thread
between passes: that wait cost about a tenth of the frames), runs the core pass
(:func:`googlenet_gui.core.live.frame.classify_crop`), lays out the module's mosaics and
the CAM overlay, and yields the result as a progress event, so the GUI thread only copies
pixels.  Stopping cancels the job's token; the slot's wait sees it within 50 ms.  While
the window's own worker runs a job (the frozen frame's inspection, say) frames are dropped
rather than passed on: two hooked passes on one model at once would mix their captured maps.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from googlenet_gui.core.errors import JobCancelled
from googlenet_gui.core.jobs import CancelToken
from googlenet_gui.core.live.frame import frame_crop
from googlenet_gui.core.viz.overlay import overlay

from googlenet_gui.ui.views.viewdata import LayerPanels, module_panels
from googlenet_gui.ui.work.runner import JobRunner

CAM_COLORMAP = "magma"
CAM_OPACITY = 0.45
#: How often the waiting worker looks at its cancel token (the longest a stop waits for it).
WAIT_S = 0.05


@dataclass
class LiveData:
    """One processed frame, ready to draw: NumPy arrays and plain objects only."""

    number: int  # the frame's place in the stream (counting dropped ones)
    frame: Any  # core.live.frame.LiveFrame
    source_rgb: np.ndarray  # the whole frame, for Space (freeze)
    panels: LayerPanels  # the module's branch mosaics and their shared levels
    cam_rgb: np.ndarray  # (crop, crop, 3) uint8: the CAM over the crop (the crop alone without a CAM)
    cam_class: str | None  # the class the CAM is of (main head's top-1); None: no CAM (the view words why)


@dataclass(frozen=True)
class PendingFrame:
    """A frame waiting for the worker, with everything its pass needs."""

    number: int
    rgb: np.ndarray
    view: np.ndarray  # its crop (frame_crop), made as it arrived
    loaded: Any
    module: str


class FrameSlot:
    """The one pending frame: the GUI thread puts (replacing), the worker takes (waiting)."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._frame: PendingFrame | None = None

    def put(self, frame: PendingFrame) -> bool:
        """Make ``frame`` the pending one; True when it replaced (dropped) another."""
        with self._ready:
            replaced, self._frame = self._frame is not None, frame
            self._ready.notify()
        return replaced

    def take(self, token: CancelToken) -> PendingFrame:
        """The pending frame, waiting for one; raises JobCancelled once ``token`` is cancelled."""
        with self._ready:
            while self._frame is None:
                token.raise_if_cancelled()
                self._ready.wait(WAIT_S)
            frame, self._frame = self._frame, None
        return frame

    def clear(self) -> bool:
        """Forget the pending frame; True if there was one."""
        with self._ready:
            had, self._frame = self._frame is not None, None
        return had


def live_data(pending: PendingFrame) -> LiveData:
    """One frame's pass, mosaics and CAM overlay (the worker's work for it)."""
    from googlenet_gui.core.live.frame import classify_crop

    frame = classify_crop(pending.loaded, pending.view, pending.module)
    panels = module_panels(pending.module, frame.module)
    if frame.cam is None:
        cam_rgb, label = frame.input_rgb, None
    else:
        cam_rgb = overlay(frame.input_rgb, frame.cam, CAM_COLORMAP, CAM_OPACITY, frame.cam_peak)
        label = frame.heads["main"].top[0].label
    return LiveData(pending.number, frame, pending.rgb, panels, cam_rgb, label)


def live_stream_job(slot: FrameSlot, step: Callable[[], None] | None = None):
    """The worker's job while Live streams: each pending frame in turn, until cancelled (``step``: a test's delay)."""

    def job(token: CancelToken) -> Iterator[LiveData]:
        while True:
            pending = slot.take(token)
            if step is not None:
                step()
            yield live_data(pending)

    return job


@dataclass
class LiveStats:
    """What ``--live --json`` prints and the view's status line shows."""

    received: int = 0
    processed: int = 0
    dropped: int = 0
    first_at: float | None = None  # perf_counter when the first frame was handed to the worker
    last_at: float | None = None  # perf_counter of the last processed frame's arrival
    pass_ms: float = 0.0  # the last frame's forward pass
    total_ms: float = 0.0  # the last frame's pass, softmax and CAM
    engine: str = ""

    @property
    def seconds(self) -> float:
        return (self.last_at - self.first_at) if self.first_at is not None and self.last_at is not None else 0.0

    @property
    def fps(self) -> float:
        """Processed frames a second, from the first frame handed over to the last result."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"frames": self.processed, "seconds": round(self.seconds, 3), "fps": round(self.fps, 2),
                "dropped": self.dropped, "received": self.received, "pass_ms": round(self.pass_ms, 1),
                "frame_ms": round(self.total_ms, 1), "engine": self.engine}


class LiveSession(QObject):
    """Feeds a source's frames to its worker with the drop policy above.

    Signals: ``shown(LiveData)`` after every processed frame, ``failed(message)`` for a
    source or pass that fails (the stream stops), ``running_changed(bool)``.
    ``model()`` gives the loaded model (None: frames are ignored); ``model_busy()`` says
    whether the window's own worker is running a job.
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
        self.runner.progress.connect(self._on_shown)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.finished.connect(self._on_finished)
        self.slot = FrameSlot()
        self.source: Any = None
        self.module = "inception4c"
        self.stats = LiveStats()
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
        self._start_stream()
        self.source.start()
        self.running_changed.emit(True)

    def stop(self) -> None:
        """Stop taking frames; the pass in flight still finishes and is shown."""
        if self.source is not None:
            self.source.stop()
        self.slot.clear()
        self.runner.cancel()
        if self.running:
            self.running = False
            self.running_changed.emit(False)

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once no live pass is running (now, or when the stream has wound down)."""
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
    def _start_stream(self) -> None:
        """The stream job, unless one runs (a stopped one still winding down restarts when it ends)."""
        if not self.runner.is_busy():
            self.runner.start(live_stream_job(self.slot, self._step), "Live")

    def _step(self) -> None:
        """Runs on the worker before each pass: the tests' delay, read when it runs."""
        if self.step is not None:
            self.step()

    @Slot(object)
    def _on_frame(self, rgb: np.ndarray) -> None:
        loaded = self._model()
        if not self.running or loaded is None:
            return  # stopped, or no model yet: nothing to classify with, nothing dropped
        self.stats.received += 1
        if self._model_busy():
            self.stats.dropped += 1  # the window's worker is running a pass: no second one at once
            return
        # Cropped here, as it arrives (a few ms; PIL lets the worker run meanwhile): the worker's
        # time per frame is then the pass and what follows it.
        pending = PendingFrame(self.stats.received, rgb, frame_crop(rgb, loaded), loaded, self.module)
        if self.slot.put(pending):
            self.stats.dropped += 1  # the waiting frame is stale now: the newest replaced it
        if self.stats.first_at is None:
            self.stats.first_at = time.perf_counter()

    @Slot(object)
    def _on_shown(self, data: object) -> None:
        if not isinstance(data, LiveData):
            return
        stats = self.stats
        stats.processed += 1
        stats.last_at = time.perf_counter()
        stats.pass_ms, stats.total_ms, stats.engine = data.frame.pass_ms, data.frame.total_ms, data.frame.engine
        self.shown.emit(data)

    @Slot()
    def _on_cancelled(self) -> None:
        self._on_ended()

    @Slot(object)
    def _on_finished(self, _result: object) -> None:
        self._on_ended()

    def _on_ended(self) -> None:
        """The stream job ended (cancelled): run what waited for it, or start again if Start came meanwhile."""
        callbacks, self._on_idle = self._on_idle, []
        for callback in callbacks:
            callback()
        if self.running and not self.runner.is_shut_down():
            self._start_stream()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.stop()
        self._on_ended()
        self.failed.emit(message)

    @Slot(str)
    def _on_source_failed(self, message: str) -> None:
        self.source_error = message
        self.stop()
        self.failed.emit(message)
