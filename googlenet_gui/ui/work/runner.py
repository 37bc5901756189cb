"""Run one core job at a time on a QThread owned by the window.

Core jobs are plain callables ``job(token) -> result`` or generators that yield
progress events and return a result.  The GUI never calls torch itself: it hands
the job to :class:`JobRunner`, which forwards it to a worker QObject living on its
own QThread, and listens to the runner's signals.  Everything that happens in the
job crosses back to the GUI thread as a signal: progress events, the result,
errors (as one readable line; the traceback goes to the log), Python warnings and
cancellation.  :meth:`JobRunner.shutdown` is the one way the thread ends: request
stop, quit the event loop, wait.
"""

from __future__ import annotations

import inspect
import logging
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from googlenet_gui.core.errors import GoogLeNetGuiError, JobCancelled
from googlenet_gui.core.jobs import CancelToken

from googlenet_gui.ui.i18n import translate
from googlenet_gui.ui.work.gc_guard import ensure_gui_thread_gc

log = logging.getLogger(__name__)

Job = Callable[[CancelToken], "Iterator[Any] | Any"]

#: Every worker thread a runner created; tests assert they are all finished afterwards.
_THREADS: "weakref.WeakSet[QThread]" = weakref.WeakSet()


def running_job_threads() -> list[QThread]:
    """Worker threads that are still running (a test leaving one behind fails)."""
    # A deleted C++ thread is not running: Qt aborts rather than destroy a running QThread.
    return [thread for thread in list(_THREADS) if shiboken6.isValid(thread) and thread.isRunning()]


def error_message(error: BaseException) -> str:
    """A one-line message for the window: the user-facing sentence, or a short summary of a bug."""
    if isinstance(error, GoogLeNetGuiError):
        return str(error)
    if isinstance(error, MemoryError):
        return translate("JobRunner", "Out of memory: try a smaller image or batch, or the CPU device.")
    first_line = (str(error).strip().splitlines() or [""])[0]
    summary = f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__
    return translate("JobRunner", "Unexpected error ({summary}); details are in the log.").format(summary=summary)


class _Worker(QObject):
    """Lives on the worker thread and runs one job per ``run`` call."""

    progress = Signal(int, object)
    finished = Signal(int, object)
    failed = Signal(int, str)
    warned = Signal(int, str)
    cancelled = Signal(int)

    @Slot(int, object, object)
    def run(self, job_id: int, job: Job, token: CancelToken) -> None:
        """Run ``job``; warnings raised on this thread are forwarded, not printed or raised."""
        worker_ident = threading.get_ident()
        with warnings.catch_warnings():
            # catch_warnings swaps global state (Python < 3.14); route by thread so GUI-thread
            # warnings still reach the original handler while this job runs.
            warnings.simplefilter("always")
            original_show = warnings.showwarning

            def route(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001
                if threading.get_ident() == worker_ident:
                    self.warned.emit(job_id, f"{category.__name__}: {message}")
                else:
                    original_show(message, category, filename, lineno, file, line)

            warnings.showwarning = route
            self._run_guarded(job_id, job, token)

    def _run_guarded(self, job_id: int, job: Job, token: CancelToken) -> None:
        try:
            token.raise_if_cancelled()
            result = job(token)
            if inspect.isgenerator(result):
                result = self._drain(job_id, result, token)
        except JobCancelled:
            self.cancelled.emit(job_id)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message, never a crash
            if not isinstance(error, GoogLeNetGuiError):
                log.exception("job %d failed", job_id)
            self.failed.emit(job_id, error_message(error))
        else:
            self.finished.emit(job_id, result)

    def _drain(self, job_id: int, generator: Iterator[Any], token: CancelToken) -> Any:
        """Emit every yielded event; stop between events once cancelled."""
        try:
            while True:
                event = next(generator)
                self.progress.emit(job_id, event)
                if token.cancelled:
                    generator.close()
                    raise JobCancelled()
        except StopIteration as stop:
            return stop.value


class JobRunner(QObject):
    """Runs one job at a time off the GUI thread and reports through signals.

    Signals carry plain objects: ``progress(event)``, ``finished(result)``,
    ``failed(message)``, ``warned(message)``, ``cancelled()``, and ``busy_changed(bool)``
    so a window can show a spinner and enable its cancel button.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    warned = Signal(str)
    cancelled = Signal()
    busy_changed = Signal(bool)
    _run_requested = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        ensure_gui_thread_gc()  # Python now runs on a worker: keep Qt wrapper finalisers off it
        self._thread = QThread(self)
        self._thread.setObjectName("googlenet-gui-worker")
        _THREADS.add(self._thread)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._run_requested.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.warned.connect(self._on_warned)
        self._worker.cancelled.connect(self._on_cancelled)
        self._token: CancelToken | None = None
        self._job_id = 0
        self._label = ""
        self._busy = False
        self._shut_down = False
        self._thread.start()

    # ----------------------------------------------------------------- control
    def start(self, job: Job, label: str = "") -> None:
        """Queue ``job`` on the worker; raises RuntimeError if one is running (check is_busy())."""
        if self._shut_down:
            raise RuntimeError("the job runner was shut down")
        if self._busy:
            raise RuntimeError(f"a job is already running: {self._label}")
        self._job_id += 1
        self._token = CancelToken()
        self._label = label
        self._set_busy(True)
        self._run_requested.emit(self._job_id, job, self._token)

    @Slot()
    def cancel(self) -> None:
        """Ask the running job to stop at its next safe point (between steps)."""
        if self._token is not None and self._busy:
            self._token.cancel()

    def is_shut_down(self) -> bool:
        """True once :meth:`shutdown` ran (the window closed): nothing may be started."""
        return self._shut_down

    def is_busy(self) -> bool:
        return self._busy

    def label(self) -> str:
        """What the current (or last) job is doing, for the status bar."""
        return self._label

    def shutdown(self) -> None:
        """The one shutdown path: request stop, quit the thread's loop, wait for it."""
        self._shut_down = True
        if self._token is not None:
            self._token.cancel()
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait()
        self._set_busy(False)

    # ------------------------------------------------------ worker -> GUI thread
    def _current(self, job_id: int) -> bool:
        return job_id == self._job_id and not self._shut_down

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    @Slot(int, object)
    def _on_progress(self, job_id: int, event: object) -> None:
        if self._current(job_id):
            self.progress.emit(event)

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: object) -> None:
        if self._current(job_id):
            self._set_busy(False)
            self.finished.emit(result)

    @Slot(int, str)
    def _on_failed(self, job_id: int, message: str) -> None:
        if self._current(job_id):
            self._set_busy(False)
            self.failed.emit(message)

    @Slot(int, str)
    def _on_warned(self, job_id: int, message: str) -> None:
        if self._current(job_id):
            self.warned.emit(message)

    @Slot(int)
    def _on_cancelled(self, job_id: int) -> None:
        if self._current(job_id):
            self._set_busy(False)
            self.cancelled.emit()
