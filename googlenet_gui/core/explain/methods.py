"""``explain(loaded, image, ...)``: one entry point for CAM, Grad-CAM and occlusion, and unit fields.

The CLI, the Python API and the window call this; the model always comes through the
engine seam with ``purpose="explain"`` (the eager model: gradients and hooks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.explain.cam import ClassMap, chosen_class, class_activation_map, grad_cam
from googlenet_gui.core.explain.occlusion import default_patch, grey_value, iter_occlusion, occlusion_map
from googlenet_gui.core.explain.targets import Target, parse_head, parse_layer
from googlenet_gui.core.explain.trunk import TrunkPass, image_batch, trunk_pass
from googlenet_gui.core.inference.engine import engine_for
from googlenet_gui.core.jobs import CancelToken
from googlenet_gui.core.network.hooks import forward_hooks, frozen_eval
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.spec import AUX_ATTACH, INCEPTION_NAMES

METHODS: tuple[str, ...] = ("cam", "gradcam", "occlusion")


@dataclass
class Explanation:
    """A class map of one image with what it explains: the ``explain --json`` record."""

    image: str
    input_rgb: np.ndarray  # (H, W, 3) uint8: the crop the network saw
    map: ClassMap
    label: str

    def to_json(self) -> dict[str, Any]:
        peak = self.map.peak
        coarse_peak = np.unravel_index(int(np.argmax(self.map.coarse)), self.map.coarse.shape)
        return {
            "image": self.image, "method": self.map.method, "layer": self.map.layer, "head": self.map.head,
            "class": {"index": self.map.class_index, "label": self.label, "probability": self.map.probability},
            "map_size": list(self.map.coarse.shape), "crop_size": list(self.map.heatmap.shape),
            "peak": {"row": peak[0], "col": peak[1]},
            "peak_in_map": {"row": int(coarse_peak[0]), "col": int(coarse_peak[1])},
        }


def default_layer(method: str, head: str) -> str:
    """The last module that feeds the head (CAM: always the last module)."""
    return AUX_ATTACH.get(head, INCEPTION_NAMES[-1]) if method == "gradcam" else INCEPTION_NAMES[-1]


def explain(loaded: Any, image: Any, method: str = "gradcam", layer: str | None = None, head: str = "main",
            class_index: int | None = None, patch: int | None = None, stride: int | None = None,
            cancel: CancelToken | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> Explanation:
    """Where ``head`` looks for ``class_index`` (default: its top-1) in ``image``.

    ``method``: ``cam`` (main head, last module), ``gradcam`` (any head; ``layer`` a module
    or ``MODULE.BRANCH``) or ``occlusion`` (``patch``/``stride`` in crop pixels; reports
    ``on_progress(done, total)`` and stops at ``cancel``).  Bad names raise :class:`ExplainError`.
    """
    if method not in METHODS:
        raise ExplainError(f"unknown method {method!r}: choose one of {', '.join(METHODS)}")
    engine = engine_for(loaded, purpose="explain")
    model = engine.model
    head = parse_head(model, head)
    target = parse_layer(model, layer or default_layer(method, head))
    batch, view, name = image_batch(loaded, image)
    base = trunk_pass(model, batch)
    if method == "cam":
        if head != "main" or target.name != INCEPTION_NAMES[-1]:
            raise ExplainError(f"CAM is exact only for the main head at {INCEPTION_NAMES[-1]} (global pool, then "
                               f"one linear layer); use --method gradcam for {head} at {target.name}")
        result = class_activation_map(model, base, class_index)
    elif method == "gradcam":
        result = grad_cam(model, base, target, head, class_index)
    else:
        result = _occlusion(loaded, engine, batch, base, head, class_index, patch, stride, cancel, on_progress)
    return Explanation(name, view, result, loaded.label(result.class_index))


def _occlusion(loaded: Any, engine: Any, batch: torch.Tensor, base: TrunkPass, head: str, class_index: int | None,
               patch: int | None, stride: int | None, cancel: CancelToken | None,
               on_progress: Callable[[int, int], None] | None) -> ClassMap:
    crop = min(base.crop)
    patch = patch or default_patch(crop)[0]
    stride = stride or max(1, patch // 2)
    if not 1 <= patch <= crop or stride < 1:
        raise ExplainError(f"occlusion patch must be 1 to {crop} pixels and stride at least 1, got {patch} and {stride}")
    index, probability = chosen_class(engine.model, base, head, class_index)
    grey = grey_value(loaded.preprocessing.mean, loaded.preprocessing.std)
    progress = None
    for progress in iter_occlusion(engine, batch, grey, head, index, probability, patch, stride, cancel=cancel):
        if on_progress is not None:
            on_progress(progress.done, progress.total)
    return occlusion_map(progress, base.crop, head, index, probability, patch, stride)


def effective_receptive_field(model: GoogLeNet, base: TrunkPass, target: Target, row: int, col: int) -> np.ndarray:
    """|d unit / d input| summed over colours, scaled to [0, 1]: what unit (row, col) of ``target`` really sees.

    The unit is the sum over the target's channels at that position; the input is the one the
    trunk's first layer reads (after ``transform_input``, which only rescales colours).
    """
    kept: dict[str, torch.Tensor] = {}

    def keep(_module: torch.nn.Module, _args: Any, output: torch.Tensor) -> None:
        kept["out"] = output

    names = model.trunk_names[:model.trunk_names.index(target.module) + 1]
    with frozen_eval(model), torch.enable_grad(), forward_hooks([(target.resolve(model), keep)]):
        x = start = base.start(names[0]).requires_grad_()
        for name in names:
            x = getattr(model, name)(x)
        out = kept["out"]
        if not (0 <= row < out.shape[2] and 0 <= col < out.shape[3]):
            raise ExplainError(f"unit ({row}, {col}) is outside {target.name}'s {out.shape[2]}x{out.shape[3]} map")
        (grad,) = torch.autograd.grad(out[0, :, row, col].sum(), [start])
    magnitude = grad[0].abs().sum(0)
    top = float(magnitude.max())
    return (magnitude / top if top > 0 else magnitude).cpu().numpy().astype(np.float32)
