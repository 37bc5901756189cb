"""What a visualisation maximises: one channel of a trunk module or branch, or one class logit of a head.

Channels are optimised before their last ReLU (the BatchNorm output of the convolution that
makes them).  WHY: after the ReLU a channel that is off everywhere on the grey start image
reads 0 with gradient 0, so the optimiser would never move; before it, the gradient always
points towards switching the channel on, and the maximum is the same pattern (Lucid's
GoogLeNet pictures use the ``_pre_relu`` tensors for the same reason).  A max pool's
channel is its input's, pooled: it is optimised as it is (after the ReLU).

The forward stops at the module that makes the response: a forward hook raises a private
exception carrying the output, so one step costs a forward and a backward up to that layer,
never the layers after it.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor, nn

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.explain.targets import HEADS, Target, check_class, parse_head, parse_layer
from googlenet_gui.core.inference.torch_pass import branch_ranges
from googlenet_gui.core.network.hooks import forward_hooks
from googlenet_gui.core.network.model import BRANCH_ATTRS, BasicConv2d, GoogLeNet, Inception
from googlenet_gui.core.network.spec import BRANCH_NAMES


@dataclass(frozen=True)
class Unit:
    """A channel of ``target`` (a trunk module or branch), or class ``channel`` of ``head``."""

    layer: str  # as the user named it: "inception4c.3x3", "conv2", "main", "aux1"
    channel: int
    target: Target | None = None
    head: str | None = None


def parse_unit(model: GoogLeNet, layer: str, channel: int) -> Unit:
    """``--layer``/``--channel`` -> :class:`Unit`; a bad name or channel is an :class:`ExplainError`.

    Layers are parsed as ``explain`` parses them; a head name (``main``, ``aux1``, ``aux2``)
    makes ``channel`` a class index of that head.
    """
    if layer in HEADS:
        return Unit(layer, check_class(model, channel), head=parse_head(model, layer))
    target = parse_layer(model, layer)
    count = channel_count(model, target)
    if not 0 <= int(channel) < count:
        raise ExplainError(f"channel {channel} does not exist: {target.name} has channels 0 to {count - 1}")
    return Unit(target.name, int(channel), target=target)


def channel_count(model: GoogLeNet, target: Target) -> int:
    """How many channels ``target`` outputs, read from its modules (no forward pass)."""
    if target.branch is not None:
        ranges = dict(branch_ranges(model, target.module))
        start, stop = ranges[target.branch]
        return stop - start
    module = getattr(model, target.module)
    if isinstance(module, Inception):
        return module.out_channels
    if isinstance(module, BasicConv2d):
        return module.conv.out_channels
    previous = model.trunk_names[model.trunk_names.index(target.module) - 1]  # a max pool keeps its input's
    return channel_count(model, Target(previous))


def _last_conv(module: nn.Module) -> BasicConv2d:
    return module[-1] if isinstance(module, nn.Sequential) else module


def response_source(model: GoogLeNet, unit: Unit) -> tuple[nn.Module, int]:
    """(the module whose output is the unit's response, the unit's index in that output)."""
    if unit.head is not None:
        return (model.fc if unit.head == "main" else getattr(model, unit.head)), unit.channel
    target = unit.target
    module = getattr(model, target.module)
    if target.branch is not None:
        branch = getattr(module, BRANCH_ATTRS[BRANCH_NAMES.index(target.branch)])
        return _last_conv(branch).bn, unit.channel
    if isinstance(module, Inception):
        for (_branch, (start, stop)), attr in zip(branch_ranges(model, target.module), BRANCH_ATTRS):
            if start <= unit.channel < stop:
                return _last_conv(getattr(module, attr)).bn, unit.channel - start
    if isinstance(module, BasicConv2d):
        return module.bn, unit.channel
    return module, unit.channel


class _Reached(Exception):
    """Raised by the stop hook: carries the response, ends the forward there."""

    def __init__(self, output: Tensor) -> None:
        super().__init__("forward stopped at the optimised layer")
        self.output = output


def forward_to(model: GoogLeNet, module: nn.Module, batch: Tensor, aux: bool = False) -> Tensor:
    """``module``'s output for ``batch``, running the network only as far as ``module``.

    ``aux``: the module is in an aux head (or is one), so the pass must evaluate the aux heads.
    """
    def stop(_module: nn.Module, _args: object, output: Tensor) -> None:
        raise _Reached(output)

    try:
        with forward_hooks([(module, stop)]):
            model.forward_heads(batch, with_aux=aux)
    except _Reached as reached:
        return reached.output
    raise ExplainError("the optimised layer was never reached by the forward pass")


def objective(response: Tensor, index: int) -> Tensor:
    """(N,) the unit's value per image: a channel's mean over the map, or a logit."""
    picked = response[:, index]
    return picked.mean(dim=(1, 2)) if picked.dim() == 3 else picked


def similarity(response: Tensor) -> Tensor:
    """Mean cosine similarity of every pair of images' Gram matrices (of logits, for a head): 0 for one image.

    WHY Gram matrices: they say which channels fire together, not where, so images that
    show different patterns score low even where their objective is the same (Lucid's
    diversity term).  Taken after the ReLU (the layer as the next one sees it): before it,
    every channel's BatchNorm offset makes all Gram matrices alike.
    """
    count = response.shape[0]
    if count < 2:
        return response.new_zeros(())
    if response.dim() == 4:
        flat = response.clamp(min=0).flatten(2)
        features = (flat @ flat.transpose(1, 2)).flatten(1)
    else:
        features = response
    unit = torch.nn.functional.normalize(features, dim=1, eps=1e-12)
    pairs = unit @ unit.T
    return (pairs.sum() - pairs.diagonal().sum()) / (count * (count - 1))
