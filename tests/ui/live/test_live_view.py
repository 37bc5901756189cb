"""View > Live in the real window: frames flow, stale ones are dropped, Space freezes, no camera is said."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import Qt

from googlenet_gui.core.network.spec import BRANCH_NAMES

from tests.ui.conftest import SMALL_CROP


def test_synthetic_frames_update_heads_maps_and_cam(window, qtbot):
    shown = []
    window.predictions.show_heads = lambda image, heads, notes=None: shown.append((image, sorted(heads)))
    live = window.open_live("synthetic")
    assert window.tabs.currentWidget() is live.view
    qtbot.waitUntil(lambda: live.session.stats.processed >= 3, timeout=30_000)
    assert shown[-1][0].startswith("Live: test pattern, frame ") and shown[-1][1] == ["aux1", "aux2", "main"]
    assert live.view.cam_array().shape == (SMALL_CROP, SMALL_CROP, 3)
    first = live.view.cam_array().copy()
    for name in BRANCH_NAMES:
        panel = live.view.branch_views[name].panel
        assert panel is not None and panel.title == name and panel.maps.ndim == 3
    qtbot.waitUntil(lambda: not np.array_equal(live.view.cam_array(), first), timeout=30_000)  # the pattern moves
    live.view.modules.setCurrentText("inception5a")
    qtbot.waitUntil(lambda: live.view.branch_views["1x1"].title.text().endswith("inception5a"), timeout=30_000)
    assert "frames/s" in live.view.stats.text()


def test_a_slow_worker_drops_frames_instead_of_queueing_them(window, qtbot):
    live = window.open_live("synthetic")
    live.session.step = lambda: time.sleep(0.15)  # about five frames arrive during every pass
    backlog = []
    live.session.source.frame.connect(
        lambda _rgb: backlog.append(live.session.stats.received - live.session.stats.processed
                                    - live.session.stats.dropped))
    qtbot.waitUntil(lambda: live.session.stats.processed >= 3 and live.session.stats.dropped >= 5, timeout=30_000)
    # One frame in the worker, at most one waiting, and under load one finished frame whose result
    # is still on its way to the GUI thread (counted as processed only when it arrives): never a queue.
    assert max(backlog) <= 3
    live.session.stop()
    assert not live.session.slot.clear()  # Stop forgets the waiting frame


def test_space_freezes_the_frame_into_the_current_image(window, qtbot):
    live = window.open_live("synthetic")
    qtbot.waitUntil(lambda: live.session.stats.processed >= 2, timeout=30_000)
    window.activateWindow()
    window.windowHandle().requestActivate()  # shortcuts need an active window, offscreen too
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    live.view.setFocus()
    with qtbot.waitSignal(window.views_updated, timeout=30_000):
        qtbot.keyClick(live.view, Qt.Key.Key_Space)
    assert live.frozen and not live.session.running
    entry = window.entries[window.current_key]
    assert entry.source.name == f"live frame {live.last.number}"
    assert window.view is not None and window.view.input_rgb.shape == (SMALL_CROP, SMALL_CROP, 3)
    np.testing.assert_array_equal(window.view.input_rgb, live.last.frame.input_rgb)  # the frame shown, exactly
    qtbot.keyClick(live.view, Qt.Key.Key_Space)
    assert live.session.running and not live.frozen


def test_no_camera_says_so_and_offers_a_video_file(window, qtbot, monkeypatch):
    from googlenet_gui.ui.live import controller

    monkeypatch.setattr(controller, "camera_names", lambda: [])
    monkeypatch.setattr(controller, "multimedia_problem", lambda: None)
    live = window.open_live()
    assert live.session.source is None and not live.session.running  # nothing to start on its own
    assert live.view.message.isVisible() and "No camera found" in live.view.message.text()
    assert "video file" in live.view.message.text()
    assert live.view.file_button.isVisible() and live.view.file_button.isEnabled()
    assert live.view.sources.currentData() == "synthetic"


def test_a_missing_camera_index_is_named(window, qtbot, monkeypatch):
    from googlenet_gui.ui.live import sources

    monkeypatch.setattr(sources, "camera_names", lambda: [])
    with qtbot.waitSignal(window.message_shown, timeout=5_000) as message:
        live = window.open_live("3")
    assert message.args[0] == "error" and "there is no camera 3" in message.args[1]
    assert "there is no camera 3" in live.view.message.text() and live.session.source is None


def test_a_video_file_plays_through_qmediaplayer(window, qtbot, clip, multimedia):
    live = window.open_live(str(clip))
    assert type(live.session.source).__name__ == "VideoFileSource"
    qtbot.waitUntil(lambda: live.session.stats.processed >= 3, timeout=30_000)
    assert live.view.cam_array().shape == (SMALL_CROP, SMALL_CROP, 3)


def test_a_file_that_is_no_video_fails_with_its_name(window, qtbot, tmp_path, multimedia):
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"not a video at all" * 10)
    with qtbot.waitSignal(window.message_shown, timeout=30_000) as message:
        live = window.open_live(str(bad))
    assert message.args[0] == "error" and "broken.mp4" in message.args[1]
    assert not live.session.running
