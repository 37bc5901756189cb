"""Occlusion sensitivity: slide a grey patch over the crop and record the drop in a class's probability.

A check that needs no gradients and no knowledge of the network, to hold the gradient
maps against.  Patches run in batches on the eager model; the job is a generator that
reports after each batch and stops at the next one when its cancel token is set.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from googlenet_gui.core.explain.cam import ClassMap
from googlenet_gui.core.inference.predictions import softmax
from googlenet_gui.core.jobs import CancelToken


@dataclass
class OcclusionProgress:
    """The map so far: ``drops`` is (rows, cols), NaN for patch positions not run yet."""

    done: int
    total: int
    drops: np.ndarray


def patch_positions(size: int, patch: int, stride: int) -> list[int]:
    """Top-left offsets along one axis; the last patch always touches the far edge."""
    last = max(size - patch, 0)
    offsets = list(range(0, last + 1, stride))
    return offsets if offsets[-1] == last else [*offsets, last]


def default_patch(crop: int) -> tuple[int, int]:
    """(patch, stride) in crop pixels: a seventh of the crop, half-overlapping, as ``explain`` and the window use."""
    patch = max(1, crop // 7)
    return patch, max(1, patch // 2)


def grey_value(mean: tuple[float, ...], std: tuple[float, ...]) -> Tensor:
    """Mid-grey (0.5 in every channel) after normalisation, as a (3, 1, 1) tensor."""
    return torch.tensor([(0.5 - m) / s for m, s in zip(mean, std)], dtype=torch.float32).view(3, 1, 1)


def iter_occlusion(engine, batch: Tensor, grey: Tensor, head: str, class_index: int, base_probability: float,
                   patch: int, stride: int, batch_size: int = 16,
                   cancel: CancelToken | None = None) -> Iterator[OcclusionProgress]:
    """Run every patch position through ``engine.heads`` (an eager :class:`TorchEngine`)."""
    _, _, height, width = batch.shape
    rows, cols = patch_positions(height, patch, stride), patch_positions(width, patch, stride)
    spots = [(r, c) for r in range(len(rows)) for c in range(len(cols))]
    drops = np.full((len(rows), len(cols)), np.nan, dtype=np.float32)
    grey = grey.to(batch.device, batch.dtype)
    for first in range(0, len(spots), batch_size):
        if cancel is not None:
            cancel.raise_if_cancelled()
        chunk = spots[first:first + batch_size]
        images = batch.repeat(len(chunk), 1, 1, 1)
        for i, (r, c) in enumerate(chunk):
            images[i, :, rows[r]:rows[r] + patch, cols[c]:cols[c] + patch] = grey
        probabilities = softmax(engine.heads(images)[head])[:, class_index]
        for (r, c), p in zip(chunk, probabilities):
            drops[r, c] = base_probability - float(p)
        yield OcclusionProgress(min(first + batch_size, len(spots)), len(spots), drops)


def occlusion_heatmap(drops: np.ndarray, size: tuple[int, int], patch: int, stride: int) -> np.ndarray:
    """Each pixel: the mean drop of the patches covering it, positive part, scaled to [0, 1]."""
    height, width = size
    total = np.zeros(size, np.float64)
    count = np.zeros(size, np.float64)
    for r, top in enumerate(patch_positions(height, patch, stride)):
        for c, left in enumerate(patch_positions(width, patch, stride)):
            total[top:top + patch, left:left + patch] += drops[r, c]
            count[top:top + patch, left:left + patch] += 1
    mean = np.clip(np.divide(total, count, out=np.zeros_like(total), where=count > 0), 0, None)
    top = mean.max()
    return (mean / top if top > 0 else mean).astype(np.float32)


def occlusion_map(progress: OcclusionProgress, layer_size: tuple[int, int], head: str, class_index: int,
                  probability: float, patch: int, stride: int) -> ClassMap:
    """The finished job as a :class:`ClassMap` (``layer`` is ``input``: it is the crop's own grid)."""
    coarse = np.clip(progress.drops, 0, None).astype(np.float32)
    return ClassMap("occlusion", "input", head, class_index, probability, coarse,
                    occlusion_heatmap(progress.drops, layer_size, patch, stride))
