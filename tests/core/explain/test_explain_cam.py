"""Grad-CAM, CAM and the atlas against independent computations on torchvision's own model."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.explain.cam import cam_atlas, class_activation_map, grad_cam
from googlenet_gui.core.explain.methods import effective_receptive_field
from googlenet_gui.core.explain.targets import Target, parse_layer
from googlenet_gui.core.explain.trunk import trunk_pass
from googlenet_gui.core.network.model import BRANCH_ATTRS
from googlenet_gui.core.network.spec import BRANCH_NAMES

from tests.core.explain.explain_models import SIZE, no_hooks_left


def reference_grad_cam(tv, batch, layer: str, head: str, class_index: int) -> torch.Tensor:
    """Textbook Grad-CAM with torch.autograd.grad on torchvision's module, aux heads by hand."""
    module_name, _, branch = layer.partition(".")
    module = getattr(tv, module_name)
    if branch:
        module = getattr(module, BRANCH_ATTRS[BRANCH_NAMES.index(branch)])
    kept = {}
    handles = [module.register_forward_hook(lambda m, i, o: kept.__setitem__("a", o))]
    if head != "main":
        source = getattr(tv, {"aux1": "inception4a", "aux2": "inception4d"}[head])
        handles.append(source.register_forward_hook(lambda m, i, o: kept.__setitem__("aux_in", o)))
    try:
        main = tv(batch)
    finally:
        for handle in handles:
            handle.remove()
    logits = main if head == "main" else getattr(tv, head)(kept["aux_in"])
    (grad,) = torch.autograd.grad(logits[0, class_index], kept["a"])
    return F.relu((grad.mean(dim=(2, 3), keepdim=True) * kept["a"]).sum(1))[0].detach()


def scaled(coarse: torch.Tensor) -> np.ndarray:
    big = F.interpolate(coarse[None, None], size=(SIZE, SIZE), mode="bilinear", align_corners=False)[0, 0]
    return (big / big.max()).numpy()


@pytest.mark.parametrize("layer,head", [("inception4c", "main"), ("inception4b.5x5", "main"),
                                        ("inception3b.pool_proj", "main"), ("conv2", "main"),
                                        ("inception4a.3x3", "aux1"), ("inception4d", "aux2")])
def test_grad_cam_matches_reference(loaded, reference, batch, layer, head):
    model = loaded.model
    base = trunk_pass(model, batch)
    # random weights: some classes' maps are all negative (0 after ReLU); compare a non-trivial one
    index, expected = next((k, e) for k in range(10)
                           if (e := reference_grad_cam(reference, batch, layer, head, k)).max() > 0)
    ours = grad_cam(model, base, parse_layer(model, layer), head, class_index=index)
    assert ours.coarse.shape == tuple(expected.shape)
    np.testing.assert_allclose(ours.coarse, expected.numpy(), rtol=1e-4, atol=1e-6 * float(expected.max()))
    np.testing.assert_allclose(ours.heatmap, scaled(expected), atol=1e-4)
    assert ours.heatmap.dtype == np.float32 and ours.heatmap.min() >= 0 and ours.heatmap.max() == pytest.approx(1)


def test_cam_matches_fc_weights_and_grad_cam_at_last_module(loaded, reference, batch):
    model = loaded.model
    base = trunk_pass(model, batch)
    kept = {}
    handle = reference.inception5b.register_forward_hook(lambda m, i, o: kept.__setitem__("a", o))
    with torch.no_grad():
        reference(batch)
        handle.remove()
        index, expected = next((k, e) for k in range(10)
                               if (e := F.relu(torch.einsum("c,chw->hw", reference.fc.weight[k], kept["a"][0]))).max() > 0)
    cam = class_activation_map(model, base, class_index=index)
    np.testing.assert_allclose(cam.coarse, expected.numpy(), rtol=1e-4, atol=1e-6 * float(expected.max()))
    gradcam = grad_cam(model, base, Target("inception5b"), "main", index)
    np.testing.assert_allclose(cam.heatmap, gradcam.heatmap, atol=1e-5)  # GAP + linear: CAM is exact


def test_default_class_is_the_heads_top1(loaded, batch):
    base = trunk_pass(loaded.model, batch)
    for head in ("main", "aux1", "aux2"):
        result = grad_cam(loaded.model, base, Target("inception3a"), head)
        assert result.class_index == int(base.logits[head].argmax())
        assert 0 < result.probability < 1


def test_atlas_equals_single_layer_calls(loaded, batch):
    model = loaded.model
    base = trunk_pass(model, batch)
    atlas = cam_atlas(model, base, "main", class_index=2)
    assert len(atlas.cells) == 45 and len(atlas.grid()) == 9
    for layer in ("inception3a", "inception4c.3x3", "inception5b.pool_proj"):
        single = grad_cam(model, base, parse_layer(model, layer), "main", 2)
        np.testing.assert_allclose(atlas.cells[layer].coarse, single.coarse, rtol=1e-4, atol=1e-9)
    aux = cam_atlas(model, base, "aux1", class_index=2)
    assert list(aux.cells)[-1] == "inception4a.pool_proj" and len(aux.cells) == 15


def test_layer_after_aux_attach_is_refused(loaded, batch):
    base = trunk_pass(loaded.model, batch)
    with pytest.raises(ExplainError, match="inception4c.*aux1"):
        grad_cam(loaded.model, base, Target("inception4c"), "aux1")
    with pytest.raises(ExplainError, match="class 10 does not exist"):
        grad_cam(loaded.model, base, Target("inception4c"), "main", 10)


def test_bad_layer_names_the_layer_and_lists_valid_ones(loaded):
    with pytest.raises(ExplainError, match=r"'inception4c\.7x7'.*inception3a.*pool_proj"):
        parse_layer(loaded.model, "inception4c.7x7")
    with pytest.raises(ExplainError, match="'conv1.3x3'"):
        parse_layer(loaded.model, "conv1.3x3")


def test_every_call_releases_hooks_and_restores_mode_and_gradients(loaded, batch):
    model = loaded.model
    model.train()
    frozen = model.fc.weight
    frozen.requires_grad_(False)
    try:
        base = trunk_pass(model, batch)
        grad_cam(model, base, Target("inception4c", "3x3"), "aux2")
        cam_atlas(model, base, "main")
        class_activation_map(model, base)
        effective_receptive_field(model, base, Target("inception3a"), 3, 3)
        assert no_hooks_left(model)
        assert all(m.training for m in model.modules())
        assert not frozen.requires_grad
        assert all(p.requires_grad for n, p in model.named_parameters() if n != "fc.weight")
        assert all(p.grad is None for p in model.parameters())
    finally:
        frozen.requires_grad_(True)
        model.eval()
