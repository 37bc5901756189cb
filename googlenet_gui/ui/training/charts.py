"""Live curves per head and the validation confusion matrix (pyqtgraph, GUI thread only)."""

from __future__ import annotations

from collections.abc import Generator, Iterator

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from googlenet_gui.core.viz.colormaps import colormap_lut
from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.widgets.axis_labels import labels_fit
from googlenet_gui.ui.widgets.style import colour_key

HEAD_COLOURS: dict[str, tuple[int, int, int]] = {"main": (31, 119, 180), "aux1": (255, 127, 14), "aux2": (44, 160, 44)}
SPLITS: dict[str, Qt.PenStyle] = {"train": Qt.PenStyle.DashLine, "val": Qt.PenStyle.SolidLine}
#: The epoch axis before a run is set up (the options form's default epoch count).
DEFAULT_EPOCHS = 5
#: The loss axis before the first batch: a little above chance for a few classes (ln 3 ~ 1.1).
INITIAL_LOSS_RANGE = 2.5


def _plot() -> pg.PlotWidget:
    """A white plot with a light grid of major and minor ticks.

    WHY the unit in the title rather than on the left axis: a vertical label is as long
    as the plot is tall, and at 1024x768 in presentation mode "cross-entropy" ran over
    "fraction correct" beside two short plots.

    WHY ``maxTickLevel=1``: pyqtgraph's third tick level drew dozens of faint grid lines
    that made each repaint of the two curve plots cost ~45 ms (on every batch while
    training); without them a repaint costs a few ms and the grid reads better on a projector.
    """
    plot = pg.PlotWidget()
    plot.setBackground("w")
    for side in ("bottom", "left"):
        plot.getAxis(side).setStyle(maxTickLevel=1)
        plot.getAxis(side).enableAutoSIPrefix(False)  # an empty plot's axis read "epoch (x0.001)"
    plot.showGrid(x=True, y=True, alpha=0.25)
    return plot


def key_html() -> str:
    """The curves' key as one line of text: colour is the head, the line style the split.

    WHY not pyqtgraph legends: seven entries per plot sat on top of the curves they named
    (at 1024x768 they covered most of each plot), and twelve legend entries were a third
    of the charts' construction time.
    """
    names = {"main": translate("TrainingCharts", "main")}  # aux1 and aux2 are names in every language
    heads = colour_key(*((f"#{r:02x}{g:02x}{b:02x}", names.get(head, head)) for head, (r, g, b) in HEAD_COLOURS.items()))
    splits = translate("TrainingCharts", "dashed: train, solid: val")
    batch = translate("TrainingCharts", "grey: batch loss")
    # Non-breaking inside each part, so a narrow pane wraps between parts, never inside one.
    return " &nbsp;· ".join((heads, *(part.replace(" ", "&nbsp;") for part in (splits, batch))))


class CurvesView(Retranslatable, QWidget):
    """Loss and accuracy per head (solid: validation, dashed: training), plus the live batch loss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Empty until :meth:`build_pieces` has run (see ``ui/widgets/deferred.py``)."""
        super().__init__(parent)
        self.curves: dict[tuple[str, str, str], pg.PlotDataItem] = {}
        self.planned_epochs = DEFAULT_EPOCHS
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.key)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The key, and the plots' titles (units in them: see :func:`_plot`) once they are built."""
        self.key.setText(key_html())
        if hasattr(self, "acc_plot"):
            self.loss_plot.setTitle(self.tr("Loss (cross-entropy)"))
            self.acc_plot.setTitle(self.tr("Accuracy (0–1)"))
            self.acc_plot.setLabel("bottom", self.tr("epoch"))

    def build_pieces(self) -> Iterator[None]:
        """Build the plots and their curves, yielding after each plot (~15–25 ms) and each
        curve (a few ms)."""
        self.loss_plot = _plot()
        yield
        yield from self._add_head_curves("loss", self.loss_plot)
        self.batch_curve = self.loss_plot.plot([], [], pen=pg.mkPen((150, 150, 150), width=1))
        yield
        self.acc_plot = _plot()
        self.retranslate_ui()
        self.acc_plot.setYRange(0, 1.02)
        self.acc_plot.setXLink(self.loss_plot)  # one epoch axis: its label only once, below
        yield
        yield from self._add_head_curves("acc", self.acc_plot)
        self._layout.addWidget(self.loss_plot)
        self._layout.addWidget(self.acc_plot)
        self.clear(self.planned_epochs)

    def _add_head_curves(self, metric: str, plot: pg.PlotWidget) -> Iterator[None]:
        for head, colour in HEAD_COLOURS.items():
            for split, style in SPLITS.items():
                pen = pg.mkPen(colour, width=2, style=style)
                self.curves[(metric, head, split)] = plot.plot(
                    [], [], pen=pen, symbol="o", symbolSize=5, symbolBrush=colour, name=f"{head} {split}")
                yield

    def clear(self, epochs: int | None = None) -> None:
        """Empty the curves; the epoch axis spans the run's ``epochs`` (1 to N, real numbers before
        any data) and the loss axis starts at a chance-level scale until the first loss arrives."""
        self.planned_epochs = epochs or self.planned_epochs
        if not hasattr(self, "loss_plot"):  # not built yet: build_pieces clears with this count
            return
        self.loss_plot.setXRange(0, max(1, self.planned_epochs), padding=0.02)
        self.loss_plot.setYRange(0, INITIAL_LOSS_RANGE, padding=0)
        self.history: dict[tuple[str, str, str], list[float]] = {key: [] for key in self.curves}
        self.epochs: list[int] = []
        self.batch_x: list[float] = []
        self.batch_y: list[float] = []
        for curve in self.curves.values():
            curve.setData([], [])
        self.batch_curve.setData([], [])

    def add_batch(self, epoch: int, batch: int, batches: int, loss: float) -> None:
        if not self.batch_x:
            self.loss_plot.enableAutoRange(axis="y")  # from the first loss on, the data sets the scale
        self.batch_x.append(epoch - 1 + batch / max(1, batches))
        self.batch_y.append(loss)
        self.batch_curve.setData(self.batch_x, self.batch_y)

    def add_epoch(self, result) -> None:  # noqa: ANN001 - core.training.EpochResult
        self.epochs.append(result.epoch)
        values = {("loss", "train"): result.train_losses, ("loss", "val"): result.val_losses,
                  ("acc", "train"): result.train_accuracies, ("acc", "val"): result.val_accuracies}
        for (metric, split), per_head in values.items():
            for head, value in per_head.items():
                key = (metric, head, split)
                if key in self.history:
                    self.history[key].append(value)
                    self.curves[key].setData(self.epochs[-len(self.history[key]):], self.history[key])


class ConfusionView(Retranslatable, QStackedWidget):
    """Rows: true class, columns: predicted; one ImageItem, explicit levels, counts drawn on cells.

    A note stands in for the plot until the first epoch brings a matrix: an empty plot told
    the user nothing and its axes were a third of the tab's paint.
    """

    MAX_LABELLED = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.plot = self.canvas.addPlot()
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(colormap_lut("CET-L12"))
        self.plot.addItem(self.image)
        self.texts: list[pg.TextItem] = []
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        self.class_names: list[str] = []
        self.epoch: tuple[int | None, bool] = (None, False)  # which epoch the matrix is of; the best one?
        self.titles = ("", "")  # whole, short
        self.plot.getViewBox().sigResized.connect(self._fit)
        self.addWidget(self.note)
        self.addWidget(self.canvas)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.note.setText(self.tr("The validation confusion matrix (rows: true class, columns: predicted) "
                                  "appears here after the first epoch."))
        self.plot.setLabel("left", self.tr("true class"))
        self.plot.setLabel("bottom", self.tr("predicted"))
        self.titles = self._titles(*self.epoch)
        self._title_that_fits()

    def _titles(self, epoch: int | None, best: bool) -> tuple[str, str]:
        """The whole title, saying which epoch the matrix belongs to, and its short form."""
        if epoch is None:
            whole = self.tr("Validation confusion matrix")
            return whole, whole
        if best:
            return (self.tr("Validation, best epoch ({epoch})").format(epoch=epoch),
                    self.tr("Best epoch ({epoch})").format(epoch=epoch))
        return self.tr("Validation, epoch {epoch}").format(epoch=epoch), self.tr("Epoch {epoch}").format(epoch=epoch)

    def show_matrix(self, matrix: np.ndarray, class_names: list[str], epoch: int | None = None,
                    best: bool = False) -> None:
        """Draw ``matrix`` (rows: true class); the title says which ``epoch`` (the ``best`` one) it is of,
        a short form standing in where the whole title would be cut."""
        self.epoch = (epoch, best)
        self.titles = self._titles(epoch, best)
        for text in self.texts:
            self.plot.removeItem(text)
        self.texts = []
        self.matrix = np.asarray(matrix)
        n = self.matrix.shape[0]
        self.class_names = list(class_names[:n])
        top = float(max(1, self.matrix.max(initial=0)))
        self.image.setImage(self.matrix.astype(np.float32), levels=(0.0, top), autoLevels=False)
        if n <= self.MAX_LABELLED:
            font = self.plot.getAxis("left").style["tickFont"]  # the presentation font, when it is on
            for (row, col), count in np.ndenumerate(self.matrix):
                text = pg.TextItem(str(int(count)), color="w" if count > top * 0.6 else "k", anchor=(0.5, 0.5))
                if font is not None:
                    text.setFont(font)
                text.setPos(col + 0.5, row + 0.5)
                self.plot.addItem(text)
                self.texts.append(text)
        self.setCurrentWidget(self.canvas if n else self.note)
        self._fit()

    def _fit(self) -> None:
        """Labels for the new size, and the whole matrix in view again.

        WHY: with the aspect locked, a resize (the charts going side by side, the form
        folded away) kept the old centre and cut the last column off.
        """
        self._label_axes()
        if self.matrix.size:
            self.plot.autoRange()
        self._title_that_fits()

    def _title_that_fits(self) -> None:
        """The whole title, or the short one where pyqtgraph would cut the whole one off.

        pyqtgraph centres the title over the plot's view column (not over the row labels),
        so that column's width is what the title has.
        """
        title, short = self.titles
        self.plot.setTitle(title)
        if self.plot.titleLabel.item.boundingRect().width() > self.plot.getViewBox().width():
            self.plot.setTitle(short)

    def column_labels_fit(self) -> bool:
        """Whether every class name fits under its column at the current size."""
        return labels_fit(self.plot, self.class_names)

    def _label_axes(self) -> None:
        """Class names on both axes where they fit; else numbers below and "1 name" beside.

        WHY: names wider than their column overlapped into one unreadable line (three
        classes at 1024x768 already did), and pyqtgraph drops row labels wider than the
        axis instead of widening it.
        """
        names = self.class_names
        left = self.plot.getAxis("left")
        if self.column_labels_fit():
            rows, columns = names, names
        else:
            rows, columns = [f"{i + 1} {name}" for i, name in enumerate(names)], [str(i + 1) for i in range(len(names))]
        self.plot.getAxis("bottom").setTicks([[(i + 0.5, label) for i, label in enumerate(columns)]])
        left.setTicks([[(i + 0.5, label) for i, label in enumerate(rows)]])
        metrics = QFontMetrics(left.style["tickFont"] or left.font())
        widest = max((metrics.horizontalAdvance(label) for label in rows), default=0)
        left.setWidth(min(200, widest + 16 + 20))  # + the "true class" label's line


class ChartsSplit(QSplitter):
    """Loss/accuracy curves and the confusion matrix: side by side where the pane is wide, else stacked."""

    def __init__(self, curves: CurvesView, confusion: ConfusionView) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.curves = curves
        self.confusion = confusion
        self.addWidget(self.curves)
        self.addWidget(self.confusion)
        self.setSizes([520, 260])
        self._share_space()
        confusion.currentChanged.connect(lambda _index: self._share_space())

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        """Side by side once the pane is 1.6x as wide as tall (the form folded away, a wide window).

        WHY: stacked in a wide, short pane, each curve plot got ~100 px of height and the
        matrix a strip; side by side both keep the pane's whole height.
        """
        super().resizeEvent(event)
        wanted = Qt.Orientation.Horizontal if self.width() >= 1.6 * self.height() else Qt.Orientation.Vertical
        if self.orientation() != wanted:
            self.setOrientation(wanted)
            self._share_space()

    def _share_space(self) -> None:
        """Matrix a third of the height (stacked) or 45% of the width (its title must fit);
        until there is a matrix, its pane is just its note.

        WHY: a third of a short pane (1024x768, presentation mode) held a 3-line sentence
        while the loss plot was 30 px tall.
        """
        total = max(sum(self.sizes()), 3)
        shown = self.confusion.currentWidget() is self.confusion.canvas
        if self.orientation() == Qt.Orientation.Horizontal:
            matrix = total * 9 // 20 if shown else total // 4
        else:
            matrix = total // 3 if shown else self.confusion.note.sizeHint().height()
        self.setSizes([max(total - matrix, 1), matrix])


def build_charts_in_pieces() -> Generator[None, None, ChartsSplit]:
    """The charts a piece at a time (see ``ui/widgets/deferred.py``): ~140 ms in one go otherwise."""
    curves = CurvesView()
    yield from curves.build_pieces()
    yield
    confusion = ConfusionView()
    yield
    return ChartsSplit(curves, confusion)
