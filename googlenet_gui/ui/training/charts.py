"""Live curves per head and the validation confusion matrix (pyqtgraph, GUI thread only)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

HEAD_COLOURS: dict[str, tuple[int, int, int]] = {"main": (31, 119, 180), "aux1": (255, 127, 14), "aux2": (44, 160, 44)}
SPLITS: dict[str, Qt.PenStyle] = {"train": Qt.PenStyle.DashLine, "val": Qt.PenStyle.SolidLine}


def _plot(title: str, y_label: str) -> pg.PlotWidget:
    """A white plot with a light grid of major and minor ticks.

    WHY ``maxTickLevel=1``: pyqtgraph's third tick level drew dozens of faint grid lines
    that made each repaint of the two curve plots cost ~45 ms (on every batch while
    training); without them a repaint costs a few ms and the grid reads better on a projector.
    """
    plot = pg.PlotWidget(title=title)
    plot.setBackground("w")
    for side in ("bottom", "left"):
        plot.getAxis(side).setStyle(maxTickLevel=1)
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.setLabel("bottom", "epoch")
    plot.setLabel("left", y_label)
    plot.addLegend(offset=(-10, 10), labelTextSize="7pt", colCount=3)
    return plot


class CurvesView(QWidget):
    """Loss and accuracy per head (solid: validation, dashed: training), plus the live batch loss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Empty until :meth:`build_pieces` has run (see ``ui/deferred.py``)."""
        super().__init__(parent)
        self.curves: dict[tuple[str, str, str], pg.PlotDataItem] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build_pieces(self) -> Iterator[None]:
        """Build the plots and their curves, yielding after each plot (~15–25 ms) and each
        curve with its legend entry (~4 ms; six at once took ~25)."""
        self.loss_plot = _plot("Loss", "cross-entropy")
        yield
        yield from self._add_head_curves("loss", self.loss_plot)
        self.batch_curve = self.loss_plot.plot([], [], pen=pg.mkPen((150, 150, 150), width=1), name="batch (total)")
        yield
        self.acc_plot = _plot("Accuracy", "fraction correct")
        self.acc_plot.setYRange(0, 1.02)
        yield
        yield from self._add_head_curves("acc", self.acc_plot)
        self._layout.addWidget(self.loss_plot)
        self._layout.addWidget(self.acc_plot)
        self.clear()

    def _add_head_curves(self, metric: str, plot: pg.PlotWidget) -> Iterator[None]:
        for head, colour in HEAD_COLOURS.items():
            for split, style in SPLITS.items():
                pen = pg.mkPen(colour, width=2, style=style)
                self.curves[(metric, head, split)] = plot.plot(
                    [], [], pen=pen, symbol="o", symbolSize=5, symbolBrush=colour, name=f"{head} {split}")
                yield

    def clear(self) -> None:
        self.history: dict[tuple[str, str, str], list[float]] = {key: [] for key in self.curves}
        self.epochs: list[int] = []
        self.batch_x: list[float] = []
        self.batch_y: list[float] = []
        for curve in self.curves.values():
            curve.setData([], [])
        self.batch_curve.setData([], [])

    def add_batch(self, epoch: int, batch: int, batches: int, loss: float) -> None:
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


class ConfusionView(QStackedWidget):
    """Rows: true class, columns: predicted; one ImageItem, explicit levels, counts drawn on cells.

    A note stands in for the plot until the first epoch brings a matrix: an empty plot told
    the user nothing and its axes were a third of the tab's paint.
    """

    MAX_LABELLED = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel("The validation confusion matrix (rows: true class, columns: predicted) "
                           "appears here after the first epoch.")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.plot = self.canvas.addPlot(title="Validation confusion matrix (rows: true, columns: predicted)")
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(pg.colormap.get("CET-L12").getLookupTable(nPts=256))
        self.plot.addItem(self.image)
        self.texts: list[pg.TextItem] = []
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        self.addWidget(self.note)
        self.addWidget(self.canvas)

    def show_matrix(self, matrix: np.ndarray, class_names: list[str]) -> None:
        for text in self.texts:
            self.plot.removeItem(text)
        self.texts = []
        self.matrix = np.asarray(matrix)
        n = self.matrix.shape[0]
        top = float(max(1, self.matrix.max(initial=0)))
        self.image.setImage(self.matrix.astype(np.float32), levels=(0.0, top), autoLevels=False)
        ticks = [list(enumerate(class_names[:n]))]
        shifted = [[(i + 0.5, name) for i, name in ticks[0]]]
        self.plot.getAxis("bottom").setTicks(shifted)
        left = self.plot.getAxis("left")
        left.setTicks(shifted)
        # pyqtgraph drops row labels wider than the axis instead of widening it
        metrics = QFontMetrics(left.style["tickFont"] or left.font())
        widest = max((metrics.horizontalAdvance(name) for name in class_names[:n]), default=0)
        left.setWidth(min(200, widest + 16))
        if n <= self.MAX_LABELLED:
            for (row, col), count in np.ndenumerate(self.matrix):
                colour = "w" if count > top * 0.6 else "k"
                text = pg.TextItem(str(int(count)), color=colour, anchor=(0.5, 0.5))
                text.setPos(col + 0.5, row + 0.5)
                self.plot.addItem(text)
                self.texts.append(text)
        self.plot.autoRange()
        self.setCurrentWidget(self.canvas if n else self.note)
