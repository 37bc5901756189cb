"""An unexpected error in the window opens a dialog with the summary, the log file and "Copy details"."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox


def test_a_bug_in_a_slot_opens_the_dialog_and_copies_its_details(qtbot, tmp_path, monkeypatch):
    from googlenet_gui.ui.window.launch import install_excepthook
    from googlenet_gui.ui.window.main_window import MainWindow

    monkeypatch.setenv("GOOGLENET_GUI_LOG_DIR", str(tmp_path))
    window = MainWindow(device="cpu", restore=False)
    qtbot.addWidget(window)
    previous = sys.excepthook
    install_excepthook(window)
    try:
        try:
            raise ZeroDivisionError("division by zero in a slot")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    box = window.error_dialog
    assert box.isVisible() and "division by zero" in box.text()
    assert str(tmp_path / "googlenet-gui.log") in box.informativeText()
    assert "Traceback" in box.detailedText() and "googlenet-gui " in box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == "Copy details")
    copy.click()
    assert QGuiApplication.clipboard().text() == box.detailedText()
    assert box.icon() == QMessageBox.Icon.Critical
    window.close()
