"""Previous model vs new model on the same image (after fine-tuning or loading a checkpoint)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from .predictions import HeadChart
from .style import bold
from .tasks import CompareResult


def verdict(result: CompareResult) -> str:
    """One line a student can read: did the answer change, and how sure is each model?"""
    before = result.before["main"].top[0]
    after = result.after["main"].top[0]
    if before.label == after.label:
        return f"Both answer “{after.label}” ({before.probability:.0%} → {after.probability:.0%})."
    return (f"The answer changed from “{before.label}” ({before.probability:.0%}) "
            f"to “{after.label}” ({after.probability:.0%}).")


class CompareView(QWidget):
    """Two columns of head charts: before on the left, after on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel("Load a fine-tuned checkpoint to compare it with the previous model on the current image.")
        self.headline.setWordWrap(True)
        self.captions = [QLabel("previous model"), QLabel("new model")]
        self.charts = {side: {head: HeadChart(head) for head in ("main", "aux1", "aux2")} for side in (0, 1)}
        grid = QGridLayout(self)
        grid.addWidget(self.headline, 0, 0, 1, 2)
        for side in (0, 1):
            bold(self.captions[side])
            grid.addWidget(self.captions[side], 1, side)
            for row, head in enumerate(("main", "aux1", "aux2")):
                grid.addWidget(self.charts[side][head], 2 + row, side)
        grid.setRowStretch(2, 2)

    def show_result(self, result: CompareResult) -> None:
        self.result = result
        self.headline.setText(f"<b>{result.image}</b>: {verdict(result)}")
        for side, (name, heads) in enumerate(((result.before_name, result.before), (result.after_name, result.after))):
            self.captions[side].setText(("previous: " if side == 0 else "new: ") + name)
            for head, chart in self.charts[side].items():
                chart.setVisible(head in heads)
                chart.show_head(heads.get(head), "" if head not in heads or heads[head].trained
                                else "Untrained aux head: noise.")
