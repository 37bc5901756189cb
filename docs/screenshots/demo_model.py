"""Train the model the README's screenshots show: GoogLeNet from scratch on real handwritten digits.

WHY this data: the official ImageNet weights cannot be downloaded where the screenshots are
made, and random weights explain nothing.  scikit-learn ships 1,797 real 8x8 handwritten
digits (10 classes); each is drawn, enlarged, at a random place on a 128 px noisy canvas, so
a class activation map has an object to find.  Run from the repository root:

    python docs/screenshots/demo_model.py OUT_DIR   # writes OUT_DIR/digits/ and OUT_DIR/digits.pth

It needs scikit-learn (``pip install scikit-learn``) and takes some minutes on a CPU.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

CANVAS, DIGIT, MARGIN = 128, 56, 12


def write_digits(folder: Path, seed: int = 0) -> list[tuple[Path, tuple[int, int]]]:
    """One sub-folder per digit; returns each image's path and the digit's top-left corner."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(seed)
    placed = []
    for index, (pixels, label) in enumerate(zip(digits.images, digits.target)):
        glyph = Image.fromarray(np.uint8(pixels / 16.0 * 255)).resize((DIGIT, DIGIT), Image.BILINEAR)
        canvas = rng.normal(40, 12, (CANVAS, CANVAS)).clip(0, 255)
        top, left = (int(v) for v in rng.integers(MARGIN, CANVAS - DIGIT - MARGIN, 2))
        region = canvas[top:top + DIGIT, left:left + DIGIT]
        canvas[top:top + DIGIT, left:left + DIGIT] = np.maximum(region, np.asarray(glyph, dtype=float))
        path = folder / str(label) / f"{index:04d}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(np.uint8(canvas)).convert("RGB").save(path)
        placed.append((path, (top, left)))
    return placed


def main(out: Path) -> None:
    data = out / "digits"
    write_digits(data)
    subprocess.run([sys.executable, "-m", "googlenet_gui.cli.main", "finetune", str(data), "--out",
                    str(out / "digits.pth"), "--weights", "untrained", "--train", "all", "--image-size", "128",
                    "--epochs", "5", "--batch-size", "32", "--augment", "none", "--optimizer", "adam", "--seed", "0"],
                   check=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("demo"))
