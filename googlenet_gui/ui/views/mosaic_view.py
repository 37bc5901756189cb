"""One mosaic panel: a title line and ONE row-major ImageItem with explicit levels.

The item is created once and updated with ``setImage(..., levels=...)`` for every new
image or layer, which keeps a redraw to a pixel copy.  Clicking a tile reports the
channel under the cursor; the wheel zooms and dragging pans.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold, muted


class ClickableImageItem(pg.ImageItem):
    """An ImageItem that reports left clicks in image pixel coordinates."""

    clicked = Signal(float, float)

    def mouseClickEvent(self, event) -> None:  # noqa: N802, ANN001 - pyqtgraph's API
        if event.button() == pg.QtCore.Qt.MouseButton.LeftButton:
            position = event.pos()
            self.clicked.emit(float(position.x()), float(position.y()))
            event.accept()


def make_image_view(widget: pg.GraphicsLayoutWidget) -> tuple[pg.ViewBox, ClickableImageItem]:
    """A locked-aspect, y-down ViewBox holding one row-major image (zoom with wheel, pan with drag)."""
    view = widget.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
    item = ClickableImageItem(axisOrder="row-major")
    view.addItem(item)
    return view, item


class MosaicView(QWidget):
    """Title + one mosaic; emits ``channel_clicked(panel_title, local_channel)``."""

    channel_clicked = Signal(str, int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = None
        # Eliding labels: a long title or subtitle must not set the panel's minimum width.
        self.title = ElidingLabel(title)
        bold(self.title)
        self.detail = ElidingLabel("")
        muted(self.detail)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(0, 0, 0, 0)
        self.view, self.image = make_image_view(self.graphics)
        self.image.clicked.connect(self._on_click)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.graphics, 1)

    def show_panel(self, panel, mosaic: np.ndarray, levels: tuple[float, float], lut: np.ndarray,  # noqa: ANN001
                   title: str, detail: str, short_detail: str = "") -> None:
        """Swap in a new mosaic; the view re-fits only when the mosaic's shape changed."""
        reshaped = self.panel is None or self.panel.mosaic.shape != mosaic.shape
        self.panel = panel
        self.title.setText(title)
        self.detail.setText(detail, short_detail)
        self.image.setImage(mosaic, levels=levels, lut=lut, autoLevels=False)
        if reshaped:
            self.view.autoRange(padding=0.02)

    def set_lut(self, lut: np.ndarray) -> None:
        self.image.setLookupTable(lut)

    def _on_click(self, x: float, y: float) -> None:
        if self.panel is None:
            return
        channel = self.panel.channel_at(x, y)
        if channel is not None:
            self.channel_clicked.emit(self.panel.title, channel)
