"""The window's ONNX Runtime path: plan (hash), write the graph into the cache, attach a session.

Everything runs in this process, as on the window's worker: the served results must
equal the PyTorch path's, and a failure must leave PyTorch serving with a reason.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from googlenet_gui.core.accel.graph_cache import key_trailer
from googlenet_gui.core.accel.graph_export import is_cached, plan_for, why_not_onnx
from googlenet_gui.core.inference.inspection import inspect
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.accel.onnx_backend import BACKEND_ENV, onnx_available
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.inference import engine
from tests.factories import save_app_checkpoint

needs_onnx = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")


@pytest.fixture
def checkpoint(tmp_path):
    return save_app_checkpoint(tmp_path / "pets.pth", class_names=("cat", "dog", "bird"), seed=1,
                               preprocessing=Preprocessing(resize=110, crop=96))


def _fake_loaded(device: str = "cpu", source: str = "weights.pth"):
    return SimpleNamespace(device=torch.device(device), source=source)


def test_reasons_to_stay_on_pytorch(monkeypatch, tmp_path, onnx_on):
    monkeypatch.setenv(BACKEND_ENV, "torch")
    assert why_not_onnx(_fake_loaded()) == f"{BACKEND_ENV}=torch"
    monkeypatch.delenv(BACKEND_ENV)
    if onnx_available():
        assert why_not_onnx(_fake_loaded()) is None
        assert why_not_onnx(_fake_loaded(source="untrained")) is None  # the graph is written from memory
        assert "runs on cuda" in why_not_onnx(_fake_loaded(device="cuda"))
        monkeypatch.setenv("GOOGLENET_GUI_CACHE", "off")
        assert "cache is off" in why_not_onnx(_fake_loaded())
    monkeypatch.setattr("googlenet_gui.core.accel.onnx_backend.onnx_available", lambda: False)
    monkeypatch.setenv("GOOGLENET_GUI_CACHE", str(tmp_path))
    assert "not installed" in why_not_onnx(_fake_loaded())
    request, reason = plan_for(_fake_loaded())
    assert request is None and "not installed" in reason


def _assert_served_like_pytorch(loaded, photo) -> None:
    session = engine.attached_engine(loaded)
    engine.serve_with(loaded, None)
    eager = inspect(loaded, photo)
    engine.serve_with(loaded, session)
    served = inspect(loaded, photo)
    for head in eager.heads:
        np.testing.assert_allclose(served.heads[head].probabilities, eager.heads[head].probabilities, atol=1e-4)
        assert [p.label for p in served.heads[head].top] == [p.label for p in eager.heads[head].top]
    for name, module in eager.modules.items():
        np.testing.assert_allclose(served.modules[name].output, module.output, atol=1e-4, rtol=1e-4)
        assert [b.channel_range for b in served.modules[name].branches] == [b.channel_range for b in module.branches]
    for name, stem in eager.stem.items():
        np.testing.assert_allclose(served.stem[name], stem, atol=1e-4, rtol=1e-4)
    assert set(served.layer_times_ms) == set(eager.layer_times_ms)


@needs_onnx
def test_the_written_graph_serves_the_same_results_as_pytorch(onnx_on, checkpoint, photo):
    loaded = load_model(str(checkpoint), device="cpu")
    request, reason = plan_for(loaded)
    assert reason is None and not is_cached(request)
    assert engine.write_graph(loaded, request) is None and is_cached(request)
    assert not list(request.path.parent.glob(".part-*"))  # written atomically
    assert engine.attach_graph(loaded, request) is None and engine.attached_engine(loaded) is not None
    _assert_served_like_pytorch(loaded, photo)

    # A later session of the app (or the same file loaded again) finds the graph.
    again, _ = plan_for(load_model(str(checkpoint), device="cpu"))
    assert again == request and is_cached(again)


@needs_onnx
def test_a_model_that_is_not_a_file_is_served_too(onnx_on, photo):
    loaded = load_model("untrained", device="cpu")
    request, reason = plan_for(loaded)
    assert reason is None
    assert engine.write_graph(loaded, request) is None and engine.attach_graph(loaded, request) is None
    _assert_served_like_pytorch(loaded, photo)


@needs_onnx
def test_a_cache_that_cannot_be_written_keeps_pytorch_serving(onnx_on, checkpoint, tmp_path, monkeypatch):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("GOOGLENET_GUI_CACHE", str(blocker))
    loaded = load_model(str(checkpoint), device="cpu")
    request, _ = plan_for(loaded)
    assert engine.write_graph(loaded, request) == f"could not write the ONNX graph to {request.path.parent}"
    assert not is_cached(request) and blocker.read_text().startswith("a file")


@needs_onnx
def test_a_layer_the_writer_does_not_know_is_named(onnx_on, checkpoint):
    loaded = load_model(str(checkpoint), device="cpu")
    request, _ = plan_for(loaded)
    engine.folded_model(loaded).maxpool1 = nn.LPPool2d(2, 3, stride=2)
    reason = engine.write_graph(loaded, request)
    assert reason == "writing the ONNX graph of pets.pth failed: ValueError: maxpool1: LPPool2d is not written"
    assert not is_cached(request)


@needs_onnx
def test_weights_changed_or_moved_detach_the_session(onnx_on, checkpoint, tmp_path):
    loaded = load_model(str(checkpoint), device="cpu")
    engine.serve_with(loaded, object())
    loaded.invalidate_inference()  # fine-tuning / calibration changed the weights
    assert engine.attached_engine(loaded) is None
    engine.serve_with(loaded, object())
    loaded.to("cpu")
    assert engine.attached_engine(loaded) is None


@needs_onnx
def test_a_damaged_cached_graph_is_deleted_and_pytorch_keeps_serving(onnx_on, checkpoint):
    loaded = load_model(str(checkpoint), device="cpu")
    request, _ = plan_for(loaded)
    request.path.parent.mkdir(parents=True)
    request.path.write_bytes(b"\x08\x07 truncated" + key_trailer(request.key))  # damaged, not swapped
    reason = engine.attach_graph(loaded, request)
    assert reason.startswith(f"ONNX Runtime could not open {request.path.name}")
    assert not request.path.exists() and engine.attached_engine(loaded) is None
