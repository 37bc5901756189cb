"""Moves the window's passes onto ONNX Runtime once the loaded model's graph is exported.

WHY: ONNX Runtime computes the same heads and branch maps (within 1e-4, tested) about
twice as fast as PyTorch on a CPU, so every later drop and queued image comes sooner.
The export itself would stall the window, so it runs in a child process
(:mod:`googlenet_gui.core.graph_export`); this object plans it, starts the child, polls
it from a timer (no thread: polling a finished process is a non-blocking ``waitpid``)
and asks the window to open the session when the graph is ready.  The window asks
:meth:`GraphPreparer.next_job` for work whenever its worker is idle, after the first
image and Table 1, so none of this delays the first prediction.

Stages per model: ``new`` -> ``planning`` (worker hashes the weights) -> ``exporting``
(child) or straight to ``exported`` (cached by an earlier session or CLI run) ->
``opening`` (worker) -> ``done``.  Anything that fails ends in ``done`` with PyTorch
still serving and the reason in :attr:`GraphPreparer.note`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from googlenet_gui.core.graph_export import ExportChild, GraphRequest, attach_cached, is_cached, plan_for
from googlenet_gui.core.jobs import CancelToken

log = logging.getLogger(__name__)
POLL_MS = 250

Step = tuple[str, Callable[[CancelToken], Any], str, Callable[[object], None]]


class GraphPreparer(QObject):
    """Signals ``ready()`` when a job is waiting for the worker; ``attached(text)`` once
    ONNX Runtime serves the current model, ``gave_up(reason)`` when it will not."""

    ready = Signal()
    attached = Signal(str)
    gave_up = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._bundle: Any = None  # ui.tasks.ModelBundle
        self._stage = "new"
        self._request: GraphRequest | None = None
        self._child: ExportChild | None = None
        self.note = ""

    @property
    def stage(self) -> str:
        return self._stage

    def next_job(self, bundle: Any) -> Step | None:
        """The worker job ``bundle``'s model needs next, or None (nothing to do, or the child is busy).

        Keyed by the bundle, not the model: moving a model to another device makes a new
        bundle for the same ``LoadedModel`` (and drops its session), so it is planned again.
        """
        if bundle is not self._bundle:
            self._reset(bundle)
        loaded = bundle.loaded
        if self._stage == "new":
            self._stage = "planning"
            return ("graph", lambda _token: plan_for(loaded), "Checking for an ONNX Runtime graph", self._planned)
        if self._stage == "exported" and self._request is not None:
            self._stage = "opening"
            request = self._request
            return ("graph", lambda _token: attach_cached(loaded, request), "Opening the ONNX Runtime session",
                    self._opened)
        return None

    def job_cancelled(self) -> None:
        """The window cancelled our job before it ran: ask again next time."""
        self._stage = {"planning": "new", "opening": "exported"}.get(self._stage, self._stage)

    def job_failed(self) -> None:
        self._finish("the ONNX Runtime step failed; PyTorch keeps serving")

    def shutdown(self) -> None:
        """Window closing: stop the timer and the child (the graph is simply not cached)."""
        self._timer.stop()
        if self._child is not None:
            self._child.stop()
            self._child = None

    # ------------------------------------------------------------------ stages
    def _reset(self, bundle: Any) -> None:
        self.shutdown()  # a child exporting the previous model is not worth its CPU now
        self._bundle, self._stage, self._request, self.note = bundle, "new", None, ""

    def _planned(self, result: object) -> None:
        request, reason = result  # type: ignore[misc]
        if request is None:
            return self._finish(reason or "not available")
        self._request = request
        if is_cached(request):
            self._stage = "exported"
            return self.ready.emit()
        try:
            self._child = ExportChild(request)
        except OSError as error:
            return self._finish(f"could not start the exporter: {error}")
        self._stage = "exporting"
        self._timer.start()

    @Slot()
    def _poll(self) -> None:
        child = self._child
        if child is None or child.running:
            return
        self._timer.stop()
        self._child = None
        if child.poll() is None:
            return self._finish(child.error or "the export failed")
        log.info("ONNX graph exported in %.1f s", child.seconds)
        self._stage = "exported"
        self.ready.emit()

    def _opened(self, result: object) -> None:
        if result is not None:
            return self._finish(str(result))
        self._stage = "done"
        self.note = "ONNX Runtime (CPU)"
        self.attached.emit("Inference now runs on ONNX Runtime (same results, about twice as fast on a CPU)")

    def _finish(self, reason: str) -> None:
        self._stage, self.note = "done", f"PyTorch ({reason})"
        log.info("the window stays on PyTorch: %s", reason)
        self.gave_up.emit(reason)
