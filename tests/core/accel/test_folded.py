"""Every inference fast path equals the eager model within 1e-4 (issue 6).

BatchNorm statistics are randomised so folding really changes the weights; main and aux
logits and every stem/branch output are compared.
"""

from __future__ import annotations

import pytest
import torch
from torch import nn

from googlenet_gui.core.accel.folded import fold_batchnorm, forward_with_maps, prepare_for_inference
from googlenet_gui.core.inference.torch_pass import inspect_tensor
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES, paper_spec
from parity_helpers import assert_close, eager_maps, randomised_model


@pytest.fixture(scope="module")
def model_and_input():
    model = randomised_model()
    x = torch.randn(2, 3, 96, 96, generator=torch.Generator().manual_seed(1))
    return model, x, eager_maps(model, x)


def test_randomised_bn_makes_folding_matter(model_and_input):
    model, _, _ = model_and_input
    folded = fold_batchnorm(model)
    before = model.inception4c.branch2[1].conv.weight
    after = folded.inception4c.branch2[1].conv.weight
    assert not torch.allclose(before, after)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in folded.modules())


@pytest.mark.parametrize("channels_last", [True, False])
def test_prepared_copy_equals_eager_heads_and_branches(model_and_input, channels_last):
    model, x, (heads, maps) = model_and_input
    fast = prepare_for_inference(model, channels_last=channels_last)
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    got_heads, got_maps = eager_maps(fast, x.contiguous(memory_format=fmt))
    assert set(heads) == {"main", "aux1", "aux2"}
    assert_close(got_heads, heads)
    assert_close(got_maps, maps)


def test_forward_with_maps_without_hooks_equals_hooked_eager(model_and_input):
    model, x, (heads, maps) = model_and_input
    fast = prepare_for_inference(model)
    with torch.inference_mode():
        got_heads, got_maps = forward_with_maps(fast, x.contiguous(memory_format=torch.channels_last))
    assert_close(got_heads, heads)
    assert_close(got_maps, maps)
    assert len(got_maps) == len(INCEPTION_NAMES) * 4 + len(fast.trunk_names) - len(INCEPTION_NAMES)


def test_inspect_tensor_on_fast_copy_equals_eager(model_and_input):
    """The path ``inspect`` runs: hooked pass over the folded channels-last copy."""
    model, x, (heads, maps) = model_and_input
    raw = inspect_tensor(prepare_for_inference(model), x.contiguous(memory_format=torch.channels_last))
    assert_close(raw.logits, heads)
    for name in INCEPTION_NAMES:
        want = torch.cat([maps[f"{name}.{b}"] for b in BRANCH_NAMES], 1)
        assert_close({name: raw.activations[name]}, {name: want})


def test_eager_model_untouched_by_preparation(model_and_input):
    model, x, (heads, _) = model_and_input
    prepare_for_inference(model)
    assert any(isinstance(m, nn.BatchNorm2d) for m in model.modules())
    assert all(p.requires_grad for p in model.parameters())
    with torch.no_grad():
        assert_close(model.forward_heads(x), heads)


def test_inference_copy_shares_no_storage_with_the_original(model_and_input):
    """Folding starts from a copy that shares tensors; everything left shared must be cloned."""
    model, _, _ = model_and_input
    fast = prepare_for_inference(model)
    originals = {t.untyped_storage().data_ptr() for t in [*model.parameters(), *model.buffers()]}
    shared = [name for name, t in [*fast.named_parameters(), *fast.named_buffers()]
              if t.untyped_storage().data_ptr() in originals]
    assert shared == []
    with torch.no_grad():
        fast.fc.weight.zero_()
    assert model.fc.weight.abs().sum() > 0


def test_no_batchnorm_variant_folds_to_the_same_model():
    """The paper variant has no BN (and needs 224 px): folding must be a no-op numerically."""
    model = randomised_model(3, paper_spec().with_classes(5))
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        want = model.forward_heads(x)
        got = prepare_for_inference(model).forward_heads(x.contiguous(memory_format=torch.channels_last))
    assert_close(got, want)
