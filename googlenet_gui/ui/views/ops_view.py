"""Table 1, live for the loaded model: the paper's columns, its values, the differences.

Rows come from ``core.ops.count_ops(model)`` (a walk over the real modules), so a
tutorial checkpoint with true 5x5 kernels and torchvision's 3x3-in-the-5x5-slot give
different numbers, and the view shows where each departs from the paper.  Beside the
table: multiply-adds per Inception module with vs without the 1x1 reductions, and the
measured time per layer on the current device next to its multiply-adds.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from googlenet_gui.ui.widgets.axis_labels import BarLabels
from googlenet_gui.ui.views.ops_format import COLUMNS, OpsRowView, rows_from_table
from googlenet_gui.ui.widgets.style import colour_key

QUIRK_COLOR = QColor("#fff1c9")
DIFF_COLOR = QColor("#fde2e1")
WITH_COLOR = "#2f7ed8"
NAIVE_COLOR = "#e8883a"
TIME_COLOR = "#3aa55d"
MACS_COLOR = "#7a3aa5"


class OpsView(QWidget):
    """Table + two charts; ``show_table`` on model load, ``show_times`` after each inspection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[OpsRowView] = []
        self._times_ms: dict[str, float] | None = None  # shown times not drawn yet (the tab was hidden)
        self.summary = QLabel("Load a model to see its Table 1.")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([c.title for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        for index, column in enumerate(COLUMNS):
            self.table.horizontalHeaderItem(index).setToolTip(column.tooltip)
        self.reduction_plot = _plot("")  # the unit is in the title: a vertical label was cut short
        self.with_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=WITH_COLOR, name="with 1×1 reductions")
        self.naive_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=NAIVE_COLOR, name="naive (no reductions)")
        self.reduction_plot.addItem(self.with_bars)
        self.reduction_plot.addItem(self.naive_bars)
        self.time_plot = _plot("ms")
        self.time_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=TIME_COLOR, name="time (ms)")
        self.time_plot.addItem(self.time_bars)
        self.reduction_labels = BarLabels(self.reduction_plot.getPlotItem(), compact_layer_name)
        self.time_labels = BarLabels(self.time_plot.getPlotItem(), compact_layer_name)
        self.macs_curve = pg.ViewBox()
        self.macs_curve.setZValue(100)  # points drawn above the time bars, not hidden behind them
        self.time_plot.showAxis("right")
        self.time_plot.scene().addItem(self.macs_curve)
        self.time_plot.getAxis("right").linkToView(self.macs_curve)
        self.macs_curve.setXLink(self.time_plot)
        self.macs_points = pg.PlotDataItem([], [], pen=None, symbol="o", symbolBrush=MACS_COLOR, symbolSize=9,
                                         symbolPen="w")
        self.macs_curve.addItem(self.macs_points)
        self.time_plot.getViewBox().sigResized.connect(
            lambda: self.macs_curve.setGeometry(self.time_plot.getViewBox().sceneBoundingRect()))
        charts = QSplitter(Qt.Orientation.Horizontal)
        # Keys as text above the plots: pyqtgraph's legend covered the tallest bars.
        charts.addWidget(_titled("Multiply-adds per Inception module (M)<br>" + colour_key(
            (WITH_COLOR, "with 1×1 reductions"), (NAIVE_COLOR, "without")), self.reduction_plot))
        charts.addWidget(_titled("Measured time per layer<br>" + colour_key(
            (TIME_COLOR, "ms (left)"), (MACS_COLOR, "M mult-adds (right)")), self.time_plot))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setSizes([420, 260])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def show_counting(self) -> None:
        """A new model is loaded; its table follows once the first image is on screen."""
        self.rows = []
        self.table.setRowCount(0)
        self.summary.setText("Counting parameters and multiply-adds…")

    def show_table(self, table, error: str | None = None) -> None:  # noqa: ANN001 - core.ops.OpsTable
        """Fill the table and the reduction chart for a newly loaded model."""
        if table is None:
            self.rows = []
            self.table.setRowCount(0)
            self.summary.setText(error or "No operation count for this model.")
            return
        self.rows, totals = rows_from_table(table)
        self.summary.setText(totals)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, column in enumerate(COLUMNS):
                self.table.setItem(r, c, self._cell(row, column.key))
        self.table.resizeColumnsToContents()
        self._draw_reductions()

    def highlight_rows(self, names: tuple[str, ...] | list[str]) -> list[int]:
        """Select the rows of these layers (a lesson step points at them) and scroll to the first."""
        self.table.clearSelection()
        found = [r for r, row in enumerate(self.rows) if row.name in set(names)]
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QTableWidget.SelectionMode.MultiSelection)
        for r in found:
            self.table.selectRow(r)
        self.table.setSelectionMode(mode)
        if found:
            self.table.scrollToItem(self.table.item(found[0], 0))
        return found

    def _cell(self, row: OpsRowView, key: str) -> QTableWidgetItem:
        item = QTableWidgetItem(row.text(key))
        if key not in ("name", "type", "patch", "output"):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if row.note:
            item.setToolTip(row.note)
        if row.quirk:
            item.setBackground(QBrush(QUIRK_COLOR))
        if key in ("diff_params", "diff_macs") and row.large_difference(key):
            item.setBackground(QBrush(DIFF_COLOR))
        return item

    def _draw_reductions(self) -> None:
        modules = [row for row in self.rows if row.naive_macs is not None and row.macs is not None]
        x = np.arange(len(modules))
        self.with_bars.setOpts(x=x - 0.2, height=[row.macs / 1e6 for row in modules])
        self.naive_bars.setOpts(x=x + 0.2, height=[row.naive_macs / 1e6 for row in modules])
        self.reduction_labels.set_names([row.name.replace("inception", "") for row in modules])
        self.reduction_plot.autoRange()

    def show_times(self, times_ms: dict[str, float]) -> None:
        """Measured ms per layer beside its multiply-adds, drawn now if the tab is on screen,
        else when it is next shown.

        WHY: redrawing the table column and both charts took ~10 ms of the GUI thread on
        every dropped image, a third of the window's update, for a tab nobody was looking at.
        """
        for row in self.rows:
            row.time_ms = times_ms.get(row.name)
        self._times_ms = dict(times_ms)
        if self.isVisible():
            self._draw_times()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().showEvent(event)
        if self._times_ms is not None:
            self._draw_times()

    def _draw_times(self) -> None:
        """The time column and chart for :meth:`show_times`' latest times (rows without one are skipped)."""
        times_ms, self._times_ms = self._times_ms or {}, None
        timed = [row for row in self.rows if row.name in times_ms and row.macs]
        column = next(i for i, c in enumerate(COLUMNS) if c.key == "time_ms")
        for r, row in enumerate(self.rows):
            self.table.setItem(r, column, self._cell(row, "time_ms"))
        x = np.arange(len(timed))
        self.time_bars.setOpts(x=x, height=[times_ms[row.name] for row in timed])
        self.macs_points.setData(x, [row.macs / 1e6 for row in timed])
        self.time_labels.set_names([row.name.replace("inception", "") for row in timed])
        self.time_plot.autoRange()
        self.macs_curve.autoRange()


def _plot(left_label: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background=None)
    plot.setMenuEnabled(False)
    plot.getAxis("left").setLabel(left_label)
    plot.showGrid(y=True, alpha=0.25)
    plot.setMinimumHeight(140)  # with its title above it, no taller than the pane at 1280x800 in presentation mode
    return plot


def _titled(title: str, plot: pg.PlotWidget) -> QWidget:
    """``plot`` under a wrapping Qt title.

    WHY not pyqtgraph's title: its label claims its text's full width, so below ~1400 px
    the time chart's long title pushed the right (multiply-adds) axis out of the widget.
    """
    box = QWidget()
    label = QLabel(title)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(label)
    layout.addWidget(plot, 1)
    return box


def compact_layer_name(name: str) -> str:
    """"c1" for "conv1" (and "a1" for "aux1"): what fits under a bar when the full names would overlap."""
    return name.replace("conv", "c").replace("aux", "a")
