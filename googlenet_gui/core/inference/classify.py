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

from googlenet_gui.core.checkpoints.loading import LoadedModel
from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.inference.batching import ImageInput, Prepared, expand_inputs, in_input_order, run_batches
from googlenet_gui.core.inference.devices import run_with_oom_fallback
from googlenet_gui.core.inference.engine import Purpose, batch_runs, engine_for
from googlenet_gui.core.inference.predictions import heads_from_logits
from googlenet_gui.core.inference.results import Classification, HeadResult
from googlenet_gui.core.jobs import ProgressCallback


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
    # chosen before any batch runs, so batches run side by side share one ONNX Runtime session
    runs = batch_runs(engine_for(loaded, "batch", images=total), torch.get_num_threads())
    done = 0
    for results in run_batches(items, loaded.preprocessing,
                               lambda chunk: _classify_chunk(loaded, chunk, top_k, total),
                               batch_size, runs, decoders=workers, cancel=cancel):
        yield from results
        done += len(results)
        if on_progress is not None:
            on_progress(done, total)


def _classify_chunk(loaded: LoadedModel, chunk: list[Prepared], top_k: int, total: int) -> list[Classification]:
    """One forward pass over the chunk's decodable images; failed ones keep their place."""
    good = [item for item in chunk if item.array is not None]
    heads: list[dict[str, HeadResult]] = []
    if good:
        batch = torch.from_numpy(np.stack([item.array for item in good]))
        try:
            heads = predict_heads(loaded, batch, top_k, "batch", images=total)
        except RuntimeError as error:  # e.g. a crop too small for AvgPool2d(7): a model problem
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            height, width = batch.shape[-2:]
            raise GoogLeNetGuiError(f"The model cannot classify {height}x{width} inputs: {reason}") from None
    return in_input_order(chunk, heads)


def predict_heads(loaded: LoadedModel, batch: torch.Tensor, top_k: int = 5, purpose: Purpose = "batch",
                  images: int = 1) -> list[dict[str, HeadResult]]:
    """Every head's top-k for a preprocessed batch: the one prediction step of the CLI, the API and the window.

    The engine is asked for at call time, so a CUDA out-of-memory retry runs on the CPU.
    """
    def forward() -> list[dict[str, HeadResult]]:
        logits = engine_for(loaded, purpose, images=images).heads(batch)
        return heads_from_logits(logits, loaded.label, top_k, aux_trained=loaded.aux_trained)

    return run_with_oom_fallback(forward, loaded)
