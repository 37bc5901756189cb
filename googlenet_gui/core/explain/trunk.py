"""One eager pass that keeps the input of every trunk module, so later work starts mid-network.

Grad-CAM at inception4c needs the forward from 4c on and the backward back to 4c; an
ablation of 4a needs the forward from 4a on.  Both start from the activation kept here
instead of running the stem and the early modules again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import Tensor, nn

from googlenet_gui.core.network.hooks import forward_hooks, frozen_eval
from googlenet_gui.core.network.model import GoogLeNet


@dataclass
class TrunkPass:
    """The inputs of every trunk module and every head's logits for one image (detached)."""

    inputs: dict[str, Tensor]  # trunk module -> its (1, C, H, W) input
    logits: dict[str, Tensor]  # head -> (1, classes)
    crop: tuple[int, int]  # (H, W) of the network input

    def start(self, module: str) -> Tensor:
        """A fresh tensor (same storage) to run ``module`` and what follows on."""
        return self.inputs[module].detach()


def trunk_pass(model: GoogLeNet, batch: Tensor) -> TrunkPass:
    """One eval-mode forward of a (1, 3, H, W) batch; the model's mode and gradients are restored."""
    inputs: dict[str, Tensor] = {}

    def keeper(name: str):
        def hook(_module: nn.Module, args: Any) -> None:
            inputs[name] = args[0].detach().clone()
        return hook

    hooks = [(getattr(model, name), keeper(name)) for name in model.trunk_names]
    with frozen_eval(model), torch.no_grad(), forward_hooks(hooks, pre=True):
        logits = model.forward_heads(batch, with_aux=model.has_aux)
    logits = {name: value.detach() for name, value in logits.items()}
    return TrunkPass(inputs, logits, (int(batch.shape[-2]), int(batch.shape[-1])))


def image_batch(loaded: Any, image: Any) -> tuple[Tensor, np.ndarray, str]:
    """``(batch on the model's device, the crop as (H, W, 3) uint8, the image's name)``.

    The same crop and normalisation as inspect, so maps line up with its overlays.
    """
    from googlenet_gui.core.images.decode import load_image, model_view
    from googlenet_gui.core.inference.inspection import input_from_view

    picture = image if hasattr(image, "image") and hasattr(image, "notes") else load_image(image)
    view = model_view(picture.image, loaded.preprocessing)
    batch = input_from_view(view, loaded.preprocessing).unsqueeze(0).to(loaded.device)
    return batch, view, picture.name
