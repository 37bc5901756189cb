"""Recognise which GoogLeNet family a state_dict comes from and rename it to our names.

Users bring weights wrapped in dicts (``{"model_state_dict": ...}``), prefixed by
``nn.DataParallel`` (``module.``) or ``torch.compile`` (``_orig_mod.``), in torchvision's
naming or in the from-scratch naming of the seed notes (``conv_layer.0``, ``fc1``).
Everything here looks only at key names and tensor shapes, so the architecture we
build is the one the weights imply rather than the one we assume.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import torch

from googlenet_gui.core.network.spec import VariantSpec, paper_spec, torchvision_spec, tutorial_spec

#: Keys under which training scripts commonly nest the weights, tried in this order.
WRAPPER_KEYS: tuple[str, ...] = ("state_dict", "model_state_dict", "model", "net", "network", "weights")

#: Prefixes added by nn.DataParallel / DistributedDataParallel and torch.compile.
STRIP_PREFIXES: tuple[str, ...] = ("module.", "_orig_mod.")

FORMAT_TORCHVISION = "torchvision"
FORMAT_TUTORIAL = "tutorial"

#: Seed-notes names -> torchvision names (applied in order, first match wins per key).
_TUTORIAL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(aux[12])\.conv\.1\.conv_layer\.0\.(.+)$"), r"\1.conv.conv.\2"),
    (re.compile(r"^(aux[12])\.conv\.1\.conv_layer\.1\.(.+)$"), r"\1.conv.bn.\2"),
    (re.compile(r"^(aux[12])\.fc\.0\.(.+)$"), r"\1.fc1.\2"),
    (re.compile(r"^(aux[12])\.fc\.3\.(.+)$"), r"\1.fc2.\2"),
    (re.compile(r"^fc1\.(.+)$"), r"fc.\1"),
    (re.compile(r"^(.+)\.conv_layer\.0\.(.+)$"), r"\1.conv.\2"),
    (re.compile(r"^(.+)\.conv_layer\.1\.(.+)$"), r"\1.bn.\2"),
)


def is_state_dict(obj: Any) -> bool:
    """A non-empty mapping of string keys to tensors (the only thing we can build from)."""
    return (isinstance(obj, Mapping) and len(obj) > 0
            and all(isinstance(k, str) for k in obj)
            and all(isinstance(v, torch.Tensor) for v in obj.values()))


def unwrap_state_dict(obj: Any) -> tuple[dict[str, torch.Tensor] | None, list[str]]:
    """Find the tensors inside a training script's checkpoint dict.

    Returns ``(state_dict, path)`` where ``path`` lists the wrapper keys walked through
    (``["model_state_dict"]``), or ``(None, path)`` when no state_dict is found.  Non-tensor
    entries mixed into a flat dict (an ``epoch`` counter next to the weights) are dropped.
    """
    path: list[str] = []
    current = obj
    for _ in range(4):  # wrappers nest at most a few levels deep in practice
        if is_state_dict(current):
            return dict(current), path
        if not isinstance(current, Mapping):
            return None, path
        nested = next((k for k in WRAPPER_KEYS if isinstance(current.get(k), Mapping)), None)
        if nested is None:
            tensors = {k: v for k, v in current.items() if isinstance(k, str) and isinstance(v, torch.Tensor)}
            return (tensors or None), path
        path.append(nested)
        current = current[nested]
    return None, path


def strip_prefixes(state_dict: dict[str, torch.Tensor]) -> tuple[dict[str, torch.Tensor], list[str]]:
    """Remove ``module.``/``_orig_mod.`` when every key carries them (DataParallel, compile)."""
    removed: list[str] = []
    changed = True
    while changed:
        changed = False
        for prefix in STRIP_PREFIXES:
            if state_dict and all(k.startswith(prefix) for k in state_dict):
                state_dict = {k[len(prefix):]: v for k, v in state_dict.items()}
                removed.append(prefix)
                changed = True
    return state_dict, removed


def detect_format(state_dict: Mapping[str, torch.Tensor]) -> str | None:
    """``"torchvision"``, ``"tutorial"`` (seed notes' naming) or None for anything else."""
    if any(".conv_layer." in k for k in state_dict) and "fc1.weight" in state_dict:
        return FORMAT_TUTORIAL
    if "inception3a.branch1.conv.weight" in state_dict and "fc.weight" in state_dict:
        return FORMAT_TORCHVISION
    return None


def to_canonical(state_dict: Mapping[str, torch.Tensor], fmt: str) -> dict[str, torch.Tensor]:
    """Rename a detected format's keys to torchvision's (our model's) names."""
    if fmt != FORMAT_TUTORIAL:
        return dict(state_dict)
    renamed: dict[str, torch.Tensor] = {}
    for key, value in state_dict.items():
        new_key = key
        for pattern, replacement in _TUTORIAL_RULES:
            if pattern.match(key):
                new_key = pattern.sub(replacement, key)
                break
        renamed[new_key] = value
    return renamed


def infer_spec(state_dict: Mapping[str, torch.Tensor], fmt: str) -> VariantSpec:
    """The architecture the (canonical-named) weights imply.

    Pooling cannot be seen in weights, so it comes from the family; everything that
    can be seen (classes, aux heads, 5x5 kernel size, stem, conv bias, BatchNorm) is read
    from keys and shapes.  A torchvision-named file without BatchNorm but with biased
    convs is the paper's network.
    """
    fc = state_dict.get("fc.weight")
    num_classes = int(fc.shape[0]) if fc is not None and fc.ndim == 2 else 1000
    aux = "aux1.fc2.weight" in state_dict and "aux2.fc2.weight" in state_dict
    batch_norm = "conv1.bn.running_mean" in state_dict
    conv_bias = "conv1.conv.bias" in state_dict
    if fmt == FORMAT_TUTORIAL:
        base = tutorial_spec(num_classes, aux)
    elif conv_bias and not batch_norm:
        base = paper_spec(num_classes, aux)
    else:
        base = torchvision_spec(num_classes, aux)
    five = state_dict.get("inception3a.branch3.1.conv.weight")
    five_kernel = int(five.shape[-1]) if five is not None and five.ndim == 4 else base.five_kernel
    return VariantSpec.from_dict({
        **base.to_dict(),
        "five_kernel": five_kernel,
        "stem_reduce": "conv3.conv.weight" in state_dict,
        "conv_bias": conv_bias,
        "batch_norm": batch_norm,
    })


def summarize_keys(keys: list[str], phrase: str, limit: int = 3) -> str:
    """``"174 expected keys are missing (e.g. conv1.conv.weight, ...)"``: a count plus the first few."""
    if not keys:
        return f"0 {phrase}"
    if len(keys) == 1:  # "1 key is missing", not "1 keys are missing"
        return f"1 {phrase.replace('keys are', 'key is')} ({keys[0]})"
    return f"{len(keys)} {phrase} (e.g. {', '.join(keys[:limit])})"
