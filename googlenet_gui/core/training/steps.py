"""The pieces of a fine-tuning step: model surgery, freezing, the paper's loss, epoch statistics.

Kept apart from :mod:`.training` (which orchestrates data, events and saving) so each
piece can be tested on its own and so the benchmark times exactly the step users get.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.spec import INCEPTION_NAMES

#: Weight of each auxiliary loss in the total (Szegedy et al., section 6).
AUX_WEIGHT: float = 0.3
HEADS: tuple[str, ...] = ("main", "aux1", "aux2")
#: Parameters replaced when the class set changes: the main fc and both aux classifiers.
REPLACED_HEAD_PREFIXES: tuple[str, ...] = ("fc.", "aux1.fc2.", "aux2.fc2.")


class TrainingError(GoogLeNetGuiError):
    """A fine-tuning job cannot start or had to stop (bad settings, out of memory)."""


def build_finetune_model(source: GoogLeNet, source_classes: list[str], class_names: list[str]) -> GoogLeNet:
    """A copy of ``source`` with heads for ``class_names``; the source model is not touched.

    Heads are kept when the class list is unchanged (resuming our own checkpoint) and
    replaced otherwise.  A source without aux heads gets freshly initialised ones, so
    the paper's main + 0.3 x (aux1 + aux2) loss always applies and the result shows
    three trained heads.
    """
    spec = source.spec.with_classes(len(class_names), aux_logits=True)
    model = GoogLeNet(spec, transform_input=source.transform_input)
    keep_heads = list(source_classes) == list(class_names) and source.num_classes == len(class_names)
    state = {k: v for k, v in source.state_dict().items()
             if keep_heads or not k.startswith(REPLACED_HEAD_PREFIXES)}
    result = model.load_state_dict(state, strict=False)
    fresh = [k for k in result.missing_keys if not k.startswith(("fc.", "aux1.", "aux2."))]
    if fresh or result.unexpected_keys:  # cannot happen for a GoogLeNet source; guards surgery bugs
        raise TrainingError(f"could not transfer the backbone: missing {fresh[:3]}, "
                            f"unexpected {result.unexpected_keys[:3]}.")
    return model


def parse_train_mode(train: str) -> int | None:
    """``heads`` -> 0, ``last:N`` -> N, ``all`` -> None (everything)."""
    if train == "heads":
        return 0
    if train == "all":
        return None
    if train.startswith("last:"):
        try:
            n = int(train.split(":", 1)[1])
        except ValueError:
            n = -1
        if 1 <= n <= len(INCEPTION_NAMES):
            return n
    raise TrainingError(f"--train must be heads, last:N (N from 1 to {len(INCEPTION_NAMES)}) or all, got {train!r}.")


def trainable_children(model: GoogLeNet, train: str) -> set[str]:
    """Names of the top-level modules whose parameters the optimiser updates."""
    n = parse_train_mode(train)
    names = {name for name, _ in model.named_children()}
    if n is None:
        return names
    heads = {"fc", "aux1", "aux2"} & names
    return heads | set(INCEPTION_NAMES[len(INCEPTION_NAMES) - n:]) if n else heads


def freeze_except(model: GoogLeNet, trainable: set[str]) -> list[nn.Parameter]:
    """Turn off gradients outside ``trainable``; returns the parameters to optimise."""
    for name, child in model.named_children():
        child.requires_grad_(name in trainable)
    return [p for p in model.parameters() if p.requires_grad]


def set_train_mode(model: GoogLeNet, trainable: set[str]) -> None:
    """Train mode for the trained parts; frozen parts stay in eval so their BatchNorm
    statistics are neither updated nor replaced by noisy small-batch estimates."""
    model.train()
    for name, child in model.named_children():
        if name not in trainable:
            child.eval()


def heads_loss(logits: dict[str, Tensor], target: Tensor) -> tuple[Tensor, dict[str, Tensor]]:
    """Paper loss: main + 0.3 x (aux1 + aux2), plus each head's own cross-entropy."""
    losses = {name: F.cross_entropy(value, target) for name, value in logits.items()}
    total = losses["main"] + AUX_WEIGHT * sum((losses[h] for h in ("aux1", "aux2") if h in losses),
                                              torch.zeros((), device=target.device))
    return total, losses


@dataclass
class HeadStats:
    """Per-head loss sums and correct counts kept on the device: no sync per batch."""

    loss_sum: dict[str, Tensor] = field(default_factory=dict)
    correct: dict[str, Tensor] = field(default_factory=dict)
    total_loss_sum: Tensor | None = None
    count: int = 0

    def add(self, logits: dict[str, Tensor], losses: dict[str, Tensor], total: Tensor, target: Tensor) -> None:
        n = target.shape[0]
        self.count += n
        self.total_loss_sum = total.detach() * n + (0 if self.total_loss_sum is None else self.total_loss_sum)
        for name, value in logits.items():
            right = (value.detach().argmax(1) == target).sum()
            self.correct[name] = right + self.correct.get(name, 0)
            self.loss_sum[name] = losses[name].detach() * n + self.loss_sum.get(name, 0)

    def summary(self) -> tuple[float, dict[str, float], dict[str, float]]:
        """(mean total loss, per-head mean loss, per-head accuracy) as plain floats (one sync)."""
        if not self.count:
            return float("nan"), {}, {}
        losses = {k: float(v) / self.count for k, v in self.loss_sum.items()}
        accs = {k: float(v) / self.count for k, v in self.correct.items()}
        return float(self.total_loss_sum) / self.count, losses, accs


def train_step(model: GoogLeNet, optimizer: torch.optim.Optimizer, x: Tensor, y: Tensor,
               stats: HeadStats) -> Tensor:
    """One optimisation step on a batch; returns the (device) total loss, unsynchronised."""
    logits = model.forward_heads(x)
    total, losses = heads_loss(logits, y)
    optimizer.zero_grad(set_to_none=True)
    total.backward()
    optimizer.step()
    stats.add(logits, losses, total, y)
    return total.detach()


def evaluate(model: GoogLeNet, batches, device: torch.device, memory_format: torch.memory_format,
             num_classes: int) -> tuple[HeadStats, np.ndarray]:
    """Validation pass (all heads, eval mode): statistics and the main head's confusion matrix."""
    stats = HeadStats()
    pairs: list[Tensor] = []
    model.eval()  # the caller re-applies set_train_mode before the next epoch
    with torch.inference_mode():
        for x, y in batches:
            x = x.to(device, non_blocking=True).contiguous(memory_format=memory_format)
            y = y.to(device, non_blocking=True)
            logits = model.forward_heads(x)
            total, losses = heads_loss(logits, y)
            stats.add(logits, losses, total, y)
            pairs.append(y * num_classes + logits["main"].argmax(1))
    flat = torch.cat(pairs).cpu().numpy() if pairs else np.zeros(0, dtype=np.int64)
    confusion = np.bincount(flat, minlength=num_classes * num_classes).reshape(num_classes, num_classes)
    return stats, confusion
