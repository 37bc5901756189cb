"""Live-view fixtures: a tiny animated GIF that Qt Multimedia plays as a 30-odd fps video."""

from __future__ import annotations

import numpy as np
import pytest


def write_gif(path, frames: int = 12, size: tuple[int, int] = (48, 64)):
    """A short clip (a square sliding across) as an animated GIF: FFmpeg, inside Qt Multimedia, plays it
    like any video, and Pillow writes it, so the tests need no video encoder."""
    from PIL import Image

    height, width = size
    pictures = []
    for index in range(frames):
        rgb = np.full((height, width, 3), (30, 90, 160), np.uint8)
        left = index * (width - 16) // max(1, frames - 1)
        rgb[16:32, left:left + 16] = (250, 230, 40)
        pictures.append(Image.fromarray(rgb))
    pictures[0].save(path, save_all=True, append_images=pictures[1:], duration=30, loop=0)
    return path


@pytest.fixture
def clip(tmp_path):
    return write_gif(tmp_path / "clip.gif")


@pytest.fixture
def multimedia():
    """Skips where Qt Multimedia cannot load (its Linux library needs the PulseAudio client library)."""
    from googlenet_gui.ui.live.sources import multimedia_problem

    problem = multimedia_problem()
    if problem is not None:
        pytest.skip(problem)
