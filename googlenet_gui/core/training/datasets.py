"""Labelled image sets for fine-tuning: discover, check, split, decode once.

Two sources feed the same :class:`DatasetPlan`: a folder with one sub-folder per
class (the CLI) or an explicit ``{class name: [files]}`` mapping (the window's class
bins).  Every problem a user can fix (missing folder, no images, one class, an empty
class) raises :class:`DatasetError` *before* any training starts, because a job that
fails after ten minutes of work is worse than one that refuses up front.

Images are decoded once, through :func:`googlenet_gui.core.images.decode.load_image` (EXIF,
odd modes, bombs), downscaled to the size training needs and kept in memory as uint8
tensors: fine-tuning sets here are classroom-sized (tens to a few thousand images) and
re-decoding JPEGs every epoch would cost more than the augmentation itself.  Files that
fail to decode are skipped and listed, never fatal.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch.utils.data import Dataset

from googlenet_gui.core.errors import DatasetError, GoogLeNetGuiError
from googlenet_gui.core.jobs import result_of, yield_and_return  # noqa: F401 - re-exported for scripts
from googlenet_gui.core.images.files import images_in_folder


@dataclass
class DatasetPlan:
    """Which files train and validate, per class, decided before anything is decoded."""

    class_names: list[str]
    train: list[tuple[Path, int]]
    val: list[tuple[Path, int]]
    source: str

    def counts(self) -> dict[str, tuple[int, int]]:
        """Class name -> (train images, validation images): the balance shown before training."""
        out = {name: [0, 0] for name in self.class_names}
        for column, items in enumerate((self.train, self.val)):
            for _, label in items:
                out[self.class_names[label]][column] += 1
        return {name: (t, v) for name, (t, v) in out.items()}


@dataclass
class DecodedImages:
    """Decoded uint8 CHW tensors with labels; ``skipped`` lists files that could not be read."""

    images: list[torch.Tensor] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def scan_class_folders(data_dir: str | Path) -> dict[str, list[Path]]:
    """``{class name: files}`` from a folder with one sub-folder per class."""
    root = Path(data_dir)
    if not root.exists():
        raise DatasetError(f"{root}: the data folder does not exist.")
    if not root.is_dir():
        raise DatasetError(f"{root}: expected a folder with one sub-folder per class, got a file.")
    class_dirs = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not class_dirs:
        loose = images_in_folder(root)
        hint = f" (found {len(loose)} loose images; put each class in its own sub-folder)" if loose else ""
        raise DatasetError(f"{root}: no class sub-folders found{hint}.")
    return {d.name: images_in_folder(d) for d in class_dirs}


def check_classes(files_by_class: Mapping[str, Sequence[Path]], where: str) -> None:
    """Refuse data that cannot train a classifier, naming the offending class."""
    if not files_by_class or not any(files_by_class.values()):
        raise DatasetError(f"{where}: no images found.")
    empty = [name for name, files in files_by_class.items() if not files]
    if empty:
        raise DatasetError(f"{where}: class folder '{empty[0]}' has no images"
                           + (f" (also empty: {', '.join(empty[1:])})" if len(empty) > 1 else "") + ".")
    if len(files_by_class) < 2:
        only = next(iter(files_by_class))
        raise DatasetError(f"{where}: only one class ('{only}'); fine-tuning needs at least two.")


def stratified_split(files_by_class: Mapping[str, Sequence[Path]], val_split: float,
                     seed: int) -> tuple[list[tuple[Path, int]], list[tuple[Path, int]]]:
    """Seeded per-class split so every class appears in validation (when it has 2+ images)."""
    if not 0.0 <= val_split < 1.0:
        raise DatasetError(f"validation split must be in [0, 1), got {val_split}.")
    rng = random.Random(seed)
    train: list[tuple[Path, int]] = []
    val: list[tuple[Path, int]] = []
    for label, name in enumerate(files_by_class):
        files = list(files_by_class[name])
        rng.shuffle(files)
        n_val = round(len(files) * val_split)
        if val_split > 0 and len(files) >= 2:
            n_val = min(max(1, n_val), len(files) - 1)
        else:
            n_val = 0
        val += [(p, label) for p in files[:n_val]]
        train += [(p, label) for p in files[n_val:]]
    return train, val


def plan_dataset(data_dir: str | Path | None = None, class_files: Mapping[str, Sequence[str | Path]] | None = None,
                 val_split: float = 0.2, seed: int = 0) -> DatasetPlan:
    """Discover, check and split a dataset given as a folder or as explicit class bins."""
    if (data_dir is None) == (class_files is None):
        raise DatasetError("give either a data folder or class files, not both or neither.")
    if data_dir is not None:
        files_by_class = scan_class_folders(data_dir)
        where = str(data_dir)
    else:
        files_by_class = {str(name): [Path(p) for p in files] for name, files in class_files.items()}
        where = "class bins"
    check_classes(files_by_class, where)
    train, val = stratified_split(files_by_class, val_split, seed)
    return DatasetPlan(list(files_by_class), train, val, where)


def decode_for_training(path: Path, short_side: int) -> torch.Tensor:
    """One file -> uint8 (3, H, W) tensor whose short side is at most ``short_side``."""
    from PIL import Image

    from googlenet_gui.core.images.decode import load_image

    image = load_image(path).image
    scale = short_side / min(image.size)
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    data = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
    return data.view(image.height, image.width, 3).permute(2, 0, 1).contiguous()


def decode_all(items: Sequence[tuple[Path, int]], short_side: int, cancel=None) -> Iterator[int]:
    """Generator: decode every item, yielding the count done; returns :class:`DecodedImages`."""
    out = DecodedImages()
    for done, (path, label) in enumerate(items, 1):
        if cancel is not None and cancel():
            break
        try:
            out.images.append(decode_for_training(path, short_side))
            out.labels.append(label)
        except (GoogLeNetGuiError, OSError, ValueError) as error:
            out.skipped.append(f"{path}: {error}")
        yield done
    return out


def require_each_class(decoded: DecodedImages, class_names: Sequence[str], where: str) -> None:
    """After skipping unreadable files, every class must still have a training image."""
    present = set(decoded.labels)
    missing = [name for i, name in enumerate(class_names) if i not in present]
    if missing:
        raise DatasetError(f"{where}: class '{missing[0]}' has no readable training images "
                           f"({len(decoded.skipped)} files could not be decoded).")


class TensorImageDataset(Dataset):
    """Decoded images + labels with a per-sample transform (augmentation or validation)."""

    def __init__(self, decoded: DecodedImages, transform) -> None:
        self.images = decoded.images
        self.labels = decoded.labels
        self.transform = transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        return self.transform(self.images[index]), self.labels[index]
