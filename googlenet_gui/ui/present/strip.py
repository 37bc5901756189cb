"""The compact strip of the three heads' top-1 and top-3 above every presentation view.

WHY its own widget: the desk's bar charts took 40% of a 1024x768 projector.  Here a
head is four lines of text; class names elide with "…" and the percentages sit in a
column of their own that never shrinks, so a percentage never disappears.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from googlenet_gui.core.inference.predictions import head_agreement
from googlenet_gui.core.inference.results import HeadResult, percent_text
from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.predictions import agreement_words, aux_notes
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold, muted

TOP = 3
#: Each head's title, English (shown as ``translate("HeadsStrip", title)``).
STRIP_TITLES = {"main": QT_TRANSLATE_NOOP("HeadsStrip", "Main head"),
                "aux1": QT_TRANSLATE_NOOP("HeadsStrip", "Aux 1 (4a)"),
                "aux2": QT_TRANSLATE_NOOP("HeadsStrip", "Aux 2 (4d)")}
#: The widest percentage text: the column is this wide whatever the font.
WIDEST_PERCENT = "100.0%"


class HeadColumn(QFrame):
    """One head: its title, its top-3 and, for an aux head, its agreement with the main head."""

    def __init__(self, head: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.head = head
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = ElidingLabel(translate("HeadsStrip", STRIP_TITLES[head]))
        bold(self.title)
        self.note = ElidingLabel("")  # an aux head's agreement with the main head, in words
        muted(self.note)
        self.names = [ElidingLabel("") for _ in range(TOP)]
        self.percents = [QLabel("") for _ in range(TOP)]
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.title, 0, 0, 1, 2)
        for row, (name, percent) in enumerate(zip(self.names, self.percents), start=1):
            name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            percent.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            percent.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            grid.addWidget(name, row, 0)
            grid.addWidget(percent, row, 1)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        grid.addWidget(self.note, TOP + 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self._size_percents()

    def show_head(self, result: HeadResult | None, title: str = "", note: tuple[str, str] = ("", "")) -> None:
        """``result``'s top-3 (an untrained head greyed), or empty lines; after the title
        ``title`` ("top-1 same"), below the top-3 ``note`` whole and short."""
        plain = translate("HeadsStrip", STRIP_TITLES[self.head])
        self.title.setText(f"{plain} · {title}" if title else plain, short=plain)
        self.note.setText(*note)
        self.note.setVisible(self.head != "main")  # the main head agrees with itself
        top = result.top[:TOP] if result is not None else []
        for row, (name, percent) in enumerate(zip(self.names, self.percents)):
            shown = row < len(top)
            name.setText(f"{row + 1}. {top[row].label}" if shown else "")
            percent.setText(percent_text(top[row].probability, decimals=1) if shown else "")
        trained = result is None or result.trained
        for label in (*self.names, *self.percents):
            label.setEnabled(trained)  # an untrained aux head's noise in grey, as on the desk

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_percents()

    def _size_percents(self) -> None:
        """The percentage column as wide as "100.0%" in the current font: never elided, never dropped."""
        width = self.fontMetrics().horizontalAdvance(WIDEST_PERCENT) + 4
        for percent in self.percents:
            percent.setFixedWidth(width)


class HeadsStrip(Retranslatable, QWidget):
    """Main, aux 1 and aux 2 side by side, equally wide; worded again on a language switch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = {head: HeadColumn(head) for head in STRIP_TITLES}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for column in self.columns.values():
            row.addWidget(column, 1)  # equal: an aux head's agreement line needs the room at 1024 px
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.heads: dict[str, HeadResult] = {}
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.show_heads(self.heads)

    def show_heads(self, heads: dict[str, HeadResult]) -> None:
        """Every head's top-3; aux heads say in words whether they agree with the main head."""
        self.heads = heads
        agreement = head_agreement(heads) if "main" in heads else {}
        self.columns["main"].show_head(heads.get("main"))
        for name in ("aux1", "aux2"):
            head = heads.get(name)
            self.columns[name].setVisible(head is not None)
            if head is None or not head.trained or "main" not in heads:
                self.columns[name].show_head(head, note=aux_notes(name, head, agreement))
                continue
            words = agreement_words(name, head, agreement)
            self.columns[name].show_head(head, words.top1, (words.overlap, words.short_overlap))
