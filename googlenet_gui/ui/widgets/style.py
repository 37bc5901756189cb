"""Text emphasis without style sheets, so presentation mode's larger font reaches every label.

A style sheet that sets a font on a widget stops it following its parent's font;
these helpers change only the one attribute (weight, colour, relative size).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QWidget


def bold(widget: QWidget) -> QWidget:
    font = QFont()
    font.setBold(True)  # only the weight is resolved; size and family still follow the parent
    widget.setFont(font)
    return widget


def muted(widget: QWidget) -> QWidget:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    widget.setPalette(palette)
    return widget


def colour_key(*entries: tuple[str, str]) -> str:
    """Rich text: a coloured square before each meaning, wrapping between entries only.

    WHY text rather than pyqtgraph legends: legends sat on top of the bars and curves
    they named at projector sizes (the ops charts and the Fine-tune curves).
    """
    return " &nbsp;· ".join(f'<span style="color: {colour}">&#9632;</span>&nbsp;{text.replace(" ", "&nbsp;")}'
                            for colour, text in entries)
