"""Random jitter, scale and rotation of the image at every optimisation step.

WHY: an image optimised for one exact view of the network finds adversarial noise that
excites the channel only at those pixel positions; one that must excite it under small
random shifts, zooms and turns finds patterns that survive them, which people can read
(Lucid's "transformation robustness").  All three are one affine resampling, so a step
pays for one ``grid_sample``; the area moved into view is mid-grey.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor
from torch.nn import functional as F


@dataclass(frozen=True)
class Robustness:
    """How far each step's view may move: shift as a fraction of the size, zoom range, degrees."""

    jitter: float = 1 / 16  # 8 px of a 128 px image
    scale: tuple[float, float] = (0.9, 1.1)
    degrees: float = 10.0


def random_views(images: Tensor, generator: torch.Generator, robustness: Robustness = Robustness()) -> Tensor:
    """Each (N, 3, H, W) image in [0, 1] shifted, zoomed and turned at random (one draw per image).

    The draws come from ``generator`` (on the CPU), so a seeded run repeats exactly.
    """
    count = images.shape[0]
    draws = torch.rand(count, 4, generator=generator, dtype=torch.float64) * 2 - 1  # each in [-1, 1)
    angle = draws[:, 0] * math.radians(robustness.degrees)
    low, high = robustness.scale
    zoom = low + (high - low) * (draws[:, 1] + 1) / 2
    shift = draws[:, 2:] * 2 * robustness.jitter  # normalised coordinates span 2 across the image
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    theta = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta.to(images.device, images.dtype), list(images.shape), align_corners=False)
    moved = F.grid_sample(images - 0.5, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    return moved + 0.5
