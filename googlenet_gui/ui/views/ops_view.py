"""Table 1, live for the loaded model: the paper's columns, its values, the differences.

Rows come from ``core.ops.count_ops(model)`` (a walk over the real modules), so a
tutorial checkpoint with true 5x5 kernels and torchvision's 3x3-in-the-5x5-slot give
different numbers, and the view shows where each departs from the paper.  Beside the
table: multiply-adds per Inception module with vs without the 1x1 reductions, and the
measured time per layer on the current device next to its multiply-adds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.widgets.axis_labels import BarLabels
from googlenet_gui.core.opcount.display import (COLUMNS, DROPOUT_TYPE, LAYER_TYPES, TOTALS, OpsRowView,
                                                 rows_from_table, totals_summary)
from googlenet_gui.ui.widgets.style import colour_key
from googlenet_gui.ui.widgets.table_fit import fit_columns

QUIRK_COLOR = QColor("#fff1c9")
DIFF_COLOR = QColor("#fde2e1")
WITH_COLOR = "#2f7ed8"
NAIVE_COLOR = "#e8883a"
TIME_COLOR = "#3aa55d"
MACS_COLOR = "#7a3aa5"
#: Table 1 on a projector: the paper's own columns plus this model's totals; the rest one key away.
ESSENTIAL_COLUMNS = ("name", "type", "patch", "output", "depth", "n1x1", "n3x3_reduce", "n3x3", "n5x5_reduce", "n5x5",
                     "pool_proj", "params", "macs")
#: Headers on two lines while presenting: one-line titles made the essential columns scroll at 1024 px.
#: In English, shown as ``translate("Table1", title)`` like core's column titles.
STACKED_TITLES = {"patch": QT_TRANSLATE_NOOP("Table1", "patch /\nstride"),
                  "output": QT_TRANSLATE_NOOP("Table1", "output\nsize"),
                  "n3x3_reduce": QT_TRANSLATE_NOOP("Table1", "#3×3\nreduce"),
                  "n5x5_reduce": QT_TRANSLATE_NOOP("Table1", "#5×5\nreduce"),
                  "pool_proj": QT_TRANSLATE_NOOP("Table1", "pool\nproj"),
                  "paper_params": QT_TRANSLATE_NOOP("Table1", "paper\nparams"),
                  "macs": QT_TRANSLATE_NOOP("Table1", "ops"), "paper_macs": QT_TRANSLATE_NOOP("Table1", "paper\nops"),
                  "naive_macs": QT_TRANSLATE_NOOP("Table1", "naive\nops"),
                  "time_ms": QT_TRANSLATE_NOOP("Table1", "time\n(ms)")}
#: The table's font never goes below this to fit the stage (it scrolls instead).
MIN_TABLE_POINTS = 7.0
ROW_PADDING = 4


class OpsView(Retranslatable, QWidget):
    """Table + two charts; ``show_table`` on model load, ``show_times`` after each inspection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[OpsRowView] = []
        self.presenting = False
        self.all_columns = False
        self._times_ms: dict[str, float] | None = None  # shown times not drawn yet (the tab was hidden)
        # The summary line in the current language (a function: it is made again on a language switch).
        self._summary: Callable[[], str] = lambda: self.tr("Load a model to see its Table 1.")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([c.title for c in COLUMNS])  # items to retitle in retranslate_ui
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
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
        self.reduction_title, self.time_title = QLabel(), QLabel()
        charts.addWidget(_titled(self.reduction_title, self.reduction_plot))
        charts.addWidget(_titled(self.time_title, self.time_plot))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setSizes([420, 260])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Headings, chart titles and the summary line (the numbers are the same in every language)."""
        self._title_columns()
        self.reduction_title.setText(self.tr("Multiply-adds per Inception module (M)") + "<br>" + colour_key(
            (WITH_COLOR, self.tr("with 1×1 reductions")), (NAIVE_COLOR, self.tr("without"))))
        self.time_title.setText(self.tr("Measured time per layer") + "<br>" + colour_key(
            (TIME_COLOR, self.tr("ms (left)")), (MACS_COLOR, self.tr("M mult-adds (right)"))))
        self.summary.setText(self._summary())
        type_column = next(i for i, c in enumerate(COLUMNS) if c.key == "type")
        for r, row in enumerate(self.rows):
            if self.table.item(r, type_column) is not None:
                self.table.item(r, type_column).setText(layer_type(row.text("type")))
        if self.rows:  # the headings' widths changed with their words
            fit_columns(self.table)
            self.fit_table()

    def _title_columns(self) -> None:
        """Column headings (two-line ones while presenting) and their tooltips, in the current language."""
        for index, column in enumerate(COLUMNS):
            title = STACKED_TITLES.get(column.key, column.title) if self.presenting else column.title
            header = self.table.horizontalHeaderItem(index)
            header.setText(translate("Table1", title))
            header.setToolTip(translate("Table1", column.tooltip))

    def show_counting(self) -> None:
        """A new model is loaded; its table follows once the first image is on screen."""
        self.rows = []
        self.table.setRowCount(0)
        self._show_summary(lambda: self.tr("Counting parameters and multiply-adds…"))

    def show_table(self, table, error: str | None = None) -> None:  # noqa: ANN001 - core.ops.OpsTable
        """Fill the table and the reduction chart for a newly loaded model."""
        if table is None:
            self.rows = []
            self.table.setRowCount(0)
            self._show_summary(lambda: error or self.tr("No operation count for this model."))  # core's error as it is
            return
        self.rows, _english = rows_from_table(table)
        self._show_summary(lambda: totals_summary(table, translate("Table1", TOTALS)))
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, column in enumerate(COLUMNS):
                self.table.setItem(r, c, self._cell(row, column.key))
        fit_columns(self.table)
        self._draw_reductions()
        self.fit_table()

    def _show_summary(self, make: Callable[[], str]) -> None:
        self._summary = make
        self.summary.setText(make())

    # ----------------------------------------------------------- presentation
    def set_presenting(self, on: bool, all_columns: bool = False) -> None:
        """Presentation mode: the table alone, filling the view, its essential columns (or all).

        WHY: under the charts, with every column, a 1024x768 projector showed two rows of
        Table 1 and scrolled sideways.
        """
        self.presenting, self.all_columns = on, all_columns
        for index, column in enumerate(COLUMNS):
            self.table.setColumnHidden(index, on and not all_columns and column.key not in ESSENTIAL_COLUMNS)
        self._title_columns()
        self.summary.setVisible(not on)
        self.splitter.widget(1).setVisible(not on)
        if on:
            self.fit_table()
            return
        self.table.setFont(QFont())  # back to the window's font
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(self.table.verticalHeader().minimumSectionSize())
        self.table.resizeRowsToContents()
        fit_columns(self.table)

    def fit_table(self) -> None:
        """The largest font (from the view's) that puts every row in the height and, with the
        essential columns, every column in the width; rows then share out the height."""
        if not self.presenting or not self.rows:
            return
        room = self.table.contentsRect()
        size = self.font().pointSizeF()
        while True:
            fits = self._try_table_font(size, room.width() - 2, room.height() - 2)
            if fits or size <= MIN_TABLE_POINTS:
                break
            size -= 0.5
        mode = QHeaderView.ResizeMode.Stretch if fits else QHeaderView.ResizeMode.Fixed
        self.table.verticalHeader().setSectionResizeMode(mode)
        if fits and not self.all_columns:
            self._spread_columns(room.width() - 2)

    def _spread_columns(self, width: int) -> None:
        """Share the width left over among the shown columns (a wide stage had a blank right third)."""
        shown = [i for i in range(len(COLUMNS)) if not self.table.isColumnHidden(i)]
        extra = (width - sum(self.table.columnWidth(i) for i in shown)) // max(1, len(shown))
        for index in shown:
            self.table.setColumnWidth(index, self.table.columnWidth(index) + max(0, extra))

    def _try_table_font(self, size: float, width: int, height: int) -> bool:
        font = QFont(self.font())
        font.setPointSizeF(size)
        self.table.setFont(font)
        self.table.horizontalHeader().setFont(font)
        fit_columns(self.table)
        row_height = QFontMetrics(font).height() + ROW_PADDING
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        shown = [i for i in range(len(COLUMNS)) if not self.table.isColumnHidden(i)]
        needed_width = sum(self.table.columnWidth(i) for i in shown)
        needed_height = self.table.horizontalHeader().sizeHint().height() + len(self.rows) * row_height
        return needed_height <= height and (self.all_columns or needed_width <= width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.presenting:
            QTimer.singleShot(0, self, self.fit_table)  # once the layout has given the table its size

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """The stage's font follows its size; the table's own font is fitted again from it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.presenting:
            QTimer.singleShot(0, self, self.fit_table)

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
        item = QTableWidgetItem(layer_type(row.text(key)) if key == "type" else row.text(key))
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


def _titled(label: QLabel, plot: pg.PlotWidget) -> QWidget:
    """``plot`` under a wrapping Qt title.

    WHY not pyqtgraph's title: its label claims its text's full width, so below ~1400 px
    the time chart's long title pushed the right (multiply-adds) axis out of the widget.
    """
    box = QWidget()
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(label)
    layout.addWidget(plot, 1)
    return box


def layer_type(text: str) -> str:
    """Table 1's "type" words in the window's language (other layer kinds by their class name, as they are)."""
    if text in LAYER_TYPES:
        return translate("Table1", text)
    if text.startswith("dropout (") and text.endswith(")"):
        return translate("Table1", DROPOUT_TYPE).format(share=text[len("dropout ("):-1])
    return text


def compact_layer_name(name: str) -> str:
    """"c1" for "conv1" (and "a1" for "aux1"): what fits under a bar when the full names would overlap."""
    return name.replace("conv", "c").replace("aux", "a")
