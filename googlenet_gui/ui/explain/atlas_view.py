"""The CAM atlas grid (modules x branches) and the large view of one cell.

Both draw uint8 RGB overlays the panel blends in NumPy (:mod:`.overlays`) into row-major
ImageItems; the grid's row and column headers are its plot's axis ticks, so presentation
mode's larger font reaches them like every other plot's.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal, Slot
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from googlenet_gui.core.network.spec import BRANCH_NAMES

from googlenet_gui.ui.explain.overlays import CellGeometry
from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.mosaic_view import ClickableImageItem, make_image_view
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold, muted

#: English values, shown through ``translate("AtlasGrid", title)`` (1×1, 3×3, 5×5 need no translation).
COLUMN_TITLES = (QT_TRANSLATE_NOOP("AtlasGrid", "output"),
                 *(QT_TRANSLATE_NOOP("AtlasGrid", "pool-proj") if b == "pool_proj" else b.replace("x", "×")
                   for b in BRANCH_NAMES))
#: Shorter headers for narrow cells (presentation fonts, small windows): the longest that fits is shown.
SHORT_TITLES = ((QT_TRANSLATE_NOOP("AtlasGrid", "out"), "1×1", "3×3", "5×5", QT_TRANSLATE_NOOP("AtlasGrid", "pool")),
                ("o", "1", "3", "5", "p"))
#: The large view's own choices besides the clicked atlas cell.
CELL_CHOICE = "cell"
CAM_CHOICE = "cam"
OCCLUSION_CHOICE = "occlusion"


def short_module(name: str) -> str:
    """``inception4c`` -> ``4c``: row headers that fit beside a small cell."""
    return name.removeprefix("inception")


class AtlasGrid(Retranslatable, QWidget):
    """One mosaic of every module (rows) x output and branches (columns); emits ``cell_clicked(layer)``."""

    cell_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layers: list[list[str]] = []
        self.geometry_: CellGeometry | None = None
        self.plot = pg.PlotWidget(background=None)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(True)
        self.plot.invertY(True)
        self.plot.showAxis("top")
        self.plot.hideAxis("bottom")
        self.image = ClickableImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.image.clicked.connect(self._on_click)
        self.selection = pg.PlotCurveItem(pen=pg.mkPen("#ffffff", width=2))  # outline of the open cell
        self.plot.addItem(self.selection)
        self.plot.getViewBox().sigResized.connect(self._fit_headers)
        self.plot.getViewBox().sigRangeChanged.connect(self._fit_headers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The column headers are the grid's only words: fitted again in the new language."""
        self._fit_headers()

    def show_mosaic(self, mosaic: np.ndarray, geometry: CellGeometry, layers: list[list[str]]) -> None:
        """Swap in the blended mosaic; headers and range change only when the grid's shape does."""
        reshaped = geometry != self.geometry_ or [r[0] for r in layers] != [r[0] for r in self.layers]
        self.geometry_, self.layers = geometry, layers
        self.image.setImage(mosaic, levels=(0, 255), autoLevels=False)
        if reshaped:
            self._set_headers(geometry, [short_module(r[0]) for r in layers])
            self.plot.autoRange(padding=0.01)

    def _set_headers(self, geometry: CellGeometry, rows: list[str]) -> None:
        left = [(geometry.centre(i), name) for i, name in enumerate(rows)]
        self.plot.getAxis("left").setTicks([left, []])
        self._fit_headers()

    @Slot()
    def _fit_headers(self) -> None:
        """Column headers as long as the cells on screen are wide: whole words, or short ones, never overlapping."""
        if self.geometry_ is None:
            return
        axis = self.plot.getAxis("top")
        metrics = QFontMetricsF(axis.style["tickFont"] or self.font())
        width = self.plot.getViewBox().width()
        (x0, x1), _ = self.plot.getViewBox().viewRange()
        cell_px = self.geometry_.pitch * width / max(x1 - x0, 1e-9)
        choices = [[translate("AtlasGrid", title) for title in titles] for titles in (COLUMN_TITLES, *SHORT_TITLES)]
        titles = next((t for t in choices if max(metrics.horizontalAdvance(text) for text in t) < cell_px * 0.9),
                      choices[-1])
        axis.setTicks([[(self.geometry_.centre(i), title) for i, title in enumerate(titles)], []])

    def mark(self, layer: str | None) -> None:
        """Outline the cell of ``layer`` (None: no outline)."""
        where = next(((r, c) for r, row in enumerate(self.layers) for c, name in enumerate(row) if name == layer), None)
        if where is None or self.geometry_ is None:
            self.selection.setData([], [])
            return
        g, (r, c) = self.geometry_, where
        x0, y0, x1, y1 = c * g.pitch - 0.5, r * g.pitch - 0.5, c * g.pitch + g.size + 0.5, r * g.pitch + g.size + 0.5
        self.selection.setData([x0, x1, x1, x0, x0], [y0, y0, y1, y1, y0])

    @Slot(float, float)
    def _on_click(self, x: float, y: float) -> None:
        cell = self.geometry_.cell_at(x, y) if self.geometry_ is not None else None
        if cell is not None and cell[0] < len(self.layers):
            self.cell_clicked.emit(self.layers[cell[0]][cell[1]])


class CellView(Retranslatable, QWidget):
    """One map large, the peak marked; its combo also offers Grad-CAM at a stem layer, the exact CAM and occlusion.

    Emits ``choice_changed(choice)``: ``"cell"`` (the clicked atlas cell), ``"cam"``, ``"occlusion"``,
    or a stem layer name.
    """

    choice_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ElidingLabel("")
        bold(self.title)
        self.shown = False  # until the first map or wait, the title is the hint
        self.detail = ElidingLabel("")
        muted(self.detail)
        self.choice = QComboBox()
        self.choice.addItem("", CELL_CHOICE)
        self.choice.currentIndexChanged.connect(lambda _i: self.choice_changed.emit(self.current_choice()))
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(None)
        self.graphics.ci.setContentsMargins(0, 0, 0, 0)
        self.view, self.image = make_image_view(self.graphics)
        self.peak = pg.ScatterPlotItem(size=14, symbol="+", pen=pg.mkPen("#000000", width=3),
                                       brush=None)
        self.peak_inner = pg.ScatterPlotItem(size=12, symbol="+", pen=pg.mkPen("#ffffff", width=1.5), brush=None)
        self.view.addItem(self.peak)
        self.view.addItem(self.peak_inner)
        self._shape: tuple[int, ...] | None = None
        row = QHBoxLayout()
        self.show_label = QLabel()
        row.addWidget(self.show_label)
        row.addWidget(self.choice, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(1)
        layout.addLayout(row)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.graphics, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.choice.setToolTip(self.tr("The clicked atlas cell, Grad-CAM at a stem layer, the exact CAM of the main "
                                       "head, or occlusion sensitivity (a grey patch slid over the image)"))
        self.show_label.setText(self.tr("Show:"))
        for index in range(self.choice.count()):
            self.choice.setItemText(index, self.choice_text(self.choice.itemData(index)))
        if not self.shown:
            self.title.setText(self.tr("Click a cell of the atlas to see it large."))

    def choice_text(self, choice: str) -> str:
        """The combo's words for ``choice`` (its data: the atlas cell, the CAM, occlusion or a stem layer)."""
        if choice == CELL_CHOICE:
            return self.tr("atlas cell")
        if choice == CAM_CHOICE:
            return self.tr("CAM, main head (exact)")
        if choice == OCCLUSION_CHOICE:
            return self.tr("Occlusion sensitivity (slow, Esc stops)")
        return self.tr("Grad-CAM at {layer} (stem)").format(layer=choice)

    def set_choices(self, stem_layers: list[str], cam: bool) -> None:
        """Offer Grad-CAM at each stem layer, and the exact CAM when the head is the main one."""
        current = self.current_choice()
        self.choice.blockSignals(True)
        self.choice.clear()
        for choice in (CELL_CHOICE, *stem_layers, *((CAM_CHOICE,) if cam else ()), OCCLUSION_CHOICE):
            self.choice.addItem(self.choice_text(choice), choice)
        index = self.choice.findData(current)
        self.choice.setCurrentIndex(max(index, 0))
        self.choice.blockSignals(False)
        if index < 0:
            self.choice_changed.emit(CELL_CHOICE)

    def current_choice(self) -> str:
        return self.choice.currentData() or CELL_CHOICE

    def show_map(self, rgb: np.ndarray, peak: tuple[int, int], title: str, detail: str) -> None:
        """The blended overlay at the crop's full size; the peak as a cross at its pixel centre."""
        self.shown = True
        self.title.setText(title)
        self.detail.setText(detail)
        self.image.setImage(rgb, levels=(0, 255), autoLevels=False)
        spot = [{"pos": (peak[1] + 0.5, peak[0] + 0.5)}]
        self.peak.setData(spot)
        self.peak_inner.setData(spot)
        if rgb.shape != self._shape:
            self._shape = rgb.shape
            self.view.autoRange(padding=0.02)

    def show_waiting(self, title: str, detail: str | None = None) -> None:
        self.shown = True
        self.title.setText(title)
        self.detail.setText(self.tr("computing…") if detail is None else detail)

    def back_to_cell(self) -> None:
        """Show the atlas cell again (a cancelled map): picking the map once more reruns it."""
        self.choice.setCurrentIndex(max(self.choice.findData(CELL_CHOICE), 0))
