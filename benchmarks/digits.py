"""A real image set that ships with scikit-learn: ``load_digits``, as an image folder.

1,797 real handwritten digits (8 x 8 pixels, 16 grey levels, 10 classes; the UCI optical
recognition set), written out as ``root/train/<digit>/*.png`` and ``root/heldout/<digit>/*.png``:
upscaled to ``size`` px (bilinear) RGB, light ink on a dark ground, a seeded per-class split
so the held-out images are never trained on.  No download: the images are inside the
package.  scikit-learn is in the ``bench`` extra only; the app never imports it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image


def make_digits(root: Path, per_class: int = 30, held_out: int = 30, size: int = 64,
                seed: int = 0) -> tuple[Path, Path]:
    """``per_class`` training and ``held_out`` held-out images of each digit; returns both folders."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(seed)
    for label in range(10):
        index = rng.permutation(np.flatnonzero(digits.target == label))
        if len(index) < per_class + held_out:
            raise ValueError(f"digit {label} has {len(index)} images, fewer than {per_class} + {held_out}")
        for split, chosen in (("train", index[:per_class]), ("heldout", index[per_class:per_class + held_out])):
            folder = root / split / str(label)
            folder.mkdir(parents=True, exist_ok=True)
            for i in chosen:
                grey = Image.fromarray((digits.images[i] * (255 / 16)).round().astype(np.uint8))
                grey.resize((size, size), Image.Resampling.BILINEAR).convert("RGB").save(folder / f"{label}_{i:04d}.png")
    return root / "train", root / "heldout"
