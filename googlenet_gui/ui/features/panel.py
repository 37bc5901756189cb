"""The Features tab: what each channel responds to, which images excite it, which channels see a spot.

The layer picker (drawn like the network) and the channel card sit on the left and top;
three pages on the right: the branch mosaic ("Visualise this branch"), the dataset
examples of a folder and the semantic dictionary of the current image.  Clicking a
channel anywhere (a mosaic tile, a dictionary row, the explorer's "Open in Features")
shows it in the card and its top images on the examples page.  The panel holds plain
results only and asks the window for work through its children's signals.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import NamedTuple

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from googlenet_gui.ui.features.card import ChannelCard
from googlenet_gui.ui.features.dictionary_view import DictionaryView
from googlenet_gui.ui.features.examples_view import ExamplesView
from googlenet_gui.ui.features.mosaic import TileMosaic
from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.module_picker import ModulePicker

DEFAULT_MODULE = "inception4c"
#: An English value, shown through ``translate("FeaturesPanel", MOSAIC_HINT)``.
MOSAIC_HINT = QT_TRANSLATE_NOOP("FeaturesPanel", "“Visualise this branch” fills this mosaic with every channel's "
                                "picture, the cached ones first.")


class FeatureParts(NamedTuple):
    """The tab's four heavy children (three hold pyqtgraph views)."""

    card: ChannelCard
    mosaic: TileMosaic
    examples: ExamplesView
    dictionary: DictionaryView


def build_panel_in_pieces() -> Generator[None, None, "FeaturesPanel"]:
    """The panel, one child per event-loop turn (for :class:`~googlenet_gui.ui.widgets.deferred.Deferred`)."""
    card = ChannelCard()
    yield
    mosaic = TileMosaic(translate("FeaturesPanel", MOSAIC_HINT))
    yield
    examples = ExamplesView()
    yield
    dictionary = DictionaryView()
    yield
    return FeaturesPanel(FeatureParts(card, mosaic, examples, dictionary))


class FeaturesPanel(Retranslatable, QWidget):
    """Picker on top; the card beside the mosaic, examples and dictionary pages.

    ``dictionary_wanted()`` fires when the dictionary page is opened or its layer changes.
    """

    dictionary_wanted = Signal()

    def __init__(self, parts: FeatureParts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card, self.mosaic, self.examples, self.dictionary = parts
        self.mosaic_layer: str | None = None
        #: Makes the mosaic's caption (whole, short): called again after a language switch.
        self.mosaic_caption: Callable[[], tuple[str, str]] = lambda: (translate("FeaturesPanel", MOSAIC_HINT), "")
        self.picker = ModulePicker()
        self.pages = QTabWidget()
        for page in (self.mosaic, self.examples, self.dictionary):  # titled in retranslate_ui
            self.pages.addTab(page, "")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.card)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.picker)
        layout.addWidget(self.card.controls)
        layout.addWidget(split, 1)
        self.picker.layer_chosen.connect(self._on_module)
        self.mosaic.tile_clicked.connect(self._on_tile)
        self.dictionary.channel_chosen.connect(self.open_channel)
        self.pages.currentChanged.connect(lambda _index: self._maybe_dictionary())
        self.card.branch.currentIndexChanged.connect(lambda _index: self._maybe_dictionary())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # Short names: the long ones scrolled the tab bar at presentation sizes; tooltips say them in full.
        for index, (name, tip) in enumerate((
                (self.tr("Mosaic"), self.tr("Branch mosaic: every channel's picture")),
                (self.tr("Examples"), self.tr("Dataset examples: the images that excite a channel")),
                (self.tr("Dictionary"), self.tr("Semantic dictionary: the channels at one spot")))):
            self.pages.setTabText(index, name)
            self.pages.setTabToolTip(index, tip)
        self.mosaic.set_caption(*self.mosaic_caption())

    # ------------------------------------------------------------------ public
    def set_model(self, counts: dict[str, int]) -> None:
        """A new model: its layers' channel counts; every picture shown belonged to the old one."""
        self.picker.set_available([name for name in counts if "." not in name])
        self.card.set_counts(counts)
        if self.card.module is None or self.card.module not in counts:
            self.picker.select(DEFAULT_MODULE if DEFAULT_MODULE in counts else next(iter(counts)), emit=False)
            self.card.set_module(self.picker.current())
        self.mosaic.start(0, 1)
        self.mosaic_layer = None
        self._caption(lambda: (translate("FeaturesPanel", MOSAIC_HINT), ""))

    def layer(self) -> str | None:
        return self.card.layer()

    @Slot(str, int)
    def open_channel(self, layer: str, channel: int) -> None:
        """Show ``channel`` of ``layer`` in the card (it emits ``channel_selected``)."""
        module = layer.partition(".")[0]
        self.picker.select(module, emit=False)
        self.card.select(layer, channel)

    def start_mosaic(self, layer: str, count: int, side: int) -> None:
        self.mosaic_layer = layer
        self.mosaic.start(count, side)
        self._caption(lambda: (self.tr("{layer}: {count} channels, the cached ones first · click a tile to open it")
                               .format(layer=layer, count=count),
                               self.tr("{layer}: {count} channels").format(layer=layer, count=count)))
        self.pages.setCurrentWidget(self.mosaic)

    def put_tile(self, layer: str, channel: int, tile: np.ndarray, done: int, total: int) -> None:
        if layer == self.mosaic_layer:
            self.mosaic.put(channel, tile)
            self._caption(lambda: (self.tr("{layer}: {done} of {total} channels · click a tile to open it")
                                   .format(layer=layer, done=done, total=total),
                                   self.tr("{layer}: {done} of {total}").format(layer=layer, done=done, total=total)))

    def dictionary_shown(self) -> bool:
        return self.pages.currentWidget() is self.dictionary

    # ---------------------------------------------------------------- internals
    def _caption(self, make: Callable[[], tuple[str, str]]) -> None:
        """Show the mosaic's caption ``make()``, and again in the new language after a switch."""
        self.mosaic_caption = make
        self.mosaic.set_caption(*make())

    @Slot(str)
    def _on_module(self, module: str) -> None:
        self.card.set_module(module)

    @Slot(int)
    def _on_tile(self, index: int) -> None:
        if self.mosaic_layer is not None:
            self.open_channel(self.mosaic_layer, index)

    def _maybe_dictionary(self) -> None:
        if self.dictionary_shown():
            self.dictionary_wanted.emit()
