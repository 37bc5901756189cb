"""The jobs the window hands to its worker thread (no Qt here, only plain data out).

Everything slow happens in these functions: decoding and fetching images, loading
checkpoints, the forward pass, converting tensors to NumPy and laying out mosaics.
What they return (:class:`ModelBundle`, :class:`InspectionView`, :class:`ThumbResult`)
holds only NumPy arrays and Python objects, so the GUI thread merely copies pixels
into existing pyqtgraph items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from inspect import isgeneratorfunction
from typing import Any, TypeVar

import numpy as np

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.images.fetch import fetch_url, url_name
from googlenet_gui.core.jobs import CancelToken
from googlenet_gui.core.inference.results import HeadResult, Inspection

from googlenet_gui.ui.i18n import translate
from googlenet_gui.ui.views.viewdata import InspectionView, build_inspection_view

THUMB_SIZE = 96
T = TypeVar("T")


@dataclass(frozen=True)
class ImageSource:
    """Where an image comes from: a file path, a web URL, or raw bytes (paste, drag data)."""

    kind: str  # "path" | "url" | "bytes"
    value: str | bytes
    name: str

    @staticmethod
    def path(path: str) -> "ImageSource":
        return ImageSource("path", str(path), str(path))

    @staticmethod
    def url(url: str) -> "ImageSource":
        return ImageSource("url", url, url)

    @staticmethod
    def data(data: bytes, name: str) -> "ImageSource":
        return ImageSource("bytes", bytes(data), name)

    @property
    def short_name(self) -> str:
        from pathlib import Path

        if self.kind == "url":
            return url_name(str(self.value))
        return Path(self.name).name or self.name


@dataclass
class ModelBundle:
    """A loaded model plus what the window shows about it, computed off the GUI thread."""

    loaded: Any  # core.loading.LoadedModel
    info: dict[str, Any]
    ops: Any | None  # core.ops.OpsTable, once counted
    ops_error: str | None = None
    ops_requested: bool = False  # the count job was started (it runs once per model)


@dataclass
class ThumbResult:
    """One queued image after classification: its top-k per head or its error."""

    key: int
    thumb: np.ndarray | None  # (h, w, 3) uint8
    heads: dict[str, HeadResult] = field(default_factory=dict)
    error: str | None = None


@dataclass
class CompareResult:
    """The same image under the previous and the new model."""

    image: str
    before: dict[str, HeadResult]
    after: dict[str, HeadResult]
    before_name: str
    after_name: str


def read_source(source: ImageSource, token: CancelToken | None = None):
    """Decode ``source`` into a ``LoadedImage`` (fetching URLs with a cap and a timeout)."""
    from googlenet_gui.core.images.decode import load_image

    if source.kind == "path":
        return load_image(source.value)
    if source.kind == "url":
        data = fetch_url(str(source.value), should_stop=token)
        return load_image(data, name=source.name)
    return load_image(source.value, name=source.name)


def thumbnail(image) -> np.ndarray:
    """A small RGB array of a PIL image for the thumbnail list."""
    small = image.copy()
    small.thumbnail((THUMB_SIZE, THUMB_SIZE))
    return np.ascontiguousarray(np.asarray(small.convert("RGB"), dtype=np.uint8))


def loading_label(weights: str | None) -> str:
    """What a model load is called in the status bar (the window's label and the job's own line)."""
    if weights:
        return translate("Jobs", "Loading {weights}").format(weights=weights)
    return translate("Jobs", "Loading default weights")


def moving_label(device: str) -> str:
    """What moving the model to ``device`` is called in the status bar."""
    return translate("Jobs", "Moving the model to {device}").format(device=device)


def load_model_job(weights: str | None, device: str, labels: str | None = None):
    """Job: load a checkpoint (or ``official``/``untrained``) and precompute what views need."""

    def job(token: CancelToken) -> Iterator[str]:
        from googlenet_gui.core.inference.engine import import_torch

        yield loading_label(weights) + "…"
        import_torch()  # the first time: torch loads without freezing the window
        from googlenet_gui.core.checkpoints.loading import load_model

        loaded = load_model(weights, device=device, labels=labels, progress=False)
        token.raise_if_cancelled()
        return bundle_for(loaded)  # the BN-folded copy is built after the first image (prepare_job)

    return job


def move_model_job(loaded: Any, device: str):
    """Job: the same model on another device (weights copied in the worker)."""

    def job(token: CancelToken) -> Iterator[str]:
        yield moving_label(device) + "…"
        return bundle_for(loaded.to(device))

    return job


def bundle_for(loaded: Any) -> ModelBundle:
    """Info for ``loaded``; its Table 1 is counted by :func:`count_ops_job` once the first
    image is on screen (the count takes ~0.1 s nobody should wait for before a prediction)."""
    return ModelBundle(loaded, loaded.info(), None)


def prepare_job(loaded: Any):
    """Job: build the BN-folded inference copy every later pass runs on (~0.15 s)."""

    def job(token: CancelToken) -> None:
        from googlenet_gui.core.inference.engine import folded_model

        folded_model(loaded)  # kept by the engine seam for every later pass

    return python_heavy(job)


def python_heavy(job: Callable[[CancelToken], T]) -> Callable[[CancelToken], T]:
    """``job`` run with the short switch interval (``core.inference.engine.responsive``).

    WHY: copying or walking a model module by module is ~0.1 s of Python; with CPython's
    5 ms interval, the GUI thread waited that long for each slot or paint it ran meanwhile.
    Plain functions only: a generator's body would run after the interval is restored.
    """
    if isgeneratorfunction(job):
        raise TypeError(f"python_heavy needs a plain function, not the generator {job.__name__}")

    def run(token: CancelToken) -> T:
        from googlenet_gui.core.inference.engine import responsive

        with responsive():
            return job(token)

    return run


def count_ops_job(loaded: Any):
    """Job: the live Table 1 of ``loaded`` at its own input size (its preprocessing's crop: a
    64 px model is not counted at 224 px); returns ``(table, None)`` or ``(None, error)``."""

    def job(token: CancelToken) -> tuple[Any, str | None]:
        from googlenet_gui.core.opcount.table import count_ops

        try:
            return count_ops(loaded.model, image_size=int(loaded.preprocessing.crop)), None
        except GoogLeNetGuiError as error:
            return None, str(error)

    return python_heavy(job)


def inspect_job(loaded: Any, source: ImageSource, key: int, layer: str | None = None):
    """Job: one inspected forward pass of ``source``, with ``layer``'s mosaics ready to draw."""

    def job(token: CancelToken) -> InspectionView:
        from googlenet_gui.core.inference.inspection import inspect

        picture = read_source(source, token)
        token.raise_if_cancelled()
        inspection: Inspection = inspect(loaded, picture, allow_eager=True)
        token.raise_if_cancelled()
        return build_inspection_view(inspection, key, thumbnail(picture.image), layer)

    return job


def classify_job(loaded: Any, queued: Sequence[tuple[int, ImageSource]], top_k: int = 5):
    """Job: top-k of every head for each queued image; yields one :class:`ThumbResult` each.

    One bad file yields its error and the queue carries on.  Cancel stops between images
    (the window uses that to put a newly selected image first).
    """

    def job(token: CancelToken) -> Iterator[ThumbResult]:
        from googlenet_gui.core.images.decode import preprocess
        from googlenet_gui.core.inference.classify import predict_heads

        for key, source in queued:
            token.raise_if_cancelled()
            try:
                picture = read_source(source, token)
                batch = preprocess(picture.image, loaded.preprocessing).unsqueeze(0)
                heads = predict_heads(loaded, batch, top_k, purpose="inspect")[0]
                yield ThumbResult(key, thumbnail(picture.image), heads)
            except GoogLeNetGuiError as error:
                yield ThumbResult(key, None, error=str(error))
        return len(queued)

    return job


def compare_job(before: Any, after: Any, source: ImageSource):
    """Job: classify one image with two models (the fine-tuned one and its predecessor)."""

    def job(token: CancelToken) -> CompareResult:
        from googlenet_gui.core.inference.inspection import inspect

        picture = read_source(source, token)
        first = inspect(before, picture).heads
        token.raise_if_cancelled()
        second = inspect(after, picture).heads
        return CompareResult(picture.name, first, second, before.name, after.name)

    return job


def report_status(step: Any) -> str:
    """The status line of a core ``ReportStep``, in the window's language."""
    return translate("ReportJob", "Report: {part} ({done} of {total})…").format(
        part=translate("ReportStep", step.text), done=step.done + 1, total=step.total)


def report_job(loaded: Any, source: ImageSource, layer: str, path: str, lang: str = "en"):
    """Job: the HTML report of ``source`` at ``layer`` in ``lang``, saved atomically at ``path``; yields status lines.

    Cancel stops it between parts (and between the 36 branch ablations); the old file then stays.
    """

    def job(token: CancelToken) -> Iterator[str]:
        from googlenet_gui.core.jobs import mapped
        from googlenet_gui.core.report.build import iter_report, write_report

        steps = iter_report(loaded, read_source(source, token), layer, token, lang)
        html = yield from mapped(steps, report_status)
        token.raise_if_cancelled()
        return str(write_report(path, html))

    return job
