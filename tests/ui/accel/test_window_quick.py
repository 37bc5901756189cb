"""Start-up on a recorded graph: the first image is answered before torch loads the model."""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.core.accel.onnx_backend import onnx_available
from googlenet_gui.ui.accel import quick_prep
from googlenet_gui.ui.work.jobs import ImageSource
from googlenet_gui.core.inference import engine

pytestmark = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")


@pytest.fixture
def recorded(onnx_on, small_checkpoint):
    """An earlier session served ``small_checkpoint`` from ONNX Runtime (graph and record cached)."""
    from googlenet_gui.core.accel.graph_export import plan_graph
    from googlenet_gui.core.checkpoints.loading import load_model
    from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector

    loaded = load_model(str(small_checkpoint), device="cpu")
    build_onnx_inspector(loaded.model, image_size=loaded.preprocessing.crop, outputs="modules")
    assert engine.attach_graph(loaded, plan_graph(loaded)) is None
    return small_checkpoint


@pytest.fixture
def fresh_window(qtbot):
    """A window at start-up: no model yet."""
    from googlenet_gui.ui.window.main_window import MainWindow

    win = MainWindow(device="cpu")
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    yield win
    win.close()


def test_the_first_image_is_answered_on_the_recorded_graph_then_by_the_model(qtbot, recorded, fresh_window,
                                                                           images):
    win = fresh_window
    win.add_images([ImageSource.path(str(images[0]))])
    with qtbot.waitSignal(win.views_updated, timeout=60_000):
        win.load_model(str(recorded))
    assert win.bundle is None and win._deferred_model is not None  # torch waits while the user looks
    assert win.backend_label.text() == "ONNX Runtime" and "recorded" in win.model_panel.details.toPlainText()
    assert win.view.heads["main"].top[0].label in ("cat", "dog", "bird")
    with qtbot.waitSignal(win.views_updated, timeout=60_000):  # a second drop: still the recorded graph
        win.add_images([ImageSource.path(str(images[1]))])
    assert win.bundle is None
    quick_view = win.view
    with qtbot.waitSignal(win.views_updated, timeout=60_000):  # the real model shows it again
        qtbot.waitUntil(lambda: win.bundle is not None, timeout=60_000)
    assert not win.quick.active and win.view is not quick_view
    for head, result in quick_view.heads.items():
        np.testing.assert_allclose(win.view.heads[head].probabilities, result.probabilities, atol=1e-4)


def test_without_an_image_the_model_loads_after_the_grace_period(qtbot, recorded, monkeypatch):
    from googlenet_gui.ui.window.main_window import MainWindow

    monkeypatch.setattr(quick_prep, "GRACE_MS", 300)
    win = MainWindow(device="cpu")
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.quick.opened, timeout=30_000):
        win.load_model(str(recorded))
    assert win.bundle is None and win._deferred_model is not None
    with qtbot.waitSignal(win.model_changed, timeout=60_000):
        pass
    assert not win.quick.active
    win.close()


def test_another_model_asked_for_during_start_up_loads_at_once(qtbot, recorded, other_checkpoint, fresh_window):
    win = fresh_window
    with qtbot.waitSignal(win.quick.opened, timeout=30_000):
        win.load_model(str(recorded))
    with qtbot.waitSignal(win.model_changed, timeout=60_000):
        win.load_model(str(other_checkpoint))
    assert not win.quick.active and win.current_model().class_names == ["hammer", "saw"]


def test_without_a_record_the_model_loads_at_once(qtbot, onnx_on, small_checkpoint, fresh_window):
    with qtbot.waitSignal(fresh_window.model_changed, timeout=60_000):
        fresh_window.load_model(str(small_checkpoint))
    assert not fresh_window.quick.active and fresh_window._deferred_model is None


def test_a_broken_first_image_is_reported_by_the_real_model(qtbot, recorded, fresh_window, tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    win = fresh_window
    win.add_images([ImageSource.path(str(broken))])
    with qtbot.waitSignal(win.model_changed, timeout=60_000):
        win.load_model(str(recorded))
    entry = next(iter(win.entries.values()))
    qtbot.waitUntil(lambda: entry.error is not None, timeout=60_000)
    assert "broken.jpg" in entry.error and not win.quick.active


def test_closing_during_start_up_stops_the_quick_worker(qtbot, recorded, images):
    from googlenet_gui.ui.window.main_window import MainWindow

    win = MainWindow(device="cpu")
    qtbot.addWidget(win)
    win.add_images([ImageSource.path(str(images[0]))])
    with qtbot.waitSignal(win.quick.opened, timeout=30_000):
        win.load_model(str(recorded))
    win.close()  # the fixture fails the test if a worker thread is left running
    assert not win.quick.active
