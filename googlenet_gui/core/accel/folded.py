"""Inference copies of a model: BatchNorm folded into convolutions, channels-last memory.

The copy keeps every module name (``inception4c.branch3``...), so hooks and timings work
on it exactly as on the original; it is only ever used under ``torch.inference_mode``.
Numerical equality with the eager model (within 1e-4) is checked by the tests.
"""

from __future__ import annotations

import copy
import itertools

import torch
from torch import Tensor, nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

from googlenet_gui.core.network.model import BRANCH_ATTRS, BasicConv2d, GoogLeNet, Inception
from googlenet_gui.core.network.spec import AUX_ATTACH, BRANCH_NAMES


def fold_batchnorm(model: GoogLeNet) -> GoogLeNet:
    """An eval-mode copy with each BasicConv2d's BatchNorm merged into its conv weights.

    The structure is deep-copied with every tensor shared at first (copying tensors that
    folding replaces anyway was a third of the cost of every model load); whatever the
    folding did not replace (fc layers, aux heads) is then cloned, so the copy never
    shares storage or ``requires_grad`` flags with the trainable original.
    """
    originals = {id(t): t for t in itertools.chain(model.parameters(), model.buffers())}
    folded = copy.deepcopy(model, memo=dict(originals)).eval()
    for module in folded.modules():
        if isinstance(module, BasicConv2d) and isinstance(module.bn, nn.BatchNorm2d):
            module.conv = fuse_conv_bn_eval(module.conv, module.bn)
            module.bn = nn.Identity()
    for module in folded.modules():
        for table in (module._parameters, module._buffers):
            for name, tensor in table.items():
                if tensor is not None and id(tensor) in originals:
                    table[name] = _clone(tensor)
    return folded


def _clone(tensor: Tensor) -> Tensor:
    copied = tensor.detach().clone()
    return nn.Parameter(copied, requires_grad=tensor.requires_grad) if isinstance(tensor, nn.Parameter) else copied


def prepare_for_inference(model: GoogLeNet, channels_last: bool = True) -> GoogLeNet:
    """The copy every inference path (classify, inspect) runs; the original stays trainable."""
    fast = fold_batchnorm(model)
    if channels_last:
        fast = fast.to(memory_format=torch.channels_last)
    for parameter in fast.parameters():
        parameter.requires_grad_(False)
    return fast


def map_names(model: GoogLeNet, split_branches: bool = True) -> list[str]:
    """Keys of :func:`forward_with_maps`' maps: trunk layers, Inception ones as ``"<module>.<branch>"``."""
    names: list[str] = []
    for name in model.trunk_names:
        if split_branches and isinstance(getattr(model, name), Inception):
            names.extend(f"{name}.{branch}" for branch in BRANCH_NAMES)
        else:
            names.append(name)
    return names


def forward_with_maps(model: GoogLeNet, x: Tensor, with_aux: bool = True,
                      split_branches: bool = True) -> tuple[dict[str, Tensor], dict[str, Tensor]]:
    """Every head's logits and every stem/branch output in one pass, without hooks.

    WHY: calling the four branches here (exactly what ``Inception.forward`` does) hands
    out each branch tensor before the concatenation, so nothing needs cloning (no later
    in-place op touches them) and no hook overhead is paid; the ONNX graph
    (:mod:`.onnx_graph`) mirrors it layer for layer.  Keys of the second dict follow :func:`map_names`; with
    ``split_branches=False`` an Inception module gives its concatenated output instead.
    """
    aux_after = {module: head for head, module in AUX_ATTACH.items()} if (with_aux and model.has_aux) else {}
    heads: dict[str, Tensor] = {}
    maps: dict[str, Tensor] = {}
    x = model._transform(x)
    for name in model.trunk_names:
        module = getattr(model, name)
        if isinstance(module, Inception):
            branches = [getattr(module, attr)(x) for attr in BRANCH_ATTRS]
            x = torch.cat(branches, 1)
            if split_branches:
                maps.update({f"{name}.{b}": out for b, out in zip(BRANCH_NAMES, branches)})
            else:
                maps[name] = x
        else:
            x = module(x)
            maps[name] = x
        if name in aux_after:
            heads[aux_after[name]] = getattr(model, aux_after[name])(x)
    main = model.fc(model.dropout(torch.flatten(model.avgpool(x), 1)))
    return {"main": main, **heads}, maps
