"""The window's one worker, shared by eighteen kinds of job: which runs next, and what it was.

WHY a scheduler: the window has one worker thread for model work (a second one would
only compete for the same two cores), so every job waits for the one before it.  The
order is what the user sees first: a model they asked for, the comparison or the report
they asked for, the image they selected, the field of a unit they clicked, the Explain tab's work
while it is open, the Features tab's, Table 1, then the speed work and the rest of the queue.
The window lists where each kind of job comes from, in that order; this class asks
them in turn whenever the worker is idle and remembers what is running, so a new
request can cancel a job that should give way.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


class JobKind(enum.Enum):
    """Every job the window's worker runs."""

    MODEL = "model"  # load a checkpoint, or move the model to another device
    COMPARE = "compare"  # the previous and the new model on the current image
    REPORT = "report"  # File > Export report: the HTML report of the current image
    INSPECT = "inspect"  # the selected image: heads and every map
    EXPLAIN = "explain"  # the Explain tab: the CAM atlas of one head and class, or one extra map
    ABLATE = "ablate"  # the Explain tab: the three heads with branches switched off
    IMPORTANCE = "importance"  # the Explain tab: each of the 36 branches switched off alone
    OCCLUSION = "occlusion"  # the Explain tab: a grey patch slid over the image, for the large view
    FIELD = "field"  # the explorer: the effective receptive field of one clicked unit
    VISUALIZE = "visualize"  # the Features tab: the picture that excites one channel
    DICTIONARY = "dictionary"  # the Features tab: the strongest channels at one spot of the current image
    CROPS = "crops"  # the Features tab: one channel's top dataset examples, cropped to their fields
    EXAMPLES = "examples"  # the Features tab: a folder's pass recording every channel's top images
    BRANCH = "branch"  # the Features tab: every channel of a branch, for its mosaic
    OPS = "ops"  # the live Table 1
    PREPARE = "prepare"  # the BatchNorm-folded inference copy
    GRAPH = "graph"  # one step towards ONNX Runtime serving the window (ui.accel.graph_prep)
    CLASSIFY = "classify"  # top-1 for a chunk of the queue


#: Jobs that give way (are cancelled) when the user selects another image.
YIELD_TO_SELECTION = frozenset({JobKind.INSPECT, JobKind.CLASSIFY, JobKind.EXPLAIN, JobKind.ABLATE,
                                JobKind.IMPORTANCE, JobKind.OCCLUSION, JobKind.FIELD, JobKind.DICTIONARY})


@dataclass(frozen=True)
class Scheduled:
    """A job ready to start: ``job(token)`` runs on the worker, ``on_done(result)`` on the GUI thread."""

    kind: JobKind
    job: Callable[..., Any]
    label: str
    on_done: Callable[[object], None]


Source = Callable[[], "Scheduled | None"]


class JobScheduler:
    """Starts the first job any source offers whenever the runner is idle.

    ``sources`` are asked in order (most urgent first); ``started(scheduled)`` lets the
    window show the label; ``idle()`` runs when no source has anything to do.
    """

    def __init__(self, runner: Any, sources: Sequence[Source], started: Callable[[Scheduled], None],
                 idle: Callable[[], None]) -> None:
        self._runner = runner
        self._sources = list(sources)
        self._started = started
        self._idle = idle
        self.running: Scheduled | None = None

    def poke(self) -> None:
        """Start the most urgent job, unless the worker is busy or shut down."""
        if self._runner.is_busy() or self._runner.is_shut_down():
            return
        for source in self._sources:
            scheduled = source()
            if scheduled is not None:
                self.running = scheduled
                self._started(scheduled)
                self._runner.start(scheduled.job, scheduled.label)
                return
        self._idle()

    def running_kind(self) -> JobKind | None:
        """The kind of job on the worker now, or None."""
        return self.running.kind if self.running is not None else None

    def take_running(self) -> Scheduled | None:
        """The job that just ended (finished, failed or cancelled); the scheduler forgets it."""
        running, self.running = self.running, None
        return running
