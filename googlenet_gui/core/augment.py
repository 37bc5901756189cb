"""Training augmentation per the GoogLeNet paper, and the deterministic validation transform.

Section 6 of Szegedy et al. samples crops covering 8%-100% of the image with aspect
ratios between 3/4 and 4/3 and applies photometric distortions; flips are standard.
Both transforms take the decoded uint8 CHW tensors of :mod:`.datasets` and return
float tensors normalised with the model's own mean/std, so a fine-tuned checkpoint
keeps the preprocessing its backbone was trained with.
"""

from __future__ import annotations

import torch
from torchvision.transforms import v2

from .preprocess import Preprocessing
from .training_events import AUGMENTATIONS

#: RandomResizedCrop area and aspect ranges from the paper.
CROP_SCALE: tuple[float, float] = (0.08, 1.0)
CROP_RATIO: tuple[float, float] = (3 / 4, 4 / 3)


def resize_for(image_size: int) -> int:
    """Short side before the centre crop, in ImageNet's 256:224 proportion."""
    return int(round(image_size * 256 / 224))


def preprocessing_for(image_size: int, base: Preprocessing) -> Preprocessing:
    """The preprocessing a model fine-tuned at ``image_size`` must be used with."""
    return Preprocessing(resize=resize_for(image_size), crop=int(image_size), mean=base.mean,
                         std=base.std, interpolation=base.interpolation)


def _to_normalised(prep: Preprocessing) -> list[v2.Transform]:
    return [v2.ToDtype(torch.float32, scale=True), v2.Normalize(list(prep.mean), list(prep.std))]


def train_transform(image_size: int, prep: Preprocessing) -> v2.Compose:
    """Random area/aspect crop, horizontal flip, colour jitter, then normalise."""
    return v2.Compose([
        v2.RandomResizedCrop(image_size, scale=CROP_SCALE, ratio=CROP_RATIO, antialias=True),
        v2.RandomHorizontalFlip(),
        v2.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.05),
        *_to_normalised(prep),
    ])


#: Training augmentation choices: the paper's, flips only (tiny data sets whose classes
#: are not scale-invariant), or none (the deterministic validation view).


def training_transform(kind: str, image_size: int, prep: Preprocessing) -> v2.Compose:
    """The training transform called ``kind`` (one of :data:`AUGMENTATIONS`)."""
    if kind == "paper":
        return train_transform(image_size, prep)
    if kind == "flip":
        return v2.Compose([v2.RandomHorizontalFlip(), val_transform(image_size, prep)])
    if kind == "none":
        return val_transform(image_size, prep)
    raise ValueError(f"augmentation must be one of {', '.join(AUGMENTATIONS)}, got {kind!r}")


def val_transform(image_size: int, prep: Preprocessing) -> v2.Compose:
    """Deterministic resize + centre crop, the same view classification uses."""
    return v2.Compose([
        v2.Resize(resize_for(image_size), antialias=True),
        v2.CenterCrop(image_size),
        *_to_normalised(prep),
    ])


def view_transform(prep: Preprocessing) -> v2.Compose:
    """Deterministic transform for a model's own :class:`Preprocessing` (resize, crop)."""
    return v2.Compose([
        v2.Resize(prep.resize, antialias=True),
        v2.CenterCrop(prep.crop),
        *_to_normalised(prep),
    ])
