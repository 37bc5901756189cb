"""A small seeded model for the feature tests, and a fresh cache folder for every test.

The model is He-initialised (``save_seeded_checkpoint``) with a 64 px crop, so an optimised
image really moves its channel and a step costs a few milliseconds.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.factories import save_seeded_checkpoint

SMALL = Preprocessing(resize=72, crop=64)


@pytest.fixture(scope="package")
def checkpoint(tmp_path_factory):
    return save_seeded_checkpoint(tmp_path_factory.mktemp("features") / "seeded.safetensors", preprocessing=SMALL)


@pytest.fixture(scope="package")
def loaded(checkpoint):
    from googlenet_gui.core.checkpoints.loading import load_model

    return load_model(weights=str(checkpoint), device="cpu")


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    """Each test its own cache: a picture made by one test must not answer another."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOOGLENET_GUI_CACHE", str(folder))
    return folder / "features"


def noise_folder(folder, count: int, size: tuple[int, int] = (40, 48), seed: int = 0):
    """``count`` PNGs of coloured noise (different per image) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for index in range(count):
        pixels = rng.integers(0, 255, (*size, 3), dtype=np.uint8)
        Image.fromarray(pixels).save(folder / f"img{index:03d}.png")
    return folder
