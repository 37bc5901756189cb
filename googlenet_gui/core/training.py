"""Fine-tuning as a generator of plain events: the CLI prints them, the window plots them.

``finetune(config, loaded, cancel)`` checks the data, decodes it once, replaces the
heads for the new classes, trains with the paper's loss (main + 0.3 x (aux1 + aux2))
and saves the best epoch (validation accuracy, ties broken by validation loss)
atomically.  Cancel is polled before every batch, so the job stops within one batch
and the best checkpoint written so far stays; nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.utils.data import DataLoader

from .augment import AUGMENTATIONS, resize_for, training_transform, val_transform
from .datasets import TensorImageDataset, decode_all, plan_dataset, require_each_class
from .datasets import yield_and_return as _last
from .training_loop import (
    HeadStats, TrainingError, build_finetune_model, evaluate, freeze_except, set_train_mode,
    train_step, trainable_children,
)

DEFAULT_LR: dict[str, float] = {"sgd": 0.01, "adam": 1e-3}
#: The paper lowers the learning rate by 4% every 8 epochs.
LR_STEP_EPOCHS, LR_GAMMA = 8, 0.96


@dataclass
class FinetuneConfig:
    """Settings of one job; field names mirror ``googlenet-gui finetune`` flags."""

    out: str | Path
    data_dir: str | Path | None = None
    class_files: Mapping[str, Sequence[str | Path]] | None = None
    epochs: int = 5
    batch_size: int = 16
    lr: float | None = None
    optimizer: str = "sgd"
    train: str = "heads"
    image_size: int = 224
    val_split: float = 0.2
    seed: int = 0
    augment: str = "paper"  # paper | flip | none (see augment.AUGMENTATIONS)
    device: str | None = None  # None: the loaded model's device
    # DataLoader workers: augmentation costs ~7 ms per 224 px image against ~300 ms for the
    # CPU training step, so 0 (no extra processes) on CPU; on a GPU 2-4 can keep it fed.
    workers: int = 0
    channels_last: bool = True
    overwrite_source: bool = False

    def settings(self) -> dict[str, Any]:
        """JSON-able settings stored in the checkpoint's training record."""
        keys = ("epochs", "batch_size", "optimizer", "train", "image_size", "val_split", "seed", "augment")
        out = {k: getattr(self, k) for k in keys}
        out["lr"] = self.learning_rate
        out["data"] = str(self.data_dir) if self.data_dir is not None else "class bins"
        return out

    @property
    def learning_rate(self) -> float:
        return float(self.lr) if self.lr is not None else DEFAULT_LR[self.optimizer]


@dataclass
class DatasetSummary:
    """Class balance, known before anything is decoded or trained."""

    class_names: list[str]
    counts: dict[str, tuple[int, int]]  # name -> (train, val)
    train_images: int
    val_images: int
    source: str


@dataclass
class PreparingProgress:
    done: int
    total: int
    stage: str = "decoding images"


@dataclass
class BatchProgress:
    epoch: int
    batch: int
    batches: int
    loss: float
    images_per_s: float
    eta_s: float


@dataclass
class EpochResult:
    epoch: int
    train_loss: float
    val_loss: float
    val_accuracy: float
    train_losses: dict[str, float]
    train_accuracies: dict[str, float]
    val_losses: dict[str, float]
    val_accuracies: dict[str, float]
    lr: float
    saved_best: bool
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """The ``finetune --json`` line for this epoch."""
        data = asdict(self)
        data["head_accuracies"] = dict(self.val_accuracies)
        for head, acc in self.val_accuracies.items():
            data[f"{head}_accuracy"] = acc
        return data


@dataclass
class Finished:
    out_path: str | None
    best_epoch: int | None
    best_val_accuracy: float | None
    confusion_matrix: np.ndarray
    class_names: list[str]
    history: list[dict[str, Any]] = field(default_factory=list)
    cancelled: bool = False
    skipped_files: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"finished": True, "out": self.out_path, "best_epoch": self.best_epoch,
                "best_val_accuracy": self.best_val_accuracy, "cancelled": self.cancelled,
                "class_names": self.class_names, "confusion_matrix": self.confusion_matrix.tolist(),
                "skipped_files": self.skipped_files}


def _check_out_path(config: FinetuneConfig, loaded) -> Path:
    out = Path(config.out)
    source = getattr(loaded, "source", None)
    if source and not config.overwrite_source and Path(source).exists() and out.exists() \
            and out.resolve() == Path(source).resolve():
        raise TrainingError(f"{out}: refusing to overwrite the source checkpoint; choose another --out.")
    if out.is_dir():
        raise TrainingError(f"{out}: is a folder; --out needs a file name.")
    return out


def _loaders(decoded_train, decoded_val, config: FinetuneConfig, prep, device) -> tuple[DataLoader, DataLoader]:
    """Seeded shuffling; a last training batch of one is dropped (BatchNorm needs 2+)."""
    pin = device.type == "cuda"
    generator = torch.Generator().manual_seed(config.seed)
    train_ds = TensorImageDataset(decoded_train, training_transform(config.augment, config.image_size, prep))
    val_ds = TensorImageDataset(decoded_val, val_transform(config.image_size, prep))
    drop_last = len(train_ds) % config.batch_size == 1 and len(train_ds) > 1
    common = dict(batch_size=config.batch_size, num_workers=config.workers, pin_memory=pin,
                  persistent_workers=config.workers > 0)
    return (DataLoader(train_ds, shuffle=True, drop_last=drop_last, generator=generator, **common),
            DataLoader(val_ds, shuffle=False, **common))


def _optimizer(config: FinetuneConfig, params):
    if config.optimizer == "adam":
        return torch.optim.Adam(params, lr=config.learning_rate), None
    if config.optimizer != "sgd":
        raise TrainingError(f"--optimizer must be sgd or adam, got {config.optimizer!r}.")
    opt = torch.optim.SGD(params, lr=config.learning_rate, momentum=0.9)
    return opt, torch.optim.lr_scheduler.StepLR(opt, step_size=LR_STEP_EPOCHS, gamma=LR_GAMMA)


def _validate_config(config: FinetuneConfig) -> None:
    if config.epochs < 1 or config.batch_size < 2 or config.image_size < 32:
        raise TrainingError("epochs must be >= 1, batch size >= 2 and image size >= 32.")
    if config.augment not in AUGMENTATIONS:
        raise TrainingError(f"augmentation must be one of {', '.join(AUGMENTATIONS)}, got {config.augment!r}.")


def _decode(plan, config: FinetuneConfig, cancel) -> Iterator[Any]:
    """Decode train + val once; yields progress, returns (train, val, skipped)."""
    short_side = resize_for(config.image_size)
    total = len(plan.train) + len(plan.val)
    train = yield from _relay(decode_all(plan.train, short_side, cancel), 0, total)
    val = yield from _relay(decode_all(plan.val, short_side, cancel), len(plan.train), total)
    if not cancel():
        require_each_class(train, plan.class_names, plan.source)
    return train, val, train.skipped + val.skipped


def _relay(gen, offset: int, total: int):
    every = max(1, total // 50)
    while True:
        try:
            done = next(gen)
        except StopIteration as stop:
            return stop.value
        if done % every == 0 or offset + done == total:
            yield PreparingProgress(offset + done, total)


def finetune(config: FinetuneConfig, loaded, cancel=None) -> Iterator[Any]:
    """Run one fine-tuning job; yields events and finally yields and returns :class:`Finished`."""
    cancel = cancel or (lambda: False)
    _validate_config(config)
    out = _check_out_path(config, loaded)
    plan = plan_dataset(config.data_dir, config.class_files, config.val_split, config.seed)
    counts = plan.counts()
    yield DatasetSummary(plan.class_names, counts, len(plan.train), len(plan.val), plan.source)
    train_data, val_data, skipped = yield from _decode(plan, config, cancel)
    from .training_run import FinetuneRun  # the epoch loop; split out to keep files small

    run = FinetuneRun(config, loaded, plan.class_names, out, skipped)
    if cancel():
        return (yield from _last(run.finished(cancelled=True)))
    run.setup(train_data, val_data)
    return (yield from run.epochs(cancel))


__all__ = [
    "FinetuneConfig", "DatasetSummary", "PreparingProgress", "BatchProgress", "EpochResult", "Finished",
    "TrainingError", "finetune", "build_finetune_model", "trainable_children", "freeze_except",
    "set_train_mode", "HeadStats", "train_step", "evaluate",
]
