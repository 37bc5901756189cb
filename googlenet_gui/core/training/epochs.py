"""The epoch loop of a fine-tuning job: train, validate, keep the best, report.

Split from :mod:`.training` to keep each file small; :class:`FinetuneRun` holds the
state a job accumulates (model, optimiser, best epoch, history) so the loop itself
reads as the few steps it is.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch

from googlenet_gui.core.training.augment import preprocessing_for
from googlenet_gui.core.training.datasets import yield_and_return as _last
from googlenet_gui.core.training.finetune import (
    BatchProgress, EpochResult, Finished, FinetuneConfig, _loaders, _optimizer,
)
from googlenet_gui.core.training.steps import (
    HeadStats, TrainingError, build_finetune_model, evaluate, freeze_except, set_train_mode,
    train_step, trainable_children,
)

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
                 skipped: list[str]) -> None:
        self.config, self.loaded, self.class_names = config, loaded, class_names
        self.out, self.skipped = out, skipped
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
        if self.scheduler is not None:
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

    def _save(self) -> None:
        """Atomic save of the current model (the best so far) with settings and history."""
        from googlenet_gui.core.checkpoints.files import save_checkpoint

        loaded = self.loaded
        training = {"settings": self.config.settings(), "history": list(self.history),
                    "best_epoch": self.best_epoch, "best_val_accuracy": self.best[0]}
        provenance = {"fine_tuned_from": str(getattr(loaded, "source", "")),
                      "source_format": str(getattr(loaded, "format", ""))}
        save_checkpoint(self.out, self.model, class_names=list(self.class_names), preprocessing=self.prep,
                        transform_input=bool(self.model.transform_input), provenance=provenance,
                        training=training, aux_state="trained", source_path=getattr(loaded, "source", None),
                        overwrite=self.config.overwrite_source)
        self.saved = True

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
