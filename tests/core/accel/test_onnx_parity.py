"""The optional ONNX Runtime inspection backend equals the eager model within 1e-4."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from googlenet_gui.core.accel.onnx_backend import inspect_output_names, onnx_available
from googlenet_gui.core.inference.threads import THREADS_ENV, apply_thread_policy, inference_threads

from parity_helpers import assert_close, eager_maps, randomised_model


@pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed (bench extra)")
def test_onnx_inspector_equals_eager_heads_and_branches():
    from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector

    model = randomised_model(5)
    x = torch.randn(2, 3, 96, 96, generator=torch.Generator().manual_seed(4))  # aux pools 6x6 -> 4x4
    heads, maps = eager_maps(model, x)
    inspector = build_onnx_inspector(model, threads=1, image_size=96, outputs="branches")
    outputs = inspector.run(x)
    assert list(outputs) == inspect_output_names(model, "branches")
    assert all(isinstance(v, np.ndarray) for v in outputs.values())
    assert_close({k: outputs[k] for k in heads}, heads)
    assert_close({k: outputs[k] for k in maps}, maps)
    single = inspector.run(x[:1].numpy())  # dynamic batch
    assert single["main"].shape == (1, 10)


@pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed (bench extra)")
def test_onnx_inspect_tensor_is_a_drop_in_for_the_hooked_pass(monkeypatch):
    from googlenet_gui.core.inference.torch_pass import inspect_tensor
    from googlenet_gui.core.accel.onnx_backend import BACKEND_ENV, inspector_for

    monkeypatch.delenv(BACKEND_ENV, raising=False)
    model = randomised_model(6)
    x = torch.randn(1, 3, 96, 96, generator=torch.Generator().manual_seed(5))
    inspector = inspector_for(model, image_size=96)
    assert inspector is not None and inspector_for(model, image_size=96) is inspector  # cached
    got, want = inspector.inspect_tensor(x), inspect_tensor(model, x)
    assert_close(got.logits, want.logits)
    assert_close(got.activations, want.activations)
    assert set(got.layer_times_ms) == set(want.layer_times_ms) and "inception4c" in got.layer_times_ms
    heads_only = inspector_for(model, image_size=96, outputs="heads")
    assert heads_only is not None and list(heads_only.output_names) == ["main", "aux1", "aux2"]
    assert_close(heads_only.heads(x), want.logits)
    monkeypatch.setenv(BACKEND_ENV, "torch")
    assert inspector_for(model, image_size=96) is None


def test_thread_policy_leaves_the_gui_a_core(monkeypatch):
    monkeypatch.delenv(THREADS_ENV, raising=False)
    before = torch.get_num_threads()
    try:
        total = inference_threads()
        assert inference_threads(leave_for_gui=1) == max(1, total - 1)
        assert apply_thread_policy(gui=True) == torch.get_num_threads() == max(1, total - 1)
        monkeypatch.setenv(THREADS_ENV, "3")
        assert inference_threads(leave_for_gui=1) == 3
    finally:
        torch.set_num_threads(before)


@pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed (bench extra)")
def test_onnx_inspector_handles_the_tutorial_variant():
    """No BN, AvgPool2d(7) head and 5/3 aux pools (the seed's network) export and match too."""
    from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector
    from googlenet_gui.core.network.spec import tutorial_spec

    model = randomised_model(7, tutorial_spec().with_classes(10))
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(8))
    heads, maps = eager_maps(model, x)
    outputs = build_onnx_inspector(model, threads=1, outputs="branches").run(x)
    assert_close({k: outputs[k] for k in heads}, heads)
    assert_close({k: outputs[k] for k in maps}, maps)
