"""Branch importance: how much each head's top-1 probability drops with each branch switched off alone.

One bar set per head (grouped per branch), modules along the x axis; bars not computed
yet are left out, so the chart fills in while the job runs.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES

from googlenet_gui.ui.explain.atlas_view import short_module
from googlenet_gui.ui.views.predictions import head_title
from googlenet_gui.ui.i18n import Retranslatable
from googlenet_gui.ui.views.predictions import BAR_COLORS
from googlenet_gui.ui.widgets.style import colour_key

#: The branch's short tick under each bar group: 1×1, 3×3, 5×5, pool-proj.
BRANCH_TICKS = ("1", "3", "5", "p")
GROUP = 0.8  # width of one branch's bars together


def bar_positions(branches: int, heads: int) -> np.ndarray:
    """(modules * branches, heads) x of every bar: a small gap between modules, bars side by side per branch."""
    base = np.arange(len(INCEPTION_NAMES) * branches, dtype=np.float64)
    base += np.repeat(np.arange(len(INCEPTION_NAMES)), branches) * 0.6
    offsets = (np.arange(heads) - (heads - 1) / 2) * GROUP / heads
    return base[:, None] + offsets[None, :]


class ImportanceChart(Retranslatable, QWidget):
    """A Run button, a status line and the grouped bar chart; emits ``run_requested()``."""

    run_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.run_requested)
        #: Makes the status line's text: called again after a language switch.
        self.status_text: Callable[[], str] = self._idle_text
        #: The legend's heads and their top-1 classes, as last shown.
        self.legend: tuple[tuple[str, ...], dict[str, str]] = ((), {})
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.key = QLabel("")
        self.plot = pg.PlotWidget(background=None)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(False, False)
        self.plot.getAxis("left").enableAutoSIPrefix(False)  # probabilities, not milli-units
        self.plot.addLine(y=0, pen=pg.mkPen("#808080"))
        self.bars: dict[str, pg.BarGraphItem] = {}
        self._set_ticks()
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.key)
        layout.addWidget(self.plot, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.run_button.setText(self.tr("Branch importance"))
        self.run_button.setToolTip(self.tr("Switch each of the 36 branches off alone and record each head's "
                                           "drop in top-1 probability (Esc cancels)"))
        self.plot.setLabel("left", self.tr("top-1 drop"))  # short: a long label is cut on a projector
        self.status.setText(self.status_text())
        self._show_legend(*self.legend)

    def _say(self, text: Callable[[], str]) -> None:
        """Show ``text()`` in the status line, and again in the new language after a switch."""
        self.status_text = text
        self.status.setText(text())

    def _idle_text(self) -> str:
        return self.tr("Which branches matter for this image? Run it to see.")

    def _show_legend(self, heads: tuple[str, ...], classes: dict[str, str]) -> None:
        self.legend = (heads, classes)
        self.key.setText(colour_key(*((BAR_COLORS[h], f"{head_title(h)}: {classes[h]}") for h in heads)))

    def _set_ticks(self) -> None:
        x = bar_positions(len(BRANCH_NAMES), 1)[:, 0].reshape(len(INCEPTION_NAMES), len(BRANCH_NAMES))
        major = [(float(row.mean()), short_module(m)) for row, m in zip(x, INCEPTION_NAMES)]
        minor = [(float(v), BRANCH_TICKS[b]) for row in x for b, v in enumerate(row)]
        self.plot.getAxis("bottom").setTicks([major, minor])
        self.plot.setXRange(float(x.min()) - 0.8, float(x.max()) + 0.8, padding=0)

    def running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)

    def show_result(self, heads: tuple[str, ...], drops: np.ndarray, done: int, total: int,
                    classes: dict[str, str]) -> None:
        """``drops[m, b, h]`` as bars (NaN: not computed yet); ``classes``: head -> its top-1 label."""
        x = bar_positions(drops.shape[1], len(heads)).reshape(drops.shape[0] * drops.shape[1], len(heads))
        flat = drops.reshape(-1, len(heads))
        for h, head in enumerate(heads):
            ready = np.isfinite(flat[:, h])
            if head not in self.bars:
                self.bars[head] = pg.BarGraphItem(x=[], height=[], width=GROUP / len(heads), brush=BAR_COLORS[head],
                                                  pen=None)
                self.plot.addItem(self.bars[head])
            self.bars[head].setOpts(x=x[ready, h], height=flat[ready, h], width=GROUP / len(heads))
        for head in set(self.bars) - set(heads):
            self.bars[head].setOpts(x=[], height=[])
        self._show_legend(tuple(heads), dict(classes))
        if done < total:
            self._say(lambda: self.tr("{done} of {total} branches").format(done=done, total=total))
        else:
            self._say(lambda: self.tr("{done} of {total} branches · bars: 1×1, 3×3, 5×5, pool-proj of each "
                                      "module").format(done=done, total=total))

    def show_starting(self) -> None:
        """Run pressed: the job is on its way."""
        self.running(True)
        self._say(lambda: self.tr("Starting…"))

    def show_cancelled(self) -> None:
        self.running(False)
        self._say(lambda: self.tr("Cancelled: the bars shown are the branches done so far."))

    def clear(self) -> None:
        """A new image or model: the old bars no longer apply."""
        for bars in self.bars.values():
            bars.setOpts(x=[], height=[])
        self._show_legend((), {})
        self.running(False)
        self._say(self._idle_text)
