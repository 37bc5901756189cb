"""Preprocessing settings that travel with a checkpoint.

The default equals torchvision's ``GoogLeNet_Weights.IMAGENET1K_V1.transforms()``:
resize the short side to 256 (bilinear, antialiased), centre-crop 224, scale to [0, 1]
and normalise with the ImageNet mean/std.  A checkpoint trained with other settings
carries its own, and that overrides the default.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

IMAGENET_MEAN: tuple[float, float, float] = (0.485, 0.456, 0.406)
IMAGENET_STD: tuple[float, float, float] = (0.229, 0.224, 0.225)


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
    def from_dict(cls, data: dict[str, Any] | None) -> "Preprocessing":
        """Tolerates missing and unknown keys so older/newer files load."""
        if not data:
            return cls()
        known = set(cls.__dataclass_fields__)
        kwargs = {k: v for k, v in data.items() if k in known}
        for key in ("mean", "std"):
            if key in kwargs:
                kwargs[key] = tuple(float(v) for v in kwargs[key])
        for key in ("resize", "crop"):
            if key in kwargs:
                kwargs[key] = int(kwargs[key])
        return cls(**kwargs)
