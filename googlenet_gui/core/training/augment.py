"""Training augmentation per the GoogLeNet paper, and the deterministic validation transform.

Section 6 of Szegedy et al. samples crops covering 8%-100% of the image with aspect
ratios between 3/4 and 4/3 and applies photometric distortions; flips are standard.
Both transforms take the decoded uint8 CHW tensors of :mod:`.datasets` and return
float tensors normalised with the model's own mean/std, so a fine-tuned checkpoint
keeps the preprocessing its backbone was trained with.

The transforms are small picklable callables over :mod:`.image_ops` (torch only):
torchvision's v2 transforms do the same, but importing torchvision costs ~2.4 s and
froze the window when a fine-tune started (see :mod:`.image_ops`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import Tensor

from googlenet_gui.core.training import augment_ops as ops
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.training.events import AUGMENTATIONS

#: RandomResizedCrop area and aspect ranges from the paper.
CROP_SCALE: tuple[float, float] = (0.08, 1.0)
CROP_RATIO: tuple[float, float] = (3 / 4, 4 / 3)
#: Photometric distortion strengths (brightness, contrast, saturation, hue).
JITTER = (0.4, 0.4, 0.4, 0.05)

Transform = Callable[[Tensor], Tensor]


def resize_for(image_size: int) -> int:
    """Short side before the centre crop, in ImageNet's 256:224 proportion."""
    return int(round(image_size * 256 / 224))


def preprocessing_for(image_size: int, base: Preprocessing) -> Preprocessing:
    """The preprocessing a model fine-tuned at ``image_size`` must be used with."""
    return Preprocessing(resize=resize_for(image_size), crop=int(image_size), mean=base.mean,
                         std=base.std, interpolation=base.interpolation)


@dataclass(frozen=True)
class Compose:
    """Apply ``steps`` in order."""

    steps: tuple[Transform, ...]

    def __call__(self, image: Tensor) -> Tensor:
        for step in self.steps:
            image = step(image)
        return image


@dataclass(frozen=True)
class ResizeCenterCrop:
    """Deterministic view: short side to ``resize``, central ``crop`` square."""

    resize: int
    crop: int

    def __call__(self, image: Tensor) -> Tensor:
        return ops.center_crop(ops.resize_short_side(image, self.resize), self.crop)


@dataclass(frozen=True)
class RandomResizedCrop:
    """A random area/aspect crop resized to ``size`` x ``size``."""

    size: int
    scale: tuple[float, float] = CROP_SCALE
    ratio: tuple[float, float] = CROP_RATIO

    def __call__(self, image: Tensor) -> Tensor:
        top, left, h, w = ops.random_resized_crop_box(image.shape[-2], image.shape[-1], self.scale, self.ratio)
        return ops.resize(image[..., top:top + h, left:left + w], self.size, self.size)


@dataclass(frozen=True)
class RandomHorizontalFlip:
    p: float = 0.5

    def __call__(self, image: Tensor) -> Tensor:
        return image.flip(-1) if torch.rand(1).item() < self.p else image


@dataclass(frozen=True)
class ColorJitter:
    """Brightness, contrast, saturation and hue jitter in a random order (float images)."""

    brightness: float
    contrast: float
    saturation: float
    hue: float

    def __call__(self, image: Tensor) -> Tensor:
        order = torch.randperm(4).tolist()
        factors = [torch.empty(1).uniform_(max(0.0, 1 - x), 1 + x).item()
                   for x in (self.brightness, self.contrast, self.saturation)]
        factors.append(torch.empty(1).uniform_(-self.hue, self.hue).item())
        adjust = (ops.adjust_brightness, ops.adjust_contrast, ops.adjust_saturation, ops.adjust_hue)
        for index in order:
            image = adjust[index](image, factors[index])
        return image


@dataclass(frozen=True)
class ToNormalisedFloat:
    """uint8 [0, 255] to float [0, 1], then the model's mean/std."""

    mean: tuple[float, ...]
    std: tuple[float, ...]

    def __call__(self, image: Tensor) -> Tensor:
        return ops.normalize(ops.to_float(image), self.mean, self.std)


@dataclass(frozen=True)
class ToFloat:
    def __call__(self, image: Tensor) -> Tensor:
        return ops.to_float(image)


def _normalise(prep: Preprocessing) -> ToNormalisedFloat:
    return ToNormalisedFloat(tuple(prep.mean), tuple(prep.std))


def train_transform(image_size: int, prep: Preprocessing) -> Compose:
    """Random area/aspect crop, horizontal flip, colour jitter, then normalise."""
    return Compose((RandomResizedCrop(image_size), RandomHorizontalFlip(), ToFloat(), ColorJitter(*JITTER),
                    _normalise(prep)))


def training_transform(kind: str, image_size: int, prep: Preprocessing) -> Compose:
    """The training transform called ``kind`` (one of :data:`AUGMENTATIONS` but ``auto``, which
    :func:`.defaults.resolve_auto` makes concrete first): the paper's, flips only, or none."""
    if kind == "paper":
        return train_transform(image_size, prep)
    if kind == "flip":
        return Compose((RandomHorizontalFlip(), *val_transform(image_size, prep).steps))
    if kind == "none":
        return val_transform(image_size, prep)
    raise ValueError(f"augmentation must be one of {', '.join(AUGMENTATIONS)}, got {kind!r}")


def val_transform(image_size: int, prep: Preprocessing) -> Compose:
    """Deterministic resize + centre crop, the same view classification uses."""
    return Compose((ResizeCenterCrop(resize_for(image_size), image_size), _normalise(prep)))


def view_transform(prep: Preprocessing) -> Compose:
    """Deterministic transform for a model's own :class:`Preprocessing` (resize, crop)."""
    return Compose((ResizeCenterCrop(prep.resize, prep.crop), _normalise(prep)))

