"""A generated three-class shapes set (discs, rings, squares on noisy backgrounds), issue 23's task.

Small enough to train GoogLeNet from scratch on two CPU cores in minutes, hard enough that a
recipe which destroys the objects (8% crops) or trains on too few steps falls behind. Used by
``benchmarks/finetune_parity.py`` and by the from-scratch fine-tuning test.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

SHAPES: tuple[str, ...] = ("disc", "ring", "square")


def shape_image(kind: str, rng: np.random.Generator, size: int = 128) -> Image.Image:
    """One RGB image: a light shape of random size, place and tint on a dark noisy background."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    radius = rng.uniform(0.18, 0.32) * size
    margin = radius + 2
    cy, cx = rng.uniform(margin, size - margin, 2)
    if kind == "disc":
        mask = (yy - cy) ** 2 + (xx - cx) ** 2 <= radius ** 2
    elif kind == "ring":
        distance = np.sqrt((yy - cy) ** 2 + (xx - cx) ** 2)
        mask = np.abs(distance - radius * 0.8) <= radius * 0.2
    elif kind == "square":
        half = radius * 0.85
        mask = (np.abs(yy - cy) <= half) & (np.abs(xx - cx) <= half)
    else:
        raise ValueError(f"unknown shape {kind!r}")
    background = rng.uniform(10, 100, 3)
    foreground = rng.uniform(150, 245, 3)
    pixels = np.where(mask[..., None], foreground, background).astype(np.float32)
    pixels += rng.normal(0, 20, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def make_shapes(root: Path, per_class: int = 40, held_out: int = 12, size: int = 128,
                seed: int = 0) -> tuple[Path, Path]:
    """``root/train/<shape>/*.png`` and ``root/heldout/<shape>/*.png``; returns both folders."""
    rng = np.random.default_rng(seed)
    for split, count in (("train", per_class), ("heldout", held_out)):
        for kind in SHAPES:
            folder = root / split / kind
            folder.mkdir(parents=True, exist_ok=True)
            for i in range(count):
                shape_image(kind, rng, size).save(folder / f"{kind}_{i:03d}.png")
    return root / "train", root / "heldout"
