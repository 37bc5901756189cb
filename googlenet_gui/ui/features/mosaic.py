"""A branch's pictures as one mosaic: one row-major ImageItem, tiles written in as the worker makes them.

WHY one item: 384 pictures as 384 items (or labels) cost a paint each; one RGB canvas
costs one copy.  Tiles arrive in bursts (cached ones come first, a few milliseconds
apart), so the canvas is copied to the item at most every :data:`REFRESH_MS`.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from googlenet_gui.ui.views.mosaic_view import make_image_view
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import muted

REFRESH_MS = 100
GAP = 2
#: Not computed yet: light grey, so the grid's shape shows before its pictures.
EMPTY = 225


def grid_shape(count: int) -> tuple[int, int]:
    """(rows, columns) of a near-square grid for ``count`` tiles."""
    columns = max(1, math.ceil(math.sqrt(count)))
    return max(1, math.ceil(count / columns)), columns


class TileMosaic(QWidget):
    """Title, caption and one canvas of ``count`` square tiles; emits ``tile_clicked(index)``."""

    tile_clicked = Signal(int)

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = ElidingLabel(hint)
        muted(self.caption)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(0, 0, 0, 0)
        self.view, self.image = make_image_view(self.graphics)
        self.image.clicked.connect(self._on_click)
        self.canvas: np.ndarray | None = None
        self.filled: set[int] = set()
        self.count, self.side, self.columns = 0, 0, 1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.caption)
        layout.addWidget(self.graphics, 1)

    def start(self, count: int, side: int) -> None:
        """An empty grid for ``count`` tiles of ``side`` pixels."""
        rows, self.columns = grid_shape(count)
        self.count, self.side, self.filled = count, side, set()
        step = side + GAP
        gaps = 255 if count else 0  # white lines between tiles; no tiles yet: one dark pixel, not a white square
        self.canvas = np.full((rows * step - GAP, self.columns * step - GAP, 3), gaps, np.uint8)
        for index in range(count):
            self._slot(index)[...] = EMPTY
        self._refresh()
        self.view.autoRange(padding=0.02)

    def put(self, index: int, tile: np.ndarray) -> None:
        """Write one tile; the item is updated within :data:`REFRESH_MS`."""
        if self.canvas is None or not 0 <= index < self.count or tile.shape != (self.side, self.side, 3):
            return
        self._slot(index)[...] = tile
        self.filled.add(index)
        if not self._timer.isActive():
            self._timer.start()

    def set_caption(self, text: str, short: str = "") -> None:
        self.caption.setText(text, short)

    def _slot(self, index: int) -> np.ndarray:
        row, column = divmod(index, self.columns)
        step = self.side + GAP
        return self.canvas[row * step:row * step + self.side, column * step:column * step + self.side]

    @Slot()
    def _refresh(self) -> None:
        if self.canvas is not None:
            self.image.setImage(self.canvas, levels=(0, 255), autoLevels=False)

    def index_at(self, x: float, y: float) -> int | None:
        """The tile under canvas pixel (x, y), or None over a gap or past the last tile."""
        if self.canvas is None or x < 0 or y < 0:
            return None
        step = self.side + GAP
        column, row = int(x) // step, int(y) // step
        inside = int(x) % step < self.side and int(y) % step < self.side
        index = row * self.columns + column
        return index if inside and column < self.columns and index < self.count else None

    def _on_click(self, x: float, y: float) -> None:
        index = self.index_at(x, y)
        if index is not None:
            self.tile_clicked.emit(index)
