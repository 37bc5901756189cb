"""Batch classification: many images in, one :class:`Classification` per image out, in order.

Decoding and preprocessing run a couple of batches ahead of the forward pass
(:mod:`.batching`), so the CPU decodes the next batch while the network runs the
current one.  One bad file becomes
a ``Classification`` with ``error`` set and the rest carry on, because a folder of
10,000 photos with one broken JPEG should still give 9,999 answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

import torch
from PIL import Image

from .batching import (ONNX_MIN_IMAGES, ImageInput, Prepared, default_workers, expand_inputs, in_input_order,
                       prefetch)
from .devices import run_with_oom_fallback
from .errors import GoogLeNetGuiError, JobCancelled
from .heads import heads_from_logits
from .images import LoadedImage, load_image, preprocess
from .loading import LoadedModel
from .preprocess import Preprocessing
from .results import Classification, HeadResult

ProgressCallback = Callable[[int, int], None]




def classify(loaded: LoadedModel, inputs: ImageInput | Iterable[ImageInput], top_k: int = 5,
             batch_size: int = 16, cancel: Callable[[], bool] | None = None,
             on_progress: ProgressCallback | None = None,
             workers: int | None = None) -> Iterator[Classification]:
    """Yield one :class:`Classification` per image, in input order (folders expanded, sorted).

    ``loaded`` is a :class:`~googlenet_gui.core.loading.LoadedModel`.  ``cancel`` (a
    :class:`~googlenet_gui.core.jobs.CancelToken` or any ``() -> bool``) is checked
    before every batch; once set, :class:`JobCancelled` is raised from the generator.
    ``on_progress(done, total)`` is called after every batch.
    """
    items = expand_inputs(inputs)
    total = len(items)
    prep = loaded.preprocessing
    batch_size = max(1, int(batch_size))
    pool = ThreadPoolExecutor(max_workers=workers or default_workers(), thread_name_prefix="decode")
    try:
        prepared = prefetch(pool, items, lambda name, source: _prepare(name, source, prep), depth=2 * batch_size)
        done = 0
        while done < total:
            if cancel is not None and cancel():  # before waiting on the next batch's decode
                raise JobCancelled()
            chunk = list(islice(prepared, batch_size))
            yield from _classify_chunk(loaded, chunk, top_k, use_onnx=total >= ONNX_MIN_IMAGES)
            done += len(chunk)
            if on_progress is not None:
                on_progress(done, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _prepare(name: str, source: ImageInput, prep: Preprocessing) -> Prepared:
    """Decode + preprocess one input (runs in a pool thread); errors become data."""
    try:
        if isinstance(source, LoadedImage):
            loaded_image = source
        elif isinstance(source, Image.Image):
            loaded_image = LoadedImage(source, name, [])
        else:
            loaded_image = load_image(source, name=name)
        return Prepared(name, preprocess(loaded_image.image, prep), notes=list(loaded_image.notes))
    except GoogLeNetGuiError as error:
        return Prepared(name, error=str(error))


def _classify_chunk(loaded: LoadedModel, chunk: list[Prepared], top_k: int,
                    use_onnx: bool) -> list[Classification]:
    """One forward pass over the chunk's decodable images; failed ones keep their place."""
    good = [item for item in chunk if item.tensor is not None]
    heads: list[dict[str, HeadResult]] = []
    if good:
        batch = torch.stack([item.tensor for item in good])
        try:
            heads = run_with_oom_fallback(lambda: _forward_heads(loaded, batch, top_k, use_onnx), loaded)
        except RuntimeError as error:  # e.g. a crop too small for AvgPool2d(7): a model problem
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            height, width = batch.shape[-2:]
            raise GoogLeNetGuiError(f"The model cannot classify {height}x{width} inputs: {reason}") from None
    return in_input_order(chunk, heads)


def _forward_heads(loaded: LoadedModel, batch: torch.Tensor, top_k: int,
                   use_onnx: bool) -> list[dict[str, HeadResult]]:
    """Batched forward of every head; reads model and device at call time (OOM retry on CPU)."""
    from .onnx_backend import inspector_for

    model = loaded.inference_model
    with torch.inference_mode():
        # Keyed on the inference copy, which is rebuilt whenever the weights change, so a
        # cached ONNX Runtime session (CPU, onnxruntime installed) can never be stale.
        onnx = inspector_for(model, batch.shape[-1], "heads") if use_onnx else None
        if onnx is not None:  # the stacked NCHW batch is ONNX Runtime's input as it is: no copy
            logits = onnx.heads(batch)
        else:
            x = batch.to(loaded.device, non_blocking=True).contiguous(memory_format=torch.channels_last)
            logits = model.forward_heads(x, with_aux=model.has_aux)
        return heads_from_logits(logits, loaded.label, top_k, aux_trained=loaded.aux_trained)


