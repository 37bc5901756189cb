"""Fine-tuning as a generator of plain events: the CLI prints them, the window plots them.

``finetune(config, loaded, cancel)`` checks the data, decodes it once, replaces the
heads for the new classes, trains with the paper's loss (main + 0.3 x (aux1 + aux2))
and saves the best epoch (validation accuracy, ties broken by validation loss)
atomically.  Cancel is polled before every batch, so the job stops within one batch
and the best checkpoint written so far stays; nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import torch
from torch.utils.data import DataLoader

from googlenet_gui.core.training.augment import AUGMENTATIONS, resize_for, training_transform, val_transform
from googlenet_gui.core.training.datasets import TensorImageDataset, decode_all, plan_dataset, require_each_class
from googlenet_gui.core.training.datasets import yield_and_return as _last
from googlenet_gui.core.training.events import (  # re-exported: callers import them from here
    DEFAULT_LR, LR_GAMMA, LR_STEP_EPOCHS, BatchProgress, DatasetSummary, DecodedSummary, EpochResult,
    FinetuneConfig, Finished, PreparingProgress,
)
from googlenet_gui.core.training.steps import (
    HeadStats, TrainingError, build_finetune_model, evaluate, freeze_except, set_train_mode,
    train_step, trainable_children,
)


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
        yield DecodedSummary(len(train.images), len(val.images), train.skipped + val.skipped)
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
    from googlenet_gui.core.training.epochs import FinetuneRun  # the epoch loop; split out to keep files small

    run = FinetuneRun(config, loaded, plan.class_names, out, skipped)
    if cancel():
        return (yield from _last(run.finished(cancelled=True)))
    run.setup(train_data, val_data)
    return (yield from run.epochs(cancel))


def warm_up() -> None:
    """Import what the first training step needs, ahead of the user pressing Start.

    WHY: torch's first optimizer imports ``torch._dynamo`` (about 2 s here, with sympy and
    triton), holding the GIL in chunks of up to ~150 ms.  Done inside a fine-tune it
    delayed the first batch by those seconds and stalled the window mid-job; the app runs
    this on its training worker when the Fine-tune tab is opened instead.  Harmless to
    call again (the imports are cached).
    """
    from googlenet_gui.core.accel.torch_preload import preload_triton_library, responsive_python

    with responsive_python():  # the window keeps its turns at the lock (see there)
        from googlenet_gui.core.training import epochs as training_run  # noqa: F401 - the epoch loop, imported lazily by finetune()

        preload_triton_library()  # its dlopen with the lock released (see there)
        torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)


__all__ = [
    "warm_up", "FinetuneConfig", "DatasetSummary", "DecodedSummary", "PreparingProgress", "BatchProgress",
    "EpochResult", "Finished",
    "TrainingError", "finetune", "build_finetune_model", "trainable_children", "freeze_except",
    "set_train_mode", "HeadStats", "train_step", "evaluate",
]
