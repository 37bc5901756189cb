"""Switch off a branch, a module's output or chosen channels, without touching the weights.

An ablation is a forward hook that multiplies the chosen tensor by a 0/1 channel mask, held
only inside a context manager.  Toggling one while looking at an image recomputes only what
lies downstream of the earliest ablated module, from the module inputs a :class:`~.trunk.TrunkPass`
kept (that module's own output is the kept one with channels zeroed); aux heads attached
before it keep their logits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.explain.targets import Target, parse_layer, trunk_index
from googlenet_gui.core.explain.trunk import TrunkPass
from googlenet_gui.core.inference.predictions import softmax
from googlenet_gui.core.jobs import CancelToken
from googlenet_gui.core.network.hooks import forward_hooks, frozen_eval
from googlenet_gui.core.inference.torch_pass import branch_ranges
from googlenet_gui.core.network.model import GoogLeNet, Inception
from googlenet_gui.core.network.spec import AUX_ATTACH, BRANCH_NAMES, INCEPTION_NAMES

_CHANNELS = re.compile(r"^\d+(-\d+)?(,\d+(-\d+)?)*$")


@dataclass(frozen=True)
class Ablation:
    """One switched-off tensor: a module output or a branch, whole or only ``channels``."""

    target: Target
    channels: tuple[int, ...] | None = None  # None: every channel

    @property
    def spec(self) -> str:
        """The ``--ablate`` text that gives this ablation back (channels as ranges)."""
        return self.target.name + ("" if self.channels is None else ":" + _ranges(self.channels))

    def to_json(self) -> dict[str, Any]:
        return {"spec": self.spec, "module": self.target.module, "branch": self.target.branch,
                "channels": None if self.channels is None else list(self.channels)}


def _ranges(channels: Sequence[int]) -> str:
    parts, start = [], None
    for i, c in enumerate(channels):
        start = c if start is None else start
        if i + 1 == len(channels) or channels[i + 1] != c + 1:
            parts.append(str(c) if c == start else f"{start}-{c}")
            start = None
    return ",".join(parts)


def width(model: GoogLeNet, target: Target) -> int:
    """How many channels the target's tensor has (read from the modules, no pass needed)."""
    if target.branch is not None:
        last = list(target.resolve(model).modules())
        return [m for m in last if isinstance(m, nn.Conv2d)][-1].out_channels
    channels = 3
    for name in model.trunk_names[:trunk_index(model, target.module) + 1]:
        module = getattr(model, name)
        channels = getattr(module, "out_channels", None) or getattr(getattr(module, "conv", None),
                                                                     "out_channels", channels)
    return channels


def parse_ablation(model: GoogLeNet, text: str) -> Ablation:
    """``MODULE``, ``MODULE.BRANCH``, ``MODULE:0-15,40`` or ``MODULE.BRANCH:0-15,40``, checked."""
    layer, colon, channels_text = text.strip().partition(":")
    target = parse_layer(model, layer)
    if not colon:
        return Ablation(target)
    size = width(model, target)
    if not _CHANNELS.match(channels_text.replace(" ", "")):
        raise ExplainError(f"ablation {text!r}: channels must look like 0-15,40 (numbers and ranges), "
                           f"not {channels_text!r}")
    chosen: set[int] = set()
    for part in channels_text.replace(" ", "").split(","):
        low, _, high = part.partition("-")
        first, last = int(low), int(high or low)
        if first > last or last >= size:
            raise ExplainError(f"ablation {text!r}: channels {part} are outside {target.name}'s 0-{size - 1}")
        chosen.update(range(first, last + 1))
    return Ablation(target, tuple(sorted(chosen)))


def parse_ablations(model: GoogLeNet, texts: Iterable[str | Ablation]) -> list[Ablation]:
    return [t if isinstance(t, Ablation) else parse_ablation(model, t) for t in texts]


def _masks(model: GoogLeNet, ablations: Sequence[Ablation]) -> dict[str, Tensor]:
    """One (1, C, 1, 1) 0/1 mask per submodule path; several ablations of one tensor combine."""
    masks: dict[str, Tensor] = {}
    for ablation in ablations:
        path = ablation.target.submodule_path()
        mask = masks.setdefault(path, torch.ones(1, width(model, ablation.target), 1, 1))
        mask[:, list(ablation.channels) if ablation.channels is not None else slice(None)] = 0
    return masks


def _zeroing(mask: Tensor):
    def hook(_module: nn.Module, _args: Any, output: Tensor) -> Tensor:
        return output * mask.to(device=output.device, dtype=output.dtype)
    return hook


@contextmanager
def ablated(model: GoogLeNet, ablations: Sequence[Ablation]) -> Iterator[list[Ablation]]:
    """Every forward of ``model`` inside the block has the ablated tensors zeroed."""
    masks = _masks(model, ablations)
    with forward_hooks([(model.get_submodule(path), _zeroing(mask)) for path, mask in masks.items()]):
        yield list(ablations)


@contextmanager
def ablation(loaded: Any, specs: Iterable[str | Ablation]) -> Iterator[list[Ablation]]:
    """``classify`` and ``inspect`` of ``loaded`` inside the block see the ablated model.

    The specs are checked first (an :class:`ExplainError` names a bad one); the engine
    seam then serves the eager model, the only one the hooks edit, until the block ends.
    """
    from googlenet_gui.core.inference.engine import eager_only

    ablations = parse_ablations(loaded.model, specs)
    with eager_only(loaded), ablated(loaded.model, ablations):
        yield ablations


def ablated_logits(model: GoogLeNet, base: TrunkPass, ablations: Sequence[Ablation]) -> dict[str, Tensor]:
    """Every head's logits with ``ablations`` on, recomputed downstream of the earliest ablated module only.

    That module's own output is the kept one with the ablated channels zeroed (its branches
    read only its input, so switching one off changes nothing else in it); the pass runs
    from the next trunk module, and aux heads attached before it keep their logits.
    """
    if not ablations:
        return dict(base.logits)
    names = model.trunk_names
    first = min((a.target.module for a in ablations), key=lambda m: trunk_index(model, m))
    after = names.index(first) + 1
    with frozen_eval(model), torch.no_grad(), ablated(model, ablations):
        if after == len(names):
            logits = model.forward_heads(base.start(first), with_aux=model.has_aux, start=first)
        else:
            x = base.start(names[after]) * _output_mask(model, first, ablations).to(base.inputs[first].device)
            logits = model.forward_heads(x, with_aux=model.has_aux, start=names[after])
            logits.update({head: getattr(model, head)(x) for head, module in AUX_ATTACH.items()
                           if module == first and model.has_aux})
    return {**base.logits, **{name: value.detach() for name, value in logits.items()}}


def _output_mask(model: GoogLeNet, module: str, ablations: Sequence[Ablation]) -> Tensor:
    """(1, C, 1, 1) 0/1 mask over ``module``'s output that the ablations of that module amount to."""
    mask = torch.ones(1, width(model, Target(module)), 1, 1)
    offsets = dict(branch_ranges(model, module)) if isinstance(getattr(model, module), Inception) else {}
    for ablation in ablations:
        if ablation.target.module != module:
            continue
        low, high = offsets[ablation.target.branch] if ablation.target.branch else (0, mask.shape[1])
        chosen = range(low, high) if ablation.channels is None else [low + c for c in ablation.channels]
        mask[:, list(chosen)] = 0
    return mask


def head_probabilities(logits: dict[str, Tensor]) -> dict[str, np.ndarray]:
    """head -> (classes,) float32 probabilities of the single image."""
    return {name: softmax(value)[0] for name, value in logits.items()}


# ------------------------------------------------------------------ branch importance
@dataclass
class BranchImportance:
    """Drop of each head's top-1 probability when one branch alone is switched off.

    ``drops[m, b, h]``: module ``modules[m]``, branch ``branches[b]``, head ``heads[h]``;
    NaN where not computed yet (a partial result while the job runs).
    """

    modules: tuple[str, ...]
    branches: tuple[str, ...]
    heads: tuple[str, ...]
    classes: dict[str, int]  # head -> the top-1 class whose probability is followed
    drops: np.ndarray  # (9, 4, heads) float32
    done: int = 0

    @property
    def total(self) -> int:
        return len(self.modules) * len(self.branches)


def iter_branch_importance(model: GoogLeNet, base: TrunkPass,
                           cancel: CancelToken | None = None) -> Iterator[BranchImportance]:
    """Yield the growing result after each of the 36 single-branch ablations (cancellable between them)."""
    heads = tuple(base.logits)
    before = head_probabilities(base.logits)
    classes = {h: int(np.argmax(p)) for h, p in before.items()}
    result = BranchImportance(INCEPTION_NAMES, BRANCH_NAMES, heads, classes,
                              np.full((len(INCEPTION_NAMES), len(BRANCH_NAMES), len(heads)), np.nan, np.float32))
    for m, module in enumerate(INCEPTION_NAMES):
        for b, branch in enumerate(BRANCH_NAMES):
            if cancel is not None:
                cancel.raise_if_cancelled()
            after = head_probabilities(ablated_logits(model, base, [Ablation(Target(module, branch))]))
            result.drops[m, b] = [before[h][classes[h]] - after[h][classes[h]] for h in heads]
            result.done += 1
            yield result


def branch_importance(model: GoogLeNet, base: TrunkPass, cancel: CancelToken | None = None) -> BranchImportance:
    """:func:`iter_branch_importance` run to the end."""
    result = None
    for result in iter_branch_importance(model, base, cancel):
        pass
    assert result is not None
    return result

