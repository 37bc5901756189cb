"""Moves the window's passes onto ONNX Runtime once the loaded model's graph is written.

WHY: ONNX Runtime computes the same heads and branch maps (within 1e-4, tested) about
twice as fast as PyTorch on a CPU, so every later drop and queued image comes sooner.
The window asks :meth:`GraphPreparer.next_job` for work whenever its worker is idle,
after the first image and Table 1, so none of this delays the first prediction; each
step is one short worker job, so a user's drop waits for at most one of them.

Stages per model: ``new`` -> ``planning`` (worker hashes the weights, ~50 ms) ->
``planned`` -> ``exporting`` (worker writes the graph into the cache, ~0.1 s; see
:mod:`googlenet_gui.core.accel.graph_export`) -> ``exported``, or straight there when an
earlier session or CLI run cached it -> ``opening`` (worker, ~0.4 s) -> ``done``.  Anything that
fails ends in ``done`` with PyTorch still serving and the reason in
:attr:`GraphPreparer.note`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from googlenet_gui.core.accel.graph_export import GraphRequest
from googlenet_gui.core.inference import engine

from googlenet_gui.ui.work.jobs import python_heavy
from googlenet_gui.ui.work.scheduler import JobKind, Scheduled

log = logging.getLogger(__name__)

#: A stage whose job the window cancelled before it ran goes back to the stage that asks for it.
_ASKED_BY = {"planning": "new", "exporting": "planned", "opening": "exported"}


class GraphPreparer(QObject):
    """Signals ``ready()`` when a job is waiting for the worker; ``attached(text)`` once
    ONNX Runtime serves the current model, ``gave_up(reason)`` when it will not."""

    ready = Signal()
    attached = Signal(str)
    gave_up = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bundle: Any = None  # ui.tasks.ModelBundle
        self._stage = "new"
        self._request: GraphRequest | None = None
        self.note = ""

    @property
    def stage(self) -> str:
        return self._stage

    def next_job(self, bundle: Any) -> Scheduled | None:
        """The worker job ``bundle``'s model needs next, or None (nothing to do).

        Keyed by the bundle, not the model: moving a model to another device makes a new
        bundle for the same ``LoadedModel`` (and drops its session), so it is planned again.
        """
        if bundle is not self._bundle:
            self._bundle, self._stage, self._request, self.note = bundle, "new", None, ""
        loaded, request = bundle.loaded, self._request
        if self._stage == "new":
            self._stage = "planning"
            return Scheduled(JobKind.GRAPH, lambda _token: engine.plan_graph(loaded),
                             self.tr("Checking for an ONNX Runtime graph"), self._planned)
        if self._stage == "planned" and request is not None:
            self._stage = "exporting"
            return Scheduled(JobKind.GRAPH, python_heavy(lambda _token: engine.write_graph(loaded, request)),
                             self.tr("Writing the ONNX Runtime graph"), self._exported)
        if self._stage == "exported" and request is not None:
            self._stage = "opening"
            return Scheduled(JobKind.GRAPH, lambda _token: engine.attach_graph(loaded, request),
                             self.tr("Opening the ONNX Runtime session"), self._opened)
        return None

    def job_cancelled(self) -> None:
        """The window cancelled our job before it ran: ask again next time."""
        self._stage = _ASKED_BY.get(self._stage, self._stage)

    def job_failed(self) -> None:
        self._finish(self.tr("the ONNX Runtime step failed; PyTorch keeps serving"))

    # ------------------------------------------------------------------ stages
    def _planned(self, result: object) -> None:
        request, reason = result  # type: ignore[misc]
        if request is None:
            return self._finish(reason or self.tr("not available"))
        self._request = request
        self._stage = "exported" if engine.graph_cached(request) else "planned"
        self.ready.emit()

    def _exported(self, result: object) -> None:
        if result is not None:
            return self._finish(str(result))
        self._stage = "exported"
        self.ready.emit()

    def _opened(self, result: object) -> None:
        if result is not None:
            return self._finish(str(result))
        self._stage = "done"
        self.note = "ONNX Runtime (CPU)"
        self.attached.emit(self.tr("Inference now runs on ONNX Runtime (same results, about twice as fast on a CPU)"))

    def _finish(self, reason: str) -> None:
        self._stage, self.note = "done", f"PyTorch ({reason})"
        log.info("the window stays on PyTorch: %s", reason)
        self.gave_up.emit(reason)
