"""Shared models for the explain tests: one torchvision checkpoint loaded by the app, and the
same weights in torchvision's own class for independent reference computations."""

from __future__ import annotations

import pytest
import torch

from tests.factories import make_torchvision_model, save_torchvision_checkpoint

from tests.core.explain.explain_models import CLASSES, SIZE


@pytest.fixture(scope="package")
def loaded(tmp_path_factory):
    from googlenet_gui.core.checkpoints.loading import load_model

    path = save_torchvision_checkpoint(tmp_path_factory.mktemp("explain") / "tv.pth", num_classes=CLASSES)
    return load_model(weights=str(path), device="cpu")


@pytest.fixture(scope="package")
def reference():
    """torchvision's googlenet with the same weights as ``loaded`` (eval mode)."""
    return make_torchvision_model(CLASSES)


@pytest.fixture(scope="package")
def batch():
    return torch.randn(1, 3, SIZE, SIZE, generator=torch.Generator().manual_seed(1))

