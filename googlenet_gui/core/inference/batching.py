"""Inputs of a batch job in order, decoded a bounded distance ahead of the forward pass.

Shared by :mod:`.classify` (PyTorch or ONNX Runtime) and :mod:`.cached_classify` (ONNX
Runtime without torch), so it imports neither: decoding runs in a small thread pool
(Pillow releases the GIL while it decodes and resizes) while the network runs the
current batch, and at most ``depth`` decoded images wait, whatever the folder's size.
:func:`run_batches` also runs whole batches side by side and answers in input order.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

import numpy as np
from PIL import Image

from googlenet_gui.core.errors import GoogLeNetGuiError, JobCancelled
from googlenet_gui.core.images.files import iter_image_paths
from googlenet_gui.core.images.decode import PASTED_NAME, LoadedImage, load_image, preprocessed_array
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.inference.results import Classification, HeadResult

#: Below this many images the one-off ONNX Runtime set-up costs about what it saves, so
#: small jobs stay on PyTorch.  Chosen when the TorchScript exporter took ~1 s; measured
#: again with the graph writer (~0.1 s): hashing the weights, writing and syncing the
#: cache file and opening the session still cost ~0.65 s against ~45 ms saved an image
#: on 2 cores, so ``classify`` of 16 images took 0.74-0.91 s on PyTorch and 0.99-1.24 s
#: on ONNX Runtime, and break-even is near 20 images.
ONNX_MIN_IMAGES = 32

#: At most this many batches run side by side, however many cores: each holds its own
#: activations (ONNX Runtime's peak for a batch of 16 is ~150 MB) and decoded images.
MAX_SIDE_BY_SIDE = 4

#: What batch jobs accept per item: a path or folder, raw bytes, or an already decoded image.
ImageInput = str | os.PathLike | bytes | LoadedImage | Image.Image

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Prepared:
    """One input after decoding: its network input (a (3, crop, crop) float32 array), or why it has none."""

    name: str
    array: np.ndarray | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)


def default_workers() -> int:
    """Two decoders keep up with the forward pass on a small CPU; more only fight it for cores."""
    return max(2, min(4, (os.cpu_count() or 2) // 2))


def side_by_side(threads: int) -> tuple[int, int]:
    """(batches run at once, ONNX Runtime threads for each) for a batch job on ``threads`` cores.

    WHY not one batch over every core: a batch split over the cores waits at every
    layer for its slowest part, and the decoding threads keep delaying one part.  On 2
    cores ONNX Runtime's batch of 16 took 370-380 ms in a ``classify`` run against 300 ms
    alone; two one-thread batches side by side took 650-680 ms each (325-340 ms a batch),
    and 256 JPEGs 5.7-5.9 s instead of 6.3-6.5 s, with the same answers (tested).
    """
    runs = max(1, min(threads, MAX_SIDE_BY_SIDE))
    return runs, max(1, threads // runs)


def expand_inputs(inputs: ImageInput | Iterable[ImageInput]) -> list[tuple[str, ImageInput]]:
    """(display name, source) per image; folders become their sorted image files."""
    if isinstance(inputs, (str, os.PathLike, bytes, bytearray, LoadedImage, Image.Image)):
        inputs = [inputs]
    items: list[tuple[str, ImageInput]] = []
    for item in inputs:
        if isinstance(item, (str, os.PathLike)):
            items.extend((str(path), path) for path in iter_image_paths([item]))
        elif isinstance(item, LoadedImage):
            items.append((item.name, item))
        elif isinstance(item, Image.Image):
            items.append((getattr(item, "filename", "") or "image", item))
        else:
            items.append((PASTED_NAME, bytes(item)))
    return items


def prepare_item(name: str, source: ImageInput, prep: Preprocessing) -> Prepared:
    """Decode + preprocess one input into a (3, crop, crop) float32 array; errors become data.

    NumPy only (``images.preprocessed_array``, which ``images.preprocess`` wraps as a tensor),
    so the torch-free path can use it and both batch paths feed the network the same numbers.
    """
    try:
        if isinstance(source, LoadedImage):
            picture = source
        elif isinstance(source, Image.Image):
            picture = LoadedImage(source, name, [])
        else:
            picture = load_image(source, name=name)
        return Prepared(name, preprocessed_array(picture.image, prep), notes=list(picture.notes))
    except GoogLeNetGuiError as error:
        return Prepared(name, error=str(error))


def prefetch(pool: ThreadPoolExecutor, items: list[tuple[str, ImageInput]], prep: Preprocessing,
             depth: int) -> Iterator[Prepared]:
    """:func:`prepare_item` of every item, in input order, at most ``depth`` ahead."""
    return ordered_map(pool, items, lambda item: prepare_item(*item, prep), depth)


def ordered_map(pool: ThreadPoolExecutor, jobs: Iterable[T], run: Callable[[T], R], depth: int) -> Iterator[R]:
    """``run(job)`` of every job on ``pool``, yielded in input order, at most ``depth`` submitted ahead.

    ``jobs`` is pulled lazily on the caller's thread, so an exception it raises (a
    cancel check) stops the loop there; the caller's ``pool.shutdown`` settles the rest.
    """
    pending: deque[Future[R]] = deque()
    queue = iter(jobs)
    for job in islice(queue, max(1, depth)):
        pending.append(pool.submit(run, job))
    while pending:
        result = pending.popleft().result()
        for job in islice(queue, 1):
            pending.append(pool.submit(run, job))
        yield result


def run_batches(items: list[tuple[str, ImageInput]], prep: Preprocessing,
                run_chunk: Callable[[list[Prepared]], R], batch_size: int, runs: int = 1,
                decoders: int | None = None, cancel: Callable[[], bool] | None = None,
                ) -> Iterator[R]:
    """``run_chunk`` of each batch of prepared items, ``runs`` batches at once, yielded in input order.

    The one pipeline of the batch paths (classify, and the dataset examples' pass, whose
    ``run_chunk`` returns its own records): ``decoders`` threads (default
    :func:`default_workers`) prepare items for ``prep`` a bounded distance ahead; ``cancel`` is checked
    before waiting on each batch and raises :class:`JobCancelled`.  Closing the generator
    waits for the batches in flight and leaves no thread behind.
    """
    batch_size, runs = max(1, int(batch_size)), max(1, runs)
    decode_pool = ThreadPoolExecutor(max_workers=decoders or default_workers(), thread_name_prefix="decode")
    run_pool = ThreadPoolExecutor(max_workers=runs, thread_name_prefix="classify")
    try:
        prepared = prefetch(decode_pool, items, prep, depth=(runs + 1) * batch_size)
        yield from ordered_map(run_pool, _until_cancelled(chunked(prepared, batch_size), cancel), run_chunk,
                               depth=runs + 1)
    finally:
        run_pool.shutdown(wait=True, cancel_futures=True)
        decode_pool.shutdown(wait=True, cancel_futures=True)


def _until_cancelled(chunks: Iterator[list[Prepared]], cancel: Callable[[], bool] | None) -> Iterator[list[Prepared]]:
    """``chunks``, checking ``cancel`` before waiting on each one's decoding."""
    while True:
        if cancel is not None and cancel():
            raise JobCancelled()
        chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    queue = iter(items)
    while chunk := list(islice(queue, max(1, size))):
        yield chunk


def in_input_order(chunk: list[Prepared], heads: list[dict[str, HeadResult]]) -> list[Classification]:
    """One result per input of ``chunk``: ``heads`` (one per decodable input) or its error, in place."""
    per_image = iter(heads)
    return [Classification(item.name, error=item.error, notes=item.notes) if item.array is None
            else Classification(item.name, heads=next(per_image), notes=item.notes)
            for item in chunk]
