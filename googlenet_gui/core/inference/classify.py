"""Batch classification: many images in, one :class:`Classification` per image out, in order.

Decoding and preprocessing run a couple of batches ahead of the forward pass
(:mod:`.batching`), so the CPU decodes the next batch while the network runs the
current one.  On ONNX Runtime batches run side by side, one per core on 2 cores
(:func:`.batching.side_by_side` says why).  One bad file becomes
a ``Classification`` with ``error`` set and the rest carry on, because a folder of
10,000 photos with one broken JPEG should still give 9,999 answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np
import torch

from googlenet_gui.core.inference.batching import ONNX_MIN_IMAGES, ImageInput, Prepared, expand_inputs, in_input_order, run_batches, side_by_side
from googlenet_gui.core.inference.devices import run_with_oom_fallback
from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.inference.predictions import heads_from_logits
from googlenet_gui.core.checkpoints.loading import LoadedModel
from googlenet_gui.core.inference.results import Classification, HeadResult

ProgressCallback = Callable[[int, int], None]




def classify(loaded: LoadedModel, inputs: ImageInput | Iterable[ImageInput], top_k: int = 5,
             batch_size: int = 16, cancel: Callable[[], bool] | None = None,
             on_progress: ProgressCallback | None = None,
             workers: int | None = None) -> Iterator[Classification]:
    """Yield one :class:`Classification` per image, in input order (folders expanded, sorted).

    ``loaded`` is a :class:`~googlenet_gui.core.checkpoints.loading.LoadedModel`.  ``cancel`` (a
    :class:`~googlenet_gui.core.jobs.CancelToken` or any ``() -> bool``) is checked
    before every batch; once set, :class:`JobCancelled` is raised from the generator.
    ``on_progress(done, total)`` is called after every batch.  ``workers`` threads decode
    (default :func:`.batching.default_workers`).
    """
    items = expand_inputs(inputs)
    total = len(items)
    prep = loaded.preprocessing
    onnx = _onnx_heads(loaded) if total >= ONNX_MIN_IMAGES else None
    runs = side_by_side(torch.get_num_threads())[0] if onnx is not None else 1
    done = 0
    for results in run_batches(items, prep, lambda chunk: _classify_chunk(loaded, chunk, top_k, onnx),
                               batch_size, runs, decoders=workers, cancel=cancel):
        yield from results
        done += len(results)
        if on_progress is not None:
            on_progress(done, total)


def _onnx_heads(loaded: LoadedModel):  # noqa: ANN202 - OnnxInspector | None
    """The ONNX Runtime session that serves this model's batches, or None where PyTorch does.

    Built here, before any batch runs, so the batches that run side by side share one.
    """
    from googlenet_gui.core.accel.onnx_backend import inspector_for

    return inspector_for(loaded.inference_model, loaded.preprocessing.crop, "heads")


def _classify_chunk(loaded: LoadedModel, chunk: list[Prepared], top_k: int,
                    onnx) -> list[Classification]:  # noqa: ANN001 - OnnxInspector | None
    """One forward pass over the chunk's decodable images; failed ones keep their place."""
    good = [item for item in chunk if item.array is not None]
    heads: list[dict[str, HeadResult]] = []
    if good:
        batch = torch.from_numpy(np.stack([item.array for item in good]))
        try:
            heads = run_with_oom_fallback(lambda: _forward_heads(loaded, batch, top_k, onnx), loaded)
        except RuntimeError as error:  # e.g. a crop too small for AvgPool2d(7): a model problem
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            height, width = batch.shape[-2:]
            raise GoogLeNetGuiError(f"The model cannot classify {height}x{width} inputs: {reason}") from None
    return in_input_order(chunk, heads)


def _forward_heads(loaded: LoadedModel, batch: torch.Tensor, top_k: int,
                   onnx) -> list[dict[str, HeadResult]]:  # noqa: ANN001 - OnnxInspector | None
    """Batched forward of every head; reads model and device at call time (OOM retry on CPU)."""
    with torch.inference_mode():
        if onnx is not None:  # the stacked NCHW batch is ONNX Runtime's input as it is: no copy
            logits = onnx.heads(batch)
        else:
            model = loaded.inference_model
            x = batch.to(loaded.device, non_blocking=True).contiguous(memory_format=torch.channels_last)
            logits = model.forward_heads(x, with_aux=model.has_aux)
        return heads_from_logits(logits, loaded.label, top_k, aux_trained=loaded.aux_trained)
