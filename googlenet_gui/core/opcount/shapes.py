"""Counting for the live Table 1: layer sizes from a shape-only twin of the model, and multiply-adds.

The model itself is never run or changed: a structural twin with shape-only convolutions
runs once on zeros with hooks, and every Conv2d and Linear is then counted from its
recorded output shape (conv MACs = out_h*out_w*out_c*(in_c/groups)*kh*kw, linear MACs =
in*out), the rules :data:`googlenet_gui.core.opcount.paper.UNITS` states.
"""

from __future__ import annotations

import copy
import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

HEAD_ORDER: tuple[str, ...] = ("avgpool", "dropout", "fc", "aux1", "aux2")


def conv_macs(out_h: int, out_w: int, in_c: int, out_c: int, kernel: int | tuple[int, int],
              groups: int = 1) -> int:
    """Multiply-adds of one convolution: out_h*out_w*out_c*(in_c/groups)*kh*kw."""
    kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
    return out_h * out_w * out_c * (in_c // groups) * kh * kw


def reduction_example(size: int = 14, in_c: int = 480, out_c: int = 48, kernel: int = 5,
                      reduce: int = 16) -> tuple[int, int]:
    """The seeds' worked example: (naive, with a 1x1 reduction first) multiply-adds.

    14x14x480 into 48 5x5 filters costs 112.9M; a 16-channel 1x1 reduction first
    brings it to 5.3M (1.5M for the reduction plus 3.8M for the 5x5 on 16 channels).
    """
    naive = conv_macs(size, size, in_c, out_c, kernel)
    reduced = conv_macs(size, size, in_c, reduce, 1) + conv_macs(size, size, reduce, out_c, kernel)
    return naive, reduced


# ------------------------------------------------------------------ shape pass
class _ShapeOnlyConv(nn.Module):
    """Stands in for a Conv2d in the shape twin: torch's own conv arithmetic on one channel
    with a 1x1-channel kernel gives the output size; the output is zeros of the real depth."""

    def __init__(self, conv: nn.Conv2d) -> None:
        super().__init__()
        self.out_channels = conv.out_channels
        self.options = dict(stride=conv.stride, padding=conv.padding, dilation=conv.dilation)
        self.kernel = torch.zeros(1, 1, *conv.kernel_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        probe = nn.functional.conv2d(x[:, :1], self.kernel, **self.options)
        return x.new_zeros(x.shape[0], self.out_channels, *probe.shape[2:])


class _ShapeOnlyLinear(nn.Module):
    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        self.out_features = linear.out_features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.new_zeros(*x.shape[:-1], self.out_features)


def shape_twin(model: nn.Module) -> nn.Module:
    """A structural copy that computes shapes, not values; the original is never touched.

    Convolutions and linear layers are replaced by shape-only stand-ins (their MACs are
    computed from the recorded shapes), BatchNorm by Identity; everything else (pools,
    concatenation, flatten, the model's own ``forward``) runs for real on zeros.  Why
    not the ``meta`` device: its first use imports several hundred modules (about 5 s
    cold here), and a real pass costs a whole inference.
    """
    memo = {id(t): torch.empty(t.shape, device="meta") for t in itertools.chain(model.parameters(), model.buffers())}
    twin = copy.deepcopy(model, memo).eval()
    _swap_for_shapes(twin)
    twin.to_empty(device="cpu")
    with torch.no_grad():
        for tensor in itertools.chain(twin.parameters(), twin.buffers()):
            tensor.zero_()
    return twin


def _swap_for_shapes(module: nn.Module) -> None:
    for name, child in module.named_children():
        if isinstance(child, nn.modules.batchnorm._BatchNorm):
            setattr(module, name, nn.Identity())
        elif isinstance(child, nn.Conv2d):
            setattr(module, name, _ShapeOnlyConv(child))
        elif isinstance(child, nn.Linear):
            setattr(module, name, _ShapeOnlyLinear(child))
        else:
            _swap_for_shapes(child)


@dataclass
class ShapeRecord:
    """Input and output shape of every submodule from one shape-only forward pass."""

    inputs: dict[str, tuple[int, ...]] = field(default_factory=dict)
    outputs: dict[str, tuple[int, ...]] = field(default_factory=dict)


def record_shapes(model: nn.Module, image_size: int) -> ShapeRecord:
    """Run every head once on a zero 1x3xSxS image with hooks on every submodule of a twin."""
    twin = shape_twin(model)
    record = ShapeRecord()
    handles = []

    def make_hook(name: str):
        def hook(_module: nn.Module, inputs: Any, output: Any) -> None:
            if inputs and isinstance(inputs[0], torch.Tensor):
                record.inputs[name] = tuple(inputs[0].shape)
            if isinstance(output, torch.Tensor):
                record.outputs[name] = tuple(output.shape)
        return hook

    try:
        for name, module in twin.named_modules():
            if name:
                handles.append(module.register_forward_hook(make_hook(name)))
        x = torch.zeros(1, 3, image_size, image_size)
        with torch.inference_mode():
            twin.forward_heads(x, with_aux=True) if hasattr(twin, "forward_heads") else twin(x)
    finally:
        for handle in handles:
            handle.remove()
    return record


def leaf_macs(module: nn.Module, record: ShapeRecord, name: str) -> int:
    """Multiply-adds of one Conv2d or Linear from its recorded output shape (batch 1)."""
    out = record.outputs.get(name)
    if out is None:
        return 0
    if isinstance(module, nn.Conv2d):
        return conv_macs(out[2], out[3], module.in_channels, out[1], module.kernel_size, module.groups)
    if isinstance(module, nn.Linear):
        return math.prod(out) // module.out_features * module.in_features * module.out_features
    return 0


def top_level_names(model: nn.Module) -> list[str]:
    """Network order: trunk (stem, inceptions, pools), then the head, then aux heads."""
    children = [name for name, _ in model.named_children()]
    trunk = list(getattr(model, "trunk_names", ()))
    ordered = trunk + [n for n in HEAD_ORDER if n in children and n not in trunk]
    return ordered + [n for n in children if n not in ordered]
