"""View > Language reaches the Live tab: its texts are set again and the numbers on screen survive."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from googlenet_gui.ui.i18n.language import switcher
from googlenet_gui.ui.live.session import LiveStats
from googlenet_gui.ui.live.view import FROZEN, STOPPED, LiveView


def _switch(widget) -> None:
    switcher.apply("en")
    QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))


def test_a_language_switch_rewords_the_controls_and_keeps_the_state(qtbot):
    view = LiveView(["Front camera"])
    qtbot.addWidget(view)
    view.select_source("/videos/clip.mp4")
    view.set_running(True)
    stats = LiveStats(received=12, processed=10, dropped=2, first_at=1.0, last_at=2.0)
    view.show_stats(stats, FROZEN, 7)
    _switch(view)
    texts = [view.sources.itemText(i) for i in range(view.sources.count())]
    assert texts == ["Camera 0: Front camera", "Test pattern (no camera)", "Video: /videos/clip.mp4"]
    assert view.sources.currentData() == "/videos/clip.mp4"  # the choice is data, not text
    assert view.run_button.text() == "Stop" and view.freeze_button.text() and view.file_button.text()
    assert view.stats.text().startswith("Frozen on frame 7") and "10.0 frames/s" in view.stats.text()
    view.set_running(False)
    view.show_stats(stats, STOPPED)
    _switch(view)
    assert view.run_button.text() == "Start" and view.stats.text().startswith("Stopped — ")


def test_the_no_camera_note_is_worded_again_but_an_error_stays_as_it_came(qtbot):
    view = LiveView([], "Qt Multimedia cannot load")
    qtbot.addWidget(view)
    _switch(view)
    assert view.message.text().startswith("No camera found") and view.message.text().endswith("cannot load.")
    view.show_message("camera 'x' failed")
    _switch(view)
    assert view.message.text() == "camera 'x' failed"
    view.show_message("")
    _switch(view)
    assert view.message.text() == "" and view.message.isHidden()
