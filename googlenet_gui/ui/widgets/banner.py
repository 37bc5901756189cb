"""An inline message strip above the views: errors and warnings the user can read and dismiss.

Errors never open a dialog with a traceback; they appear here (and in the status
bar) as the one sentence the core produced, and the previous state stays on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from googlenet_gui.ui.i18n import Retranslatable

STYLES = {
    "error": "background: #fde2e1; color: #7a1010; border: 1px solid #e8a3a0; border-radius: 4px;",
    "warning": "background: #fff4d6; color: #5c4300; border: 1px solid #e6cf8a; border-radius: 4px;",
    "info": "background: #e3effd; color: #103a6b; border: 1px solid #a9c7ee; border-radius: 4px;",
}


class Banner(Retranslatable, QFrame):
    """Shows the latest message of a kind; repeated identical messages are not stacked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(self.tr("Dismiss"))

    def show_message(self, kind: str, text: str) -> None:
        lines = [line for line in self.label.text().split("\n") if line] if self.isVisible() and kind == self.kind else []
        if text not in lines:
            lines = (lines + [text])[-4:]
        self.kind = kind
        self.setStyleSheet(f"Banner {{{STYLES[kind]}}} QLabel {{border: none; background: transparent;}}")
        self.label.setText("\n".join(lines))
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.label.setText("")
        self.hide()
