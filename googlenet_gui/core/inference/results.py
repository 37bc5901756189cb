"""Plain results that cross from the engine to the CLI, the window and notebooks.

Everything here holds NumPy arrays and Python numbers, never live tensors, so a
widget can keep a result without pinning GPU memory or autograd state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

HEAD_NAMES: tuple[str, ...] = ("main", "aux1", "aux2")


def percent_text(fraction: float, decimals: int | None = None) -> str:
    """"45%", "4.5%", "0.4%", "<0.1%", ">99%": never a real probability printed as 0% or 100%.

    WHY: an untrained model's top-1 is about 0.1%; written as "0%" it read like an error,
    and a confident model's 99.7% is not certainty.  By default whole percents from 10%
    up (short captions); ``decimals=1`` keeps one decimal throughout (the head charts).
    """
    if fraction <= 0.0 or fraction >= 1.0:
        return f"{fraction:.0%}"
    if fraction < 0.0005:
        return "<0.1%"
    digits = decimals if decimals is not None else (0 if round(fraction * 100, 1) >= 10 else 1)
    text = f"{fraction:.{digits}%}"
    return text if float(text.rstrip("%")) < 100 else f">{100 - 10 ** -digits:.{digits}f}%"


@dataclass(frozen=True)
class Prediction:
    """One ranked class of one head."""

    index: int
    label: str
    probability: float

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "label": self.label, "probability": self.probability}


@dataclass
class HeadResult:
    """Softmax output of one head; ``trained`` is False for the official file's aux heads."""

    name: str
    probabilities: np.ndarray  # (num_classes,) float32
    top: list[Prediction]
    trained: bool = True


@dataclass
class Classification:
    """Top-k of every head for one image, or the reason it failed (``error``)."""

    image: str
    heads: dict[str, HeadResult] = field(default_factory=dict)
    error: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "animated image: first frame used"

    def to_json(self) -> dict[str, Any]:
        """The ``classify --json`` contract: ``{"image", "predictions": {head: [...]}}`` or ``{"image", "error"}``."""
        if self.error is not None:
            return {"image": self.image, "error": self.error}
        preds = {name: [p.to_dict() for p in head.top] for name, head in self.heads.items()}
        return {"image": self.image, "predictions": preds}


@dataclass
class BranchMaps:
    """Output of one Inception branch for one image: ``maps`` is (C, H, W) float32."""

    name: str  # "1x1", "3x3", "5x5" or "pool_proj"
    maps: np.ndarray
    channel_range: tuple[int, int]  # [start, stop) inside the module's concatenated output

    @property
    def energy(self) -> float:
        """Sum of squared activations: the branch's share of the module's signal."""
        return float(np.square(self.maps, dtype=np.float64).sum())


@dataclass
class ModuleMaps:
    """One Inception module: its four branches and the concatenated output (C, H, W)."""

    name: str
    branches: list[BranchMaps]
    output: np.ndarray

    def branch(self, name: str) -> BranchMaps:
        return next(b for b in self.branches if b.name == name)

    @classmethod
    def from_output(cls, name: str, output: np.ndarray,
                    ranges: list[tuple[str, tuple[int, int]]]) -> "ModuleMaps":
        """The module's maps from its concatenated ``output``: each branch is a channel slice (a view)."""
        return cls(name, [BranchMaps(branch, output[a:b], (a, b)) for branch, (a, b) in ranges], output)


#: Said under the predictions of a model whose aux heads were never trained (the official file).
AUX_UNTRAINED_NOTE = "aux heads are not trained in these weights: their predictions are noise"
UNTRAINED_NOTE = "untrained model (random weights): every prediction is noise; load trained weights"


def model_notes(untrained: bool, has_aux: bool, aux_trained: bool) -> list[str]:
    """What every prediction of this model needs said beside it (random weights, untrained aux heads)."""
    if untrained:  # random weights: every head is noise, not only the aux heads
        return [UNTRAINED_NOTE]
    return [AUX_UNTRAINED_NOTE] if has_aux and not aux_trained else []


@dataclass
class Inspection:
    """Everything one inspected forward pass produced for one image."""

    image: str
    input_rgb: np.ndarray  # (H, W, 3) uint8: the crop the network saw, for overlays
    heads: dict[str, HeadResult]
    modules: Mapping[str, ModuleMaps]  # inception3a ... inception5b (each may be made when first read)
    stem: Mapping[str, np.ndarray]  # conv1, maxpool1, conv2, (conv3), maxpool2: (C, H, W)
    layer_times_ms: dict[str, float]
    notes: list[str] = field(default_factory=list)
