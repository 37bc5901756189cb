"""Our torch-only augmentation kernels against torchvision's own (the reference they replace)."""

from __future__ import annotations

import pytest
import torch
from torchvision.transforms import v2
from torchvision.transforms.v2 import functional as TF

from googlenet_gui.core.training import augment_ops as ops
from googlenet_gui.core.training.augment import (CROP_RATIO, CROP_SCALE, JITTER, ColorJitter, RandomResizedCrop,
                                        train_transform, training_transform, val_transform, view_transform)
from googlenet_gui.core.images.preprocessing import Preprocessing

PREP = Preprocessing()
SHAPES = [(3, 48, 64), (3, 64, 48), (3, 97, 31), (3, 20, 20), (3, 300, 200), (3, 17, 120)]


def _uint8(shape: tuple[int, ...], seed: int = 0) -> torch.Tensor:
    return torch.randint(0, 256, shape, generator=torch.Generator().manual_seed(seed), dtype=torch.uint8)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("image_size", [32, 96, 224])
def test_validation_view_equals_torchvision(shape, image_size):
    image = _uint8(shape)
    reference = v2.Compose([v2.Resize(round(image_size * 256 / 224), antialias=True), v2.CenterCrop(image_size),
                            v2.ToDtype(torch.float32, scale=True), v2.Normalize(list(PREP.mean), list(PREP.std))])
    torch.testing.assert_close(val_transform(image_size, PREP)(image), reference(image), atol=1e-6, rtol=0)


def test_model_view_equals_torchvision_for_odd_preprocessing():
    prep = Preprocessing(resize=100, crop=120, mean=(0.5, 0.5, 0.5), std=(0.25, 0.25, 0.25))  # crop > resize: padded
    image = _uint8((3, 80, 150))
    reference = v2.Compose([v2.Resize(100, antialias=True), v2.CenterCrop(120),
                            v2.ToDtype(torch.float32, scale=True), v2.Normalize([0.5] * 3, [0.25] * 3)])
    torch.testing.assert_close(view_transform(prep)(image), reference(image), atol=1e-6, rtol=0)


@pytest.mark.parametrize("shape", SHAPES)
def test_random_crop_boxes_match_torchvision_seed_for_seed(shape):
    reference = v2.RandomResizedCrop(32, scale=CROP_SCALE, ratio=CROP_RATIO, antialias=True)
    image = _uint8(shape)
    for seed in range(25):
        torch.manual_seed(seed)
        params = reference.make_params([image])
        torch.manual_seed(seed)
        assert ops.random_resized_crop_box(shape[1], shape[2], CROP_SCALE, CROP_RATIO) == (
            params["top"], params["left"], params["height"], params["width"])


def test_crop_falls_back_to_the_central_box_for_extreme_aspect():
    torch.manual_seed(0)
    top, left, h, w = ops.random_resized_crop_box(10, 1000, (0.9, 1.0), CROP_RATIO)  # no try can fit
    assert (h, w) == (10, 13) and left == (1000 - 13) // 2 and top == 0


def test_random_resized_crop_equals_torchvision():
    image = _uint8((3, 120, 90))
    reference = v2.RandomResizedCrop(64, scale=CROP_SCALE, ratio=CROP_RATIO, antialias=True)
    for seed in range(5):
        torch.manual_seed(seed)
        want = reference(image)
        torch.manual_seed(seed)
        torch.testing.assert_close(RandomResizedCrop(64)(image), want, atol=0, rtol=0)


@pytest.mark.parametrize("factor", [0.0, 0.6, 1.0, 1.4])
def test_brightness_contrast_saturation_equal_torchvision(factor):
    image = _uint8((3, 40, 30)).float() / 255
    torch.testing.assert_close(ops.adjust_brightness(image, factor), TF.adjust_brightness(image, factor))
    torch.testing.assert_close(ops.adjust_contrast(image, factor), TF.adjust_contrast(image, factor))
    torch.testing.assert_close(ops.adjust_saturation(image, factor), TF.adjust_saturation(image, factor))


@pytest.mark.parametrize("factor", [-0.5, -0.05, 0.0, 0.02, 0.05, 0.5])
def test_hue_equals_torchvision(factor):
    image = _uint8((3, 40, 30)).float() / 255
    image[:, :5, :5] = 0.5  # grey pixels: the division-by-zero guard
    torch.testing.assert_close(ops.adjust_hue(image, factor), TF.adjust_hue(image, factor), atol=1e-6, rtol=0)


def test_colour_jitter_equals_torchvision_seed_for_seed():
    image = _uint8((3, 40, 30)).float() / 255
    reference = v2.ColorJitter(*JITTER)
    for seed in range(10):
        torch.manual_seed(seed)
        want = reference(image)
        torch.manual_seed(seed)
        torch.testing.assert_close(ColorJitter(*JITTER)(image), want, atol=1e-6, rtol=0)


def test_paper_augmentation_equals_torchvision_pipeline():
    """Crop, flip, jitter and normalise drawn from the same seeds give the same tensor."""
    image = _uint8((3, 150, 110))
    reference = v2.Compose([
        v2.RandomResizedCrop(64, scale=CROP_SCALE, ratio=CROP_RATIO, antialias=True), v2.RandomHorizontalFlip(),
        v2.ToDtype(torch.float32, scale=True), v2.ColorJitter(*JITTER), v2.Normalize(list(PREP.mean), list(PREP.std)),
    ])
    ours = train_transform(64, PREP)
    for seed in range(10):
        torch.manual_seed(seed)
        want = reference(image)
        torch.manual_seed(seed)
        torch.testing.assert_close(ours(image), want, atol=1e-5, rtol=0)


def test_flip_only_and_none_are_the_validation_view_plus_a_flip():
    image = _uint8((3, 70, 90))
    base = val_transform(32, PREP)(image)
    torch.testing.assert_close(training_transform("none", 32, PREP)(image), base)
    flipped = [training_transform("flip", 32, PREP)(image) for _ in range(20)]
    mirrored = val_transform(32, PREP)(image.flip(-1))
    assert any(torch.equal(f, base) for f in flipped) and any(torch.equal(f, mirrored) for f in flipped)
    assert all(torch.equal(f, base) or torch.equal(f, mirrored) for f in flipped)
    with pytest.raises(ValueError, match="augmentation must be one of"):
        training_transform("mixup", 32, PREP)


def test_training_code_does_not_import_torchvision():
    """torchvision's import (~2.4 s, GIL held in long chunks) froze the window at Start."""
    import subprocess
    import sys

    code = ("import sys; import googlenet_gui.core.training.finetune, "
            "googlenet_gui.core.training.calibration; print('torchvision' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_transforms_pickle_for_data_loader_workers():
    import pickle

    transform = train_transform(32, PREP)
    assert pickle.loads(pickle.dumps(transform)) == transform
