"""capture_activations: clones, handle hygiene, mode restoration, timings."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from googlenet_gui.core.network.hooks import capture_activations
from googlenet_gui.core.network.model import build_model


class _Boom(nn.Module):
    def forward(self, x):
        raise RuntimeError("boom")


def _hook_count(model: nn.Module) -> int:
    return sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in model.modules())


def _small_net() -> nn.Sequential:
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(inplace=True), nn.Dropout(0.5), nn.Conv2d(4, 2, 1))


def test_handles_removed_and_mode_restored_after_an_exception():
    net = nn.Sequential(nn.Conv2d(3, 4, 3), _Boom())
    net.train()
    with pytest.raises(RuntimeError, match="boom"):
        with capture_activations(net, ["0", "1"]) as cap:
            assert not net.training  # eval for the pass
            net(torch.randn(1, 3, 8, 8))
    assert _hook_count(net) == 0
    assert net.training and all(m.training for m in net.modules())
    assert "0" in cap.outputs  # the part that ran was still captured


def test_mixed_modes_restored_per_module():
    net = _small_net().train()
    net[2].eval()  # e.g. a frozen part during fine-tuning
    with capture_activations(net, ["1"]):
        net(torch.randn(1, 3, 8, 8))
    assert net.training and net[0].training and not net[2].training
    assert _hook_count(net) == 0


def test_clone_is_not_aliased_with_later_in_place_relu():
    net = _small_net().eval()
    x = torch.randn(1, 3, 8, 8)
    with capture_activations(net, ["0"]) as cap:
        net(x)
    conv_out = net[0](x)
    assert (conv_out < 0).any()  # the in-place ReLU would have zeroed these
    torch.testing.assert_close(cap.outputs["0"], conv_out)
    assert not cap.outputs["0"].requires_grad


def test_without_clone_the_in_place_relu_shows_through():
    """Proves the previous test can fail: the stored tensor IS the one ReLU overwrites."""
    net = _small_net().eval()
    with capture_activations(net, ["0"], clone=False) as cap:
        net(torch.randn(1, 3, 8, 8))
    assert (cap.outputs["0"] >= 0).all()


def test_timings_for_captured_and_timed_modules_and_eval_mode_in_pass():
    net = _small_net().train()
    x = torch.randn(1, 3, 8, 8)
    with capture_activations(net, ["3"], timed=["0", "1"]) as cap:
        first = net(x)
        second = net(x)
    torch.testing.assert_close(first, second)  # dropout was off
    assert set(cap.times_ms) == {"0", "1", "3"} and set(cap.outputs) == {"3"}
    assert all(t > 0 for t in cap.times_ms.values())


def test_unknown_name_is_a_clear_error_and_leaves_no_hooks():
    model = build_model()
    with pytest.raises(KeyError, match="inception9z"):
        with capture_activations(model, ["inception3a.branch1", "inception9z"]):
            pass
    assert _hook_count(model) == 0


def test_branch_names_on_googlenet():
    model = build_model()
    with torch.inference_mode(), capture_activations(model, ["inception3a.branch1", "conv1"]) as cap:
        model(torch.randn(1, 3, 64, 64))
    assert cap.outputs["inception3a.branch1"].shape == (1, 64, 8, 8)
    assert cap.outputs["conv1"].shape == (1, 64, 32, 32)
    assert _hook_count(model) == 0
