"""Inference copies of a model: BatchNorm folded into convolutions, channels-last memory.

The copy keeps every module name (``inception4c.branch3``...), so hooks and timings work
on it exactly as on the original; it is only ever used under ``torch.inference_mode``.
Numerical equality with the eager model (within 1e-4) is checked by the tests.
"""

from __future__ import annotations

import copy

import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

from .model import BasicConv2d, GoogLeNet


def fold_batchnorm(model: GoogLeNet) -> GoogLeNet:
    """An eval-mode copy with each BasicConv2d's BatchNorm merged into its conv weights."""
    folded = copy.deepcopy(model).eval()
    for module in folded.modules():
        if isinstance(module, BasicConv2d) and isinstance(module.bn, nn.BatchNorm2d):
            module.conv = fuse_conv_bn_eval(module.conv, module.bn)
            module.bn = nn.Identity()
    return folded


def prepare_for_inference(model: GoogLeNet, channels_last: bool = True) -> GoogLeNet:
    """The copy every inference path (classify, inspect) runs; the original stays trainable."""
    fast = fold_batchnorm(model)
    if channels_last:
        fast = fast.to(memory_format=torch.channels_last)
    for parameter in fast.parameters():
        parameter.requires_grad_(False)
    return fast
