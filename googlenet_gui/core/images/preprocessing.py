"""Preprocessing settings that travel with a checkpoint.

The default equals torchvision's ``GoogLeNet_Weights.IMAGENET1K_V1.transforms()``:
resize the short side to 256 (bilinear, antialiased), centre-crop 224, scale to [0, 1]
and normalise with the ImageNet mean/std.  A checkpoint trained with other settings
carries its own, and that overrides the default.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from googlenet_gui.core.errors import shown

IMAGENET_MEAN: tuple[float, float, float] = (0.485, 0.456, 0.406)
IMAGENET_STD: tuple[float, float, float] = (0.229, 0.224, 0.225)
#: Resampling filters a checkpoint may name (torchvision's InterpolationMode values).
INTERPOLATIONS: tuple[str, ...] = ("nearest", "bilinear", "bicubic", "lanczos", "box", "hamming")
#: Largest network input: activations grow with the square of the size (100000 px asked
#: for ~120 GB); 1024 px is ~21x the paper's 224 and still fits in RAM.
MAX_IMAGE_SIZE = 1024
#: Largest short side before the crop (the usual 256/224 ratio, with room to spare).
MAX_RESIZE = 2 * MAX_IMAGE_SIZE
#: Smallest std: a smaller one turns every input into +-inf and every probability into NaN.
MIN_STD = 1e-6


@dataclass(frozen=True)
class Preprocessing:
    """How an RGB image becomes the network's input tensor."""

    resize: int = 256
    crop: int = 224
    mean: tuple[float, float, float] = IMAGENET_MEAN
    std: tuple[float, float, float] = IMAGENET_STD
    interpolation: str = "bilinear"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["mean"], data["std"] = list(self.mean), list(self.std)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "Preprocessing":
        """Checked inverse of :meth:`to_dict` for values read from files.

        Missing and unknown keys are tolerated so older/newer files load; a present value of
        the wrong type or out of range raises ValueError naming the field (``'crop' must be
        ...``), because a forged size or std made classify exhaust memory or print NaN.
        """
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ValueError(f"must be a mapping of settings, not a {type(data).__name__}")
        kwargs: dict[str, Any] = {}
        if "resize" in data:
            kwargs["resize"] = _size(data["resize"], "resize", 1, MAX_RESIZE)
        if "crop" in data:
            kwargs["crop"] = _size(data["crop"], "crop", 1, MAX_IMAGE_SIZE)
        if "mean" in data:
            kwargs["mean"] = _triple(data["mean"], "mean", -math.inf)
        if "std" in data:
            kwargs["std"] = _triple(data["std"], "std", MIN_STD)
        if "interpolation" in data:
            if data["interpolation"] not in INTERPOLATIONS:
                raise ValueError(f"'interpolation' must be one of {', '.join(INTERPOLATIONS)}, "
                                 f"not {shown(data['interpolation'])}")
            kwargs["interpolation"] = data["interpolation"]
        return cls(**kwargs)



def _size(value: Any, name: str, low: int, high: int) -> int:
    """A whole number of pixels in ``[low, high]`` (bools and floats are refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"'{name}' must be a whole number of pixels, not {shown(value)}")
    if not low <= value <= high:
        raise ValueError(f"'{name}' must be {low} to {high} pixels, not {value}")
    return value


def _triple(value: Any, name: str, low: float) -> tuple[float, float, float]:
    """Three finite numbers (one per RGB channel), each at least ``low``."""
    if not isinstance(value, (list, tuple)) or len(value) != 3:
        raise ValueError(f"'{name}' must be three numbers (red, green, blue), not {shown(value)}")
    numbers = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(item):
            raise ValueError(f"'{name}' must hold finite numbers, not {shown(item)}")
        if item < low:
            raise ValueError(f"'{name}' values must be at least {low:g}, not {item:g}")
        numbers.append(float(item))
    return (numbers[0], numbers[1], numbers[2])
