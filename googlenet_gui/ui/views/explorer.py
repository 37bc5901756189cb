"""Inception explorer: pick a layer, see its four branches and output, click a channel.

For an Inception module the four branch mosaics (1x1, 3x3, 5x5, pool-proj) sit side
by side with their share of the output channels and of the activation energy, above
the concatenated output; stem layers show their single output.  Normalisation modes:
``shared`` (one colour scale for the whole module, so branches compare honestly),
``per branch``, and ``per channel`` (every map stretched to [0, 1]: weak channels show).
Clicking a unit of the channel view asks for what that unit sees (``unit_clicked``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from googlenet_gui.core.network.spec import BRANCH_NAMES, BRANCH_TITLES, DEFAULT_LAYER

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.channel_view import ChannelView
from googlenet_gui.ui.views.module_picker import ModulePicker
from googlenet_gui.ui.views.mosaic_view import MosaicView
from googlenet_gui.core.viz.colormaps import colormap_lut
from googlenet_gui.core.viz.mosaic import normalize_per_channel

from googlenet_gui.ui.views.viewdata import OUTPUT_PANEL, InspectionView, LayerPanels, PanelData, tile

COLORMAPS = ("viridis", "inferno", "magma", "plasma", "cividis", "CET-L1")  # sequential: activations are >= 0
#: Normalisation modes: the keys (stored in the settings, kept in each item's data) and how the menu names them.
NORMALISATIONS = ("shared", "per branch", "per channel")
NORMALISATION_NAMES = {"shared": QT_TRANSLATE_NOOP("Explorer", "shared"),
                       "per branch": QT_TRANSLATE_NOOP("Explorer", "per branch"),
                       "per channel": QT_TRANSLATE_NOOP("Explorer", "per channel")}


def lookup_table(name: str) -> np.ndarray:
    """The same exact table ``inspect --save-maps`` writes with (core.viz.colormaps)."""
    return colormap_lut(name)


def branch_title(name: str) -> str:
    """A branch's title (core's ``BRANCH_TITLES``) in the window's language."""
    return translate("Branch", BRANCH_TITLES[name])


class ExplorerPanel(Retranslatable, QWidget):
    """Emits ``layer_changed(name)`` so the window can remember the last module, and
    ``unit_clicked(layer, row, col)`` (layer a module or ``MODULE.BRANCH``) for the effective field,
    and ``open_in_features(layer, channel)`` for "Open in Features" on the clicked channel."""

    layer_changed = Signal(str)
    unit_clicked = Signal(str, int, int)
    open_in_features = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: InspectionView | None = None
        self._normalised: dict[tuple[int, str, str], tuple[np.ndarray, np.ndarray]] = {}
        self.picker = ModulePicker()
        self.colormap = QComboBox()
        self.colormap.addItems(COLORMAPS)
        self.normalisation = QComboBox()
        for mode in NORMALISATIONS:
            self.normalisation.addItem(mode, mode)
        self.scale_label = QLabel("")
        self.open_features = QPushButton()
        self.open_features.setEnabled(False)
        self.open_features.clicked.connect(self._on_open_features)
        self.branch_views = {name: MosaicView(branch_title(name)) for name in BRANCH_NAMES}
        self.output_view = MosaicView("")
        self.channel_view = ChannelView()
        self._lut = lookup_table(COLORMAPS[0])
        self.unit_geometry: dict[str, Any] = {}  # layer -> receptive Geometry (not "geometry": QWidget has one)
        self.unit: tuple[str, int, int] | None = None  # the clicked unit whose field is shown
        self._field_text = ""
        self._build_layout()
        self.channel_view.unit_clicked.connect(self._on_unit)
        self.picker.layer_chosen.connect(self._on_layer)
        self.colormap.currentTextChanged.connect(self._on_colormap)
        self.normalisation.currentIndexChanged.connect(lambda _index: self.refresh())
        for view in (*self.branch_views.values(), self.output_view):
            view.channel_clicked.connect(self._on_channel)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Static texts, then the shown layer's titles, captions and the clicked unit again."""
        self.colormap.setToolTip(self.tr("Colour map of every mosaic and the channel view"))
        for index, mode in enumerate(NORMALISATIONS):
            self.normalisation.setItemText(index, translate("Explorer", NORMALISATION_NAMES[mode]))
        self.normalisation.setToolTip(self.tr(
            "shared: one scale for the module · per branch · per channel: each map to [0, 1]"))
        self.colours_label.setText(self.tr("Colours:"))
        self.normalise_label.setText(self.tr("Normalise:"))
        self.open_features.setText(self.tr("Open in Features"))
        self.open_features.setToolTip(self.tr(
            "The clicked channel in the Features tab: what it responds to, its top images"))
        for name, view in self.branch_views.items():
            view.title.setText(branch_title(name))
        self.output_view.title.setText(self.tr("concatenated output"))
        self.refresh()
        self._retranslate_field()

    def normalisation_mode(self) -> str:
        """The chosen mode's key (``"shared"``, ``"per branch"``, ``"per channel"``), whatever the language."""
        return self.normalisation.currentData() or NORMALISATIONS[0]

    def set_normalisation(self, mode: str) -> bool:
        """Choose a mode by its key (the settings store keys, not the menu's words)."""
        index = self.normalisation.findData(mode)
        if index >= 0:
            self.normalisation.setCurrentIndex(index)
        return index >= 0

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        self.colours_label, self.normalise_label = QLabel(), QLabel()
        controls.addWidget(self.colours_label)
        controls.addWidget(self.colormap)
        controls.addWidget(self.normalise_label)
        controls.addWidget(self.normalisation)
        controls.addWidget(self.scale_label, 1)
        controls.addWidget(self.open_features)
        self.branch_row = branches = QWidget()
        row = QHBoxLayout(branches)
        row.setContentsMargins(0, 0, 0, 0)
        for view in self.branch_views.values():
            row.addWidget(view)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.output_view)
        lower.addWidget(self.channel_view)
        lower.setSizes([400, 600])
        self.lower = lower
        self._desk_sizes: tuple[list[int], list[int]] | None = None  # the splits before presentation mode
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(branches)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([500, 300])
        self.splitter.setStretchFactor(0, 3)  # the branch mosaics are what the tab is for
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.picker)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)

    # ------------------------------------------------------------------ public
    def set_presenting(self, on: bool) -> None:
        """On a projector's stage the lower row gets 45% of the height and the output mosaic
        (a square) a quarter of its width, so the channel's statistics are not cut (issue #26)."""
        if on and self._desk_sizes is None:
            self._desk_sizes = (self.splitter.sizes(), self.lower.sizes())
            self.splitter.setSizes(_shares(sum(self._desk_sizes[0]), 0.55))
            self.lower.setSizes(_shares(sum(self._desk_sizes[1]), 0.25))
        elif not on and self._desk_sizes is not None:
            self.splitter.setSizes(self._desk_sizes[0])
            self.lower.setSizes(self._desk_sizes[1])
            self._desk_sizes = None

    def current_layer(self) -> str | None:
        return self.picker.current()

    def set_layer(self, name: str) -> bool:
        return self.picker.select(name)

    def set_colormap(self, name: str) -> None:
        if name in COLORMAPS:
            self.colormap.setCurrentText(name)

    def set_geometry(self, geometry: dict[str, Any]) -> None:
        """The loaded model's receptive field and jump of every layer (``trunk_geometry``)."""
        self.unit_geometry = dict(geometry)
        self._forget_unit()

    def show_effective_field(self, layer: str, row: int, col: int, erf: np.ndarray) -> None:
        """The worker's |d unit / d input| for the clicked unit; dropped if another unit was clicked since."""
        if self.unit != (layer, row, col):
            return
        self.channel_view.show_erf(erf, self._lut)
        self.channel_view.field.setText(self._field_text + translate("Explorer", ERF_SHOWN))

    def show_branch(self, branch: str) -> bool:
        """Open ``branch``'s strongest channel in the channel view (the lesson points at one branch)."""
        layer = self._current_panels()
        found = next((b for b in layer.branches if b.title == branch), None) if layer is not None else None
        if found is None:
            return False
        self._on_channel(branch, strongest_channel(found))
        return True

    def show_centre_field(self) -> bool:
        """Outline the receptive field of the channel view's centre unit, as a click there would."""
        layer = self._current_panels()
        if layer is None or self.channel_view.current is None:
            return False
        _channels, height, width = layer.output.maps.shape
        self._on_unit(height // 2, width // 2)
        return self.unit is not None

    def current_target(self) -> str | None:
        """The layer the channel view shows: a module, or ``MODULE.BRANCH`` for a branch's channel."""
        layer = self._current_panels()
        if layer is None or self.channel_view.current is None:
            return None
        title = self.channel_view.current[0]
        return layer.name if title in (OUTPUT_PANEL, layer.name) else f"{layer.name}.{title}"

    def show_inspection(self, view: InspectionView) -> None:
        """Show a new image; keeps the chosen layer and re-selects the clicked channel."""
        self._forget_unit()  # its effective field belonged to the old image
        self.view = view
        self._normalised.clear()
        names = view.layer_names
        self.picker.set_available(names)
        self.picker.show_sizes(view.module_sizes())
        if self.picker.current() not in names:
            self.picker.select(DEFAULT_LAYER if DEFAULT_LAYER in names else names[0], emit=False)
        self.refresh()

    def refresh(self) -> None:
        """Redraw the current layer's panels (mosaic pixels and levels only)."""
        layer = self._current_panels()
        if layer is None:
            return
        mode = self.normalisation_mode()
        self.branch_row.setVisible(bool(layer.branches))  # a stem layer's one map gets the whole height
        for name, view in self.branch_views.items():
            branch = next((b for b in layer.branches if b.title == name), None)
            view.setVisible(branch is not None)
            if branch is not None:
                self._draw(view, layer, branch, mode, _branch_detail(branch))
        self._draw(self.output_view, layer, layer.output, mode, _output_detail(layer.output))
        if layer.branches:
            self.output_view.title.setText(self.tr("{layer}: concatenated output").format(layer=layer.name),
                                           short=self.tr("{layer} output").format(layer=layer.name))
        else:
            self.output_view.title.setText(layer.name)
        low, high = layer.levels
        self.scale_label.setText(
            self.tr("shared scale {low} … {high}").format(low=f"{low:.3g}", high=f"{high:.3g}") if mode == "shared"
            else self.tr("scale: {mode}").format(mode=translate("Explorer", NORMALISATION_NAMES[mode])))
        if self.channel_view.current is None:
            self.channel_view.current = (layer.output.title, strongest_channel(layer.output))
        self._on_channel(*self.channel_view.current)

    # ---------------------------------------------------------------- internals
    def _current_panels(self) -> LayerPanels | None:
        if self.view is None:
            return None
        return self.view.layer(self.picker.current() or "")

    def _mosaic_and_levels(self, layer: LayerPanels, panel: PanelData, mode: str):
        if mode == "per channel":
            key = (self.view.key, layer.name, panel.title)
            if key not in self._normalised:
                maps = normalize_per_channel(panel.maps)
                self._normalised[key] = (maps, tile(maps).image)
            return self._normalised[key], (0.0, 1.0)
        levels = panel.levels if mode == "per branch" else layer.levels
        return (panel.maps, panel.mosaic), levels

    def _draw(self, view: MosaicView, layer: LayerPanels, panel: PanelData, mode: str,
              detail: tuple[str, str]) -> None:
        (_maps, mosaic), levels = self._mosaic_and_levels(layer, panel, mode)
        title = branch_title(panel.title) if panel.title in BRANCH_TITLES else view.title.text()
        view.show_panel(panel, mosaic, levels, self._lut, title, *detail)

    def _on_layer(self, name: str) -> None:
        self.channel_view.current = None
        self.refresh()
        self.layer_changed.emit(name)

    def _on_colormap(self, name: str) -> None:
        self._lut = lookup_table(name)
        for view in (*self.branch_views.values(), self.output_view):
            view.set_lut(self._lut)
        self.channel_view.set_lut(self._lut)

    def _on_channel(self, panel_title: str, channel: int) -> None:
        layer = self._current_panels()
        if layer is None:
            return
        panel = layer.output if panel_title in (OUTPUT_PANEL, layer.name) else next(
            (b for b in layer.branches if b.title == panel_title), None)
        if panel is None or channel >= panel.maps.shape[0]:
            return
        (maps, _mosaic), levels = self._mosaic_and_levels(layer, panel, self.normalisation_mode())
        where = branch_title(panel.title) if panel.title in BRANCH_TITLES else self.tr("output")
        caption = "<b>" + self.tr("{layer} · {where} · channel {channel}").format(
            layer=layer.name, where=where, channel=channel) + "</b>"
        if panel.first_channel:  # a branch's channel: where it lands in the concatenated output
            caption += " " + self.tr("(output channel {channel})").format(channel=panel.first_channel + channel)
        self.channel_view.show_channel(caption, maps[channel], self.view.input_rgb, levels, self._lut)
        self.channel_view.current = (panel_title, channel)
        self.open_features.setEnabled(True)
        if self.unit is not None and self.unit[0] != self.current_target():
            self._forget_unit()  # another tensor: the outlined unit is not one of its units

    @Slot(int, int)
    def _on_unit(self, row: int, col: int) -> None:
        """Outline the unit's theoretical field at once; ask for its effective field."""
        target = self.current_target()
        if target is None or self.view is None:
            return
        self.unit = (target, row, col)
        geometry = self.unit_geometry.get(target)
        region = geometry.region(row, col, self.view.input_rgb.shape[0]) if geometry is not None else None
        self._field_text = field_text(target, row, col, geometry, region)
        self.channel_view.show_field(self._field_text + translate("Explorer", ERF_WAITING), region)
        self.unit_clicked.emit(target, row, col)

    def _retranslate_field(self) -> None:
        """The clicked unit's words in the new language (its outline and effective field stay)."""
        if self.unit is None or self.view is None:
            return
        target, row, col = self.unit
        geometry = self.unit_geometry.get(target)
        region = geometry.region(row, col, self.view.input_rgb.shape[0]) if geometry is not None else None
        self._field_text = field_text(target, row, col, geometry, region)
        ending = ERF_SHOWN if self.channel_view.erf_view.isVisible() else ERF_WAITING
        self.channel_view.field.setText(self._field_text + translate("Explorer", ending))

    @Slot()
    def _on_open_features(self) -> None:
        target = self.current_target()
        if target is not None and self.channel_view.current is not None:
            self.open_in_features.emit(target, self.channel_view.current[1])

    def _forget_unit(self) -> None:
        self.unit = None
        self.channel_view.clear_field()


def _shares(total: int, first: float) -> list[int]:
    return [int(total * first), total - int(total * first)]


def strongest_channel(panel: PanelData) -> int:
    """The channel with the most activation energy: a useful first thing to look at."""
    return int(np.argmax(np.square(panel.maps, dtype=np.float64).sum(axis=(1, 2))))


ERF_WAITING = QT_TRANSLATE_NOOP("Explorer", "<br>effective field: computing…")
ERF_SHOWN = QT_TRANSLATE_NOOP("Explorer", "<br>right: effective field")


def field_text(target: str, row: int, col: int, geometry: Any, region: tuple[int, int, int, int] | None) -> str:
    """What the clicked unit sees, in words: the outlined rows and columns, the field and the jump."""
    # the caption above already names the layer
    head = "<b>" + translate("Explorer", "unit&nbsp;({row},&nbsp;{col})").format(row=row, col=col) + "</b>"
    if geometry is None or region is None:
        return translate("Explorer", "{unit} of {layer}").format(unit=head, layer=target)
    top, left, bottom, right = region
    return translate("Explorer", "{unit} sees rows&nbsp;{top}–{bottom}, cols&nbsp;{left}–{right}<br>"
                                 "field&nbsp;{field}&nbsp;px · jump&nbsp;{jump}&nbsp;px").format(
        unit=head, top=top, bottom=bottom, left=left, right=right, field=geometry.receptive_field, jump=geometry.jump)


def _branch_detail(branch: PanelData) -> tuple[str, str]:
    """The panel's subtitle, and the shorter one for narrow panels (presentation fonts at 1024 px)."""
    channels = branch.maps.shape[0]
    channel_share, energy_share = f"{branch.channel_share:.0%}", f"{branch.energy_share:.0%}"
    return (translate("Explorer", "{channels} ch ({channel_share}) · energy {energy_share}").format(
                channels=channels, channel_share=channel_share, energy_share=energy_share),
            translate("Explorer", "{channels} ch · {energy_share} energy").format(
                channels=channels, energy_share=energy_share))


def _output_detail(output: PanelData) -> tuple[str, str]:
    channels, height, width = output.maps.shape
    size = f"{width}×{height}"
    return (translate("Explorer", "{channels} channels · {size}").format(channels=channels, size=size),
            translate("Explorer", "{channels} ch · {size}").format(channels=channels, size=size))
