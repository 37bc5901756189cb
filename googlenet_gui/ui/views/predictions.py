"""Top-5 bar charts of the main head and the two aux heads, and how far they agree.

Each head is one pyqtgraph plot whose bars and labels are updated in place.  Aux
heads that were never trained (the official torchvision file) are drawn grey with a
plain warning, because presenting their noise as an answer would mislead a class.
"""

from __future__ import annotations

from typing import NamedTuple

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from googlenet_gui.core.inference.predictions import head_agreement
from googlenet_gui.core.inference.results import HeadResult, percent_text

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold

#: In English; shown as ``translate("Heads", title)`` (see :func:`head_title`).
HEAD_TITLES = {"main": QT_TRANSLATE_NOOP("Heads", "Main head"), "aux1": QT_TRANSLATE_NOOP("Heads", "Aux 1 (after 4a)"),
               "aux2": QT_TRANSLATE_NOOP("Heads", "Aux 2 (after 4d)")}
#: Light tints of the heads' colours: the class names are drawn over the bars in dark text,
#: which was hard to read on the full colours on a projector.
BAR_COLORS = {"main": "#9cc5f2", "aux1": "#f6c495", "aux2": "#9fd6ad"}
UNTRAINED_COLOR = "#d2d2d2"
TOP_K = 5
UNTRAINED_NOTES = (QT_TRANSLATE_NOOP("Predictions", "⚠ untrained: noise, not an answer"),
                   QT_TRANSLATE_NOOP("Predictions", "⚠ untrained: noise"))
UNTRAINED_TOOLTIP = QT_TRANSLATE_NOOP(
    "Predictions", "Aux heads only help training. The official torchvision weights ship them untrained, "
    "so their predictions are noise; a fine-tuned or aux-calibrated checkpoint fixes that.")


def head_title(head: str) -> str:
    """"Main head", "Aux 1 (after 4a)" … in the window's language."""
    return translate("Heads", HEAD_TITLES[head])


class HeadChart(Retranslatable, QFrame):
    """One head: a title, a horizontal top-k bar chart, and a note line."""

    def __init__(self, head: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.head = head
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        bold(self.title)
        # One line (a wrapped label would squeeze the chart above it) that elides rather than
        # widening this panel past the main head's.
        self.note = ElidingLabel("")
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # the chart sets the width
        self.plot = pg.PlotWidget(background=None)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.hideAxis("left")
        self.plot.setXRange(0, 1, padding=0)
        self.plot.setYRange(-0.6, TOP_K - 0.4, padding=0)
        self.plot.getAxis("bottom").setTicks([[(v, f"{int(v * 100)}%") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        self.plot.invertY(True)
        self.bars = pg.BarGraphItem(x0=[0] * TOP_K, y=list(range(TOP_K)), height=0.7, width=[0] * TOP_K,
                                    brush=BAR_COLORS[head])
        self.plot.addItem(self.bars)
        self.labels = [pg.TextItem("", anchor=(0, 0.5), color="#202020") for _ in range(TOP_K)]
        for row, text in enumerate(self.labels):
            text.setPos(0.01, row)
            self.plot.addItem(text)
        self.plot.setMinimumHeight(130)
        self._entries: list[tuple[str, str]] = []  # (class name, percentage) per bar
        self.plot.getViewBox().sigResized.connect(lambda _box: self._place_labels())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(head_title(self.head))

    def show_head(self, result: HeadResult | None, note: str = "", short_note: str = "") -> None:
        """Draw ``result``'s top-k (or clear); untrained heads in grey with the note."""
        top = result.top[:TOP_K] if result is not None else []
        trained = result is None or result.trained
        # only as many bars as classes: a zero-width bar would still draw its outline
        self.bars.setOpts(x0=[0.0] * len(top), y=list(range(len(top))), width=[p.probability for p in top],
                          brush=BAR_COLORS[self.head] if trained else UNTRAINED_COLOR)
        self._entries = [(p.label, percent_text(p.probability, decimals=1)) for p in top]
        self._place_labels()
        self.note.setText(note, short_note)
        self.note.setVisible(bool(note))

    def _place_labels(self) -> None:
        """Class names elided with "…" to the plot's width; the percentage after them always whole.

        WHY: drawn whole, a long class name ran past the plot's edge, cut without "…" and
        taking its percentage with it at 1024 px (issue #26).
        """
        room = self.plot.getViewBox().width() * 0.98
        for row, text in enumerate(self.labels):
            if row >= len(self._entries):
                text.setText("")
                continue
            name, percent = self._entries[row]
            metrics = QFontMetrics(text.textItem.font())
            fits = int(room - metrics.horizontalAdvance(f"  {percent}") - 8)
            text.setText(f"{metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(0, fits))}  {percent}")


class PredictionsPanel(Retranslatable, QWidget):
    """Model summary line plus the three heads side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_line = ElidingLabel()  # whole in its tooltip; the Model tab has it all
        self.image_line = QLabel()
        self._model: dict | None = None  # the shown model's info
        self._heads: tuple[str, dict[str, HeadResult], list[str] | None] | None = None  # the shown image's heads
        self.image_line.setWordWrap(True)
        self.charts = {name: HeadChart(name) for name in HEAD_TITLES}
        row = QHBoxLayout()
        for name in HEAD_TITLES:
            row.addWidget(self.charts[name], 2 if name == "main" else 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.model_line)
        layout.addWidget(self.image_line)
        layout.addLayout(row, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The placeholders, or the shown model's line and the notes under the charts again."""
        self.model_line.setText(model_summary(self._model) if self._model is not None else self.tr("No model loaded"))
        if self._heads is None:
            self.image_line.setText(self.tr(
                "Drop an image, a folder or a checkpoint onto the window, or pick one from Samples."))
        else:
            self.show_heads(*self._heads)

    def show_model(self, info: dict, has_aux: bool) -> None:
        self._model = info
        self.model_line.setText(model_summary(info))
        for name in ("aux1", "aux2"):
            self.charts[name].setVisible(has_aux)

    def show_heads(self, image: str, heads: dict[str, HeadResult], notes: list[str] | None = None) -> None:
        """Update every chart; aux notes say whether they agree with the main head."""
        self._heads = (image, heads, notes)
        self.image_line.setText(image + ("  —  " + "; ".join(notes) if notes else ""))
        self.charts["main"].show_head(heads.get("main"))
        agreement = head_agreement(heads) if "main" in heads else {}
        for name in ("aux1", "aux2"):
            chart = self.charts[name]
            chart.show_head(heads.get(name), *aux_notes(name, heads.get(name), agreement))
            chart.note.set_explanation(translate("Predictions", UNTRAINED_TOOLTIP))

    def clear(self) -> None:
        self._heads = None
        for chart in self.charts.values():
            chart.show_head(None)


class Agreement(NamedTuple):
    """An aux head's agreement with the main head, in words (whole and short)."""

    verdict: str  # "same top-1 as main"
    top1: str  # "top-1 same"
    overlap: str  # "top-5 overlap with main 80%"
    short_overlap: str  # "top-5: 80% overlap" (the percentage before the word: elided, it stays)


def agreement_words(name: str, head: HeadResult, agreement: dict) -> Agreement:
    """In words: "top-1 ≠ main · 100%" read as if the 100% were about the top-1 (issue #26)."""
    same = agreement.get(f"{name}_same_top1")
    overlap = f"{agreement.get(f'{name}_topk_overlap', 0.0):.0%}"
    k = len(head.top)
    return Agreement(translate("Predictions", "same top-1 as main") if same
                     else translate("Predictions", "different top-1 from main"),
                     translate("Predictions", "top-1 same") if same else translate("Predictions", "top-1 differs"),
                     translate("Predictions", "top-{k} overlap with main {overlap}").format(k=k, overlap=overlap),
                     translate("Predictions", "top-{k}: {overlap} overlap").format(k=k, overlap=overlap))


def aux_notes(name: str, head: HeadResult | None, agreement: dict) -> tuple[str, str]:
    """What to say under an aux chart (untrained warning, or agreement with the main head),
    and the same facts in fewer words for a narrow panel (projector sizes)."""
    if head is None:
        return "", ""
    if not head.trained:
        return translate("Predictions", UNTRAINED_NOTES[0]), translate("Predictions", UNTRAINED_NOTES[1])
    words = agreement_words(name, head, agreement)
    return f"{words.verdict} · {words.overlap}", f"{words.top1} · {words.short_overlap}"


def model_summary(info: dict) -> str:
    """One line: name, variant, classes, device, aux state."""
    parts = [str(info.get("name") or info.get("source") or translate("Predictions", "model"))]
    for key, label in (("variant", translate("Predictions", "variant")),
                       ("num_classes", translate("Predictions", "classes")),
                       ("device", translate("Predictions", "device")),
                       ("aux_heads", translate("Predictions", "aux heads")),
                       ("format", translate("Predictions", "format"))):
        if info.get(key) not in (None, ""):
            value = translate("AuxState", info[key]) if key == "aux_heads" else info[key]
            parts.append(f"{label}: {value}")
    return " · ".join(parts)
