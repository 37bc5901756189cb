"""The channel card: which channel, how to optimise its picture, and the picture as it forms.

It holds the user's choices and draws what the window hands it (NumPy pictures, counts);
it asks for work through signals: ``visualize_requested(layer, channel, settings)``,
``branch_requested(layer, settings)`` (``settings`` a plain dict of
:class:`~googlenet_gui.core.features.visualize.VisualizeSettings` fields), ``cancel_requested()``
and ``channel_selected(layer, channel)`` whenever the shown channel changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel,
                               QProgressBar, QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from googlenet_gui.core.network.spec import BRANCH_NAMES

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.mosaic_view import make_image_view
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold

#: English values, shown through ``translate("ChannelCard", text)``.
WAITING = QT_TRANSLATE_NOOP("ChannelCard", "Load a model to see what its channels respond to.")
WHOLE_MODULE = QT_TRANSLATE_NOOP("ChannelCard", "module output")
BRANCH_LABELS = {"1x1": QT_TRANSLATE_NOOP("ChannelCard", "1×1 branch"),
                 "3x3": QT_TRANSLATE_NOOP("ChannelCard", "3×3 branch"),
                 "5x5": QT_TRANSLATE_NOOP("ChannelCard", "5×5 branch"),
                 "pool_proj": QT_TRANSLATE_NOOP("ChannelCard", "pool-proj branch")}


def target_name(module: str, branch: str | None) -> str:
    """``inception4c`` or ``inception4c.3x3``: the layer as core and the CLI spell it."""
    return f"{module}.{branch}" if branch else module


class ChannelCard(Retranslatable, QWidget):
    """The picture (live while it forms), its progress and words; ``controls`` holds the choices and buttons."""

    visualize_requested = Signal(str, int, object)
    branch_requested = Signal(str, object)
    cancel_requested = Signal()
    channel_selected = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.module: str | None = None
        self.counts: dict[str, int] = {}
        #: Makes the status line's text: called again after a language switch.
        self.status_text: Callable[[], str] = lambda: translate("ChannelCard", WAITING)
        self.shown: tuple[str, int] | None = None  # the (layer, channel) the title names
        self._build_controls()
        self._build_layout()
        self.set_ready(False)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.branch.setToolTip(self.tr("The whole module's output, or one of its four branches"))
        self.channel.setToolTip(self.tr("The channel whose picture to make (counted within the branch)"))
        for spin, tip in ((self.steps, self.tr("Optimisation steps: more is sharper and slower")),
                          (self.size_spin, self.tr("Side of the picture in pixels")),
                          (self.seed, self.tr("The random start: another seed, another picture")),
                          (self.images, self.tr("Pictures made together, pushed apart by the diversity term")),
                          (self.diversity, self.tr("How strongly several pictures are pushed to differ"))):
            spin.setToolTip(tip)
        self.negative.setText(self.tr("negative"))
        self.negative.setToolTip(self.tr("What switches the channel off instead of on"))
        self.visualize.setText(self.tr("Visualise"))
        self.whole_branch.setText(self.tr("Visualise this branch"))
        self.whole_branch.setToolTip(self.tr("A mosaic of every channel of the branch, the cached ones first"))
        self.cancel.setText(self.tr("Cancel"))
        for label, text in zip(self.labels, (self.tr("Channel:"), self.tr("Steps:"), self.tr("Size:"),
                                             self.tr("Seed:"), self.tr("Images:"), self.tr("Diversity:"))):
            label.setText(text)
        for index in range(self.branch.count()):
            self.branch.setItemText(index, self._branch_text(self.branch.itemData(index)))
        self.status.setText(self.status_text())
        self._show_title()
    def _build_controls(self) -> None:
        self.branch = QComboBox()
        self.branch.currentIndexChanged.connect(self._on_branch)
        self.channel = QSpinBox()
        self.channel.valueChanged.connect(lambda _v: self._emit_selected())
        self.steps = _spin(1, 4096, 256)
        self.size_spin = _spin(32, 512, 128)
        self.seed = _spin(0, 99_999, 0)
        self.images = _spin(1, 8, 1)
        self.diversity = QDoubleSpinBox()
        self.diversity.setRange(0.0, 99.0)
        self.diversity.setDecimals(1)
        self.diversity.setValue(3.0)
        self.negative = QCheckBox()
        self.visualize = QPushButton()
        self.visualize.clicked.connect(self._on_visualize)
        self.whole_branch = QPushButton()
        self.whole_branch.clicked.connect(self._on_branch_mosaic)
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self.cancel_requested)
        self.cancel.setEnabled(False)
        self.title = ElidingLabel("")
        bold(self.title)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # the status line counts in words
        self.progress.setMaximumHeight(self.fontMetrics().height() // 2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        # Its lines may be cut in a short pane rather than push the window past 768 px.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.status.setMinimumHeight(self.status.fontMetrics().height() * 2)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumSize(96, 96)
        self.view, self.picture = make_image_view(self.graphics)

    def _build_layout(self) -> None:
        """The settings in two rows (``controls``, placed by the panel across the tab); the picture below.

        WHY rows across the tab: stacked above the picture, the settings left it 40 px tall
        in presentation mode at 768 px and pushed the window past the screen.
        """
        self.controls = QWidget()
        self.labels = [QLabel() for _ in range(6)]  # Channel, Steps, Size, Seed, Images, Diversity
        first = QHBoxLayout()
        first.addWidget(self.branch, 1)
        for widget in (self.labels[0], self.channel, self.visualize, self.whole_branch, self.cancel):
            first.addWidget(widget)
        second = QHBoxLayout()
        for label, widget in zip(self.labels[1:], (self.steps, self.size_spin, self.seed, self.images,
                                                   self.diversity)):
            second.addWidget(label)
            second.addWidget(widget)
        second.addWidget(self.negative)
        second.addStretch(1)
        rows = QVBoxLayout(self.controls)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        rows.addLayout(first)
        rows.addLayout(second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.status)

    # ------------------------------------------------------------------ public
    def set_counts(self, counts: dict[str, int]) -> None:
        """A new model: every layer's channel count (``inception4c.3x3`` -> 128); nothing shown yet."""
        self.counts = dict(counts)
        self.picture.clear()
        self.shown = None
        self._show_title()
        self.progress.reset()
        self.set_ready(bool(counts))
        if self.module is not None:
            self.set_module(self.module)

    def set_ready(self, ready: bool, reason: str | None = None) -> None:
        """Enable the buttons once a model is there; say in words what the card waits for (``reason``: already
        translated; by default :data:`WAITING`)."""
        for widget in (self.visualize, self.whole_branch, self.channel, self.branch):
            widget.setEnabled(ready)
        if not ready:
            self._say((lambda: reason) if reason is not None else (lambda: translate("ChannelCard", WAITING)))
        elif self.status.text() == translate("ChannelCard", WAITING):
            self._say(lambda: self.tr("Pick a layer and a channel, then Visualise."))

    def set_module(self, module: str) -> None:
        """The picker's module: its branches in the layer list (stem layers have none)."""
        self.module = module
        current = self.branch.currentData()
        self.branch.blockSignals(True)
        self.branch.clear()
        self.branch.addItem("", None)
        for name in BRANCH_NAMES:
            if target_name(module, name) in self.counts:
                self.branch.addItem("", name)
        for index in range(self.branch.count()):
            self.branch.setItemText(index, self._branch_text(self.branch.itemData(index)))
        where = self.branch.findData(current)
        self.branch.setCurrentIndex(max(0, where))
        self.branch.blockSignals(False)
        self._on_branch(self.branch.currentIndex())

    def _branch_text(self, branch: str | None) -> str:
        """"3×3 branch (208)": the channel count here, not as the spin box's suffix (it widened the card)."""
        label = translate("ChannelCard", BRANCH_LABELS[branch] if branch else WHOLE_MODULE)
        layer = target_name(self.module, branch)
        return f"{label} ({self.counts[layer]})" if layer in self.counts else label

    def layer(self) -> str | None:
        """The chosen layer (``inception4c.3x3``), or None before a module is picked."""
        return target_name(self.module, self.branch.currentData()) if self.module else None

    def select(self, layer: str, channel: int) -> None:
        """Show ``channel`` of ``layer`` (a module or ``MODULE.BRANCH``); emits ``channel_selected`` once."""
        module, _, branch = layer.partition(".")
        self.blockSignals(True)
        self.set_module(module)
        self.branch.setCurrentIndex(max(0, self.branch.findData(branch or None)))
        self.channel.setValue(channel)
        self.blockSignals(False)
        self._emit_selected()

    def settings(self) -> dict[str, Any]:
        """The optimisation settings as plain values (``VisualizeSettings`` fields)."""
        return {"steps": self.steps.value(), "size": self.size_spin.value(), "seed": self.seed.value(),
                "negative": self.negative.isChecked(), "images": self.images.value(),
                "diversity": float(self.diversity.value())}

    def running(self, on: bool) -> None:
        self.cancel.setEnabled(on)

    def show_step(self, done: int, total: int, preview: np.ndarray | None) -> None:
        """One step done; ``preview`` (N, H, W, 3) uint8 now and then."""
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self._say(lambda: self.tr("Optimising: step {done} of {total}…").format(done=done, total=total))
        if preview is not None:
            self._draw(preview)

    def show_picture(self, layer: str, channel: int, images: np.ndarray, note: str) -> None:
        """A finished picture (or the last one before Cancel); ``note`` comes translated."""
        self.shown = (layer, channel)
        self._show_title()
        self._draw(images)
        self._say(lambda: note)

    def show_missing(self, layer: str, channel: int) -> None:
        """The selected channel has no picture with these settings yet."""
        self.shown = (layer, channel)
        self._show_title()
        self.picture.clear()
        self.progress.reset()
        self._say(lambda: self.tr("No picture yet with these settings: press Visualise."))

    def show_status(self, text: str) -> None:
        """A line the window made (already translated)."""
        self._say(lambda: text)

    # ---------------------------------------------------------------- internals
    def _say(self, text: Callable[[], str]) -> None:
        """Show ``text()`` in the status line, and again in the new language after a switch."""
        self.status_text = text
        self.status.setText(text())

    def _show_title(self) -> None:
        """``inception4c.3x3 · channel 7`` (short: ``… · 7``) for the shown channel; empty before one."""
        if self.shown is None:
            self.title.setText("")
            return
        layer, channel = self.shown
        self.title.setText(self.tr("{layer} · channel {channel}").format(layer=layer, channel=channel),
                           f"{layer} · {channel}")

    def _draw(self, images: np.ndarray) -> None:
        strip = np.concatenate(list(images), axis=1) if images.ndim == 4 else images
        reshaped = self.picture.image is None or self.picture.image.shape != strip.shape
        self.picture.setImage(np.ascontiguousarray(strip), levels=(0, 255), autoLevels=False)
        if reshaped:
            self.view.autoRange(padding=0.02)

    @Slot(int)
    def _on_branch(self, _index: int) -> None:
        layer = self.layer()
        count = self.counts.get(layer, 0) if layer else 0
        self.channel.setRange(0, max(0, count - 1))
        self._emit_selected()

    def _emit_selected(self) -> None:
        layer = self.layer()
        if layer is not None and layer in self.counts and not self.signalsBlocked():
            self.channel_selected.emit(layer, self.channel.value())

    @Slot()
    def _on_visualize(self) -> None:
        layer = self.layer()
        if layer is not None:
            self.shown = (layer, self.channel.value())
            self._show_title()
            self.visualize_requested.emit(layer, self.channel.value(), self.settings())

    @Slot()
    def _on_branch_mosaic(self) -> None:
        layer = self.layer()
        if layer is not None:
            self.branch_requested.emit(layer, self.settings())


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin
