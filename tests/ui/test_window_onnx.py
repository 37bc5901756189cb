"""The window moves its passes onto ONNX Runtime once the model's graph is exported.

The export runs in a child process (core/graph_export.py), so these tests start real
children (about 4 s each); what the window then shows must equal the PyTorch path.
"""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.core.graph_export import running_children
from googlenet_gui.core.onnx_backend import BACKEND_ENV, onnx_available
from tests.ui.helpers import drop, url_mime, wait_all_done

needs_onnx = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")
EXPORT_TIMEOUT_MS = 240_000


def test_pytorch_serves_when_the_backend_is_off(qtbot, window, images):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.graphs.stage == "done", timeout=30_000)
    assert window.graphs.note == f"PyTorch ({BACKEND_ENV}=torch)"
    assert window.backend_label.text() == "PyTorch"
    assert window.bundle.info["backend"] == window.graphs.note
    assert window.current_model().onnx_inspector is None


@needs_onnx
@pytest.mark.slow
def test_the_window_moves_to_onnx_runtime_with_the_same_results(qtbot, onnx_on, window, images):
    from googlenet_gui.core.inspection import inspect

    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.graphs.stage == "exporting", timeout=30_000)
    qtbot.waitUntil(lambda: window.graphs.stage == "done", timeout=EXPORT_TIMEOUT_MS)
    loaded = window.current_model()
    assert window.graphs.note == "ONNX Runtime (CPU)" and loaded.onnx_inspector is not None
    assert window.backend_label.text() == "ONNX Runtime"
    assert "ONNX Runtime" in window.model_panel.details.toPlainText()

    with qtbot.waitSignal(window.views_updated, timeout=60_000) as blocker:
        drop(window, url_mime(images[1], images[2]))
    wait_all_done(qtbot, window)
    served = window.entries[blocker.args[0]]
    assert window.view.inspection.stem.made() == []  # maps no view has shown stay in ONNX Runtime's layout
    session, loaded._onnx = loaded._onnx, None  # the PyTorch path, for reference
    try:
        eager = inspect(loaded, images[1])
    finally:
        loaded.attach_onnx(session)
    for head, result in eager.heads.items():
        np.testing.assert_allclose(served.heads[head].probabilities, result.probabilities, atol=1e-4)
    np.testing.assert_allclose(window.view.heads["main"].probabilities, eager.heads["main"].probabilities, atol=1e-4)
    queued = window.entries[blocker.args[0] + 1]  # classified by the queue job on the same session
    assert queued.heads and queued.error is None

    # Moving the model (here: to the CPU again) drops its session; the cached graph comes back.
    with qtbot.waitSignal(window.model_changed, timeout=60_000):
        window.switch_device("cpu")
    assert loaded.onnx_inspector is None and window.backend_label.text() == "PyTorch"
    qtbot.waitUntil(lambda: window.backend_label.text() == "ONNX Runtime", timeout=60_000)
    assert loaded.onnx_inspector is not None and not running_children()  # no second export


@needs_onnx
def test_closing_while_the_graph_exports_stops_the_child(qtbot, onnx_on, window, images):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.graphs.stage == "exporting", timeout=30_000)
    assert running_children()
    window.close()
    assert not running_children()


@needs_onnx
def test_loading_another_model_stops_the_previous_export(qtbot, onnx_on, window, images, other_checkpoint):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.graphs.stage == "exporting", timeout=30_000)
    (first,) = running_children()
    with qtbot.waitSignal(window.model_changed, timeout=60_000):
        window.load_model(str(other_checkpoint))
    qtbot.waitUntil(lambda: not first.running, timeout=30_000)
    assert first.error == "the export was stopped"
