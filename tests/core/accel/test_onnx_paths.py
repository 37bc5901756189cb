"""With onnxruntime installed, inspect() and classify() run on ONNX Runtime on the CPU.

They must give what the eager PyTorch path gives (within 1e-4), and fall back to it
when the user switches the backend off.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from googlenet_gui.core.inference.batching import ONNX_MIN_IMAGES
from googlenet_gui.core.inference.classify import classify
from googlenet_gui.core.inference.inspection import inspect
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.accel import onnx_backend
from googlenet_gui.core.accel.onnx_backend import BACKEND_ENV, onnx_available
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.inference import engine
from tests.factories import save_app_checkpoint

pytestmark = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    path = tmp_path_factory.mktemp("onnx") / "small.pth"
    save_app_checkpoint(path, class_names=[f"c{i}" for i in range(5)],
                        preprocessing=Preprocessing(resize=110, crop=96))
    model = load_model(str(path), device="cpu")
    with torch.no_grad():  # activations of order one, so a 1e-4 tolerance means something
        for module in model.model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_var.uniform_(0.5, 2.0)
                module.running_mean.uniform_(-0.2, 0.2)
                module.weight.uniform_(0.5, 2.0)
    model.invalidate_inference()
    return model


def _session_was_built(loaded, outputs: str) -> bool:
    """The ONNX path really ran: a session for this inference copy sits in the cache."""
    sessions = onnx_backend._CACHE.get(engine.folded_model(loaded), {})
    return sessions.get((96, outputs)) is not None


def _inspect(loaded, photo, monkeypatch, backend: str | None):
    if backend is None:
        monkeypatch.delenv(BACKEND_ENV, raising=False)
    else:
        monkeypatch.setenv(BACKEND_ENV, backend)
    return inspect(loaded, str(photo), onnx=True)


def test_inspect_uses_onnx_runtime_and_matches_eager(loaded, photo, monkeypatch):
    eager = _inspect(loaded, photo, monkeypatch, "torch")
    fast = _inspect(loaded, photo, monkeypatch, None)
    assert _session_was_built(loaded, "modules")
    for head in eager.heads:
        np.testing.assert_allclose(fast.heads[head].probabilities, eager.heads[head].probabilities, atol=1e-4)
    for name, module in eager.modules.items():
        np.testing.assert_allclose(fast.modules[name].output, module.output, atol=1e-4, rtol=1e-4)
        for ours, theirs in zip(fast.modules[name].branches, module.branches):
            assert ours.channel_range == theirs.channel_range
    assert set(fast.layer_times_ms) == set(eager.layer_times_ms)


def test_classify_uses_onnx_runtime_and_matches_eager(loaded, photo, monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "torch")
    eager = list(classify(loaded, [str(photo)] * ONNX_MIN_IMAGES))
    monkeypatch.delenv(BACKEND_ENV)
    fast = list(classify(loaded, [str(photo)] * ONNX_MIN_IMAGES))
    assert _session_was_built(loaded, "heads")
    for a, b in zip(fast, eager):
        for head in b.heads:
            np.testing.assert_allclose(a.heads[head].probabilities, b.heads[head].probabilities, atol=1e-4)


def test_new_weights_get_a_new_session(loaded, photo, monkeypatch):
    """The session is keyed on the inference copy, which changed weights replace."""
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    before = inspect(loaded, str(photo), onnx=True).heads["main"].probabilities
    with torch.no_grad():
        loaded.model.fc.bias.add_(torch.arange(5, dtype=torch.float32))
    loaded.invalidate_inference()
    after = inspect(loaded, str(photo), onnx=True).heads["main"].probabilities
    assert _session_was_built(loaded, "modules")  # a new session for the new inference copy
    monkeypatch.setenv(BACKEND_ENV, "torch")
    eager_after = inspect(loaded, str(photo)).heads["main"].probabilities
    assert not np.allclose(before, after, atol=1e-3)
    np.testing.assert_allclose(after, eager_after, atol=1e-4)


def test_inspect_stays_eager_unless_asked(loaded, photo, monkeypatch):
    """The window and the CLI call inspect() plainly: no export, no ONNX session."""
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    loaded.invalidate_inference()
    inspect(loaded, str(photo))
    assert onnx_backend._CACHE.get(engine.folded_model(loaded)) is None


def test_small_classify_jobs_stay_on_pytorch(loaded, photo, monkeypatch):
    """A handful of images would spend more on the export than ONNX Runtime saves."""
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    loaded.invalidate_inference()
    list(classify(loaded, [str(photo)] * 3))
    assert onnx_backend._CACHE.get(engine.folded_model(loaded)) is None


def test_classify_runs_one_single_threaded_batch_per_core_side_by_side(loaded, photo, monkeypatch):
    """Batches share one one-thread session and run at once (deadlocks here time out and fail)."""
    import threading

    monkeypatch.delenv(BACKEND_ENV, raising=False)
    loaded.invalidate_inference()
    both_running = threading.Barrier(2, timeout=20)
    calls: list[str] = []
    heads = onnx_backend.OnnxInspector.heads

    def heads_side_by_side(self, batch):
        calls.append(threading.current_thread().name)
        if len(calls) <= 2:
            both_running.wait()  # the first two batches must be in flight together
        return heads(self, batch)

    monkeypatch.setattr(onnx_backend.OnnxInspector, "heads", heads_side_by_side)
    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        results = list(classify(loaded, [str(photo)] * ONNX_MIN_IMAGES, batch_size=8))
    finally:
        torch.set_num_threads(threads)
    assert len(results) == ONNX_MIN_IMAGES and len(calls) == 4
    session = onnx_backend._CACHE[engine.folded_model(loaded)][(96, "heads")].session
    assert session.get_session_options().intra_op_num_threads == 1
    assert len(set(calls)) == 2 and all(name.startswith("classify") for name in calls)
    assert not [t.name for t in threading.enumerate() if t.name.startswith(("classify", "decode"))]
