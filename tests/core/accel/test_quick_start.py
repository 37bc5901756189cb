"""The start-up quick path: a checkpoint an earlier session served from ONNX Runtime is
inspected on its recorded graph before torch is imported, with the same answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from googlenet_gui.core.accel import quick_start
from googlenet_gui.core.accel.graph_export import plan_graph
from googlenet_gui.core.images.decode import load_image
from googlenet_gui.core.inference.inspection import inspect
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.accel.onnx_backend import BACKEND_ENV, build_onnx_inspector, onnx_available
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.accel.quick_start import candidate_file, open_quick
from googlenet_gui.core.inference import engine
from tests.factories import save_app_checkpoint

pytestmark = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def served(onnx_on, tmp_path):
    """A checkpoint a session served from ONNX Runtime (graph cached, record written)."""
    checkpoint = save_app_checkpoint(tmp_path / "pets.pth", class_names=("cat", "dog", "bird"), seed=4,
                                     preprocessing=Preprocessing(resize=110, crop=96))
    loaded = load_model(str(checkpoint), device="cpu")
    build_onnx_inspector(loaded.model, image_size=96, outputs="modules")  # what the export child writes
    assert engine.attach_graph(loaded, plan_graph(loaded)) is None
    engine.serve_with(loaded, None)  # the PyTorch path, for reference
    return checkpoint, loaded


def test_the_recorded_graph_gives_what_pytorch_gives(served, photo):
    checkpoint, loaded = served
    quick = open_quick(str(checkpoint), "cpu")
    assert quick is not None and quick.name == "pets.pth"
    fast, eager = quick.inspect(load_image(photo)), inspect(loaded, photo)
    assert fast.image == eager.image and np.array_equal(fast.input_rgb, eager.input_rgb)
    for head, result in eager.heads.items():
        np.testing.assert_allclose(fast.heads[head].probabilities, result.probabilities, atol=1e-4)
        assert [p.label for p in fast.heads[head].top] == [p.label for p in result.top]
        assert fast.heads[head].trained == result.trained
    for name, module in eager.modules.items():
        np.testing.assert_allclose(fast.modules[name].output, module.output, atol=1e-4, rtol=1e-4)
        assert [(b.name, b.channel_range) for b in fast.modules[name].branches] == \
               [(b.name, b.channel_range) for b in module.branches]
    assert fast.stem.keys() == eager.stem.keys() and fast.notes == eager.notes
    assert quick.record.info["class_names_sample"] == ["cat", "dog", "bird"]


def test_the_quick_path_never_imports_torch(served, photo):
    checkpoint, _ = served
    code = ("import sys; from googlenet_gui.core.accel.quick_start import open_quick; "
            "from googlenet_gui.core.images.decode import load_image; "
            "q = open_quick(sys.argv[1], 'cpu'); r = q.inspect(load_image(sys.argv[2])); "
            "print(r.heads['main'].top[0].label, 'torch' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k != BACKEND_ENV} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, str(checkpoint), str(photo)], capture_output=True,
                          text=True, env=env, check=True)
    label, torch_imported = done.stdout.split()
    assert label in ("cat", "dog", "bird") and torch_imported == "False"


def test_any_doubt_leaves_the_normal_path(served, monkeypatch, tmp_path):
    checkpoint, _ = served
    assert open_quick(str(checkpoint), "cuda") is None
    assert open_quick(str(checkpoint), "cpu", labels="names.txt") is None
    assert open_quick("untrained", "cpu") is None and candidate_file(str(tmp_path / "missing.pth")) is None
    monkeypatch.setenv(BACKEND_ENV, "torch")
    assert open_quick(str(checkpoint), "cpu") is None
    monkeypatch.delenv(BACKEND_ENV)
    checkpoint.write_bytes(checkpoint.read_bytes() + b"\0")  # the file changed since it was recorded
    assert open_quick(str(checkpoint), "cpu") is None


def test_a_damaged_graph_is_deleted(served):
    checkpoint, _ = served
    record = quick_start.lookup(checkpoint)
    record.graph.write_bytes(b"\x08\x01 truncated")
    assert open_quick(str(checkpoint), "cpu") is None
    assert not record.graph.exists() and quick_start.lookup(checkpoint) is None
