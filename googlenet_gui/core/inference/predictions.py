"""Logits of the three heads -> ranked, labelled predictions (shared by classify and inspect)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.inference.results import HeadResult, Prediction

if TYPE_CHECKING:  # the window imports this module; torch must load after it is shown (start-up target)
    import torch


def softmax(logits: torch.Tensor | np.ndarray) -> np.ndarray:
    """The app's one softmax: float32 probabilities over the last axis, as a NumPy array.

    A tensor is computed by torch on its own device; an array (ONNX Runtime's outputs, in
    runs that never import torch) in NumPy.  WHY both: moving a GPU batch's logits to the
    CPU first costs a copy for nothing, and the CLI's JSON has always carried torch's bits
    for the PyTorch path (the two differ in the last float32 bit, never in the ranking).
    """
    if isinstance(logits, np.ndarray):
        shifted = logits.astype(np.float32) - logits.max(axis=-1, keepdims=True)
        exp = np.exp(shifted)
        return exp / exp.sum(axis=-1, keepdims=True)
    import torch

    return torch.softmax(logits.detach().float(), dim=-1).cpu().numpy()


def top_predictions(probabilities: np.ndarray, label: Callable[[int], str], k: int) -> list[Prediction]:
    """The ``k`` most probable classes of one probability vector, best first."""
    k = max(1, min(int(k), probabilities.shape[-1]))
    order = np.argsort(-probabilities, kind="stable")[:k]
    return [Prediction(int(i), label(int(i)), float(probabilities[i])) for i in order]


def heads_from_logits(
    logits: dict[str, torch.Tensor],
    label: Callable[[int], str],
    top_k: int,
    aux_trained: bool = True,
) -> list[dict[str, HeadResult]]:
    """One ``{head: HeadResult}`` per image of the batch, heads in main/aux1/aux2 order."""
    return heads_from_probabilities({name: softmax(value) for name, value in logits.items()},
                                    label, top_k, aux_trained)


def heads_from_probabilities(
    probs: dict[str, np.ndarray],
    label: Callable[[int], str],
    top_k: int,
    aux_trained: bool = True,
) -> list[dict[str, HeadResult]]:
    """:func:`heads_from_logits` after the softmax: ``probs`` maps head -> (batch, classes)."""
    batch = next(iter(probs.values())).shape[0]
    if not all(np.isfinite(p).all() for p in probs.values()):  # JSON has no NaN: never print one
        raise GoogLeNetGuiError("The model's outputs are not numbers (NaN or infinity): its weights or "
                                "preprocessing overflow float32, so no prediction can be shown.")
    results: list[dict[str, HeadResult]] = []
    for i in range(batch):
        per_image = {}
        for name, p in probs.items():
            trained = aux_trained if name != "main" else True
            per_image[name] = HeadResult(name, p[i], top_predictions(p[i], label, top_k), trained)
        results.append(per_image)
    return results


def head_agreement(heads: dict[str, HeadResult]) -> dict[str, float | bool]:
    """How far aux heads agree with the main head: same top-1, and overlap of their top-k sets."""
    main = heads["main"]
    main_top = {p.index for p in main.top}
    out: dict[str, float | bool] = {}
    for name, head in heads.items():
        if name == "main":
            continue
        out[f"{name}_same_top1"] = head.top[0].index == main.top[0].index
        overlap = len(main_top & {p.index for p in head.top}) / max(1, len(main_top))
        out[f"{name}_topk_overlap"] = overlap
    return out


def labels_for(class_names: Sequence[str]) -> Callable[[int], str]:
    """Index -> name, falling back to ``class N`` beyond the known names."""
    names = list(class_names)
    return lambda i: names[i] if 0 <= i < len(names) else f"class {i}"
