"""Write the clip the README's Live screenshot plays: real handwritten digits as a 30 fps GIF.

WHY a GIF of digits: no camera where the screenshots are made, and the demo model
(demo_model.py) knows digits, so its heads and CAM have something real to find.  Each of
a few digits from ``DIGITS_DIR`` is held for a second while it drifts a few pixels, as a
held-up card does in front of a camera.  Run from the repository root:

    python docs/screenshots/live_clip.py OUT_DIR/digits OUT.gif
    googlenet-gui --weights OUT_DIR/digits.pth --live OUT.gif --frames 45 --screenshot live.png
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image

FPS, SIDE, HOLD = 30, 320, 30


def clip_frames(digits_dir: Path, labels: str = "3725") -> list[Image.Image]:
    """``HOLD`` frames of each label's first image, enlarged and drifting on a dark noisy frame."""
    rng = np.random.default_rng(0)
    frames = []
    for label in labels:
        card = Image.open(sorted((digits_dir / label).glob("*.png"))[0]).convert("RGB").resize((SIDE, SIDE))
        for step in range(HOLD):
            dx, dy = int(6 * np.sin(step / 5)), int(4 * np.cos(step / 7))
            canvas = rng.normal(40, 12, (SIDE, SIDE, 3)).clip(0, 255).astype(np.uint8)
            frame = Image.fromarray(canvas)
            frame.paste(card, (dx, dy))
            frames.append(frame)
    return frames


def main(digits_dir: str, out: str) -> None:
    frames = clip_frames(Path(digits_dir))
    frames[0].save(out, save_all=True, append_images=frames[1:], duration=round(1000 / FPS), loop=0)
    print(f"wrote {out}: {len(frames)} frames")


if __name__ == "__main__":
    main(*sys.argv[1:3])
