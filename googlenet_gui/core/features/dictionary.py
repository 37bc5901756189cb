"""Semantic dictionary: at one spot of one image's map, the channels that respond most.

WHY: a map position is a vector of hundreds of channel activations, unreadable as numbers;
listed strongest first, each channel next to its visualisation (:mod:`.visualize`), it
says what the network sees there (Olah et al., "The Building Blocks of Interpretability").
The core gives the numbers; the window draws the pictures beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.explain.targets import parse_layer
from googlenet_gui.core.explain.trunk import image_batch
from googlenet_gui.core.features.objectives import forward_to
from googlenet_gui.core.inference.engine import engine_for
from googlenet_gui.core.network.hooks import frozen_eval

DEFAULT_COUNT = 8


@dataclass(frozen=True)
class DictionaryEntry:
    """One channel's activation at the chosen position."""

    channel: int
    activation: float


def strongest_at(maps: np.ndarray, row: int, col: int, count: int = DEFAULT_COUNT) -> list[DictionaryEntry]:
    """The ``count`` strongest channels of (C, H, W) ``maps`` at (``row``, ``col``), strongest first.

    For maps the caller already has (the window's inspection); ties keep channel order.
    """
    channels, height, width = maps.shape
    if not (0 <= row < height and 0 <= col < width):
        raise ExplainError(f"position ({row}, {col}) is outside the {height}x{width} map")
    column = np.asarray(maps[:, row, col], dtype=np.float32)
    order = np.argsort(-column, kind="stable")[:max(0, count)]
    return [DictionaryEntry(int(c), float(column[c])) for c in order]


def layer_maps(loaded: Any, image: Any, layer: str) -> np.ndarray:
    """(C, H, W) float32 output of ``layer`` (a trunk module or ``MODULE.BRANCH``) for ``image``.

    The same crop and normalisation as ``inspect``; the pass stops at the layer.
    """
    model = engine_for(loaded, purpose="explain").model
    target = parse_layer(model, layer)
    batch, _view, _name = image_batch(loaded, image)
    with frozen_eval(model), torch.no_grad():
        output = forward_to(model, target.resolve(model), batch)
    return output[0].float().cpu().numpy()


def semantic_dictionary(loaded: Any, image: Any, layer: str, row: int, col: int,
                        count: int = DEFAULT_COUNT) -> list[DictionaryEntry]:
    """The ``count`` channels of ``layer`` that respond most to ``image`` at (``row``, ``col``) of its map."""
    return strongest_at(layer_maps(loaded, image, layer), row, col, count)
