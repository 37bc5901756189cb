"""Core tests run without Qt (tests/core/test_layering.py proves core never imports it)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

torch.set_num_threads(1)


@pytest.fixture
def photo(tmp_path):
    """A 150x130 PNG of noise: every channel of every layer responds to it."""
    from PIL import Image

    rng = np.random.default_rng(0)
    path = tmp_path / "photo.png"
    Image.fromarray(rng.integers(0, 255, (130, 150, 3), dtype=np.uint8)).save(path)
    return path
