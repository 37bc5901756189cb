"""Feature visualisation: an image optimised to excite one channel (or class logit), cached on disk.

A job generator, like every long job in core: it yields a :class:`VisualizeProgress` after
every step (with a preview image every few steps), checks its cancel flag before each
step, reports ``on_progress(step, steps)`` and finally yields and returns a
:class:`Visualization`.  Each step renders the Fourier-parameterised image
(:mod:`.param`), moves it at random (:mod:`.transforms`), normalises it as the model's
preprocessing does, runs the eager model only up to the unit (:mod:`.objectives`), and
takes one Adam step on the spectrum.  The model comes through the engine seam
(``engine_for(loaded, purpose="explain")``: gradients need the eager model), with its
weights frozen and eval mode set for each step only, so a model shared with the window is
left as it was between steps.

Results are cached (:mod:`.cache`) by the weights' hash, the unit and every setting that
changes the picture, so a channel computed once opens instantly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import torch

from googlenet_gui.core.errors import ExplainError, GoogLeNetGuiError
from googlenet_gui.core.features import cache
from googlenet_gui.core.features.objectives import (
    Unit, channel_count, forward_to, objective, parse_unit, response_source, similarity,
)
from googlenet_gui.core.features.param import FourierImage, normalized
from googlenet_gui.core.features.transforms import random_views
from googlenet_gui.core.images.preprocessing import MAX_IMAGE_SIZE
from googlenet_gui.core.inference.engine import engine_for
from googlenet_gui.core.jobs import ProgressCallback, result_of, yield_and_return
from googlenet_gui.core.network.hooks import frozen_eval

#: Weight of the diversity term against the objective (see :func:`_loss`), when several images are asked for.
DEFAULT_DIVERSITY = 3.0
#: A step's preview image is made this often (and at the last step).
PREVIEW_EVERY = 16
#: Pictures kept in the cache (~20-50 kB each at 128 px): more than GoogLeNet's Inception channels.
KEEP_PICTURES = 8192
MIN_SIZE = 32


@dataclass(frozen=True)
class VisualizeSettings:
    """Everything that shapes the picture; the defaults suit a CPU (128 px, 256 steps: seconds to a minute)."""

    steps: int = 256
    size: int = 128
    seed: int = 0
    negative: bool = False  # minimise instead: what switches the unit off
    images: int = 1  # more than 1: a batch made to differ (the diversity term)
    diversity: float = DEFAULT_DIVERSITY
    lr: float = 0.05  # Adam on the spectrum

    def check(self) -> VisualizeSettings:
        """Self, or an :class:`ExplainError` naming the setting that cannot work."""
        if self.steps < 1:
            raise ExplainError(f"steps must be at least 1, got {self.steps}")
        if not MIN_SIZE <= self.size <= MAX_IMAGE_SIZE:
            raise ExplainError(f"size must be {MIN_SIZE} to {MAX_IMAGE_SIZE} pixels, got {self.size}")
        if not 1 <= self.images <= 64:
            raise ExplainError(f"images must be 1 to 64, got {self.images}")
        if not (self.lr > 0 and self.diversity >= 0):
            raise ExplainError(f"the learning rate must be above 0 and the diversity weight at least 0, "
                               f"got {self.lr} and {self.diversity}")
        return self


@dataclass
class VisualizeProgress:
    """One step done: the objective of that step's moved view, and now and then the images so far."""

    done: int
    total: int
    objective: float
    preview: np.ndarray | None = None  # (N, H, W, 3) uint8


@dataclass
class Visualization:
    """The optimised images of one unit, with the objective before and after (untransformed images)."""

    layer: str
    channel: int
    settings: VisualizeSettings
    images: np.ndarray  # (N, H, W, 3) uint8
    objective_start: list[float]
    objective_end: list[float]
    seconds: float
    steps_done: int
    cached: bool = False
    cancelled: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def image(self) -> np.ndarray:
        """The first (or only) image, (H, W, 3) uint8."""
        return self.images[0]

    def strip(self, gap: int = 4) -> np.ndarray:
        """Every image side by side on white, (H, N * W + gaps, 3) uint8: what ``--out`` saves."""
        count, height, width, _ = self.images.shape
        strip = np.full((height, count * width + (count - 1) * gap, 3), 255, np.uint8)
        for index, image in enumerate(self.images):
            left = index * (width + gap)
            strip[:, left:left + width] = image
        return strip

    def to_json(self) -> dict[str, Any]:
        """The ``visualize --json`` record (objectives are means over the images; per image in ``objectives``)."""
        s = self.settings
        return {"layer": self.layer, "channel": self.channel, "steps": s.steps, "size": s.size, "seed": s.seed,
                "negative": s.negative, "images": s.images,
                "objective_start": float(np.mean(self.objective_start)),
                "objective_end": float(np.mean(self.objective_end)),
                "objectives": [{"start": a, "end": b} for a, b in zip(self.objective_start, self.objective_end)],
                "seconds": round(self.seconds, 3), "steps_done": self.steps_done, "cached": self.cached,
                "cancelled": self.cancelled}


def visualize(loaded: Any, layer: str, channel: int, steps: int = 256, size: int = 128, seed: int = 0,
              negative: bool = False, images: int = 1, diversity: float = DEFAULT_DIVERSITY,
              cancel: Callable[[], bool] | None = None, on_progress: ProgressCallback | None = None,
              use_cache: bool = True) -> Visualization:
    """The picture that excites (``negative``: quiets) ``channel`` of ``layer`` most; see :func:`iter_visualize`.

    ``layer`` is a module or ``MODULE.BRANCH`` as ``explain`` takes them, or a head
    (``main``, ``aux1``, ``aux2``) with ``channel`` a class index.
    """
    settings = VisualizeSettings(steps, size, seed, negative, images, diversity)
    return result_of(iter_visualize(loaded, layer, channel, settings, cancel, on_progress, use_cache=use_cache))


def iter_visualize(loaded: Any, layer: str, channel: int, settings: VisualizeSettings | None = None,
                   cancel: Callable[[], bool] | None = None, on_progress: ProgressCallback | None = None,
                   preview_every: int = PREVIEW_EVERY,
                   use_cache: bool = True) -> Generator[VisualizeProgress | Visualization, None, Visualization]:
    """The job: progress after each step, then the :class:`Visualization` (also the return value).

    A cached result is returned at once (``cached`` true).  When ``cancel()`` turns true the
    images so far come back with ``cancelled`` true (and are not cached).
    """
    settings = (settings or VisualizeSettings()).check()
    started = time.perf_counter()
    model = engine_for(loaded, purpose="explain").model
    unit = parse_unit(model, layer, channel)
    path = cache.entry_path("visualize", _key(loaded, unit, settings)) if use_cache else None
    found = _from_cache(path, unit, settings, started)
    if found is not None:
        return (yield from yield_and_return(found))
    run = VisualizationRun(loaded, unit, settings)
    start = run.measure()
    for step in range(settings.steps):
        if cancel is not None and cancel():
            return (yield from yield_and_return(run.result(start, step, started, cancelled=True)))
        value = run.step()
        if on_progress is not None:
            on_progress(step + 1, settings.steps)
        last = step + 1 == settings.steps
        preview = run.param.pixels() if last or (step + 1) % max(1, preview_every) == 0 else None
        yield VisualizeProgress(step + 1, settings.steps, value, preview)
    result = run.result(start, settings.steps, started)
    cache.store(path, {"images": result.images}, _meta(result), KEEP_PICTURES)
    return (yield from yield_and_return(result))


def is_cached(loaded: Any, layer: str, channel: int, settings: VisualizeSettings | None = None) -> bool:
    """Whether this picture would open from the cache (the window marks such channels)."""
    unit = parse_unit(engine_for(loaded, purpose="explain").model, layer, channel)
    path = cache.entry_path("visualize", _key(loaded, unit, settings or VisualizeSettings()))
    return path is not None and path.is_file()


def cached_visualization(loaded: Any, layer: str, channel: int,
                         settings: VisualizeSettings | None = None) -> Visualization | None:
    """The stored picture, computing nothing: None if absent or the weights' hash is not known yet.

    WHY: the window asks on its GUI thread, so a channel computed once opens without a job;
    the hash itself (:func:`cache.known_model_key`) is left to the worker's first job.
    """
    model_key = cache.known_model_key(loaded)
    if model_key is None:
        return None
    settings = (settings or VisualizeSettings()).check()
    unit = parse_unit(loaded.model, layer, channel)
    path = cache.entry_path("visualize", _unit_key(model_key, unit, settings))
    return _from_cache(path, unit, settings, time.perf_counter())


def iter_branch(loaded: Any, layer: str, settings: VisualizeSettings | None = None,
                cancel: Callable[[], bool] | None = None, on_progress: ProgressCallback | None = None,
                ) -> Generator[VisualizeProgress | Visualization, None, list[Visualization]]:
    """"Visualise this branch": every channel of ``layer``, the cached ones first (they show at once).

    Yields each channel's progress and its :class:`Visualization`; ``on_progress(channels
    done, channels)``; returns the results in the order made.  Stops after a cancelled channel.
    """
    model = engine_for(loaded, purpose="explain").model
    first = parse_unit(model, layer, 0)
    count = model.num_classes if first.head is not None else channel_count(model, first.target)
    order = sorted(range(count), key=lambda c: (not is_cached(loaded, layer, c, settings), c))
    results: list[Visualization] = []
    for channel in order:
        result = yield from iter_visualize(loaded, layer, channel, settings, cancel)
        results.append(result)
        if result.cancelled:
            break
        if on_progress is not None:
            on_progress(len(results), count)
    return results


class VisualizationRun:
    """One optimisation: the model, the unit's source module, the image parameters and Adam.

    Public so a benchmark can time :meth:`step` alone; jobs use :func:`iter_visualize`.
    """

    def __init__(self, loaded: Any, unit: Unit, settings: VisualizeSettings) -> None:
        self.model = engine_for(loaded, purpose="explain").model
        self.prep = loaded.preprocessing
        self.unit, self.settings = unit, settings
        self.source, self.index = response_source(self.model, unit)
        self.aux = unit.head in ("aux1", "aux2")
        self.random = torch.Generator().manual_seed(settings.seed)
        self.param = FourierImage(settings.images, settings.size, self.random, loaded.device)
        self.optimizer = torch.optim.Adam([self.param.spectrum], lr=settings.lr)

    def response(self, rgb: torch.Tensor) -> torch.Tensor:
        """The unit's source output for these pixels; a size the model cannot run is a clear error."""
        try:
            return forward_to(self.model, self.source, normalized(rgb, self.prep), self.aux)
        except RuntimeError as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise GoogLeNetGuiError(f"{self.unit.layer} cannot be computed for {self.settings.size} px images "
                                    f"({reason}); try a larger size") from None

    def step(self) -> float:
        """One Adam step on a randomly moved view; returns that view's mean objective."""
        with frozen_eval(self.model), torch.enable_grad():
            response = self.response(random_views(self.param.rgb(), self.random))
            values = objective(response, self.index)
            loss = self._loss(values, response)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
        _unit_rms(self.param.spectrum.grad)
        self.optimizer.step()
        return float(values.detach().mean())

    def _loss(self, values: torch.Tensor, response: torch.Tensor) -> torch.Tensor:
        """Minus the objective (plus it when ``negative``), plus the diversity term for several images.

        WHY divided by the response's mean size (held constant for the step): Adam's
        epsilon swamps gradients below ~1e-8, which a random model's deep channels give, and
        the diversity term (a cosine similarity) is scale-free; so the objective is made
        scale-free too, and one learning rate and one diversity weight serve a trained model
        whose channels reach tens and a random one whose channels stay near 1e-10.
        """
        sign = 1.0 if self.settings.negative else -1.0
        size = response.detach().abs().mean().clamp(min=torch.finfo(response.dtype).tiny)
        loss = sign * values.sum() / size
        if self.settings.images > 1 and self.settings.diversity > 0:
            loss = loss + self.settings.diversity * values.shape[0] * similarity(response)
        return loss

    def measure(self) -> list[float]:
        """The objective of each image as it is now (not moved), without gradients."""
        with frozen_eval(self.model), torch.no_grad():
            values = objective(self.response(self.param.rgb()), self.index)
        return [float(v) for v in values]

    def result(self, start: list[float], steps_done: int, started: float, cancelled: bool = False) -> Visualization:
        return Visualization(self.unit.layer, self.unit.channel, self.settings, self.param.pixels(), start,
                             self.measure(), time.perf_counter() - started, steps_done, cancelled=cancelled)


def _unit_rms(grad: torch.Tensor) -> None:
    """Scale the gradient to root-mean-square 1, in place (a zero gradient stays zero).

    WHY: Adam divides by the gradient's running size plus an epsilon of 1e-8; a model whose
    unit barely depends on the input (random weights, large BatchNorm offsets) gives
    gradients far below that, and Adam would then not move at all.
    """
    rms = grad.pow(2).mean().sqrt()
    if rms > 0:
        grad.div_(rms)


def _key(loaded: Any, unit: Unit, settings: VisualizeSettings) -> str:
    return _unit_key(cache.model_key(loaded), unit, settings)


def _unit_key(model_key: str, unit: Unit, settings: VisualizeSettings) -> str:
    return cache.entry_key("visualize", model_key, unit.layer, unit.channel, asdict(settings))


def _meta(result: Visualization) -> dict[str, Any]:
    return {"layer": result.layer, "channel": result.channel, "objective_start": result.objective_start,
            "objective_end": result.objective_end, "seconds": result.seconds}


def _from_cache(path: Any, unit: Unit, settings: VisualizeSettings, started: float) -> Visualization | None:
    """The stored picture for this key, if it is there and is what it claims to be."""
    found = cache.load(path)
    if found is None:
        return None
    arrays, meta = found
    images = arrays.get("images")
    expected = (settings.images, settings.size, settings.size, 3)
    if images is None or images.shape != expected or meta.get("layer") != unit.layer \
            or meta.get("channel") != unit.channel:
        return None
    return Visualization(unit.layer, unit.channel, settings, images, list(meta["objective_start"]),
                         list(meta["objective_end"]), time.perf_counter() - started, settings.steps, cached=True,
                         notes=[f"from the cache (computed in {meta.get('seconds', 0):.1f} s)"])
