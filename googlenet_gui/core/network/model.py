"""One GoogLeNet module class for every checkpoint family.

Parameter names follow torchvision's ``googlenet`` exactly (``inception3a.branch2.1.conv.weight``),
so torchvision files load without renaming and other families are mapped onto these
names by :mod:`googlenet_gui.core.checkpoints.files`.  Everything that differs between
families comes from a :class:`~googlenet_gui.core.network.spec.VariantSpec`.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from googlenet_gui.core.network.spec import AUX_ATTACH, INCEPTION_NAMES, VariantSpec, torchvision_spec

#: torchvision's ``transform_input``: per channel ``x * scale + shift`` re-normalises
#: ImageNet-normalised input to [-1, 1] (shared with the ONNX graph writer).
TRANSFORM_SCALE: tuple[float, float, float] = (0.229 / 0.5, 0.224 / 0.5, 0.225 / 0.5)
TRANSFORM_SHIFT: tuple[float, float, float] = ((0.485 - 0.5) / 0.5, (0.456 - 0.5) / 0.5, (0.406 - 0.5) / 0.5)

#: Branch module attribute names inside an Inception module, in concatenation order.
BRANCH_ATTRS: tuple[str, ...] = ("branch1", "branch2", "branch3", "branch4")


class BasicConv2d(nn.Module):
    """Conv -> (BatchNorm) -> ReLU; the ReLU is a module so hooks and op counters see it."""

    def __init__(self, in_channels: int, out_channels: int, spec: VariantSpec, **conv_kwargs) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=spec.conv_bias, **conv_kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=spec.bn_eps) if spec.batch_norm else nn.Identity()
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: Tensor) -> Tensor:
        return self.relu(self.bn(self.conv(x)))


class Inception(nn.Module):
    """Four parallel branches (1x1, 1x1->3x3, 1x1->5x5, pool->1x1) concatenated on channels."""

    def __init__(self, channels: tuple[int, ...], spec: VariantSpec) -> None:
        super().__init__()
        cin, c1, r3, c3, r5, c5, pool_proj = channels
        k5 = spec.five_kernel
        self.branch1 = BasicConv2d(cin, c1, spec, kernel_size=1)
        self.branch2 = nn.Sequential(
            BasicConv2d(cin, r3, spec, kernel_size=1),
            BasicConv2d(r3, c3, spec, kernel_size=3, padding=1),
        )
        self.branch3 = nn.Sequential(
            BasicConv2d(cin, r5, spec, kernel_size=1),
            BasicConv2d(r5, c5, spec, kernel_size=k5, padding=k5 // 2),
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=spec.pool_ceil),
            BasicConv2d(cin, pool_proj, spec, kernel_size=1),
        )
        self.out_channels = c1 + c3 + c5 + pool_proj

    def forward(self, x: Tensor) -> Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)


class InceptionAux(nn.Module):
    """Auxiliary classifier: avg pool -> 1x1 conv 128 -> fc 1024 -> ReLU -> dropout -> fc."""

    def __init__(self, in_channels: int, spec: VariantSpec) -> None:
        super().__init__()
        if spec.aux_pool == "adaptive4":
            self.pool: nn.Module = nn.AdaptiveAvgPool2d((4, 4))
        else:
            self.pool = nn.AvgPool2d(kernel_size=5, stride=3)
        self.conv = BasicConv2d(in_channels, 128, spec, kernel_size=1)
        self.fc1 = nn.Linear(2048, 1024)
        self.relu = nn.ReLU(inplace=True)
        self.dropout = nn.Dropout(p=spec.aux_dropout)
        self.fc2 = nn.Linear(1024, spec.num_classes)

    def forward(self, x: Tensor) -> Tensor:
        x = torch.flatten(self.conv(self.pool(x)), 1)
        return self.fc2(self.dropout(self.relu(self.fc1(x))))


class GoogLeNet(nn.Module):
    """GoogLeNet built from a :class:`VariantSpec`.

    ``forward`` returns main-head logits only (what exporters and op counters expect);
    :meth:`forward_heads` also evaluates the auxiliary heads, in any mode, because the
    app shows aux predictions at inference time, unlike the paper.
    """

    def __init__(self, spec: VariantSpec | None = None, transform_input: bool = False,
                 init_weights: bool = True) -> None:
        super().__init__()
        self.spec = spec or torchvision_spec()
        self.transform_input = transform_input
        s = self.spec
        pool = dict(stride=2, padding=s.pool_padding, ceil_mode=s.pool_ceil)
        self.conv1 = BasicConv2d(3, 64, s, kernel_size=7, stride=2, padding=3)
        self.maxpool1 = nn.MaxPool2d(3, **pool)
        if s.stem_reduce:
            self.conv2 = BasicConv2d(64, 64, s, kernel_size=1)
            self.conv3 = BasicConv2d(64, 192, s, kernel_size=3, padding=1)
        else:
            self.conv2 = BasicConv2d(64, 192, s, kernel_size=3, padding=1)
        self.maxpool2 = nn.MaxPool2d(3, **pool)
        for name in INCEPTION_NAMES:
            setattr(self, name, Inception(s.inception[name], s))
            if name == "inception3b":
                self.maxpool3 = nn.MaxPool2d(3, **pool)
            elif name == "inception4e":
                self.maxpool4 = nn.MaxPool2d(s.final_pool_kernel, **pool)
        if s.aux_logits:
            self.aux1 = InceptionAux(self.inception4a.out_channels, s)
            self.aux2 = InceptionAux(self.inception4d.out_channels, s)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1)) if s.head_pool == "adaptive" else nn.AvgPool2d(7, 1)
        self.dropout = nn.Dropout(p=s.dropout)
        self.fc = nn.Linear(self.inception5b.out_channels, s.num_classes)
        self.trunk_names: tuple[str, ...] = self._trunk_order()
        if init_weights:
            self.reset_parameters()

    @property
    def has_aux(self) -> bool:
        return self.spec.aux_logits

    @property
    def num_classes(self) -> int:
        return self.spec.num_classes

    def _trunk_order(self) -> tuple[str, ...]:
        stem = ["conv1", "maxpool1", "conv2"] + (["conv3"] if self.spec.stem_reduce else []) + ["maxpool2"]
        body: list[str] = []
        for name in INCEPTION_NAMES:
            body.append(name)
            if name == "inception3b":
                body.append("maxpool3")
            elif name == "inception4e":
                body.append("maxpool4")
        return tuple(stem + body)

    def reset_parameters(self) -> None:
        """torchvision's initialisation: truncated normal (std 0.01) weights, BN to identity."""
        for module in self.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                nn.init.trunc_normal_(module.weight, mean=0.0, std=0.01, a=-2, b=2)
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.BatchNorm2d):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)

    def _transform(self, x: Tensor) -> Tensor:
        """torchvision's ``transform_input``: re-normalise ImageNet-normalised input to [-1, 1]."""
        if not self.transform_input:
            return x
        return torch.cat([x[:, c:c + 1] * TRANSFORM_SCALE[c] + TRANSFORM_SHIFT[c] for c in range(3)], 1)

    def forward_heads(self, x: Tensor, with_aux: bool = True, start: str | None = None) -> dict[str, Tensor]:
        """Logits of every head: ``{"main": ..., "aux1": ..., "aux2": ...}`` (aux when present).

        ``start`` names a trunk module and ``x`` is then that module's input: the pass runs
        from there on (ablation and Grad-CAM recompute only what lies downstream), and aux
        heads attached before ``start`` are left out.
        """
        aux_after = {v: k for k, v in AUX_ATTACH.items()} if (with_aux and self.has_aux) else {}
        heads: dict[str, Tensor] = {}
        names = self.trunk_names
        if start is None:
            x = self._transform(x)
        else:
            names = names[names.index(start):]
        for name in names:
            x = getattr(self, name)(x)
            if name in aux_after:
                heads[aux_after[name]] = getattr(self, aux_after[name])(x)
        x = self.dropout(torch.flatten(self.avgpool(x), 1))
        return {"main": self.fc(x), **heads}

    def forward(self, x: Tensor) -> Tensor:
        return self.forward_heads(x, with_aux=False)["main"]


def build_model(spec: VariantSpec | None = None, transform_input: bool = False) -> GoogLeNet:
    """A freshly initialised model in eval mode (the state every caller starts from)."""
    return GoogLeNet(spec, transform_input=transform_input).eval()
