"""Dataset examples: pick a folder, one background pass, then the chosen channel's top images.

Each image is cropped (by the worker) to the receptive field of the unit where the
channel fired most, so the picture shows what that unit saw, not the whole photo.
Signals: ``folder_chosen(path)`` and ``cancel_requested()``; the window runs the pass.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import (QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.thumbnails import pixmap_from_rgb
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold, muted

COLUMNS = 3
#: An English value, shown through ``translate("ExamplesView", NO_FOLDER)``.
NO_FOLDER = QT_TRANSLATE_NOOP("ExamplesView", "Choose a folder of images: one pass records, for every channel, the "
                              "images that excite it most.")


class CropGrid(QWidget):
    """Pictures with a caption under each, ``columns`` to a row; replaced wholesale."""

    def __init__(self, columns: int = COLUMNS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.pictures: list[QLabel] = []

    def set_pictures(self, crops: list[np.ndarray], captions: list[str]) -> None:
        """Exactly these pictures (an empty list clears the grid)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.pictures = []
        for index, (crop, caption) in enumerate(zip(crops, captions)):
            row, column = divmod(index, self.columns)
            picture = QLabel()
            picture.setPixmap(pixmap_from_rgb(crop))
            text = ElidingLabel(caption)
            muted(text)
            text.setMaximumWidth(crop.shape[1])
            self.grid.addWidget(picture, 2 * row, column)
            self.grid.addWidget(text, 2 * row + 1, column)
            self.pictures.append(picture)


class ExamplesView(Retranslatable, QWidget):
    """Choose folder…, the pass's progress and Cancel, then the chosen channel's top crops."""

    folder_chosen = Signal(str)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder: str | None = None
        #: Make the status line's and the title's texts: called again after a language switch.
        self.status_text: Callable[[], str] = lambda: translate("ExamplesView", NO_FOLDER)
        self.title_text: Callable[[], tuple[str, str]] = lambda: ("", "")
        self.choose = QPushButton()
        self.choose.clicked.connect(self._ask_folder)
        self.cancel = QPushButton()
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self.cancel_requested)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        # Cut in a short pane rather than push the window past 768 px (presentation fonts).
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing())
        self.title = ElidingLabel("")
        bold(self.title)
        self.crops = CropGrid()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.crops)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.choose.setText(self.tr("Choose folder…"))
        self.cancel.setText(self.tr("Cancel"))
        self.status.setText(self.status_text())
        self.title.setText(*self.title_text())

    # ------------------------------------------------------------------ public
    def choose_folder(self, folder: str) -> None:
        """Use ``folder`` (what the dialog does; tests and the window call it directly)."""
        self.folder = folder
        self.crops.set_pictures([], [])
        self._title(lambda: ("", ""))
        self.progress.setRange(0, 0)  # busy until the first batch says how many
        self._say(lambda: self.tr("Waiting to read {folder}…").format(folder=folder))
        self.folder_chosen.emit(folder)

    def running(self, on: bool) -> None:
        self.cancel.setEnabled(on)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self._say(lambda: self.tr("Recording the strongest images of every channel: {done} of {total} images…")
                  .format(done=done, total=total))

    def show_ready(self, images: int, skipped: list[str], cached: bool) -> None:
        """The pass is done (or came from the cache)."""
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._say(lambda: self._ready_text(images, skipped, cached))

    def _ready_text(self, images: int, skipped: list[str], cached: bool) -> str:
        if cached:
            text = self.tr("{images} images from the cache · click a channel anywhere to see its top images")
        else:
            text = self.tr("{images} images recorded · click a channel anywhere to see its top images")
        text = text.format(images=images)
        if skipped:
            text += self.tr(" · {count} skipped: {first}").format(count=len(skipped), first=skipped[0])
        return text

    def show_stopped(self, text: str) -> None:
        """The pass stopped (cancelled or failed): ``text`` comes translated from the window."""
        self.progress.reset()
        self._say(lambda: text)

    def show_crops(self, layer: str, channel: int, crops: list[np.ndarray], captions: list[str],
                   problems: list[str]) -> None:
        """``channel``'s top images, strongest first, cropped to the field of the unit that fired most."""
        count = len(crops)
        self._title(lambda: (self.tr("{layer} · channel {channel}: top {count}, each cropped to the receptive field "
                                     "of its strongest unit").format(layer=layer, channel=channel, count=count),
                             self.tr("{layer} · {channel}: top {count}").format(layer=layer, channel=channel,
                                                                                count=count)))
        self.crops.set_pictures(crops, captions)
        if problems:
            self._say(lambda: problems[0])

    def show_pending(self, layer: str, channel: int) -> None:
        self._title(lambda: (self.tr("{layer} · channel {channel}: reading its top images…").format(
            layer=layer, channel=channel), self.tr("{layer} · {channel}: reading…").format(layer=layer,
                                                                                          channel=channel)))

    def _say(self, text: Callable[[], str]) -> None:
        """Show ``text()`` in the status line, and again in the new language after a switch."""
        self.status_text = text
        self.status.setText(text())

    def _title(self, make: Callable[[], tuple[str, str]]) -> None:
        """Show the title (whole, short) ``make()``, and again in the new language after a switch."""
        self.title_text = make
        self.title.setText(*make())

    @Slot()
    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of images for dataset examples"))
        if folder:
            self.choose_folder(folder)
