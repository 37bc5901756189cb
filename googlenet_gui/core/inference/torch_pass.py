"""The hooked PyTorch pass behind every inspection: one forward, every module's output copied once.

Each Inception module's concatenated output is copied once (float32, CPU, in the
model's own memory layout) and its four branches are channel slices of that copy: the
module's ``forward`` is ``cat([b1, b2, b3, b4])`` so the slices are exactly the branch
outputs, and one copy per module is cheaper than four branch copies plus a cat.  For a
channels-last model the arrays are NOT C-contiguous (channel stride 1): the window shows
one module at a time, so reordering every map would cost more than it saves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import torch
from torch import Tensor

from googlenet_gui.core.network.hooks import capture_activations
from googlenet_gui.core.network.model import BRANCH_ATTRS, GoogLeNet
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES

STEM_NAMES: tuple[str, ...] = ("conv1", "maxpool1", "conv2", "conv3", "maxpool2")
HEAD_MODULES: tuple[str, ...] = ("aux1", "aux2", "avgpool", "fc")


@dataclass
class TensorInspection:
    """Raw result of :func:`inspect_tensor` for a whole batch: CPU float32 tensors."""

    logits: dict[str, Tensor]  # head -> (N, classes)
    activations: Mapping[str, Tensor]  # module name -> (N, C, H, W) copies, in the model's memory layout
    layer_times_ms: dict[str, float] = field(default_factory=dict)


def stem_names(model: GoogLeNet) -> list[str]:
    """Stem layers this model has (``conv3`` only with torchvision's 1x1+3x3 stem)."""
    return [name for name in STEM_NAMES if hasattr(model, name)]


def branch_ranges(model: GoogLeNet, module_name: str) -> list[tuple[str, tuple[int, int]]]:
    """``[("1x1", (0, 64)), ("3x3", (64, 192)), ...]``: where each branch sits in the output."""
    module = getattr(model, module_name)
    ranges: list[tuple[str, tuple[int, int]]] = []
    start = 0
    for branch_name, attr in zip(BRANCH_NAMES, BRANCH_ATTRS):
        last = getattr(module, attr)
        last = last[-1] if isinstance(last, torch.nn.Sequential) else last
        width = last.conv.out_channels
        ranges.append((branch_name, (start, start + width)))
        start += width
    return ranges


def inspect_tensor(model: GoogLeNet, batch: Tensor, with_aux: bool = True,
                   timings: bool = True) -> TensorInspection:
    """The PyTorch engines' inspection: one hooked forward pass over ``batch``.

    Benchmarks time this alone.  Returns CPU float32 tensors; the model is put in
    eval mode for the pass and left in the mode it was in.
    """
    captured = [*stem_names(model), *INCEPTION_NAMES]
    timed = [name for name in (*model.trunk_names, *HEAD_MODULES) if hasattr(model, name)]
    with torch.inference_mode(), capture_activations(model, captured, timings=timings, timed=timed) as cap:
        logits = model.forward_heads(batch, with_aux=with_aux and model.has_aux)
        activations = {name: _to_cpu_float(cap.outputs[name]) for name in captured}
        logits = {name: _to_cpu_float(value) for name, value in logits.items()}
    return TensorInspection(logits, activations, dict(cap.times_ms))


def _to_cpu_float(tensor: Tensor) -> Tensor:
    """No copy when the tensor already is CPU float32 (the common case)."""
    return tensor.to(device="cpu", dtype=torch.float32)
