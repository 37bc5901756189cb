"""Our PIL-only resize/crop/normalise equals torchvision's transforms in every geometry.

The app avoids importing torchvision on the inference path (start-up), so this test is
what keeps the two identical: portrait, landscape, odd sizes, other filters, and the
zero padding torchvision applies when the crop is larger than the resized image.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import transforms

from googlenet_gui.core.images.decode import preprocess
from googlenet_gui.core.images.preprocessing import Preprocessing


def _photo(width: int, height: int) -> Image.Image:
    rng = np.random.default_rng(width * 1000 + height)
    return Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8))


def _torchvision(image: Image.Image, prep: Preprocessing) -> torch.Tensor:
    mode = transforms.InterpolationMode(prep.interpolation)
    return transforms.Compose([
        transforms.Resize(prep.resize, interpolation=mode, antialias=True),
        transforms.CenterCrop(prep.crop),
        transforms.ToTensor(),
        transforms.Normalize(prep.mean, prep.std),
    ])(image)


@pytest.mark.parametrize("size", [(640, 480), (480, 640), (333, 257), (257, 257), (31, 900), (5, 3)])
@pytest.mark.parametrize("prep", [Preprocessing(), Preprocessing(resize=72, crop=64),
                                  Preprocessing(resize=64, crop=80),  # crop larger: zero padding
                                  Preprocessing(resize=96, crop=96, interpolation="bicubic")])
def test_preprocess_equals_torchvision(size, prep):
    image = _photo(*size)
    ours, theirs = preprocess(image, prep), _torchvision(image, prep)
    assert ours.shape == theirs.shape == (3, prep.crop, prep.crop)
    torch.testing.assert_close(ours, theirs, rtol=0, atol=1e-6)


def test_inference_path_does_not_import_torchvision():
    """Start-up: loading official-format weights and classifying needs no torchvision."""
    import subprocess
    import sys

    code = ("import sys, googlenet_gui.core.images.decode, googlenet_gui.core.inference.inspection, googlenet_gui.core.inference.classify, "
            "googlenet_gui.core.checkpoints.loading, googlenet_gui.core.checkpoints.labels\n"
            "googlenet_gui.core.checkpoints.labels.imagenet_categories()\n"
            "print('torchvision' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_shipped_imagenet_facts_equal_torchvisions():
    from torchvision.models import GoogLeNet_Weights

    from googlenet_gui.core.checkpoints.labels import imagenet_categories
    from googlenet_gui.core.checkpoints.official import official_url

    assert list(imagenet_categories()) == GoogLeNet_Weights.IMAGENET1K_V1.meta["categories"]
    assert official_url() == GoogLeNet_Weights.IMAGENET1K_V1.url
