"""Constants and checks shared by the explain tests (fixtures are in conftest.py)."""

from __future__ import annotations

import torch

CLASSES = 10
SIZE = 112  # any size GoogLeNet runs at; small keeps the suite fast


def no_hooks_left(model: torch.nn.Module) -> bool:
    return all(not m._forward_hooks and not m._forward_pre_hooks and not m._backward_hooks
               for m in model.modules())
