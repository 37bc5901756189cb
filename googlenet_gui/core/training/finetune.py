"""Fine-tuning as a generator of plain events: the CLI prints them, the window plots them.

``finetune(config, loaded, cancel)`` checks the data, decodes it once, replaces the
heads for the new classes, trains with the paper's loss (main + 0.3 x (aux1 + aux2))
and saves the best epoch (validation accuracy, ties broken by validation loss)
atomically.  Cancel is polled before every batch, so the job stops within one batch
and the best checkpoint written so far stays; nothing here imports Qt.
:class:`FinetuneRun` holds the state a job accumulates (model, optimiser, best epoch,
history) so the epoch loop itself reads as the few steps it is.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.utils.data import DataLoader

from googlenet_gui.core.checkpoints.files import check_save_path
from googlenet_gui.core.training.augment import (
    AUGMENTATIONS, preprocessing_for, resize_for, training_transform, val_transform,
)
from googlenet_gui.core.training.defaults import resolve_auto
from googlenet_gui.core.training.datasets import TensorImageDataset, decode_all, plan_dataset, require_each_class
from googlenet_gui.core.jobs import yield_and_return as _last
from googlenet_gui.core.training.events import (  # re-exported: callers import them from here
    DEFAULT_LR, BatchProgress, DatasetSummary, DecodedSummary, EpochResult,
    FinetuneConfig, Finished, PreparingProgress, TrainingNote,
)
from googlenet_gui.core.training.steps import (
    HeadStats, TrainingError, build_finetune_model, evaluate, freeze_except, set_train_mode,
    train_step, trainable_children,
)


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
    """The optimiser and its schedule: cosine decay over the run's epochs.

    WHY not the paper's 4% every 8 epochs: made for runs of hundreds of epochs, it left a
    5-15 epoch run at a constant rate, and from scratch on a small set the validation accuracy
    of the last epochs then swung between chance and 100%; decaying to zero settles them.
    """
    if config.optimizer == "adam":
        opt: torch.optim.Optimizer = torch.optim.Adam(params, lr=config.learning_rate)
    elif config.optimizer == "sgd":
        opt = torch.optim.SGD(params, lr=config.learning_rate, momentum=0.9)
    else:
        raise TrainingError(f"--optimizer must be sgd or adam, got {config.optimizer!r}.")
    return opt, torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=config.epochs)


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


#: On CUDA the loss is read back (a device sync) only every this many batches.
CUDA_REPORT_EVERY = 10


def _resolve_device(config: FinetuneConfig, loaded) -> torch.device:
    if config.device in (None, ""):
        return torch.device(getattr(loaded, "device", "cpu"))
    from googlenet_gui.core.inference.devices import resolve_device

    return resolve_device(config.device)


def _is_oom(error: BaseException) -> bool:
    return isinstance(error, torch.OutOfMemoryError) or "out of memory" in str(error).lower()


class FinetuneRun:
    """One job's mutable state between epochs."""

    def __init__(self, config: FinetuneConfig, loaded, class_names: list[str], out: Path,
                 skipped: list[str], counts: dict[str, tuple[int, int]] | None = None) -> None:
        self.config, self.loaded, self.class_names = config, loaded, class_names
        self.out, self.skipped, self.counts = out, skipped, dict(counts or {})
        self.best_state: dict[str, torch.Tensor] | None = None  # CPU copy, to re-save the record at the end
        self.history: list[dict[str, Any]] = []
        self.best: tuple[float, float] | None = None  # (val accuracy, -val loss)
        self.best_epoch: int | None = None
        self.best_confusion = np.zeros((len(class_names), len(class_names)), dtype=np.int64)
        self.saved = False

    # ------------------------------------------------------------------ setup
    def setup(self, train_data, val_data) -> None:
        """Seed, build the model with new heads, freeze, make loaders and the optimiser."""
        config = self.config
        torch.manual_seed(config.seed)
        self.device = _resolve_device(config, self.loaded)
        self.memory_format = torch.channels_last if config.channels_last else torch.contiguous_format
        model = build_finetune_model(self.loaded.model, list(self.loaded.class_names), self.class_names)
        self.model = model.to(self.device, memory_format=self.memory_format)
        self.trainable = trainable_children(self.model, config.train)
        params = freeze_except(self.model, self.trainable)
        self.optimizer, self.scheduler = _optimizer(config, params)
        self.prep = preprocessing_for(config.image_size, self.loaded.preprocessing)
        self.train_loader, self.val_loader = _loaders(train_data, val_data, config, self.prep, self.device)
        if len(self.train_loader) == 0:
            raise TrainingError("not enough readable training images for one batch.")

    # ------------------------------------------------------------------- loop
    def epochs(self, cancel) -> Iterator[Any]:
        """Yield progress and epoch results; yield and return :class:`Finished`."""
        start = time.perf_counter()
        total_batches = self.config.epochs * len(self.train_loader)
        try:
            for epoch in range(1, self.config.epochs + 1):
                result = yield from self._epoch(epoch, cancel, start, total_batches)
                if result is None:
                    self._close_record(cancelled=True)
                    return (yield from _last(self.finished(cancelled=True)))
                yield result
        except (RuntimeError, torch.OutOfMemoryError) as error:
            if not _is_oom(error):
                raise
            self._release_memory()
            kept = f"the best checkpoint so far is in {self.out}" if self.saved else "nothing was saved"
            raise TrainingError(f"ran out of {self.device.type.upper()} memory at batch size "
                                f"{self.config.batch_size}, image size {self.config.image_size}; "
                                f"{kept}. Try a smaller batch or image size.") from None
        self._close_record(cancelled=False)
        return (yield from _last(self.finished(cancelled=False)))

    def _epoch(self, epoch: int, cancel, start: float, total_batches: int) -> Iterator[Any]:
        """One training pass + validation; returns the EpochResult, or None when cancelled."""
        epoch_start = time.perf_counter()
        set_train_mode(self.model, self.trainable)
        stats = HeadStats()
        batches = len(self.train_loader)
        report_every = CUDA_REPORT_EVERY if self.device.type == "cuda" else 1
        done_before = (epoch - 1) * batches
        seen = 0
        for batch, (x, y) in enumerate(self.train_loader, 1):
            if cancel():
                return None
            x = x.to(self.device, non_blocking=True).contiguous(memory_format=self.memory_format)
            y = y.to(self.device, non_blocking=True)
            loss = train_step(self.model, self.optimizer, x, y, stats)
            seen += y.shape[0]
            if batch % report_every == 0 or batch == batches:
                value = float(loss)
                self._check_finite(epoch, value)
                yield self._progress(epoch, batch, batches, value, seen, epoch_start,
                                     start, done_before + batch, total_batches)
        if cancel():
            return None
        val_stats, confusion = evaluate(self.model, self.val_loader, self.device, self.memory_format,
                                        len(self.class_names))
        result = self._record(epoch, stats, val_stats, confusion, time.perf_counter() - epoch_start)
        self.scheduler.step()
        return result

    @staticmethod
    def _progress(epoch, batch, batches, loss, seen, epoch_start, start, done, total) -> BatchProgress:
        now = time.perf_counter()
        rate = seen / max(now - epoch_start, 1e-9)
        eta = (now - start) / done * (total - done)
        return BatchProgress(epoch, batch, batches, loss, rate, eta)

    def _check_finite(self, epoch: int, loss: float) -> None:
        """Stop a run whose loss became NaN/inf: its weights are broken and must never be saved.

        WHY: with ``--lr 1e6`` a run once saved NaN weights as its "best" checkpoint, exited 0,
        and the app then refused the file it had just written.
        """
        if math.isfinite(loss):
            return
        kept = f"the best checkpoint so far is in {self.out}" if self.saved else "nothing was saved"
        lr = float(self.optimizer.param_groups[0]["lr"])
        raise TrainingError(f"training diverged in epoch {epoch}: the loss became {loss} (the learning rate "
                            f"{lr:g} is probably too high; try one ten times lower); {kept}.")

    # ---------------------------------------------------------------- results
    def _record(self, epoch: int, stats: HeadStats, val_stats: HeadStats, confusion: np.ndarray,
                seconds: float) -> EpochResult:
        train_loss, train_losses, train_accs = stats.summary()
        self._check_finite(epoch, train_loss)  # CUDA reports every few batches: check the whole epoch
        val_loss, val_losses, val_accs = val_stats.summary()
        val_acc = val_accs.get("main", float("nan"))
        lr = float(self.optimizer.param_groups[0]["lr"])
        score = (val_acc if val_acc == val_acc else train_accs["main"],
                 -(val_loss if val_loss == val_loss else train_loss))
        is_best = self.best is None or score > self.best
        result = EpochResult(epoch, train_loss, val_loss, val_acc, train_losses, train_accs,
                             val_losses, val_accs, lr, is_best, seconds, confusion)
        self.history.append(result.to_json())
        if is_best:
            self.best, self.best_epoch, self.best_confusion = score, epoch, confusion
            self._save()
        return result

    def _save(self, status: str | None = None) -> None:
        """Atomic save of the current model (the best so far) with settings, data and history.

        ``status`` "finished" or "cancelled" once the run is over; while it runs the record
        says "running", or "finished" when the best epoch is the last one planned.
        """
        from googlenet_gui.core.checkpoints.files import save_checkpoint

        loaded = self.loaded
        run = len(self.history)
        status = status or ("finished" if run == self.config.epochs else "running")
        training = {"settings": self.config.settings(), "history": list(self.history),
                    "best_epoch": self.best_epoch, "best_val_accuracy": self.best[0], "epochs_run": run,
                    "status": status, "class_counts": {k: list(v) for k, v in self.counts.items()}}
        provenance = {"fine_tuned_from": str(getattr(loaded, "source", "")),
                      "source_format": str(getattr(loaded, "format", ""))}
        save_checkpoint(self.out, self.model, class_names=list(self.class_names), preprocessing=self.prep,
                        transform_input=bool(self.model.transform_input), provenance=provenance,
                        training=training, aux_state="trained", source_path=getattr(loaded, "source", None),
                        overwrite=self.config.overwrite_source)
        self.saved = True
        self.best_state = {k: v.detach().to("cpu", copy=True) for k, v in self.model.state_dict().items()}

    def _close_record(self, cancelled: bool) -> None:
        """Re-save the best weights with the final status when the saved record is out of date
        (epochs ran after the best one, or the run was cancelled)."""
        if not self.saved or (not cancelled and self.best_epoch == len(self.history)):
            return
        self.model.load_state_dict(self.best_state)
        self._save("cancelled" if cancelled else "finished")

    def finished(self, cancelled: bool) -> Finished:
        n = len(self.class_names)
        confusion = self.best_confusion if self.best_epoch else np.zeros((n, n), dtype=np.int64)
        best_acc = None if self.best is None else float(self.best[0])
        return Finished(str(self.out) if self.saved else None, self.best_epoch, best_acc, confusion,
                        list(self.class_names), list(self.history), cancelled, list(self.skipped))

    def _release_memory(self) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        if self.device.type == "cuda":
            torch.cuda.empty_cache()


def prepare_run(config: FinetuneConfig, loaded, cancel) -> Iterator[Any]:
    """Check, plan and decode the data and set the run up; yields events, returns the
    :class:`FinetuneRun` (not set up when cancelled meanwhile).

    Apart from :func:`finetune` so the parity benchmark can look at the model between epochs.
    """
    _validate_config(config)
    out = check_save_path(config.out, getattr(loaded, "source", None), config.overwrite_source)
    plan = plan_dataset(config.data_dir, config.class_files, config.val_split, config.seed)
    counts = plan.counts()
    yield DatasetSummary(plan.class_names, counts, len(plan.train), len(plan.val), plan.source)
    config, notes = resolve_auto(config, loaded, counts)
    yield from notes
    train_data, val_data, skipped = yield from _decode(plan, config, cancel)
    run = FinetuneRun(config, loaded, plan.class_names, out, skipped, counts)
    if not cancel():
        run.setup(train_data, val_data)
    return run


def finetune(config: FinetuneConfig, loaded, cancel=None) -> Iterator[Any]:
    """Run one fine-tuning job; yields events and finally yields and returns :class:`Finished`."""
    cancel = cancel or (lambda: False)
    run = yield from prepare_run(config, loaded, cancel)
    if cancel():
        return (yield from _last(run.finished(cancelled=True)))
    return (yield from run.epochs(cancel))


def warm_up() -> None:
    """Import what the first training step needs, ahead of the user pressing Start.

    WHY: torch's first optimizer imports ``torch._dynamo`` (about 2 s here, with sympy and
    triton), holding the GIL in chunks of up to ~150 ms.  Done inside a fine-tune it
    delayed the first batch by those seconds and stalled the window mid-job; the app runs
    this on its training worker when the Fine-tune tab is opened instead.  Harmless to
    call again (the imports are cached).
    """
    from googlenet_gui.core.inference.engine import preload_training_libraries, responsive

    with responsive():  # the window keeps its turns at the lock
        preload_training_libraries()  # its dlopen with the lock released
        torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)


__all__ = [
    "warm_up", "FinetuneConfig", "DatasetSummary", "DecodedSummary", "PreparingProgress", "BatchProgress",
    "EpochResult", "Finished", "TrainingNote",
    "TrainingError", "finetune", "prepare_run", "FinetuneRun", "build_finetune_model", "trainable_children", "freeze_except",
    "set_train_mode", "HeadStats", "train_step", "evaluate",
]
