"""Checkpoint files for tests of every layer (core, CLI, UI), built from real models.

The official weights cannot be downloaded here, so every test makes its own files:
torchvision's own ``googlenet`` (random weights, randomised BatchNorm statistics so a
wrong eps or a skipped BN would show), the seed notes' from-scratch implementation
(copied verbatim below), and the app's own format written by ``save_checkpoint``.
No Qt here.  Import as ``from factories import ...`` (pytest puts ``tests/`` on the path).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import torch
import torch.nn as nn
import torchvision


def randomize_bn_stats(model: nn.Module, seed: int = 0) -> nn.Module:
    """Non-trivial running mean/var and affine params: BN mistakes then change the logits."""
    generator = torch.Generator().manual_seed(seed)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            n = module.num_features
            module.running_mean.copy_(torch.randn(n, generator=generator) * 0.1)
            module.running_var.copy_(torch.rand(n, generator=generator) * 0.5 + 0.5)
            module.weight.data.copy_(torch.rand(n, generator=generator) * 0.5 + 0.75)
            module.bias.data.copy_(torch.randn(n, generator=generator) * 0.1)
    return model


def make_torchvision_model(num_classes: int = 1000, aux: bool = True, seed: int = 0) -> nn.Module:
    """torchvision's own googlenet in eval mode (aux heads kept when ``aux``)."""
    torch.manual_seed(seed)
    model = torchvision.models.googlenet(weights=None, aux_logits=aux, init_weights=True,
                                         num_classes=num_classes)
    return randomize_bn_stats(model, seed).eval()


def make_torchvision_state_dict(num_classes: int = 1000, aux: bool = True, seed: int = 0) -> dict[str, torch.Tensor]:
    """A fresh copy (callers may edit it) of a cached torchvision state_dict: building is slow."""
    return {k: v.clone() for k, v in _cached_torchvision_state(num_classes, aux, seed).items()}


@lru_cache(maxsize=8)
def _cached_torchvision_state(num_classes: int, aux: bool, seed: int) -> dict[str, torch.Tensor]:
    return make_torchvision_model(num_classes, aux, seed).state_dict()


def save_torchvision_checkpoint(path: str | Path, num_classes: int = 10, aux: bool = True, seed: int = 0,
                                wrap: str | None = None, prefix: str = "") -> Path:
    """A torchvision-format file; ``wrap`` nests it (``"model_state_dict"``), ``prefix`` e.g. ``"module."``."""
    state = {prefix + k: v for k, v in make_torchvision_state_dict(num_classes, aux, seed).items()}
    payload: object = {wrap: state, "epoch": 3} if wrap else state
    path = Path(path)
    torch.save(payload, path)
    return path


# --- the seed notes' (003_*) from-scratch GoogLeNet, verbatim apart from formatting ---

class conv_block(nn.Module):
    def __init__(self, in_channels, out_channels, **kwargs):
        super(conv_block, self).__init__()
        self.conv_layer = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, **kwargs),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(),
        )

    def forward(self, x):
        return self.conv_layer(x)


class Inception_block(nn.Module):
    def __init__(self, in_channels, out_1x1, red_3x3, out_3x3, red_5x5, out_5x5, out_1x1pool):
        super(Inception_block, self).__init__()
        self.branch1 = conv_block(in_channels, out_1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            conv_block(in_channels, red_3x3, kernel_size=1),
            conv_block(red_3x3, out_3x3, kernel_size=3, padding=1),
        )
        self.branch3 = nn.Sequential(
            conv_block(in_channels, red_5x5, kernel_size=1),
            conv_block(red_5x5, out_5x5, kernel_size=5, padding=2),
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1),
            conv_block(in_channels, out_1x1pool, kernel_size=1)
        )

    def forward(self, x):
        x = torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)
        return x


class InceptionAux(nn.Module):
    def __init__(self, in_channels, num_classes):
        super(InceptionAux, self).__init__()
        self.conv = nn.Sequential(
            nn.AvgPool2d(kernel_size=5, stride=3),
            conv_block(in_channels, 128, kernel_size=1),
        )
        self.fc = nn.Sequential(
            nn.Linear(2048, 1024),
            nn.ReLU(),
            nn.Dropout(),
            nn.Linear(1024, num_classes),
        )

    def forward(self, x):
        x = self.conv(x)
        x = x.view(x.shape[0], -1)
        x = self.fc(x)
        return x


class SeedGoogLeNet(nn.Module):
    """The seed's ``GoogLeNet`` class (renamed so it cannot be confused with ours)."""

    def __init__(self, aux_logits=True, num_classes=10, init_weights=True):
        super(SeedGoogLeNet, self).__init__()
        assert aux_logits == True or aux_logits == False  # noqa: E712 (verbatim)
        self.aux_logits = aux_logits
        self.conv1 = conv_block(3, 64, kernel_size=7, stride=2, padding=3)
        self.maxpool1 = nn.MaxPool2d(3, 2, 1)
        self.conv2 = conv_block(64, 192, kernel_size=3, stride=1, padding=1)
        self.maxpool2 = nn.MaxPool2d(3, 2, 1)
        self.inception3a = Inception_block(192, 64, 96, 128, 16, 32, 32)
        self.inception3b = Inception_block(256, 128, 128, 192, 32, 96, 64)
        self.maxpool3 = nn.MaxPool2d(3, 2, 1)
        self.inception4a = Inception_block(480, 192, 96, 208, 16, 48, 64)
        self.inception4b = Inception_block(512, 160, 112, 224, 24, 64, 64)
        self.inception4c = Inception_block(512, 128, 128, 256, 24, 64, 64)
        self.inception4d = Inception_block(512, 112, 144, 288, 32, 64, 64)
        self.inception4e = Inception_block(528, 256, 160, 320, 32, 128, 128)
        self.maxpool4 = nn.MaxPool2d(3, 2, 1)
        self.inception5a = Inception_block(832, 256, 160, 320, 32, 128, 128)
        self.inception5b = Inception_block(832, 384, 192, 384, 48, 128, 128)
        self.avgpool = nn.AvgPool2d(7, 1)
        self.dropout = nn.Dropout(p=0.4)
        self.fc1 = nn.Linear(1024, num_classes)
        if self.aux_logits:
            self.aux1 = InceptionAux(512, num_classes)
            self.aux2 = InceptionAux(528, num_classes)
        else:
            self.aux1 = self.aux2 = None
        if init_weights:
            self._initialize_weights()

    def forward(self, x):
        x = self.conv1(x)
        x = self.maxpool1(x)
        x = self.conv2(x)
        x = self.maxpool2(x)
        x = self.inception3a(x)
        x = self.inception3b(x)
        x = self.maxpool3(x)
        x = self.inception4a(x)
        if self.aux_logits and self.training:
            aux1 = self.aux1(x)
        x = self.inception4b(x)
        x = self.inception4c(x)
        x = self.inception4d(x)
        if self.aux_logits and self.training:
            aux2 = self.aux2(x)
        x = self.inception4e(x)
        x = self.maxpool4(x)
        x = self.inception5a(x)
        x = self.inception5b(x)
        x = self.avgpool(x)
        x = x.view(x.shape[0], -1)
        x = self.dropout(x)
        x = self.fc1(x)
        if self.aux_logits and self.training:
            return x, aux1, aux2
        else:
            return x

    def _initialize_weights(self):
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
                if m.bias is not None:
                    nn.init.constant_(m.bias, 0)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                nn.init.constant_(m.bias, 0)


def make_seed_model(num_classes: int = 10, aux: bool = True, seed: int = 0) -> SeedGoogLeNet:
    """The seed implementation with random weights, biases and BN statistics, in eval mode."""
    torch.manual_seed(seed)
    model = SeedGoogLeNet(aux_logits=aux, num_classes=num_classes, init_weights=True)
    generator = torch.Generator().manual_seed(seed + 1)
    for module in model.modules():
        if isinstance(module, nn.Conv2d) and module.bias is not None:
            module.bias.data.copy_(torch.randn(module.out_channels, generator=generator) * 0.05)
    return randomize_bn_stats(model, seed).eval()


def save_tutorial_checkpoint(path: str | Path, num_classes: int = 10, aux: bool = True, seed: int = 0) -> Path:
    """A state_dict exactly as the seed code's ``torch.save(model.state_dict(), path)`` writes it."""
    path = Path(path)
    torch.save(_cached_seed_state(num_classes, aux, seed), path)
    return path


@lru_cache(maxsize=4)
def _cached_seed_state(num_classes: int, aux: bool, seed: int) -> dict[str, torch.Tensor]:
    return make_seed_model(num_classes, aux, seed).state_dict()


def save_app_checkpoint(path: str | Path, class_names: Sequence[str] = ("cat", "dog", "bird"),
                        aux: bool = True, seed: int = 0, trained: bool = False, **save_kwargs) -> Path:
    """The app's own format (``.safetensors`` suffix -> safetensors) for a torchvision-variant model.

    ``trained``: the main head's weights scaled off the init's std, so the file does not look
    untrained (``calibrate-aux`` refuses a random teacher).
    """
    from googlenet_gui.core.checkpoints.files import save_checkpoint
    from googlenet_gui.core.network.model import GoogLeNet
    from googlenet_gui.core.network.spec import torchvision_spec

    with torch.device("meta"):
        model = GoogLeNet(torchvision_spec(len(class_names), aux), init_weights=False).eval()
    state = make_torchvision_state_dict(len(class_names), aux, seed) if trained else \
        _cached_torchvision_state(len(class_names), aux, seed)
    if trained:
        state["fc.weight"] *= 3
    model.load_state_dict(state, assign=True)
    save_kwargs.setdefault("transform_input", False)
    return save_checkpoint(path, model, class_names=list(class_names), **save_kwargs)


def save_seeded_checkpoint(path: str | Path, class_names: Sequence[str] = ("cat", "dog", "bird", "fish", "egg"),
                           seed: int = 0, **save_kwargs) -> Path:
    """The app's format for a torchvision-variant model with He-initialised convolutions and randomised BatchNorm.

    WHY not torchvision's init: its std-0.01 weights shrink the signal ~10x a layer, so deep
    channels are their BatchNorm offsets whatever the input; with He init every layer's
    channels depend on the input as a trained model's do, and optimising an input shows.
    """
    from googlenet_gui.core.checkpoints.files import save_checkpoint
    from googlenet_gui.core.network.model import GoogLeNet
    from googlenet_gui.core.network.spec import torchvision_spec

    torch.manual_seed(seed)
    model = GoogLeNet(torchvision_spec(len(class_names), True))
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
    randomize_bn_stats(model, seed)
    save_kwargs.setdefault("transform_input", False)
    save_kwargs.setdefault("aux_state", "untrained")
    return save_checkpoint(path, model.eval(), class_names=list(class_names), **save_kwargs)
