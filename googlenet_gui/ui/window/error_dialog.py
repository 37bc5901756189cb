"""The dialog an unexpected error opens: what happened, where the log is, and its details to copy.

WHY: a bug in a slot printed a traceback on a stderr nobody sees (the desktop launcher
has none); a dialog with the log file's path and a "Copy details" button gives people
something they can send with a report.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from googlenet_gui.ui.i18n import translate


def dialog_title() -> str:
    """The dialog's title (the app's name stays as it is)."""
    return translate("ErrorDialog", "googlenet-gui: unexpected error")


def error_details(summary: str, trace: str) -> str:
    """What "Copy details" copies: the summary, versions and the traceback."""
    from googlenet_gui import __version__

    return (f"{summary}\n\ngooglenet-gui {__version__}, Python {platform.python_version()}, "
            f"{platform.platform()}\n\n{trace}")


def show_error_dialog(parent: QWidget | None, summary: str, trace: str, log: Path | None) -> QMessageBox:
    """Open (without blocking) the dialog for one unexpected error; returns it."""
    box = QMessageBox(QMessageBox.Icon.Critical, dialog_title(), summary, parent=parent)
    where = (translate("ErrorDialog", "The details were written to the log file {path}.").format(path=log) if log
             else translate("ErrorDialog", "No log file could be written."))
    box.setInformativeText(translate("ErrorDialog", "{where} Please include them when you report this problem.")
                           .format(where=where))
    details = error_details(summary, trace)
    box.setDetailedText(details)
    copy = box.addButton(translate("ErrorDialog", "Copy details"), QMessageBox.ButtonRole.ActionRole)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    if sys.platform != "darwin":  # macOS sheets already sit on their window
        box.raise_()
    return box
