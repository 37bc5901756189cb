"""Fine-tuning settings and the events the job yields: plain data, importable without torch.

The window builds a :class:`FinetuneConfig` and dispatches on these event types while it
starts up, before torch is loaded; :mod:`googlenet_gui.core.training.finetune` runs the job.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from googlenet_gui.core.i18n import QT_TRANSLATE_NOOP

#: Training augmentations: chosen from the data (see :mod:`.defaults`), the paper's (crops of
#: 8-100% area, flips, colour jitter), flips only, none.
AUGMENTATIONS: tuple[str, ...] = ("auto", "paper", "flip", "none")
#: Training images a class from which ``auto`` uses the paper's augmentation: the paper's
#: recipe was made for ImageNet's ~1,300 a class; well below that it removes more than it adds.
PAPER_AUGMENT_MIN_PER_CLASS = 1000

#: Learning rates from scratch and for new heads; :mod:`.defaults` picks lower ones for a
#: pretrained network trained whole.
DEFAULT_LR: dict[str, float] = {"sgd": 0.01, "adam": 1e-3}


@dataclass
class FinetuneConfig:
    """Settings of one job; field names mirror ``googlenet-gui finetune`` flags."""

    out: str | Path
    data_dir: str | Path | None = None
    class_files: Mapping[str, Sequence[str | Path]] | None = None
    epochs: int = 5
    batch_size: int = 16
    lr: float | None = None  # None: chosen from the starting point (see defaults.choose_lr)
    optimizer: str = "sgd"
    train: str = "heads"
    image_size: int = 224
    val_split: float = 0.2
    seed: int = 0
    augment: str = "auto"  # auto | paper | flip | none (see AUGMENTATIONS)
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
class TrainingNote:
    """A setting the job chose for the user (``auto``), or a warning about the settings given."""

    text: str
    warning: bool = False

    def __str__(self) -> str:
        return ("warning: " if self.warning else "note: ") + self.text


@dataclass
class DecodedSummary:
    """What training really gets once every image is decoded: unreadable files are left out.

    WHY: :class:`DatasetSummary` counts files before decoding, so a folder with broken
    files promised more images than it trained on, and the user learnt why only at the end.
    """

    train_images: int
    val_images: int
    skipped: list[str] = field(default_factory=list)  # "path: reason"


@dataclass
class PreparingProgress:
    done: int
    total: int
    stage: str = QT_TRANSLATE_NOOP("TrainingPanel", "decoding images")  # the Fine-tune tab shows it translated


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
    #: This epoch's validation confusion matrix (main head), for the window's live view.
    #: Not in the JSON line: with 1000 classes it would be a million numbers per epoch.
    confusion_matrix: np.ndarray | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The ``finetune --json`` line for this epoch."""
        data = asdict(self)
        data.pop("confusion_matrix")
        data["head_accuracies"] = dict(self.val_accuracies)
        for head, acc in self.val_accuracies.items():
            data[f"{head}_accuracy"] = acc
        return json_safe(data)


def json_safe(value: Any) -> Any:
    """NaN/inf -> None, through dicts and lists.

    WHY: without validation images the val figures are NaN, and ``json.dumps`` writes a
    bare ``NaN`` that is not JSON (``jq`` rejected the ``--json`` lines); ``null`` is.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return value


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
        return json_safe({"finished": True, "out": self.out_path, "best_epoch": self.best_epoch,
                          "best_val_accuracy": self.best_val_accuracy, "cancelled": self.cancelled,
                          "class_names": self.class_names, "confusion_matrix": self.confusion_matrix.tolist(),
                          "skipped_files": self.skipped_files})
