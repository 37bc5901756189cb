"""Tick labels that stay readable when a plot is narrow (small screens, projector fonts).

pyqtgraph draws every explicitly set tick label, overlapping or not: three class names
under a 20-px confusion-matrix column, or "conv1conv2conv3" under the ops chart's bars at
1280x800, ran into one unreadable line.  These helpers measure first and fall back to a
compact form.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetrics


def labels_fit(plot: pg.PlotItem, labels: list[str], axis: str = "bottom", margin_px: int = 6) -> bool:
    """Whether the widest of ``labels`` fits in one unit of view width at the plot's current size."""
    if not labels:
        return True
    mapped = plot.getViewBox().mapViewToDevice(QRectF(0, 0, 1, 1))
    unit_px = mapped.boundingRect().width() if mapped is not None else 0.0
    axis_item = plot.getAxis(axis)
    metrics = QFontMetrics(axis_item.style["tickFont"] or axis_item.font())
    return max(metrics.horizontalAdvance(label) for label in labels) + margin_px <= unit_px


class BarLabels:
    """Labels under bars at x = 0, 1, 2 …: the names where they fit, else ``compact(name)``,
    else the compact names of every other bar.

    Chosen again whenever the plot is resized or its x range changes.  pyqtgraph's own
    rule (no labels at all once they fill 80% of the axis) is relaxed, because this check
    already keeps them apart: with presentation fonts it had blanked the ops time chart.
    """

    def __init__(self, plot: pg.PlotItem, compact: Callable[[str], str]) -> None:
        self.plot = plot
        self.compact = compact
        self.names: list[str] = []
        self.shown: list[str] = []
        plot.getAxis("bottom").setStyle(textFillLimits=[(0, 0.98)])
        view = plot.getViewBox()
        view.sigResized.connect(self.refresh)
        view.sigXRangeChanged.connect(self.refresh)

    def set_names(self, names: list[str]) -> None:
        self.names = list(names)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        compact = [self.compact(name) for name in self.names]
        if labels_fit(self.plot, self.names):
            shown = self.names
        elif labels_fit(self.plot, compact):
            shown = compact
        else:
            shown = [name if i % 2 == 0 else "" for i, name in enumerate(compact)]
        if shown != self.shown:
            self.shown = shown
            self.plot.getAxis("bottom").setTicks([list(enumerate(shown))])
