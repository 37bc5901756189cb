"""The Fine-tune tab's run controls: one bar under the form and the charts, always in sight.

WHY: at 1024x768 in presentation mode the form needs about 490 px of the tab's width,
so the curves and the confusion matrix shared 280x350 px, and Start, Cancel and the
status line sat at the bottom of the scrolling form, out of sight while a run went on.
The bar keeps them visible, and its Settings button folds the form away, which
:class:`~.panel.TrainingPanel` does by itself when a run starts in a cramped tab.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QToolButton, QVBoxLayout, QWidget

from googlenet_gui.ui.i18n import Retranslatable


class RunBar(Retranslatable, QWidget):
    """Settings toggle, Start, Cancel, Use this model and the progress, above the status line.

    ``settings_toggled(shown)`` says whether the form should be shown.
    """

    settings_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings_button = QToolButton()
        self.settings_button.setCheckable(True)
        self.settings_button.setChecked(True)
        self.settings_button.toggled.connect(self._on_toggled)
        self.start_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.use_button = QPushButton()
        self.use_button.setEnabled(False)
        self.progress = QProgressBar()
        self.status = QLabel()  # the panel's status once it has one (it words it again on a switch)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        for widget in (self.settings_button, self.start_button, self.cancel_button, self.use_button):
            row.addWidget(widget)
        row.addWidget(self.progress, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.status)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._word_settings_button()
        self.settings_button.setToolTip(self.tr("Show or hide the data and options, so the curves and the "
                                                "matrix can have the width"))
        self.start_button.setText(self.tr("Start"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self.use_button.setText(self.tr("Use this model"))

    def _word_settings_button(self) -> None:
        """The arrow points the way the form goes on a click."""
        shown = self.settings_button.isChecked()
        self.settings_button.setText(self.tr("◂ Settings") if shown else self.tr("Settings ▸"))

    def settings_shown(self) -> bool:
        return self.settings_button.isChecked()

    def show_settings(self, shown: bool) -> None:
        self.settings_button.setChecked(shown)

    @Slot(bool)
    def _on_toggled(self, shown: bool) -> None:
        self._word_settings_button()
        self.settings_toggled.emit(shown)
