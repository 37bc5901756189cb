"""The window's ONNX Runtime path: the graph is exported in a child process, then attached.

A real child process runs here (about 4 s each: it imports torch and exports), because
the point is that a different interpreter reloads the file and produces a graph that
serves exactly the model the parent holds.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import torch

from googlenet_gui.core import graph_export
from googlenet_gui.core.graph_export import ExportChild, attach_cached, is_cached, plan_for, why_not_onnx
from googlenet_gui.core.inspection import inspect
from googlenet_gui.core.loading import load_model
from googlenet_gui.core.onnx_backend import BACKEND_ENV, onnx_available
from googlenet_gui.core.preprocess import Preprocessing
from tests.factories import save_app_checkpoint

needs_onnx = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")
CHILD_TIMEOUT = 240


@pytest.fixture
def checkpoint(tmp_path):
    return save_app_checkpoint(tmp_path / "pets.pth", class_names=("cat", "dog", "bird"), seed=1,
                               preprocessing=Preprocessing(resize=110, crop=96))


def _fake_loaded(tmp_path, device: str = "cpu", source: str | None = None):
    file = tmp_path / "weights.pth"
    file.write_bytes(b"x")
    return SimpleNamespace(device=torch.device(device), source=source or str(file))


def test_reasons_to_stay_on_pytorch(monkeypatch, tmp_path, onnx_on):
    monkeypatch.setenv(BACKEND_ENV, "torch")
    assert why_not_onnx(_fake_loaded(tmp_path)) == f"{BACKEND_ENV}=torch"
    monkeypatch.delenv(BACKEND_ENV)
    if onnx_available():
        assert why_not_onnx(_fake_loaded(tmp_path)) is None
        assert "runs on cuda" in why_not_onnx(_fake_loaded(tmp_path, device="cuda"))
        assert "not a file" in why_not_onnx(_fake_loaded(tmp_path, source="untrained"))
        monkeypatch.setenv("GOOGLENET_GUI_CACHE", "off")
        assert "cache is off" in why_not_onnx(_fake_loaded(tmp_path))
    monkeypatch.setattr("googlenet_gui.core.onnx_backend.onnx_available", lambda: False)
    monkeypatch.setenv("GOOGLENET_GUI_CACHE", str(tmp_path))
    assert "not installed" in why_not_onnx(_fake_loaded(tmp_path))
    request, reason = plan_for(_fake_loaded(tmp_path))
    assert request is None and "not installed" in reason


@needs_onnx
@pytest.mark.slow
def test_child_export_serves_the_same_results_as_pytorch(onnx_on, checkpoint, photo):
    loaded = load_model(str(checkpoint), device="cpu")
    request, reason = plan_for(loaded)
    assert reason is None and not is_cached(request)
    child = ExportChild(request)
    path = child.wait(CHILD_TIMEOUT)
    assert child.error is None and path == request.path and is_cached(request)

    eager = inspect(loaded, photo)
    assert attach_cached(loaded, request) is None
    served = inspect(loaded, photo)
    assert loaded.onnx_inspector is not None
    for head in eager.heads:
        np.testing.assert_allclose(served.heads[head].probabilities, eager.heads[head].probabilities, atol=1e-4)
        assert [p.label for p in served.heads[head].top] == [p.label for p in eager.heads[head].top]
    for name, module in eager.modules.items():
        np.testing.assert_allclose(served.modules[name].output, module.output, atol=1e-4, rtol=1e-4)
        assert [b.channel_range for b in served.modules[name].branches] == [b.channel_range for b in module.branches]
    for name, stem in eager.stem.items():
        np.testing.assert_allclose(served.stem[name], stem, atol=1e-4, rtol=1e-4)
    assert set(served.layer_times_ms) == set(eager.layer_times_ms)

    # A later session of the app (or the same file loaded again) finds the graph: no child.
    again, _ = plan_for(load_model(str(checkpoint), device="cpu"))
    assert again == request and is_cached(again)


@needs_onnx
def test_weights_changed_or_moved_detach_the_session(onnx_on, checkpoint, tmp_path):
    loaded = load_model(str(checkpoint), device="cpu")
    loaded.attach_onnx(object())
    loaded.invalidate_inference()  # fine-tuning / calibration changed the weights
    assert loaded.onnx_inspector is None
    loaded.attach_onnx(object())
    loaded.to("cpu")
    assert loaded.onnx_inspector is None


@needs_onnx
@pytest.mark.slow
def test_a_file_changed_on_disk_is_refused(onnx_on, checkpoint):
    loaded = load_model(str(checkpoint), device="cpu")
    request, _ = plan_for(loaded)
    save_app_checkpoint(checkpoint, class_names=("cat", "dog", "bird"), seed=2,
                        preprocessing=Preprocessing(resize=110, crop=96))
    child = ExportChild(request)
    assert child.wait(CHILD_TIMEOUT) is None
    assert child.error == f"{checkpoint} changed on disk since it was loaded"
    assert not is_cached(request)


@needs_onnx
def test_a_broken_child_names_the_file(onnx_on, tmp_path):
    broken = tmp_path / "broken.pth"
    broken.write_bytes(b"not a checkpoint at all")
    request = graph_export.GraphRequest(str(broken), False, "0" * 40, 96)
    child = ExportChild(request)
    assert child.wait(CHILD_TIMEOUT) is None
    assert child.error.startswith(f"exporting the ONNX graph of {broken} failed: ")
    assert "broken.pth" in child.error.split("failed: ", 1)[1]  # the loader's own sentence


@needs_onnx
def test_stop_ends_the_child(onnx_on, checkpoint):
    loaded = load_model(str(checkpoint), device="cpu")
    request, _ = plan_for(loaded)
    child = ExportChild(request)
    child.stop()
    assert not child.running and child.poll() is None
    assert child.error == "the export was stopped" and not is_cached(request)


@needs_onnx
def test_a_damaged_cached_graph_is_deleted_and_pytorch_keeps_serving(onnx_on, checkpoint):
    loaded = load_model(str(checkpoint), device="cpu")
    request, _ = plan_for(loaded)
    request.path.parent.mkdir(parents=True)
    request.path.write_bytes(b"\x08\x07 truncated")
    reason = attach_cached(loaded, request)
    assert reason.startswith(f"ONNX Runtime could not open {request.path.name}")
    assert not request.path.exists() and loaded.onnx_inspector is None


@needs_onnx
def test_a_stopped_child_unwinds_instead_of_dying(onnx_on, checkpoint):
    """SIGTERM raises SystemExit in the child, so a half-written cache file is deleted."""
    import time

    loaded = load_model(str(checkpoint), device="cpu")
    request, _ = plan_for(loaded)
    child = ExportChild(request)
    time.sleep(1.5)  # past the handler's installation, still importing torch or exporting
    child.stop()
    assert child._process.returncode == 128 + 15
    assert not list(request.path.parent.glob(".part-*")) and not is_cached(request)
