"""The settings ``auto`` stands for, chosen from the data and the starting point (issue 23).

The paper's 8%-100% crops with colour jitter are a recipe for ImageNet's ~1,300 images a
class: on tens of images a class they hid the objects and left a from-scratch run at chance
where flips alone learnt the task.  Likewise one learning rate does not suit both a random
start (which must move far) and pretrained features (which a large step destroys).  Each
choice comes with a sentence saying what was chosen and why, for the log.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import torch
from torch import nn

from googlenet_gui.core.training.events import (
    DEFAULT_LR, PAPER_AUGMENT_MIN_PER_CLASS, FinetuneConfig, TrainingNote,
)

#: Learning rates for the whole network from pretrained weights (``--train all``): a fifth of
#: the from-scratch rates (SGD 0.002).  WHY not the transfer-learning tutorial's constant 0.001:
#: our cosine decay averages half its peak, so 0.001 gave half the tutorial's summed step and
#: a trained start fell behind a plain constant-rate loop (0.85x held-out on digits); at 0.002
#: it matched or beat it (1.09x digits, 1.14x shapes; benchmarks/HISTORY.md, 2026-12-06).
PRETRAINED_ALL_LR: dict[str, float] = {name: lr / 5 for name, lr in DEFAULT_LR.items()}
#: torchvision's (and our) initialisation draws every conv weight with this standard deviation.
INIT_STD = 0.01


def looks_untrained(loaded) -> bool:
    """Whether ``loaded``'s backbone is still at its random initialisation.

    WHY by the weights too: a random model saved to a file (``format`` then is the file's,
    not "untrained") is no better a teacher or starting point than ``--weights untrained``.
    Training moves the weights it updates away from the init's std of 0.01; a model with any
    trained layer (new heads on random features included) counts as trained.
    """
    if getattr(loaded, "format", "") == "untrained":
        return True
    layers = [m.weight for m in loaded.model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        return bool(layers) and all(abs(float(w.float().std()) / INIT_STD - 1) < 0.05 for w in layers)


def choose_augment(counts: Mapping[str, tuple[int, int]]) -> tuple[str, str]:
    """``(kind, reason)`` for ``augment="auto"`` from the training images a class."""
    fewest = min(train for train, _ in counts.values())
    if fewest >= PAPER_AUGMENT_MIN_PER_CLASS:
        return "paper", (f"the paper's crops, flips and colour jitter ({fewest}+ training images a class, "
                         f"at least {PAPER_AUGMENT_MIN_PER_CLASS})")
    return "flip", (f"flips only ({fewest} training images in the smallest class; the paper's 8%-100% crops "
                    f"suit {PAPER_AUGMENT_MIN_PER_CLASS}+ a class, --augment paper to use them anyway)")


def choose_lr(optimizer: str, train: str, from_scratch: bool) -> tuple[float, str]:
    """``(learning rate, reason)`` when ``--lr`` is not given."""
    if from_scratch:
        return DEFAULT_LR[optimizer], "an untrained start"
    if train == "all":
        return PRETRAINED_ALL_LR[optimizer], "pretrained weights, every layer trained"
    return DEFAULT_LR[optimizer], "pretrained weights, new heads"


def resolve_auto(config: FinetuneConfig, loaded, counts: Mapping[str, tuple[int, int]]
                 ) -> tuple[FinetuneConfig, list[TrainingNote]]:
    """``config`` with ``auto`` settings made concrete, and the notes that say what was chosen."""
    notes: list[TrainingNote] = []
    changes: dict[str, object] = {}
    from_scratch = looks_untrained(loaded)
    if config.augment == "auto":
        changes["augment"], reason = choose_augment(counts)
        notes.append(TrainingNote(f"augmentation auto: {reason}."))
    if config.lr is None:
        changes["lr"], reason = choose_lr(config.optimizer, config.train, from_scratch)
        notes.append(TrainingNote(f"learning rate auto: {changes['lr']:g} for {config.optimizer} ({reason})."))
    if from_scratch and config.train != "all":
        notes.append(TrainingNote(
            f"--train {config.train} on an untrained backbone: its random features stay frozen, so the "
            "new layers can learn little; use --train all (or start from trained weights).", warning=True))
    return dataclasses.replace(config, **changes), notes
