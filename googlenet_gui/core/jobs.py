"""Cancellation and progress for long jobs, without Qt.

Long jobs (inference over a folder, fine-tuning, calibration) are plain generators in
``core`` that yield progress events and call :meth:`CancelToken.raise_if_cancelled`
between steps.  The CLI drives them directly; the window runs them on a QThread via
``googlenet_gui.ui.work.runner`` and flips the same token from the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from typing import Any, TypeVar

from googlenet_gui.core.errors import JobCancelled

#: The one progress callback of core: ``(done, total)`` in the job's own units (images, bytes);
#: ``total`` is 0 when it is not known yet (a download without a length).
ProgressCallback = Callable[[int, int], None]

T = TypeVar("T")
E = TypeVar("E")
U = TypeVar("U")


class CancelToken:
    """A thread-safe flag a job polls between steps (batches, images, epochs)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Stop the job at a safe point; the caller decides what to keep."""
        if self._event.is_set():
            raise JobCancelled()

    def __call__(self) -> bool:  # usable wherever a ``should_stop()`` callable is expected
        return self._event.is_set()


def yield_and_return(event: T) -> Generator[T, None, T]:
    """Generator helper: yield ``event`` and also return it, so a job's last event is both
    seen by ``for`` loops (the CLI) and is the generator's return value (the window's runner)."""
    yield event
    return event


def result_of(generator: Generator[Any, Any, T]) -> T:
    """Run a job generator to its end, ignoring its progress events; returns its return value."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value


def mapped(generator: Generator[E, Any, T], convert: Callable[[E], U]) -> Generator[U, None, T]:
    """``generator`` with each event passed through ``convert``, and the same return value.

    WHY: ``result = yield from mapped(job, to_status)`` lets the window's job show a core
    job's events as status lines and still get its result (a generator expression loses it).
    """
    while True:
        try:
            event = next(generator)
        except StopIteration as stop:
            return stop.value
        yield convert(event)
