"""Previous model vs new model on the same image (after fine-tuning or loading a checkpoint)."""

from __future__ import annotations

from collections.abc import Generator, Iterator

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from googlenet_gui.core.inference.results import percent_text

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.widgets.deferred import Deferred
from googlenet_gui.ui.views.predictions import HeadChart
from googlenet_gui.ui.widgets.style import bold
from googlenet_gui.ui.work.jobs import CompareResult

HEADS = ("main", "aux1", "aux2")


def verdict(result: CompareResult) -> str:
    """One line a student can read: did the answer change, and how sure is each model?"""
    before = result.before["main"].top[0]
    after = result.after["main"].top[0]
    was, now = percent_text(before.probability), percent_text(after.probability)
    if before.label == after.label:
        return translate("Compare", "Both answer “{label}” ({was} → {now}).").format(label=after.label, was=was, now=now)
    return translate("Compare", "The answer changed from “{before}” ({was}) to “{after}” ({now}).").format(
        before=before.label, was=was, after=after.label, now=now)


class ChartColumns(Retranslatable, QWidget):
    """Previous and new model's main/aux1/aux2 charts side by side."""

    def __init__(self) -> None:
        """Captions only until :meth:`build_pieces` has run (see ``ui/widgets/deferred.py``)."""
        super().__init__()
        self.captions = [QLabel(), QLabel()]
        self.names: tuple[str, str] | None = None  # the two models' names once a result is shown
        self.charts: dict[int, dict[str, HeadChart]] = {0: {}, 1: {}}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for side in (0, 1):
            bold(self.captions[side])
            self.grid.addWidget(self.captions[side], 0, side)
        self.grid.setRowStretch(1, 2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.set_names(self.names)

    def set_names(self, names: tuple[str, str] | None) -> None:
        """Caption each column with its model's name (or plainly, before any result)."""
        self.names = names
        if names is None:
            self.captions[0].setText(self.tr("previous model"))
            self.captions[1].setText(self.tr("new model"))
        else:
            self.captions[0].setText(self.tr("previous: {name}").format(name=names[0]))
            self.captions[1].setText(self.tr("new: {name}").format(name=names[1]))

    def build_pieces(self) -> Iterator[None]:
        """One head chart (a pyqtgraph plot, ~10–20 ms) per piece."""
        for side in (0, 1):
            for row, head in enumerate(HEADS):
                self.charts[side][head] = HeadChart(head)
                self.grid.addWidget(self.charts[side][head], 1 + row, side)
                yield


def build_columns_in_pieces() -> Generator[None, None, ChartColumns]:
    columns = ChartColumns()
    yield from columns.build_pieces()
    return columns


class CompareView(Retranslatable, QWidget):
    """Two columns of head charts: before on the left, after on the right.

    The six charts are built the first time the tab is shown or a result arrives
    (see :mod:`.deferred`): start-up does not pay for a view nobody has opened.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.columns: Deferred[ChartColumns] = Deferred(build_columns_in_pieces)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        # Six charts need ~600 px: on a 768-px screen their minimum height made the
        # window taller than the screen, so they scroll when the tab is short.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.columns)
        scroll.setVisible(False)  # six empty charts said less than the headline does
        self.scroll = scroll
        layout.addWidget(scroll, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The headline and the untrained notes (the columns caption themselves)."""
        if not hasattr(self, "result"):  # set by the first show_result
            self.headline.setText(self.tr("Nothing to compare yet. After a fine-tune, “Use this model” loads it and "
                                          "shows its answers on the current image here, beside the previous model's."))
        else:
            self.show_result(self.result)

    @property
    def charts(self) -> dict[int, dict[str, HeadChart]]:
        return self.columns.content().charts

    @property
    def captions(self) -> list[QLabel]:
        return self.columns.content().captions

    def show_result(self, result: CompareResult) -> None:
        self.result = result
        self.scroll.setVisible(True)
        self.headline.setText(f"<b>{result.image}</b>: {verdict(result)}")
        self.columns.content().set_names((result.before_name, result.after_name))
        untrained = self.tr("Untrained aux head: noise.")
        for side, heads in enumerate((result.before, result.after)):
            for head, chart in self.charts[side].items():
                chart.setVisible(head in heads)
                chart.show_head(heads.get(head), "" if head not in heads or heads[head].trained else untrained)
