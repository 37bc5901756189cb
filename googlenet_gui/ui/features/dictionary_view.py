"""Semantic dictionary: click a spot of the current image, see the channels that respond most there.

After Olah et al., "The Building Blocks of Interpretability": a map position is hundreds
of numbers; listed strongest first, each with its picture and its dataset examples, it
says what the network sees there.  Signals: ``location_clicked(row, col)`` (a unit of
the chosen layer's map) and ``channel_chosen(layer, channel)`` (open a row in the card).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QSplitter, QToolButton,
                               QVBoxLayout, QWidget)

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.channel_view import outline
from googlenet_gui.ui.views.mosaic_view import make_image_view
from googlenet_gui.ui.views.thumbnails import pixmap_from_rgb
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold, muted

THUMB = 64
EXAMPLE_THUMB = 40
#: An English value, shown through ``translate("DictionaryView", HINT)``.
HINT = QT_TRANSLATE_NOOP("DictionaryView", "Select an image, then click a spot of it: the channels that respond "
                         "most there are listed with their pictures.")


class DictionaryRow(Retranslatable, QWidget):
    """One channel: its picture (a button: open it in the card), its activation, its top example crops."""

    def __init__(self, layer: str, channel: int, activation: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer, self.channel, self.activation = layer, channel, activation
        self.button = QToolButton()
        self.button.setIconSize(QSize(THUMB, THUMB))
        self.button.setFixedSize(THUMB + 8, THUMB + 8)
        self.text = QLabel()
        self.examples = QHBoxLayout()
        self.examples.setSpacing(2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.text)
        layout.addLayout(self.examples)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.button.setToolTip(self.tr("Open {layer} channel {channel} in the card").format(layer=self.layer,
                                                                                          channel=self.channel))
        self.text.setText(self.tr("channel {channel}").format(channel=self.channel) + f"\n{self.activation:.3g}")

    def set_picture(self, image: np.ndarray) -> None:
        self.button.setIcon(QIcon(pixmap_from_rgb(np.ascontiguousarray(image))))

    def set_examples(self, crops: list[np.ndarray]) -> None:
        while self.examples.count():
            item = self.examples.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for crop in crops:
            label = QLabel()
            label.setPixmap(pixmap_from_rgb(crop).scaled(EXAMPLE_THUMB, EXAMPLE_THUMB,
                                                         Qt.AspectRatioMode.KeepAspectRatio,
                                                         Qt.TransformationMode.SmoothTransformation))
            self.examples.addWidget(label)


class DictionaryView(Retranslatable, QWidget):
    """The current image (click a spot) beside the list of its strongest channels there."""

    location_clicked = Signal(int, int)
    channel_chosen = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map_size: tuple[int, int] | None = None
        self.crop_side = 0
        self.rows: dict[tuple[str, int], DictionaryRow] = {}
        self.spot_shown: tuple[str, int, int] | None = None  # (layer, row, col) of the listed spot
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.caption.setMinimumHeight(2 * self.caption.fontMetrics().lineSpacing())
        muted(self.caption)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumSize(120, 120)
        self.view, self.image = make_image_view(self.graphics)
        self.spot = pg.PlotCurveItem(pen=pg.mkPen("#00e5ff", width=2))
        self.view.addItem(self.spot)
        self.image.clicked.connect(self._on_click)
        self.title = ElidingLabel("")
        bold(self.title)
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.list)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(scroll, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.graphics)
        split.addWidget(right)
        split.setSizes([240, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.caption)
        layout.addWidget(split, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The hint, or the listed spot's caption and title (the rows retranslate themselves)."""
        if self.spot_shown is None or self.map_size is None:
            self.caption.setText(translate("DictionaryView", HINT))
            return
        (layer, row, col), (height, width) = self.spot_shown, self.map_size
        self.caption.setText(self.tr("{layer}: map {width}×{height} · click another spot of the image").format(
            layer=layer, width=width, height=height))
        self.title.setText(self.tr("Strongest channels at row {row}, column {col}").format(row=row, col=col),
                           self.tr("row {row}, column {col}").format(row=row, col=col))

    # ------------------------------------------------------------------ public
    def show_dictionary(self, layer: str, row: int, col: int, crop: np.ndarray, map_size: tuple[int, int],
                        entries: list[tuple[int, float]], region: tuple[int, int, int, int]) -> None:
        """The image with the spot's receptive field outlined, and one row per channel, strongest first."""
        reshaped = self.image.image is None or self.image.image.shape != crop.shape
        self.image.setImage(np.ascontiguousarray(crop), levels=(0, 255), autoLevels=False)
        if reshaped:
            self.view.autoRange(padding=0.02)
        self.map_size, self.crop_side = map_size, crop.shape[0]
        self.spot.setData(*outline(region))
        self.spot_shown = (layer, row, col)
        self.retranslate_ui()
        self._clear_rows()
        for channel, activation in entries:
            entry = DictionaryRow(layer, channel, activation)
            entry.button.clicked.connect(lambda _c=False, n=layer, c=channel: self.channel_chosen.emit(n, c))
            self.list_layout.insertWidget(self.list_layout.count() - 1, entry)
            self.rows[(layer, channel)] = entry

    def set_picture(self, layer: str, channel: int, image: np.ndarray) -> None:
        """A row's channel picture, when it is one of the listed channels."""
        if (layer, channel) in self.rows:
            self.rows[(layer, channel)].set_picture(image)

    def set_examples(self, layer: str, channel: int, crops: list[np.ndarray]) -> None:
        if (layer, channel) in self.rows:
            self.rows[(layer, channel)].set_examples(crops)

    def listed(self) -> list[tuple[str, int]]:
        """The (layer, channel) of every row, strongest first."""
        return list(self.rows)

    def spot_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The map unit under image pixel (x, y): each unit stands for crop / map pixels."""
        if self.map_size is None or not (0 <= x < self.crop_side and 0 <= y < self.crop_side):
            return None
        height, width = self.map_size
        return int(y * height / self.crop_side), int(x * width / self.crop_side)

    # ---------------------------------------------------------------- internals
    def _clear_rows(self) -> None:
        for entry in self.rows.values():
            entry.setParent(None)
            entry.deleteLater()
        self.rows = {}

    @Slot(float, float)
    def _on_click(self, x: float, y: float) -> None:
        spot = self.spot_at(x, y)
        if spot is not None:
            self.location_clicked.emit(*spot)
