"""Presentation mode: large fonts everywhere (Qt widgets and pyqtgraph text) for projectors.

pyqtgraph's text items and axes do not inherit widget fonts, so they are scaled here
explicitly; Qt widgets follow the window's font.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from googlenet_gui.ui.window.main_window import MainWindow

SCALE = 1.6
_BASE_FONT = "presentation_base_font"
#: pyqtgraph's own legend text size, restored when presentation mode ends.
LEGEND_TEXT_SIZE = "9pt"


def _scaled(font: QFont, factor: float) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    return scaled


def set_presentation(window: "MainWindow", on: bool) -> None:
    """Scale every font by SCALE (or back) and go full screen (or back)."""
    base = window.property(_BASE_FONT)
    if base is None:
        base = QFont(window.font())
        window.setProperty(_BASE_FONT, base)
    font = _scaled(base, SCALE) if on else QFont(base)
    window.setFont(font)
    scale_plots(window, font, enlarge=on)
    height = max(400, window.right.height())
    window.right.setSizes([int(height * (0.42 if on else 0.28)), int(height * (0.58 if on else 0.72))])
    if on:
        window.showFullScreen()
    else:
        window.showNormal()


def scale_plots(root: QWidget, font: QFont, enlarge: bool = True) -> None:
    """Give the axes and text items of every plot under ``root`` the window's font.

    Titles, axis labels and legends take its size too when ``enlarge``, and go back to
    pyqtgraph's own sizes when not.  Also called for views built later (see
    :mod:`.deferred`), which would otherwise keep small text on a projector.
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
