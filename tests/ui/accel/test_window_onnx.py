"""The window moves its passes onto ONNX Runtime once its worker has written the model's graph.

What the window then shows must equal the PyTorch path; closing or loading another
model meanwhile must leave no thread, no half-written file and the right session.
"""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.core.accel.onnx_backend import BACKEND_ENV, onnx_available
from googlenet_gui.core.inference import engine
from tests.ui.helpers import drop, url_mime, wait_all_done

needs_onnx = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")
EXPORT_TIMEOUT_MS = 60_000


def _stages(window) -> list[str]:
    """Record every stage the preparer passes through (the fast ones too)."""
    seen: list[str] = []
    preparer = type(window.graphs)
    original = preparer.next_job

    def recording(self, bundle):
        step = original(self, bundle)
        seen.append(self.stage)
        return step
    window.graphs.next_job = recording.__get__(window.graphs, preparer)
    return seen


def test_pytorch_serves_when_the_backend_is_off(qtbot, window, images):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.graphs.stage == "done", timeout=30_000)
    assert window.graphs.note == f"PyTorch ({BACKEND_ENV}=torch)"
    assert window.backend_label.text() == "PyTorch"
    assert window.bundle.info["backend"] == window.graphs.note
    assert engine.attached_engine(window.current_model()) is None


@needs_onnx
@pytest.mark.slow
def test_the_window_moves_to_onnx_runtime_with_the_same_results(qtbot, onnx_on, window, images):
    from googlenet_gui.core.inference.inspection import inspect

    stages = _stages(window)
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.graphs.stage == "done", timeout=EXPORT_TIMEOUT_MS)
    assert [stage for stage in stages if stage != "done"] == ["planning", "exporting", "opening"]
    loaded = window.current_model()
    assert window.graphs.note == "ONNX Runtime (CPU)" and engine.attached_engine(loaded) is not None
    assert window.backend_label.text() == "ONNX Runtime"
    assert "ONNX Runtime" in window.model_panel.details.toPlainText()

    with qtbot.waitSignal(window.views_updated, timeout=60_000) as blocker:
        drop(window, url_mime(images[1], images[2]))
    wait_all_done(qtbot, window)
    served = window.entries[blocker.args[0]]
    assert window.view.inspection.stem.made() == []  # maps no view has shown stay in ONNX Runtime's layout
    session = engine.attached_engine(loaded)
    engine.serve_with(loaded, None)  # the PyTorch path, for reference
    try:
        eager = inspect(loaded, images[1])
    finally:
        engine.serve_with(loaded, session)
    for head, result in eager.heads.items():
        np.testing.assert_allclose(served.heads[head].probabilities, result.probabilities, atol=1e-4)
    np.testing.assert_allclose(window.view.heads["main"].probabilities, eager.heads["main"].probabilities, atol=1e-4)
    queued = window.entries[blocker.args[0] + 1]  # classified by the queue job on the same session
    assert queued.heads and queued.error is None

    # Moving the model (here: to the CPU again) drops its session; the cached graph comes back.
    with qtbot.waitSignal(window.model_changed, timeout=60_000):
        window.switch_device("cpu")
    assert engine.attached_engine(loaded) is None and window.backend_label.text() == "PyTorch"
    qtbot.waitUntil(lambda: window.backend_label.text() == "ONNX Runtime", timeout=60_000)
    assert engine.attached_engine(loaded) is not None
    assert "exporting" not in stages[stages.index("done"):]  # the cached graph is opened, not written again


@needs_onnx
def test_closing_while_the_graph_is_written_leaves_a_whole_file_or_none(qtbot, onnx_on, window, images, monkeypatch):
    import time

    from googlenet_gui.core.accel.graph_cache import cache_dir

    write_graph = engine.write_graph

    def slow_export(loaded, request):  # a slow disk: the window closes while the worker writes
        time.sleep(0.5)
        return write_graph(loaded, request)
    monkeypatch.setattr(engine, "write_graph", slow_export)
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.graphs.stage == "exporting", timeout=30_000)
    window.close()  # waits for the worker (the fixture fails a test that leaves it running)
    written = list((cache_dir()).glob("*"))
    assert [path.suffix for path in written] == [".onnx"] and written[0].stat().st_size > 1_000_000


@needs_onnx
def test_loading_another_model_while_the_graph_is_written_serves_the_new_one(
        qtbot, onnx_on, window, images, other_checkpoint):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.graphs.stage in ("planning", "exporting"), timeout=30_000)
    with qtbot.waitSignal(window.model_changed, timeout=60_000):
        window.load_model(str(other_checkpoint))
    loaded = window.current_model()
    assert loaded.class_names == ["hammer", "saw"]
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[1]))
    qtbot.waitUntil(lambda: window.graphs.stage == "done", timeout=EXPORT_TIMEOUT_MS)
    assert window.graphs.note == "ONNX Runtime (CPU)" and engine.attached_engine(loaded) is not None
    request, _reason = engine.plan_graph(loaded)
    assert engine.attached_engine(loaded).graph_key == request.key  # its own graph, not the first model's
