"""Reference models and comparisons shared by the tests of the fast paths (folded copy, ONNX graphs)."""

from __future__ import annotations

import torch
from torch import nn

from googlenet_gui.core.accel.folded import map_names
from googlenet_gui.core.network.hooks import capture_activations
from googlenet_gui.core.network.model import GoogLeNet, build_model
from googlenet_gui.core.network.spec import BRANCH_NAMES, torchvision_spec
TOL = 1e-4
BRANCH_ATTR = dict(zip(BRANCH_NAMES, ("branch1", "branch2", "branch3", "branch4")))


def randomised_model(seed: int = 0, spec=None) -> GoogLeNet:
    """Eval model whose BN layers have non-trivial running stats and affine parameters."""
    torch.manual_seed(seed)
    model = build_model(spec or torchvision_spec().with_classes(10))
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            n = module.num_features
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.2, 0.2)
            assert n > 0
        elif isinstance(module, nn.Conv2d):
            nn.init.kaiming_normal_(module.weight)  # activations of a useful size all the way down
    return model.eval()


def eager_maps(model: GoogLeNet, x: torch.Tensor) -> tuple[dict, dict]:
    """Reference: hooks on the eager model's stem layers and branch modules."""
    names = map_names(model)
    modules = [n if "." not in n else n.split(".")[0] + "." + BRANCH_ATTR[n.split(".")[1]] for n in names]
    with torch.no_grad(), capture_activations(model, modules) as cap:
        heads = model.forward_heads(x)
    return heads, {name: cap.outputs[module] for name, module in zip(names, modules)}


def assert_close(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for key in want:
        g, w = torch.as_tensor(got[key]).float(), torch.as_tensor(want[key]).float()
        assert g.shape == w.shape, key
        assert torch.allclose(g, w, atol=TOL, rtol=TOL), f"{key}: max diff {(g - w).abs().max():.2e}"
