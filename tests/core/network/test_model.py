"""The one model class reproduces each family's architecture and Table 1's shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
import torchvision

from googlenet_gui.core.network.model import GoogLeNet, build_model
from googlenet_gui.core.network.spec import (
    INCEPTION_NAMES,
    VariantSpec,
    paper_spec,
    spec_for_arch,
    torchvision_spec,
    tutorial_spec,
)

TABLE1 = json.loads((Path(__file__).parents[3] / "googlenet_gui/core/data/googlenet_table1.json").read_text())


@pytest.mark.parametrize("spec", [torchvision_spec(), paper_spec(), tutorial_spec(num_classes=7)])
def test_spec_round_trips_through_plain_dict(spec):
    data = json.loads(json.dumps(spec.to_dict()))  # survives JSON, so also weights_only pickles
    assert VariantSpec.from_dict(data) == spec


def test_spec_from_dict_ignores_unknown_keys_from_newer_files():
    data = torchvision_spec().to_dict() | {"added_in_v9": True}
    assert VariantSpec.from_dict(data) == torchvision_spec()


def test_unknown_arch_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="torchvision, paper, tutorial"):
        spec_for_arch("resnet")


def test_torchvision_state_dict_loads_strictly_and_gives_identical_logits():
    torch.manual_seed(0)
    reference = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True).eval()
    ours = GoogLeNet(torchvision_spec(), transform_input=False).eval()
    ours.load_state_dict(reference.state_dict(), strict=True)
    x = torch.randn(1, 3, 96, 96)
    with torch.no_grad():
        assert torch.equal(reference(x), ours(x))


def _output_sizes(model: GoogLeNet, size: int = 224) -> dict[str, tuple[int, int, int]]:
    shapes: dict[str, tuple[int, int, int]] = {}
    hooks = [getattr(model, name).register_forward_hook(
        lambda m, i, o, name=name: shapes.__setitem__(name, tuple(o.shape[1:])))
        for name in model.trunk_names]
    try:
        with torch.no_grad():
            model(torch.zeros(1, 3, size, size))
    finally:
        for h in hooks:
            h.remove()
    return shapes


@pytest.mark.parametrize("factory", [torchvision_spec, paper_spec, tutorial_spec])
def test_every_variant_has_table1_output_sizes(factory):
    shapes = _output_sizes(build_model(factory()))
    expected = {row["name"]: row["output"] for row in TABLE1["rows"]}
    for name in ("maxpool1", "maxpool2", *INCEPTION_NAMES, "maxpool3", "maxpool4"):
        h, w, c = expected[name]
        assert shapes[name] == (c, h, w), name


@pytest.mark.parametrize("spec", [torchvision_spec(num_classes=5), tutorial_spec(num_classes=5)])
def test_forward_heads_gives_aux_logits_in_eval_mode(spec):
    model = build_model(spec)
    with torch.no_grad():
        heads = model.forward_heads(torch.randn(2, 3, 224, 224))
    assert list(heads) == ["main", "aux1", "aux2"]
    assert all(t.shape == (2, 5) for t in heads.values())
    assert not model.training


def test_model_without_aux_heads_has_only_main():
    model = build_model(torchvision_spec(num_classes=3, aux_logits=False))
    assert not hasattr(model, "aux1")
    with torch.no_grad():
        assert list(model.forward_heads(torch.randn(1, 3, 64, 64))) == ["main"]


def test_transform_input_matches_torchvision():
    torch.manual_seed(1)
    reference = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True,
                                             transform_input=True).eval()
    ours = GoogLeNet(torchvision_spec(aux_logits=False), transform_input=True).eval()
    ours.load_state_dict(reference.state_dict())
    x = torch.randn(1, 3, 64, 64)
    with torch.no_grad():
        torch.testing.assert_close(ours(x), reference(x), rtol=0, atol=1e-6)


def test_variant_kernels_follow_the_spec():
    tv, paper, tutorial = build_model(torchvision_spec()), build_model(paper_spec()), build_model(tutorial_spec())
    assert tv.inception3a.branch3[1].conv.kernel_size == (3, 3)
    assert paper.inception3a.branch3[1].conv.kernel_size == (5, 5)
    assert tutorial.conv2.conv.kernel_size == (3, 3) and not hasattr(tutorial, "conv3")
    assert tutorial.conv1.bn.eps == 1e-5 and tv.conv1.bn.eps == 1e-3
    assert paper.conv1.conv.bias is not None and tv.conv1.conv.bias is None
