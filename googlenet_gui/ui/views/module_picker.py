"""A layer picker drawn like the network: stem, 3a-3b, 4a-4e with aux taps, 5a-5b.

A plain list would hide what students come to see: the stages and their resolutions,
the pools between them, and where the two auxiliary classifiers branch off.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QSizePolicy, QToolButton, QWidget

from googlenet_gui.core.network.spec import AUX_ATTACH, INCEPTION_NAMES

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import muted

STEM_LAYERS = ("conv1", "maxpool1", "conv2", "conv3", "maxpool2")
#: (stage name, its maps' side at 224 px input, layers); pools between stages are drawn as arrows.
#: Names in English, shown as ``translate("ModulePicker", stage)``.
STAGES = (
    (QT_TRANSLATE_NOOP("ModulePicker", "stem"), 0, STEM_LAYERS),
    (QT_TRANSLATE_NOOP("ModulePicker", "stage 3"), 28, ("inception3a", "inception3b")),
    (QT_TRANSLATE_NOOP("ModulePicker", "stage 4"), 14,
     ("inception4a", "inception4b", "inception4c", "inception4d", "inception4e")),
    (QT_TRANSLATE_NOOP("ModulePicker", "stage 5"), 7, ("inception5a", "inception5b")),
)
#: What an arrow shrinks to where the whole row does not fit (presentation fonts at 1024 px).
#: Thin spaces (U+2009) around "pool": a normal space left the word 1 px short of fitting at 1024 px.
POOL_ARROW, HEAD_ARROWS = "pool\u2009→", "→\u2009pool\u2009→\u2009fc"
SHORT_TEXT = {POOL_ARROW: "→", HEAD_ARROWS: "→ fc"}
#: Room a whole stage caption must leave before the next one.
CAPTION_GAP = "\u2002"  # an en space


def stage_caption(stage: str, height: int, width: int) -> tuple[str, str]:
    """"stage 4 · 14×14", and "14×14" for a narrow row (the buttons below name the stage)."""
    size = f"{width}×{height}"
    return f"{translate('ModulePicker', stage)} · {size}", size


def short_label(layer: str) -> str:
    return layer.replace("inception", "") if layer.startswith("inception") else layer.replace("maxpool", "pool")


def compact_label(layer: str) -> str:
    """"c1", "p1": the stem's buttons where the full row does not fit (1024 px, a projector)."""
    return short_label(layer).replace("conv", "c").replace("pool", "p")


def resolve_layer(name: str) -> str | None:
    """The layer ``name`` means ("inception4c", "4c", "conv1", "c1", "pool1"; any case), or None."""
    wanted = name.strip().lower()
    for layer in (*STEM_LAYERS, *INCEPTION_NAMES):
        if wanted in (layer, short_label(layer), compact_label(layer)):
            return layer
    return None


class ModulePicker(Retranslatable, QWidget):
    """Checkable buttons in network order; emits ``layer_chosen(name)``."""

    layer_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QToolButton] = {}
        self._sizes: dict[str, tuple[int, int]] = {}  # the maps on screen (see show_sizes)
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setHorizontalSpacing(2)
        grid.setVerticalSpacing(0)
        column = 0
        self._headers: dict[str, ElidingLabel] = {}  # first layer of a stage -> its caption
        for index, (stage, side, layers) in enumerate(STAGES):
            if index:
                grid.addWidget(_arrow(POOL_ARROW if index > 1 else "→"), 1, column)
                column += 1
            header = ElidingLabel()
            # Takes the width its buttons leave: spanning them, its long form had widened the
            # arrow between 3a and 3b while "pool" between the stages lost its room.
            header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self._headers[layers[0]] = header
            muted(header)
            # Over the arrow after the stage too: over its buttons alone, "stage 3 · 28×28" never
            # fitted, and a row of captions is whole or short as one (issue #26).
            grid.addWidget(header, 0, column, 1, 2 * len(layers))
            for position, layer in enumerate(layers):
                if position:
                    grid.addWidget(_arrow("→"), 1, column)
                    column += 1
                grid.addWidget(self._button(layer), 1, column)
                tap = next((aux for aux, at in AUX_ATTACH.items() if at == layer), None)
                if tap:  # under its button and the arrow after it, so it does not widen the button
                    label = _arrow(f"↓ {tap}")
                    label.setAlignment(Qt.AlignmentFlag.AlignLeft)
                    grid.addWidget(label, 2, column, 1, 2)
                column += 1
        grid.addWidget(_arrow(HEAD_ARROWS), 1, column)
        grid.setColumnStretch(column + 1, 1)
        self._full_width: int | None = None  # not measured yet: the captions keep their whole form
        self.retranslate_ui()
        self._full_width = self.sizeHint().width()

    def retranslate_ui(self) -> None:
        """Stage captions (at the sizes on screen) and the buttons' tooltips."""
        for stage, side, layers in STAGES:
            height, width = self._sizes.get(layers[0], (side, side))
            caption, short = stage_caption(stage, height, width) if side else (translate("ModulePicker", stage), "")
            self._headers[layers[0]].setText(caption, short)
        for layer, button in self._buttons.items():
            button.setToolTip(_tooltip(layer))
        if self._full_width is not None:
            self._same_caption_form()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Compact stem labels below the full row's width.

        WHY: squeezed, the tool buttons elided their text to "c...1", "p...1".  The
        buttons' minimum width is fixed, so the labels never change the picker's size.
        """
        super().resizeEvent(event)
        self._fit_labels(event.size().width())
        self._same_caption_form()

    def _same_caption_form(self) -> None:
        """Every stage caption whole ("stage 4 · 14×14") or every one short ("14×14").

        WHY: each caption chose on its own, so a projector showed "stage 4 · 14×14"
        next to a bare "28×28" (issue #26).
        """
        # With a gap: captions that just fit ran into each other ("stage 3 · 16×16stage 4 · 8×8").
        whole = all(header.fits(header.text() + CAPTION_GAP) for header in self._headers.values() if header.text())
        for header in self._headers.values():
            header.prefer_short(not whole)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Presentation mode's fonts change the width the full labels need."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_labels(None)
            self._full_width = self.sizeHint().width()
            self._fit_labels(self.width())

    def _fit_labels(self, width: int | None) -> None:
        compact = width is not None and width < self._full_width
        for layer, button in self._buttons.items():
            button.setText(compact_label(layer) if compact else short_label(layer))

    @property
    def compact(self) -> bool:
        return any(button.text() != short_label(layer) for layer, button in self._buttons.items())

    def _button(self, layer: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(short_label(layer))
        button.setCheckable(True)
        button.setMinimumWidth(26)  # "4c" or "c1" (compact) fits: the window fits a 1024-px screen
        self._group.addButton(button)
        button.clicked.connect(lambda _checked=False, name=layer: self._choose(name))
        self._buttons[layer] = button
        return button

    def _choose(self, layer: str) -> None:
        self._buttons[layer].setChecked(True)
        self.layer_chosen.emit(layer)

    # ------------------------------------------------------------------ public
    def show_sizes(self, sizes: dict[str, tuple[int, int]]) -> None:
        """Stage captions from the maps on screen: at 64 px input stage 4 is 4×4, not 14×14."""
        self._sizes = dict(sizes)
        self.retranslate_ui()

    def layers(self) -> list[str]:
        """Layers the current model has, in network order."""
        return [name for name, button in self._buttons.items() if button.isEnabled()]

    def current(self) -> str | None:
        button = self._group.checkedButton()
        return next((name for name, b in self._buttons.items() if b is button), None)

    def set_available(self, layers: list[str]) -> None:
        """Disable buttons for layers the model lacks (``conv3`` only exists in torchvision's stem)."""
        for name, button in self._buttons.items():
            button.setEnabled(name in layers)

    def select(self, layer: str, emit: bool = True) -> bool:
        if layer not in self._buttons or not self._buttons[layer].isEnabled():
            return False
        self._buttons[layer].setChecked(True)
        if emit:
            self.layer_chosen.emit(layer)
        return True

    def step(self, offset: int) -> None:
        """Previous/next layer (keyboard [ and ])."""
        layers = self.layers()
        if not layers:
            return
        current = self.current()
        index = layers.index(current) if current in layers else 0
        self.select(layers[max(0, min(len(layers) - 1, index + offset))])

    def select_inception(self, number: int) -> None:
        """Keys 1-9 pick inception3a ... inception5b."""
        if 1 <= number <= len(INCEPTION_NAMES):
            self.select(INCEPTION_NAMES[number - 1])


def _arrow(text: str) -> QWidget:
    label = ElidingLabel(text, short=SHORT_TEXT.get(text, text))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    muted(label)
    return label


def _tooltip(layer: str) -> str:
    if layer in INCEPTION_NAMES:
        key = INCEPTION_NAMES.index(layer) + 1
        return translate("ModulePicker", "{layer}: four parallel branches (1x1, 3x3, 5x5, pool-proj) concatenated "
                                         "— key {key}").format(layer=layer, key=key)
    return translate("ModulePicker", "{layer}: stem layer before the Inception modules").format(layer=layer)
