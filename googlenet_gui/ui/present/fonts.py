"""Point sizes for a projector, and pyqtgraph text that follows them.

pyqtgraph's text items and axes do not inherit widget fonts, so they are scaled here
explicitly; Qt widgets follow the window's font.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

#: Point size at a 1024x768 stage; larger stages scale it with their shorter side.
STAGE_POINT_SIZE = 14.0
MAX_POINT_SIZE = 40.0
#: pyqtgraph's own legend text size, restored when presentation mode ends.
LEGEND_TEXT_SIZE = "9pt"


def stage_point_size(width: int, height: int, floor: float) -> float:
    """The font for a ``width`` x ``height`` stage, to the half point.

    WHY from the stage: one fixed factor was too small at 1920x1080 and too large at
    1024x768, where the prediction panel took 40% of the height.  Never below ``floor``
    (the desk font): presentation mode never makes text smaller.
    """
    scale = min(width / 1024, height / 768)
    size = round(2 * STAGE_POINT_SIZE * scale) / 2
    return max(floor, min(MAX_POINT_SIZE, size))


def sized(font: QFont, point_size: float) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(max(6.0, point_size))
    return scaled


def scale_plots(root: QWidget, font: QFont, enlarge: bool = True) -> None:
    """Give the axes and text items of every plot under ``root`` the window's font.

    Titles, axis labels and legends take its size too when ``enlarge``, and go back to
    pyqtgraph's own sizes when not.  Also called for views built later (see
    :mod:`googlenet_gui.ui.widgets.deferred`), which would otherwise keep small text on a projector.
    """
    size = {"size": f"{font.pointSizeF():g}pt"} if enlarge else {}
    for plot in _plot_items(root):
        for side in ("bottom", "left", "right", "top"):  # ops: multiply-adds on the right; Explain: headers on top
            axis = plot.getAxis(side)
            axis.setStyle(tickFont=font)
            if axis.labelText:  # "epoch", "cross-entropy": a label's style holds its size
                axis.labelStyle = {"font-size": size["size"]} if size else {}
                axis.setLabel(axis.labelText, units=axis.labelUnits or None)
        if plot.titleLabel.text:
            plot.titleLabel.opts.pop("size", None)
            plot.setTitle(plot.titleLabel.text, **size)
        if plot.legend is not None:
            _size_legend(plot.legend, size.get("size", LEGEND_TEXT_SIZE))
        for item in plot.items:
            if isinstance(item, pg.TextItem):
                item.setFont(font)


def _size_legend(legend: pg.LegendItem, size: str) -> None:
    legend.setLabelTextSize(size)  # for entries added later
    for _sample, label in legend.items:
        label.setText(label.text, size=size)
    legend.updateSize()


def _plot_items(root: QWidget) -> list[pg.PlotItem]:
    """Every PlotItem under ``root``: in PlotWidgets and in GraphicsLayoutWidgets (the confusion matrix)."""
    plots = [widget.getPlotItem() for widget in root.findChildren(pg.PlotWidget)]
    for layout in root.findChildren(pg.GraphicsLayoutWidget):
        plots += [item for item in layout.ci.items if isinstance(item, pg.PlotItem)]
    return plots
