"""preprocess/model_view against torchvision, folder expansion and the bundled samples."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.models import GoogLeNet_Weights

from googlenet_gui.core.images.decode import iter_image_paths, load_image, model_view, preprocess
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.images.samples import sample_images


@pytest.fixture(scope="module")
def photo() -> Image.Image:
    return load_image(next(p for p in sample_images() if p.name == "coffee_cup.jpg")).image


def test_default_preprocess_equals_torchvision_transforms(photo):
    ours = preprocess(photo, Preprocessing())
    theirs = GoogLeNet_Weights.IMAGENET1K_V1.transforms()(photo)
    assert ours.shape == (3, 224, 224) and ours.dtype == torch.float32
    assert torch.allclose(ours, theirs, atol=1e-6, rtol=0)


def test_custom_preprocessing_is_honoured(photo):
    prep = Preprocessing(resize=72, crop=64, mean=(0.5, 0.5, 0.5), std=(0.25, 0.25, 0.25),
                         interpolation="bicubic")
    tensor = preprocess(photo, prep)
    view = model_view(photo, prep)
    assert tensor.shape == (3, 64, 64) and view.shape == (64, 64, 3) and view.dtype == np.uint8
    expected = (torch.from_numpy(view).permute(2, 0, 1).float() / 255 - 0.5) / 0.25
    assert torch.allclose(tensor, expected, atol=1e-5)


def test_model_view_is_the_centre_crop_the_network_sees(photo):
    view = model_view(photo)  # 600x400 -> 384x256 -> centre 224
    tensor = preprocess(photo)
    mean = torch.tensor([0.485, 0.456, 0.406])[:, None, None]
    std = torch.tensor([0.229, 0.224, 0.225])[:, None, None]
    back = ((tensor * std + mean) * 255).round().permute(1, 2, 0).numpy().astype(np.uint8)
    assert view.shape == (224, 224, 3)
    assert np.abs(back.astype(int) - view.astype(int)).max() <= 1


def test_preprocess_accepts_non_rgb_pil_images():
    grey = Image.new("L", (40, 30), 128)
    assert torch.allclose(preprocess(grey), preprocess(grey.convert("RGB")))
    assert preprocess(Image.new("RGB", (1, 1)), Preprocessing(resize=32, crop=32)).shape == (3, 32, 32)


def test_iter_image_paths_expands_folders_sorted_recursive_without_hidden(tmp_path):
    for rel in ["b.png", "a.JPG", "sub/c.webp", "notes.txt", ".hidden.png", ".git/d.png"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    empty = tmp_path / "empty"
    empty.mkdir()
    explicit = tmp_path / "notes.txt"
    missing = tmp_path / "missing.jpg"
    paths = iter_image_paths([missing, tmp_path, explicit, empty])
    assert paths == [missing, tmp_path / "a.JPG", tmp_path / "b.png", tmp_path / "sub" / "c.webp",
                     explicit, empty]
    assert iter_image_paths(str(explicit)) == [explicit]


def test_samples_are_real_photos_with_attribution():
    samples = sample_images()
    assert 5 <= len(samples) <= 8
    assert sum(p.stat().st_size for p in samples) < 1_500_000
    attribution = (samples[0].parent / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for path in samples:
        loaded = load_image(path)
        assert loaded.notes == [] and min(loaded.image.size) >= 256
        assert path.name in attribution


@pytest.mark.parametrize("size", [(3000, 20), (20, 3000), (5001, 37)])
def test_resampling_only_the_centre_of_a_long_strip_gives_the_same_pixels(size, monkeypatch):
    """The box path (for strips whose full resize would be gigapixels) matches the full resize
    within one grey level (PIL's box coefficients round differently)."""
    import googlenet_gui.core.images.decode as images

    strip = Image.fromarray(np.random.default_rng(0).integers(0, 255, (size[1], size[0], 3), dtype=np.uint8))
    whole = np.asarray(images._resized_crop(strip, Preprocessing()))
    monkeypatch.setattr(images, "MAX_RESIZED_PIXELS", 0)
    centre_only = np.asarray(images._resized_crop(strip, Preprocessing())).astype(int)
    assert np.abs(centre_only - whole.astype(int)).max() <= 1


def test_a_40000_by_1_strip_is_classified_without_a_10_gigapixel_resize(tmp_path):
    """A 144-byte PNG once took 5.9 GB and ended a whole batch with MemoryError."""
    path = tmp_path / "widest.png"
    Image.new("RGB", (40000, 1), (200, 30, 30)).save(path)
    view = model_view(load_image(path).image, Preprocessing())
    assert view.shape == (224, 224, 3) and (view[112, 112] == (200, 30, 30)).all()
