"""One channel up close: the map, its statistics, and the map laid over the input crop.

The overlay stretches the (h, w) map over the (H, W) crop the network saw, so each
map pixel covers the H/h x W/w input pixels it summarises (e.g. 16x16 at 14x14 in
stage 4): a teacher can point at *where* a channel fired.  Clicking a unit of the map
outlines, on the crop, the input region that feeds it (the theoretical receptive field)
and shows beside it the effective one (how strongly each input pixel moves that unit).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.mosaic_view import make_image_view

OVERLAY_OPACITY = 0.55
FIELD_HINT = QT_TRANSLATE_NOOP("ChannelView", "Click the map: what one unit sees.")
CAPTION_HINT = QT_TRANSLATE_NOOP("ChannelView", "Click a channel in any mosaic to see it here.")


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


def outline(region: tuple[int, int, int, int]) -> tuple[list[float], list[float]]:
    """The closed outline around inclusive pixel rows/columns (top, left, bottom, right), in image coordinates."""
    top, left, bottom, right = region
    x0, x1, y0, y1 = left, right + 1, top, bottom + 1
    return [x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0]


def stats_table(pairs: tuple[str, ...]) -> str:
    """Rich text: the statistics two to a row, never wrapped between a name and its value.

    WHY a table: one pair a line took eight lines, more than a projector's short pane
    holds, and the statistics were cut off (issue #26).
    """
    cells = [pair.replace(" ", "&nbsp;") for pair in pairs]
    rows = "".join(f"<tr><td>{cells[i]}</td><td>{cells[i + 1] if i + 1 < len(cells) else ''}</td></tr>"
                   for i in range(0, len(cells), 2))
    return f"<table cellspacing='0' cellpadding='1'>{rows}</table>"


def stats_text(channel_map: np.ndarray, crop: tuple[int, int], stats: dict[str, float] | None = None) -> str:
    """The statistics of one map as a table of words and numbers (``crop``: the input's height and width)."""
    stats = stats or channel_statistics(channel_map)
    height, width = channel_map.shape
    crop_h, crop_w = crop
    pairs = (translate("ChannelView", "size {size}").format(size=f"{width}×{height}"),
             translate("ChannelView", "cell = {cell} px").format(cell=f"{crop_w / width:.0f}×{crop_h / height:.0f}"),
             translate("ChannelView", "min {value}").format(value=f"{stats['min']:.3g}"),
             translate("ChannelView", "max {value}").format(value=f"{stats['max']:.3g}"),
             translate("ChannelView", "mean {value}").format(value=f"{stats['mean']:.3g}"),
             translate("ChannelView", "std {value}").format(value=f"{stats['std']:.3g}"),
             translate("ChannelView", "active (>0) {share}").format(share=f"{stats['active']:.0%}"),
             translate("ChannelView", "peak x={x}, y={y}").format(x=f"{stats['peak_x']:.0f}", y=f"{stats['peak_y']:.0f}"))
    return stats_table(pairs)


class ChannelView(Retranslatable, QWidget):
    """Large map on the left, overlay in the middle, the clicked unit's effective field on the right.

    Emits ``unit_clicked(row, col)`` for a click on the map.
    """

    unit_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
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
        self.field_outline = pg.PlotCurveItem(pen=pg.mkPen("#00e5ff", width=2))
        self.overlay_view.addItem(self.field_outline)
        self.erf_view = self.graphics.addViewBox(lockAspect=True, invertY=True, enableMenu=False)
        self.erf_item = pg.ImageItem(axisOrder="row-major")
        self.erf_view.addItem(self.erf_item)
        self.erf_view.setVisible(False)
        self.field = QLabel()
        self.field.setWordWrap(True)
        self.map_item.clicked.connect(self._on_map_click)
        self._map_shape: tuple[int, int] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self._text_column(), 2)
        layout.addWidget(self.graphics, 3)
        self.current: tuple[str, int] | None = None
        self._hints = (True, True)  # (caption, field) still show their hints; else their owner's texts
        self._shown: tuple[np.ndarray, tuple[int, int]] | None = None  # (map, crop size) whose statistics are shown
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The hints, and the shown channel's statistics, in the new language (the explorer redoes the rest)."""
        caption_hint, field_hint = self._hints
        if caption_hint:
            self.caption.setText(translate("ChannelView", CAPTION_HINT))
        if field_hint:
            self.field.setText(translate("ChannelView", FIELD_HINT))
        if self._shown is not None:
            self.stats.setText(stats_text(*self._shown))

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        """The map views are squares: wider than their squares need, the graphics only took
        room from the text column, whose statistics were then cut (issue #26)."""
        super().resizeEvent(event)
        self._fit_graphics()

    def _fit_graphics(self) -> None:
        squares = 3 if self.erf_view.isVisible() else 2  # map, overlay and the effective field once clicked
        self.graphics.setMaximumWidth(max(120, min(squares * self.graphics.height() + 16, self.width() // 2)))

    def _text_column(self) -> QScrollArea:
        """Caption, clicked unit, statistics: scrolled in a small pane rather than drawn over each other or cut."""
        column = QWidget()
        text = QVBoxLayout(column)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.caption)
        text.addWidget(self.field)  # above the statistics: a short pane cuts those first
        text.addWidget(self.stats)
        text.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        return scroll

    def show_channel(self, caption: str, channel_map: np.ndarray, input_rgb: np.ndarray,
                     levels: tuple[float, float], lut: np.ndarray) -> dict[str, float]:
        """Draw one channel and return its statistics (also shown as text)."""
        stats = channel_statistics(channel_map)
        crop_h, crop_w = input_rgb.shape[:2]
        self.caption.setText(caption)
        self._hints = (False, self._hints[1])
        self._shown = (channel_map, (crop_h, crop_w))
        self.stats.setText(stats_text(channel_map, (crop_h, crop_w), stats))
        self._map_shape = channel_map.shape
        self.map_item.setImage(channel_map, levels=levels, lut=lut, autoLevels=False)
        self.map_view.autoRange(padding=0.02)
        self.photo_item.setImage(input_rgb, autoLevels=False, levels=(0, 255))
        self.heat_item.setImage(channel_map, levels=levels, lut=lut, autoLevels=False)
        self.heat_item.setRect(QRectF(0, 0, crop_w, crop_h))
        self.overlay_view.autoRange(padding=0.02)
        return stats

    def show_field(self, text: str, region: tuple[int, int, int, int] | None) -> None:
        """The clicked unit: ``region`` (inclusive crop pixels) outlined on the overlay; its ERF still to come."""
        self.field.setText(text)
        self._hints = (self._hints[0], False)
        self.field_outline.setData(*outline(region) if region is not None else ([], []))
        self.erf_item.clear()
        self.erf_view.setVisible(False)
        self._fit_graphics()

    def show_erf(self, erf: np.ndarray, lut: np.ndarray) -> None:
        """The effective receptive field ((H, W) in [0, 1] over the crop) as a small heat image beside the overlay."""
        self.erf_view.setVisible(True)
        self._fit_graphics()
        self.erf_item.setImage(erf, levels=(0.0, 1.0), lut=lut, autoLevels=False)
        self.erf_view.autoRange(padding=0.02)

    def clear_field(self) -> None:
        self.show_field(translate("ChannelView", FIELD_HINT), None)
        self._hints = (self._hints[0], True)

    @Slot(float, float)
    def _on_map_click(self, x: float, y: float) -> None:
        if self._map_shape is None:
            return
        row, col = int(np.floor(y)), int(np.floor(x))
        if 0 <= row < self._map_shape[0] and 0 <= col < self._map_shape[1]:
            self.unit_clicked.emit(row, col)

    def set_lut(self, lut: np.ndarray) -> None:
        self.map_item.setLookupTable(lut)
        self.heat_item.setLookupTable(lut)
        self.erf_item.setLookupTable(lut)

    def clear(self) -> None:
        self.current = None
        self.caption.setText(translate("ChannelView", CAPTION_HINT))
        self._hints = (True, self._hints[1])
        self._shown = None
        self.stats.setText("")
        self._map_shape = None
        for item in (self.map_item, self.photo_item, self.heat_item):
            item.clear()
        self.clear_field()
