"""Branch ablation: 45 toggles (nine modules x four branches and the whole output) and the heads' answers.

The panel only says what is switched off (``ablation_changed(specs)`` in ``--ablate``
syntax); the window recomputes on its worker and hands back plain top-k lists.  Each
head shows its unablated top-5 beside the ablated one, so a change is read in one glance.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal, Slot
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton,
                               QVBoxLayout, QWidget)

from googlenet_gui.core.inference.results import HeadResult, percent_text
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES

from googlenet_gui.ui.explain.atlas_view import short_module
from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.predictions import HEAD_TITLES, head_title
from googlenet_gui.ui.widgets.style import bold

#: Column headers, English values shown through ``translate("AblationPanel", title)``.
BRANCH_BUTTONS = {"1x1": "1×1", "3x3": "3×3", "5x5": "5×5", "pool_proj": QT_TRANSLATE_NOOP("AblationPanel", "pool")}
#: The whole module's column.
WHOLE = QT_TRANSLATE_NOOP("AblationPanel", "all")


def ablation_text(specs: tuple[str, ...]) -> str:
    """The line that always says what is switched off."""
    if not specs:
        return translate("AblationPanel", "ablated: nothing (the model as trained)")
    return translate("AblationPanel", "ablated: {specs}").format(specs=", ".join(specs))


def head_table(before: HeadResult | None, after: HeadResult | None, waiting: bool) -> str:
    """Rich text: rank, the unablated top-5 and the ablated top-5 side by side."""
    rows = ["<tr><th align='left'>#</th><th align='left'>{}</th><th align='left'>{}</th></tr>".format(
        html.escape(translate("AblationPanel", "unablated")), html.escape(translate("AblationPanel", "ablated")))]
    top_before = before.top if before is not None else []
    top_after = after.top if after is not None and not waiting else []
    for rank in range(max(len(top_before), 1)):
        left = _entry(top_before, rank)
        if waiting and rank == 0:
            right = html.escape(translate("AblationPanel", "computing…"))
        else:
            right = _entry(top_after, rank)
        rows.append(f"<tr><td>{rank + 1}</td><td>{left}</td><td>{right}</td></tr>")
    return "<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>"


def _entry(top: list, rank: int) -> str:
    if rank >= len(top):
        return ""
    label, percent = html.escape(top[rank].label), html.escape(percent_text(top[rank].probability, decimals=1))
    return f"{label}&nbsp;{percent}"  # escaped: "<0.1%" read as a tag vanished


class AblationPanel(Retranslatable, QWidget):
    """Toggles, Reset, the current ablation, and per head the unablated and ablated top-5."""

    ablation_changed = Signal(object)  # tuple[str, ...]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QToolButton] = {}
        #: Channel ablations typed in (``inception4c.3x3:0-15,40``), after the toggles in :meth:`specs`.
        self.channel_specs: list[str] = []
        #: The window's check of a typed spec against the loaded model: None if fine, else the message.
        self.check_spec: Callable[[str], str | None] = lambda _spec: None
        self.channels = QLineEdit()
        self.channels.returnPressed.connect(self.add_channels)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_channels)
        self.channel_error = QLabel("")
        self.channel_error.setWordWrap(True)
        self.channel_error.setStyleSheet("color: #b00020")
        self.before: dict[str, HeadResult] = {}
        self.after: dict[str, HeadResult] = {}
        self.shown_specs: tuple[str, ...] = ()
        self.waiting = False  # whether the ablated column waits for the job
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tables = {head: QLabel("") for head in HEAD_TITLES}
        self._build_layout()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.channels.setPlaceholderText(self.tr("channels, e.g. inception4c.3x3:0-15,40"))
        self.channels.setToolTip(self.tr("Switch chosen channels off: MODULE.BRANCH:CHANNELS or MODULE:CHANNELS, "
                                         "channels as 0-15,40 within that tensor; Enter adds them"))
        self.add_button.setText(self.tr("Switch off"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Switch every branch back on"))
        for label, title in zip(self.column_titles, (*BRANCH_BUTTONS.values(), WHOLE)):
            label.setText(translate("AblationPanel", title))
        for spec, button in self.buttons.items():
            self._label_toggle(button, spec)
        for head, title in self.titles.items():
            title.setText(head_title(head))
        self.summary.setText(ablation_text(self.specs()))
        if self.before:  # the tables stay empty until the first image's answers
            self._redraw(self.waiting)

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setSpacing(2)
        self.column_titles = [QLabel() for _ in range(len(BRANCH_BUTTONS) + 1)]  # the branches, then the whole
        for col, label in enumerate(self.column_titles, start=1):
            grid.addWidget(label, 0, col)
        for row, module in enumerate(INCEPTION_NAMES, start=1):
            grid.addWidget(QLabel(short_module(module)), row, 0)
            for col, spec in enumerate((*(f"{module}.{b}" for b in BRANCH_NAMES), module), start=1):
                grid.addWidget(self._toggle(spec), row, col)
        left = QVBoxLayout()
        left.addLayout(grid)
        typed = QHBoxLayout()
        typed.addWidget(self.channels, 1)
        typed.addWidget(self.add_button)
        left.addLayout(typed)
        left.addWidget(self.channel_error)
        left.addWidget(self.reset_button)
        left.addStretch(1)
        # The main head on the left, the aux heads stacked beside it: one column of three
        # tables scrolled off the bottom of a 1024x768 projector.
        heads = QGridLayout()
        heads.setColumnStretch(2, 1)
        heads.setHorizontalSpacing(18)
        heads.addWidget(self.summary, 0, 0, 1, 3)
        self.titles = {}
        for (head, label), (row, column) in zip(self.tables.items(), ((1, 0), (1, 1), (3, 1))):
            self.titles[head] = bold(QLabel())
            heads.addWidget(self.titles[head], row, column)
            heads.addWidget(label, row + 1, column)
        heads.setRowStretch(5, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(heads, 1)

    def _toggle(self, spec: str) -> QToolButton:
        button = QToolButton()
        button.setCheckable(True)
        button.toggled.connect(lambda _checked, b=button, s=spec: self._label_toggle(b, s))
        button.toggled.connect(self._on_toggled)
        self.buttons[spec] = button
        return button

    def _label_toggle(self, button: QToolButton, spec: str) -> None:
        """"off" while switched off, else "on"; the tooltip names what it zeroes."""
        button.setText(self.tr("off") if button.isChecked() else self.tr("on"))
        button.setToolTip(self.tr("Switch {spec} off (zero it) for this image").format(spec=spec))

    # ------------------------------------------------------------------ public
    def specs(self) -> tuple[str, ...]:
        """What is switched off: the toggles in network order (``inception4c.3x3``, ``inception5a``),
        then the typed channel ablations in the order they were added."""
        toggled = tuple(spec for spec, button in self.buttons.items() if button.isChecked())
        return toggled + tuple(self.channel_specs)

    def set_heads(self, has_aux: bool) -> None:
        for head in ("aux1", "aux2"):
            self.tables[head].setVisible(has_aux)
            self.titles[head].setVisible(has_aux)

    def show_unablated(self, heads: dict[str, HeadResult]) -> None:
        """A new image or model: its answers as trained; the ablated column waits for the job."""
        self.before = heads
        self._redraw(waiting=bool(self.specs()))

    def show_ablated(self, specs: tuple[str, ...], heads: dict[str, HeadResult]) -> None:
        """The job's answer for ``specs`` (ignored when the toggles moved on since)."""
        if specs != self.specs():
            return
        self.after, self.shown_specs = heads, specs
        self._redraw(waiting=False)

    @Slot()
    def add_channels(self) -> None:
        """Switch off the typed channels (checked against the model; a bad spec is said, not added)."""
        spec = self.channels.text().strip()
        if not spec:
            return
        problem = self.check_spec(spec)
        self.channel_error.setText(problem or "")
        if problem is not None or spec in self.channel_specs:
            return
        self.channel_specs.append(spec)
        self.channels.clear()
        self._on_toggled()

    @Slot()
    def reset(self) -> None:
        """Every branch and channel back on, in one click (one signal, not 45)."""
        self.channel_specs.clear()
        self.channel_error.setText("")
        for spec, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(False)
            self._label_toggle(button, spec)
            button.blockSignals(False)
        self._on_toggled()

    # ---------------------------------------------------------------- internals
    @Slot()
    def _on_toggled(self) -> None:
        specs = self.specs()
        self.summary.setText(ablation_text(specs))
        if not specs:  # nothing off: the kept pass's answer, no job needed
            self.after, self.shown_specs = self.before, ()
        self._redraw(waiting=bool(specs))
        self.ablation_changed.emit(specs)

    def _redraw(self, waiting: bool) -> None:
        self.waiting = waiting
        after = self.before if not self.specs() else self.after
        for head, label in self.tables.items():
            label.setText(head_table(self.before.get(head), after.get(head), waiting))
