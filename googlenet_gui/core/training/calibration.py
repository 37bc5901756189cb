"""Aux-head calibration: distil the main head into aux1/aux2 on unlabelled images.

The official torchvision weights ship aux heads that were never trained, so their
predictions are noise exactly where a classroom wants to compare the three heads.
This job freezes the backbone and the main head and trains only the aux heads to
match the main head's softmax (KL divergence with a temperature, as in knowledge
distillation), so any folder of images works and no labels are needed.

Because everything below the aux heads is frozen and the views are deterministic
(centre crop, plus its mirror image for training), the aux heads' inputs and the
teacher's logits are computed once and cached: each epoch then costs only the small
aux heads, which makes several epochs cheap even on a laptop CPU.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

from googlenet_gui.core.checkpoints.files import check_save_path, save_checkpoint
from googlenet_gui.core.training.augment import view_transform
from googlenet_gui.core.images.files import images_in_folder
from googlenet_gui.core.training.datasets import DecodedImages, decode_all
from googlenet_gui.core.jobs import yield_and_return as _last
from googlenet_gui.core.errors import DatasetError
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.spec import AUX_ATTACH
from googlenet_gui.core.training.defaults import looks_untrained
from googlenet_gui.core.training.steps import TrainingError, build_finetune_model

AUX_HEADS: tuple[str, ...] = tuple(AUX_ATTACH)


@dataclass
class CalibrationProgress:
    stage: str  # "decoding", "teacher" or "training"
    done: int
    total: int
    epoch: int = 0
    loss: float = float("nan")


@dataclass
class CalibrationEpoch:
    epoch: int
    loss: float
    agreement: dict[str, float]
    saved: bool


@dataclass
class CalibrationFinished:
    out_path: str | None
    agreement_before: dict[str, float]
    agreement_after: dict[str, float]
    train_images: int
    held_out_images: int
    cancelled: bool = False
    skipped_files: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"finished": True, "out": self.out_path, "agreement_before": self.agreement_before,
                "agreement_after": self.agreement_after, "train_images": self.train_images,
                "held_out_images": self.held_out_images, "cancelled": self.cancelled,
                "skipped_files": self.skipped_files}


@dataclass
class _Cached:
    """Aux-head inputs (after each head's pooling) and the teacher's main logits."""

    pooled: dict[str, Tensor]
    teacher: Tensor


def _split_files(image_dir: Path, val_split: float, seed: int) -> tuple[list[Path], list[Path]]:
    if image_dir.exists() and not image_dir.is_dir():
        raise DatasetError(f"{image_dir} is a file; give the folder of images to calibrate on.")
    if not image_dir.is_dir():
        raise DatasetError(f"{image_dir}: the image folder does not exist.")
    files = images_in_folder(image_dir)
    if len(files) < 2:
        raise DatasetError(f"{image_dir}: needs at least 2 images (found {len(files)}).")
    random.Random(seed).shuffle(files)
    n_val = min(len(files) - 1, max(1, round(len(files) * val_split)))
    return files[n_val:], files[:n_val]


def _teacher_pass(model: GoogLeNet, x: Tensor) -> tuple[dict[str, Tensor], Tensor]:
    """Frozen forward: each aux head's pooled input and the main logits."""
    pooled: dict[str, Tensor] = {}
    attach = {module: head for head, module in AUX_ATTACH.items()}
    h = model._transform(x)
    for name in model.trunk_names:
        h = getattr(model, name)(h)
        if name in attach:
            pooled[attach[name]] = getattr(model, attach[name]).pool(h)
    logits = model.fc(model.dropout(torch.flatten(model.avgpool(h), 1)))
    return pooled, logits


def _aux_logits(model: GoogLeNet, head: str, pooled: Tensor) -> Tensor:
    aux = getattr(model, head)
    x = torch.flatten(aux.conv(pooled), 1)
    return aux.fc2(aux.dropout(aux.relu(aux.fc1(x))))


def _cache(model: GoogLeNet, decoded: DecodedImages, prep, device, mirror: bool, batch: int,
           cancel) -> Iterator[CalibrationProgress]:
    transform = view_transform(prep)
    pooled: dict[str, list[Tensor]] = {h: [] for h in AUX_HEADS}
    teacher: list[Tensor] = []
    total = len(decoded.images)
    with torch.inference_mode():
        for start in range(0, total, batch):
            if cancel():
                break
            x = torch.stack([transform(im) for im in decoded.images[start:start + batch]]).to(device)
            views = [x, x.flip(-1)] if mirror else [x]
            for view in views:
                p, logits = _teacher_pass(model, view)
                for h in AUX_HEADS:
                    pooled[h].append(p[h])
                teacher.append(logits.float())
            yield CalibrationProgress("teacher", min(start + batch, total), total)
    if not teacher:
        return None
    return _Cached({h: torch.cat(v) for h, v in pooled.items()}, torch.cat(teacher))


def agreement(model: GoogLeNet, cached: _Cached, batch: int = 256) -> dict[str, float]:
    """Fraction of held-out images where each aux head's top-1 equals the main head's."""
    teacher_top = cached.teacher.argmax(1)
    out = {}
    with torch.inference_mode():
        for head in AUX_HEADS:
            getattr(model, head).eval()
            preds = torch.cat([_aux_logits(model, head, cached.pooled[head][i:i + batch]).argmax(1)
                               for i in range(0, len(teacher_top), batch)])
            out[head] = float((preds == teacher_top).float().mean())
    return out


def distillation_loss(student: Tensor, teacher: Tensor, temperature: float) -> Tensor:
    """KL(teacher || student) on temperature-softened distributions, scaled by T^2 (Hinton et al.)."""
    t = temperature
    return F.kl_div(F.log_softmax(student / t, 1), F.log_softmax(teacher / t, 1),
                    reduction="batchmean", log_target=True) * (t * t)


def _decode(files: list[Path], short_side: int, cancel) -> Iterator[CalibrationProgress]:
    gen = decode_all([(p, 0) for p in files], short_side, cancel)
    while True:
        try:
            done = next(gen)
        except StopIteration as stop:
            return stop.value
        yield CalibrationProgress("decoding", done, len(files))


def calibrate_aux(loaded, image_dir: str | Path, epochs: int = 3, cancel=None, *, out: str | Path | None = None,
                  batch_size: int = 32, lr: float = 1e-3, temperature: float = 2.0, val_split: float = 0.25,
                  seed: int = 0, overwrite_source: bool = False) -> Iterator[Any]:
    """Generator: calibrate the aux heads of ``loaded`` (a copy; the loaded model is untouched).

    Yields progress and :class:`CalibrationEpoch` events, then yields and returns
    :class:`CalibrationFinished`.  With ``out`` the best epoch (mean agreement) is saved
    atomically with ``aux_state="calibrated"``; a source without aux heads gets fresh ones.
    """
    cancel = cancel or (lambda: False)
    refuse_untrained_teacher(loaded)
    if out is not None:
        check_save_path(out, loaded.source, overwrite_source)
    train_files, val_files = _split_files(Path(image_dir), val_split, seed)
    torch.manual_seed(seed)
    names = list(loaded.class_names)
    model = build_finetune_model(loaded.model, names, names).to(loaded.device).eval()
    model.requires_grad_(False)
    prep = loaded.preprocessing
    train_dec = yield from _decode(train_files, prep.resize, cancel)
    val_dec = yield from _decode(val_files, prep.resize, cancel)
    finished = CalibrationFinished(None, {}, {}, len(train_dec.images), len(val_dec.images), True,
                                   train_dec.skipped + val_dec.skipped)
    if cancel():
        return (yield from _last(finished))
    if not train_dec.images or not val_dec.images:
        raise DatasetError(f"{image_dir}: not enough readable images to calibrate and hold some out.")
    train = yield from _cache(model, train_dec, prep, loaded.device, True, batch_size, cancel)
    held = yield from _cache(model, val_dec, prep, loaded.device, False, batch_size, cancel)
    if train is None or held is None or cancel():
        return (yield from _last(finished))
    finished.agreement_before = finished.agreement_after = agreement(model, held)
    loop = _DistillLoop(model, loaded, train, held, out, lr, temperature, batch_size, overwrite_source)
    finished.cancelled = yield from loop.run(epochs, cancel)
    finished.agreement_after, finished.out_path = loop.best_agreement or finished.agreement_before, loop.saved_to
    return (yield from _last(finished))


def refuse_untrained_teacher(loaded) -> None:
    """Distilling a random main head would mark noise as "calibrated" aux heads; refuse it.

    WHY: the aux heads then agree with the teacher (the number printed goes up), which reads
    as success although neither head knows anything; the checkpoint would carry the label.
    """
    if looks_untrained(loaded):
        raise TrainingError(f"{loaded.name}: its weights are untrained (random), so its main head has "
                            "nothing to teach; calibrate the aux heads of a trained or fine-tuned model.")


class _DistillLoop:
    """Trains the aux heads on cached inputs; saves whenever the mean agreement improves."""

    def __init__(self, model, loaded, train: _Cached, held: _Cached, out, lr, temperature, batch_size,
                 overwrite_source) -> None:
        self.model, self.loaded, self.train, self.held = model, loaded, train, held
        self.out, self.temperature, self.batch_size = out, temperature, batch_size
        self.overwrite_source = overwrite_source
        params = [p for h in AUX_HEADS for p in getattr(model, h).parameters()]
        for p in params:
            p.requires_grad_(True)
        self.optimizer = torch.optim.Adam(params, lr=lr)
        self.best_agreement: dict[str, float] | None = None
        self.saved_to: str | None = None
        self.history: list[dict[str, Any]] = []

    def run(self, epochs: int, cancel) -> Iterator[Any]:
        """Returns True when cancelled."""
        n = len(self.train.teacher)
        batches = max(1, (n + self.batch_size - 1) // self.batch_size)
        for epoch in range(1, epochs + 1):
            for h in AUX_HEADS:
                getattr(self.model, h).train()
            order = torch.randperm(n, device=self.train.teacher.device)
            total = 0.0
            for b in range(batches):
                if cancel():
                    return True
                idx = order[b * self.batch_size:(b + 1) * self.batch_size]
                if len(idx) < 2:  # BatchNorm in the aux conv needs two samples
                    continue
                loss = sum(distillation_loss(_aux_logits(self.model, h, self.train.pooled[h][idx]),
                                             self.train.teacher[idx], self.temperature) for h in AUX_HEADS)
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                self.optimizer.step()
                value = loss.detach().item()
                if not math.isfinite(value):  # broken weights must never be saved as the best
                    kept = f"the best result so far is in {self.out}" if self.best_agreement else "nothing was saved"
                    raise TrainingError(f"calibration diverged in epoch {epoch}: the loss became {value} "
                                        f"(try a lower learning rate or a temperature near 2); {kept}.")
                total += value
                yield CalibrationProgress("training", b + 1, batches, epoch, value)
            yield self._end_epoch(epoch, total / batches)
        return False

    def _end_epoch(self, epoch: int, loss: float) -> CalibrationEpoch:
        agree = agreement(self.model, self.held)
        better = self.best_agreement is None or sum(agree.values()) > sum(self.best_agreement.values())
        self.history.append({"epoch": epoch, "loss": loss, "agreement": agree})
        if better:
            self.best_agreement = agree
            if self.out is not None:
                self._save()
        return CalibrationEpoch(epoch, loss, agree, better and self.out is not None)

    def _save(self) -> None:

        loaded = self.loaded
        training = dict(loaded.training or {})
        training["aux_calibration"] = {"history": list(self.history), "temperature": self.temperature,
                                       "train_views": len(self.train.teacher), "held_out": len(self.held.teacher)}
        save_checkpoint(self.out, self.model, class_names=list(loaded.class_names),
                        preprocessing=loaded.preprocessing, transform_input=bool(loaded.transform_input),
                        provenance={"aux_calibrated_from": str(loaded.source)}, training=training,
                        aux_state="calibrated", source_path=loaded.source, overwrite=self.overwrite_source)
        self.saved_to = str(self.out)
