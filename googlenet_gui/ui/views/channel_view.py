"""One channel up close: the map, its statistics, and the map laid over the input crop.

The overlay stretches the (h, w) map over the (H, W) crop the network saw, so each
map pixel covers the H/h x W/w input pixels it summarises (e.g. 16x16 at 14x14 in
stage 4): a teacher can point at *where* a channel fired.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from googlenet_gui.ui.views.mosaic_view import make_image_view

OVERLAY_OPACITY = 0.55


def channel_statistics(channel_map: np.ndarray) -> dict[str, float]:
    """Summary numbers of one map (plain floats for display and tests)."""
    values = channel_map.astype(np.float64)
    peak_y, peak_x = np.unravel_index(int(np.argmax(values)), values.shape)
    return {
        "min": float(values.min()),
        "max": float(values.max()),
        "mean": float(values.mean()),
        "std": float(values.std()),
        "active": float(np.count_nonzero(values > 0) / values.size),
        "peak_x": float(peak_x),
        "peak_y": float(peak_y),
    }


class ChannelView(QWidget):
    """Large map on the left, overlay on the right, statistics above."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel("Click a channel in any mosaic to see it here.")
        self.caption.setWordWrap(True)
        self.stats = QLabel("")
        self.stats.setWordWrap(True)
        # Its lines may be cut at the bottom of a short pane rather than take height from the
        # branch mosaics above (presentation fonts at 1280x800 left those 70 px tall).
        self.stats.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.graphics = pg.GraphicsLayoutWidget()
        self.map_view, self.map_item = make_image_view(self.graphics)
        self.overlay_view = self.graphics.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.photo_item = pg.ImageItem(axisOrder="row-major")
        self.heat_item = pg.ImageItem(axisOrder="row-major")
        self.heat_item.setOpacity(OVERLAY_OPACITY)
        self.overlay_view.addItem(self.photo_item)
        self.overlay_view.addItem(self.heat_item)
        self.overlay_view.setXLink(None)
        text = QVBoxLayout()
        text.addWidget(self.caption)
        text.addWidget(self.stats)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(text, 1)
        layout.addWidget(self.graphics, 3)
        self.current: tuple[str, int] | None = None

    def show_channel(self, caption: str, channel_map: np.ndarray, input_rgb: np.ndarray,
                     levels: tuple[float, float], lut: np.ndarray) -> dict[str, float]:
        """Draw one channel and return its statistics (also shown as text)."""
        stats = channel_statistics(channel_map)
        height, width = channel_map.shape
        crop_h, crop_w = input_rgb.shape[:2]
        self.caption.setText(caption)
        pairs = (f"size {width}×{height}", f"(one cell = {crop_w / width:.0f}×{crop_h / height:.0f} input px)",
                 f"min {stats['min']:.3g}", f"max {stats['max']:.3g}", f"mean {stats['mean']:.3g}",
                 f"std {stats['std']:.3g}", f"active (>0) {stats['active']:.0%}",
                 f"peak at x={stats['peak_x']:.0f}, y={stats['peak_y']:.0f}")
        # a narrow pane wraps between the pairs, never between a name and its value
        nowrap = [pair.replace(" ", "&nbsp;") for pair in pairs]
        self.stats.setText(f"{nowrap[0]} {nowrap[1]}<br>{nowrap[2]} · {nowrap[3]}<br>{nowrap[4]} · {nowrap[5]}<br>"
                           f"{nowrap[6]}<br>{nowrap[7]}")
        self.map_item.setImage(channel_map, levels=levels, lut=lut, autoLevels=False)
        self.map_view.autoRange(padding=0.02)
        self.photo_item.setImage(input_rgb, autoLevels=False, levels=(0, 255))
        self.heat_item.setImage(channel_map, levels=levels, lut=lut, autoLevels=False)
        self.heat_item.setRect(QRectF(0, 0, crop_w, crop_h))
        self.overlay_view.autoRange(padding=0.02)
        return stats

    def set_lut(self, lut: np.ndarray) -> None:
        self.map_item.setLookupTable(lut)
        self.heat_item.setLookupTable(lut)

    def clear(self) -> None:
        self.current = None
        self.caption.setText("Click a channel in any mosaic to see it here.")
        self.stats.setText("")
        for item in (self.map_item, self.photo_item, self.heat_item):
            item.clear()
