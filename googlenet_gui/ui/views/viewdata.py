"""Ready-to-draw data for the explorer, built in the worker (NumPy only, no Qt).

A module's branches become one mosaic image each (hundreds of channel maps tiled
into a single 2-D array), so the GUI updates one ImageItem per branch instead of
creating hundreds of items.  Levels are computed here too, so the GUI thread never
scans arrays: it passes them straight to ``ImageItem.setImage(levels=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import numpy as np

from googlenet_gui.core.viz.mosaic import Mosaic, mosaic, shared_levels
from googlenet_gui.core.inference.results import HeadResult, Inspection
from googlenet_gui.core.network.spec import DEFAULT_LAYER

MOSAIC_PAD = 1
OUTPUT_PANEL = "output"


@dataclass
class PanelData:
    """One mosaic: the maps it tiles, where each channel sits, and its value range."""

    title: str
    maps: np.ndarray  # (C, H, W) float32, kept for the channel view and per-channel mode
    tiles: Mosaic  # 2-D float32 image (NaN in the gaps) and its grid geometry
    first_channel: int  # index of maps[0] in the module's concatenated output
    levels: tuple[float, float]
    channel_share: float = 1.0
    energy_share: float = 1.0

    @property
    def mosaic(self) -> np.ndarray:
        return self.tiles.image

    def channel_at(self, x: float, y: float) -> int | None:
        """Local channel under mosaic pixel (x, y), or None over a gap or outside."""
        return self.tiles.channel_at(y, x)


@dataclass
class LayerPanels:
    """Everything the explorer draws for one module: branch panels (empty for stem layers)."""

    name: str
    branches: list[PanelData]
    output: PanelData
    levels: tuple[float, float]  # shared across branches and output


@dataclass
class InspectionView:
    """An :class:`Inspection` plus mosaics, built per layer when first needed.

    The worker builds the layer on screen (and its levels) before handing the view
    over; other layers are tiled on first visit (a few ms each), so a drop never pays
    for the 40-odd mosaics the user may not look at.
    """

    key: int
    image: str
    input_rgb: np.ndarray
    heads: dict[str, HeadResult]
    inspection: Inspection
    layer_times_ms: dict[str, float]
    thumb: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)
    built: dict[str, LayerPanels] = field(default_factory=dict)
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # see module_sizes

    @property
    def layer_names(self) -> list[str]:
        """Stem layers first, then inception3a ... inception5b."""
        return [*self.inspection.stem, *self.inspection.modules]

    def module_sizes(self) -> dict[str, tuple[int, int]]:
        """(height, width) of each Inception module's maps: they follow the input size.

        Worked out once, by :func:`build_inspection_view` on the worker: reading every
        module makes its maps (ONNX Runtime's are reordered on first read, ``core/onnx_blocked``).
        """
        if not self.sizes:
            self.sizes = {name: tuple(module.output.shape[-2:]) for name, module in self.inspection.modules.items()}
        return self.sizes

    def layer(self, name: str) -> LayerPanels | None:
        if name not in self.built:
            if name in self.inspection.modules:
                self.built[name] = module_panels(name, self.inspection.modules[name])
            elif name in self.inspection.stem:
                self.built[name] = stem_panels(name, self.inspection.stem[name])
            else:
                return None
        return self.built[name]


def tile(maps: np.ndarray) -> Mosaic:
    """(C, H, W) -> one roughly square 2-D mosaic (NaN between tiles)."""
    return mosaic(maps, pad=MOSAIC_PAD)


def panel(title: str, maps: np.ndarray, first_channel: int = 0) -> PanelData:
    maps = np.ascontiguousarray(maps, dtype=np.float32)
    tiles = tile(maps)
    return PanelData(title, maps, tiles, first_channel, shared_levels([maps]))


def module_panels(name: str, module) -> LayerPanels:  # noqa: ANN001 - core.results.ModuleMaps
    """Four branch panels with their shares of channels and activation energy, plus the output."""
    total_channels = module.output.shape[0]
    energies = [branch.energy for branch in module.branches]
    total_energy = sum(energies) or 1.0
    branches = []
    for branch, energy in zip(module.branches, energies):
        data = panel(branch.name, branch.maps, branch.channel_range[0])
        data.channel_share = branch.maps.shape[0] / total_channels
        data.energy_share = energy / total_energy
        branches.append(data)
    output = panel(OUTPUT_PANEL, module.output)
    return LayerPanels(name, branches, output, output.levels)


def stem_panels(name: str, maps: np.ndarray) -> LayerPanels:
    output = panel(name, maps)
    return LayerPanels(name, [], output, output.levels)


def build_inspection_view(inspection: Inspection, key: int, thumb: np.ndarray | None,
                          first_layer: str | None = None) -> InspectionView:
    """The view of one inspection with ``first_layer``'s mosaics already built (worker side)."""
    view = InspectionView(key, inspection.image, inspection.input_rgb, inspection.heads, inspection,
                          dict(inspection.layer_times_ms), thumb, list(inspection.notes))
    view.layer(first_layer if first_layer in view.layer_names else DEFAULT_LAYER)
    view.module_sizes()  # here, not on the GUI thread when the picker asks
    return view
