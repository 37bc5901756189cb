"""A one-line label that shortens its text with "…" instead of widening its parent.

WHY: a plain QLabel's minimum width is its whole text, so a long note under an aux
chart made the aux panels wider than the main head's and cut the main head's class
names at projector sizes.  This label asks only for its short form's width (or none),
shows the short form where the whole text does not fit, elides what still does not,
and puts the whole text in its tooltip whenever it is shortened.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPaintEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class ElidingLabel(QWidget):
    """Shows ``text()`` on one line, elided at the right when the width is short."""

    def __init__(self, text: str = "", parent: QWidget | None = None, short: str = "") -> None:
        super().__init__(parent)
        self._text = text
        self._short = short
        self._alignment = Qt.AlignmentFlag.AlignLeft
        self._explanation = ""
        self._prefer_short = False
        self._displayed: tuple[tuple, str] = ((), "")  # (text, short, width, font) -> the text drawn
        # Preferred, not Ignored: layouts must still honour minimumSizeHint (the short form).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str, short: str = "") -> None:  # noqa: N802 - QLabel's name
        """``short`` is shown (elided if need be) wherever the whole ``text`` does not fit."""
        if (text, short) == (self._text, self._short):
            return  # WHY: most captions are set again unchanged on every image; no relayout, no repaint
        self._text = text
        self._short = short
        self.updateGeometry()
        self._refresh()

    def setAlignment(self, alignment: Qt.AlignmentFlag) -> None:  # noqa: N802 - QLabel's name
        self._alignment = alignment
        self.update()

    def set_explanation(self, explanation: str) -> None:
        """Tooltip text shown below the full note (the note itself is added when elided)."""
        self._explanation = explanation
        self._refresh()

    def fits(self, text: str) -> bool:
        """Whether ``text`` fits the label's width whole."""
        return self._width_of(text) <= self.contentsRect().width()

    def prefer_short(self, on: bool) -> None:
        """Show the short form even where the whole text fits (a row of captions in one form)."""
        if on != self._prefer_short:
            self._prefer_short = on
            self._displayed = ((), "")
            self._refresh()

    def is_elided(self) -> bool:
        return self._width_of(self._text) > self.contentsRect().width()

    def _width_of(self, text: str) -> int:
        """Whole pixels the text needs (rounded up: a rounded-down width made Qt elide it)."""
        return math.ceil(QFontMetricsF(self.font()).horizontalAdvance(text)) + 1 if text else 0

    def displayed_text(self) -> str:
        """What fits, worked out again only when the text, the width or the font changed (paints are frequent)."""
        width = self.contentsRect().width()
        key = (self._text, self._short, width, self.font().key())
        if key != self._displayed[0]:
            shortened = self.is_elided() or self._prefer_short
            shown = self._short if shortened and self._short else self._text  # the short form says the most
            self._displayed = (key, self.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideRight, width))
        return self._displayed[1]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._width_of(self._text), self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """No width of its own, or the short form's: a layout can always fit that much."""
        return QSize(self._width_of(self._short), self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.contentsRect(), int(self._alignment | Qt.AlignmentFlag.AlignVCenter),
                         self.displayed_text())
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode: another width per character
            self.updateGeometry()
            self._refresh()

    def _refresh(self) -> None:
        full = self._text if self.is_elided() or (self._prefer_short and self._short) else ""
        self.setToolTip("\n\n".join(part for part in (full, self._explanation) if part))
        self.update()
