"""Receptive fields and jumps against the input-gradient extent of a centre unit, for every variant."""

from __future__ import annotations

import copy
import json

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from googlenet_gui.core.explain.receptive import trunk_geometry
from googlenet_gui.core.network.model import build_model
from googlenet_gui.core.network.spec import paper_spec, torchvision_spec, tutorial_spec

SIZE = 1000  # wider than the largest trunk receptive field (715, true 5x5s), so a centre unit's is never cut


class _SpreadOnly(nn.Module):
    """A conv's geometry on one summed channel with positive weights: gradients never cancel."""

    def __init__(self, conv: nn.Conv2d) -> None:
        super().__init__()
        self.conv = conv

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        c = self.conv
        kernel = torch.full((1, 1, *c.kernel_size), 1.0 / (c.kernel_size[0] * c.kernel_size[1]), dtype=x.dtype)
        return F.conv2d(x.sum(1, keepdim=True), kernel, stride=c.stride, padding=c.padding, dilation=c.dilation)


def _surrogate(model: nn.Module) -> nn.Module:
    """Same kernels, strides and paddings; max pools become average pools (their gradient reaches
    every pixel of the window, not only the maximum), BatchNorm and channels drop out."""
    twin = copy.deepcopy(model)
    for parent in list(twin.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.Conv2d):
                setattr(parent, name, _SpreadOnly(child))
            elif isinstance(child, nn.MaxPool2d):
                setattr(parent, name, nn.AvgPool2d(child.kernel_size, child.stride, child.padding, child.ceil_mode))
            elif isinstance(child, nn.BatchNorm2d):
                setattr(parent, name, nn.Identity())
    return twin.double()


def _branch_path(layer: str) -> str:
    for branch, attr in (("1x1", "branch1"), ("3x3", "branch2"), ("5x5", "branch3"), ("pool_proj", "branch4")):
        layer = layer.replace(f".{branch}", f".{attr}")
    return layer


def _measured(surrogate: nn.Module, layers: list[str]) -> dict[str, tuple[int, int]]:
    """layer -> (field, jump): nonzero rows of d(centre unit)/d(input), and the shift of the next unit's field."""
    kept = {}
    handles = [surrogate.get_submodule(_branch_path(layer)).register_forward_hook(
        lambda m, i, o, layer=layer: kept.__setitem__(layer, o)) for layer in layers]
    x = torch.rand(1, 3, SIZE, SIZE, dtype=torch.float64, generator=torch.Generator().manual_seed(0)) + 0.5
    x.requires_grad_()
    try:
        y = x
        for name in surrogate.trunk_names:
            y = getattr(surrogate, name)(y)
    finally:
        for handle in handles:
            handle.remove()
    measured = {}
    for layer, out in kept.items():
        centre = out.shape[2] // 2
        rows = []
        for unit in (centre, centre + 1):
            (grad,) = torch.autograd.grad(out[0, :, unit, centre].sum(), x, retain_graph=True)
            nonzero = grad[0].abs().sum(0).sum(1).nonzero().flatten()
            assert 0 < nonzero.min() and nonzero.max() < SIZE - 1, f"{layer}: field cut by the border"
            rows.append((int(nonzero.min()), int(nonzero.max())))
        measured[layer] = (rows[0][1] - rows[0][0] + 1, rows[1][0] - rows[0][0])
    return measured


@pytest.mark.slow
@pytest.mark.parametrize("spec", [torchvision_spec(10), tutorial_spec(10), paper_spec(10)], ids=lambda s: s.name)
def test_fields_match_the_input_gradient_extent(spec):
    torch.manual_seed(0)
    model = build_model(spec)
    surrogate = _surrogate(model)
    geometry = trunk_geometry(model)
    layers = [*model.trunk_names, "inception3a.5x5", "inception4c.3x3", "inception4e.pool_proj", "inception5b.1x1"]
    measured = _measured(surrogate, layers)
    assert measured == {layer: (geometry[layer].receptive_field, geometry[layer].jump) for layer in layers}


def test_variants_differ_where_their_geometry_does():
    tv, tutorial = (trunk_geometry(build_model(s)) for s in (torchvision_spec(10), tutorial_spec(10)))
    assert tv["inception3a.5x5"].receptive_field == tv["inception3a.3x3"].receptive_field  # 3x3 in the 5x5 slot
    assert tutorial["inception3a.5x5"].receptive_field > tutorial["inception3a.3x3"].receptive_field
    assert tutorial["inception5b"].receptive_field > tv["inception5b"].receptive_field
    assert (tv["conv1"].receptive_field, tv["conv1"].jump) == (7, 2)
    assert tv["maxpool4"].jump == tutorial["maxpool4"].jump == 32


def test_region_of_a_unit_is_clipped_to_the_crop():
    geometry = trunk_geometry(build_model(torchvision_spec(10)))["inception3a"]
    top, left, bottom, right = geometry.region(14, 14, 224)
    assert bottom - top + 1 == geometry.receptive_field and right - left + 1 == geometry.receptive_field
    assert geometry.region(0, 0, 224)[:2] == (0, 0)


def test_ops_json_rows_carry_integer_fields(capsys):
    from googlenet_gui.cli.main import main

    assert main(["ops", "--arch", "tutorial", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    geometry = trunk_geometry(build_model(tutorial_spec(10)))
    for name, row in rows.items():
        assert type(row["receptive_field"]) is int and type(row["jump"]) is int, name
    assert rows["inception4c"]["receptive_field"] == geometry["inception4c"].receptive_field
    assert rows["fc"]["jump"] == 32 * 7 and rows["aux1"]["receptive_field"] > rows["inception4a"]["receptive_field"]
