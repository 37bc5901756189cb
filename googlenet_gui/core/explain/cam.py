"""Class activation maps: CAM for the main head, Grad-CAM for any head, and the CAM atlas.

Grad-CAM weighs each channel of a layer's output by the mean gradient of one class logit
with respect to it, sums, and keeps the positive part.  The pass starts at the layer (its
input is kept from a :class:`~.trunk.TrunkPass`) and the weights are frozen, so the backward
runs only from the head back to the layer and computes no weight gradient.  The atlas takes
the gradients at all nine Inception modules and their 36 branches from ONE backward pass.
CAM is exact for GoogLeNet (global average pool, then one linear layer): the fc weights of
the class times the last module's maps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn
from torch.nn import functional as F

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.explain.targets import Target, check_class, check_feeds_head, trunk_index
from googlenet_gui.core.explain.trunk import TrunkPass
from googlenet_gui.core.inference.predictions import softmax
from googlenet_gui.core.network.hooks import forward_hooks, frozen_eval
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.spec import AUX_ATTACH, BRANCH_NAMES, INCEPTION_NAMES


@dataclass
class ClassMap:
    """Where one head looks for one class, at one layer: plain arrays for the CLI and the window."""

    method: str  # "cam", "gradcam" or "occlusion"
    layer: str
    head: str
    class_index: int
    probability: float  # the head's probability of the class on the unedited image
    coarse: np.ndarray  # (h, w) float32 at the layer's own resolution, >= 0, not scaled
    heatmap: np.ndarray  # (H, W) float32 at the input crop's resolution, scaled to [0, 1]

    @property
    def peak(self) -> tuple[int, int]:
        """(row, col) of the heatmap's maximum, in crop pixels."""
        row, col = np.unravel_index(int(np.argmax(self.heatmap)), self.heatmap.shape)
        return int(row), int(col)


@dataclass
class Atlas:
    """Grad-CAM of every Inception module and branch for one head and class (one backward).

    ``cells`` is keyed by layer name (``inception4c``, ``inception4c.3x3``); modules after
    the module an aux head reads do not feed it and are absent.
    """

    head: str
    class_index: int
    probability: float
    cells: dict[str, ClassMap]

    def grid(self) -> list[tuple[str, list[str]]]:
        """``[(module, [module, module.1x1, ...]), ...]``: the rows and columns the window draws."""
        columns = ("", *(f".{b}" for b in BRANCH_NAMES))
        return [(m, [m + c for c in columns]) for m in INCEPTION_NAMES if m in self.cells]


def chosen_class(model: GoogLeNet, base: TrunkPass, head: str, class_index: int | None) -> tuple[int, float]:
    """The class to explain (default: the head's top-1) and the head's probability of it."""
    probabilities = softmax(base.logits[head])[0]
    index = int(np.argmax(probabilities)) if class_index is None else check_class(model, class_index)
    return index, float(probabilities[index])


def upsampled(coarse: Tensor, size: tuple[int, int]) -> np.ndarray:
    """(h, w) map -> (H, W) float32 in [0, 1]: bilinear, then divided by its maximum (all 0 stays 0)."""
    big = F.interpolate(coarse[None, None].float(), size=size, mode="bilinear", align_corners=False)[0, 0]
    big = big.clamp_min(0)
    top = float(big.max())
    return (big / top if top > 0 else big).cpu().numpy().astype(np.float32)


def grad_cam_map(activation: Tensor, gradient: Tensor) -> Tensor:
    """ReLU(sum_c mean(dY/dA_c) * A_c) for one image's (1, C, h, w) activation and gradient."""
    weights = gradient.mean(dim=(2, 3), keepdim=True)
    return (weights * activation).sum(dim=1)[0].clamp_min(0).detach()


def _keeper(store: dict[str, Tensor], name: str):
    def hook(_module: nn.Module, _args: Any, output: Tensor) -> None:
        store[name] = output
    return hook


def _gradients(model: GoogLeNet, base: TrunkPass, targets: Sequence[Target], head: str,
               class_index: int) -> tuple[dict[str, Tensor], dict[str, Tensor]]:
    """Activations and gradients of ``targets`` from one pass that starts at the earliest of them."""
    start = min((t.module for t in targets), key=lambda m: trunk_index(model, m))
    kept: dict[str, Tensor] = {}
    hooks = [(t.resolve(model), _keeper(kept, t.name)) for t in targets]
    with frozen_eval(model), torch.enable_grad(), forward_hooks(hooks):
        x = base.start(start).requires_grad_()
        logits = model.forward_heads(x, with_aux=head != "main", start=start)
        names = [t.name for t in targets]
        grads = torch.autograd.grad(logits[head][0, class_index], [kept[n] for n in names])
    return {n: kept[n].detach() for n in names}, dict(zip(names, (g.detach() for g in grads)))


def grad_cam(model: GoogLeNet, base: TrunkPass, target: Target, head: str = "main",
             class_index: int | None = None) -> ClassMap:
    """Grad-CAM of ``head``'s class at ``target`` (a module or one branch)."""
    check_feeds_head(model, target, head)
    index, probability = chosen_class(model, base, head, class_index)
    activations, gradients = _gradients(model, base, [target], head, index)
    coarse = grad_cam_map(activations[target.name], gradients[target.name])
    return ClassMap("gradcam", target.name, head, index, probability, coarse.cpu().numpy(),
                    upsampled(coarse, base.crop))


def cam_is_exact(model: GoogLeNet) -> bool:
    """Whether the last Inception module feeds the global pool directly (what CAM relies on)."""
    return model.trunk_names[-1] == INCEPTION_NAMES[-1]


def cam_coarse(model: GoogLeNet, maps: Tensor, class_index: int) -> Tensor:
    """CAM from the last module's (C, h, w) maps: the class's fc weights times the maps, summed, ReLU'd.

    Exact for GoogLeNet (global average pool, then one linear layer), so no backward is needed;
    the live view calls this on the maps of the pass that gave the frame's logits.
    """
    with torch.no_grad():
        weight = model.fc.weight[class_index].detach().to(device=maps.device, dtype=maps.dtype)
        return torch.einsum("c,chw->hw", weight, maps).clamp_min(0)


def class_activation_map(model: GoogLeNet, base: TrunkPass, class_index: int | None = None) -> ClassMap:
    """CAM of the main head: fc weights of the class times the last module's maps, ReLU'd."""
    last = INCEPTION_NAMES[-1]
    if not cam_is_exact(model):  # a pool after the last module would change the geometry CAM relies on
        raise ExplainError(f"CAM needs {last} right before the global pool; use --method gradcam")
    index, probability = chosen_class(model, base, "main", class_index)
    with torch.no_grad():
        coarse = cam_coarse(model, getattr(model, last)(base.start(last))[0], index)
    return ClassMap("cam", last, "main", index, probability, coarse.cpu().numpy(), upsampled(coarse, base.crop))


def atlas_targets(model: GoogLeNet, head: str) -> list[Target]:
    """Every Inception module and branch that feeds ``head``."""
    last = AUX_ATTACH.get(head, INCEPTION_NAMES[-1])
    modules = INCEPTION_NAMES[:INCEPTION_NAMES.index(last) + 1]
    return [Target(m, b) for m in modules for b in (None, *BRANCH_NAMES)]


def cam_atlas(model: GoogLeNet, base: TrunkPass, head: str = "main", class_index: int | None = None) -> Atlas:
    """Grad-CAM at every module and branch for one head and class, from one backward pass."""
    index, probability = chosen_class(model, base, head, class_index)
    targets = atlas_targets(model, head)
    activations, gradients = _gradients(model, base, targets, head, index)
    cells = {}
    for target in targets:
        coarse = grad_cam_map(activations[target.name], gradients[target.name])
        cells[target.name] = ClassMap("gradcam", target.name, head, index, probability,
                                      coarse.cpu().numpy(), upsampled(coarse, base.crop))
    return Atlas(head, index, probability, cells)
