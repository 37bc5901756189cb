"""Settings that cannot break the app: typed reads, lists as lists, headless runs in their own scope."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings


def _window(qtbot):
    from googlenet_gui.ui.window.main_window import MainWindow

    window = MainWindow(device="cpu")  # restore=True: reads every stored value
    qtbot.addWidget(window)
    return window


def test_a_settings_file_with_values_of_the_wrong_type_opens_the_window_with_warnings(qtbot, caplog):
    settings = QSettings()
    settings.setValue("window/geometry", "not a geometry")
    settings.setValue("window/state", 42)
    settings.setValue("window/main_split", ["a", "b"])
    settings.setValue("explorer/colormap", [1, 2])
    settings.setValue("explorer/normalisation", 3.5)
    settings.setValue("explorer/layer", {"x": 1})
    settings.setValue("recent/files", 17)
    settings.sync()
    with caplog.at_level(logging.WARNING, logger="googlenet_gui.ui.window.settings"):
        window = _window(qtbot)
    assert window.explorer.colormap.currentText() == "viridis"
    assert window.actions_.recent_files() == []
    warned = " ".join(r.getMessage() for r in caplog.records)
    for key in ("window/geometry", "explorer/colormap", "explorer/layer", "recent/files"):
        assert f"settings: {key} ignored" in warned
    window.close()


def test_a_damaged_byte_state_is_refused_by_qt_without_an_error(qtbot):
    QSettings().setValue("window/state", QByteArray(b"\x00garbage\xff" * 20))
    _window(qtbot).close()


def test_one_recent_file_is_stored_as_a_list_and_read_back_whole(qtbot, tmp_path):
    from googlenet_gui.ui.window.settings import read_setting

    window = _window(qtbot)
    path = str(tmp_path / "one image.png")
    window.actions_.remember(path)
    QSettings().sync()
    assert window.actions_.recent_files() == [path]
    assert read_setting("recent/files", list, [], QSettings()) == [path]  # a fresh reader, from the file
    assert [a.text() for a in window.actions_.recent_menu.actions()] == [path]
    window.close()


def test_a_headless_screenshot_run_leaves_the_interactive_settings_alone(qapp, tmp_path, small_checkpoint, capsys):
    from googlenet_gui.ui.window.launch import launch

    interactive = QSettings("googlenet-gui", "googlenet-gui")  # what launch() names the interactive app
    before = {key: interactive.value(key) for key in interactive.allKeys()}
    bad = tmp_path / "fake.jpg"
    bad.write_text("not an image")
    launch(["--weights", str(small_checkpoint), "--module", "inception5a", "--screenshot",
            str(tmp_path / "shot.png"), str(bad)])
    capsys.readouterr()
    assert QCoreApplication.applicationName() == "googlenet-gui-headless"
    interactive = QSettings("googlenet-gui", "googlenet-gui")
    interactive.sync()
    assert {key: interactive.value(key) for key in interactive.allKeys()} == before
    assert "explorer/layer" not in interactive.allKeys()
