"""The atlas as one RGB mosaic: every cell's map blended over the crop, in NumPy.

WHY one mosaic: 45 small overlays as 45 plots cost ~45 pyqtgraph items to build and
repaint; one row-major ImageItem costs one pixel copy.  The blend is core's
:func:`~googlenet_gui.core.viz.overlay.overlay`, so the window matches ``explain --out``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from googlenet_gui.core.viz.overlay import blend, heat_levels

#: Cells are shown about this many pixels wide: a grid cell on screen is smaller anyway.
CELL_TARGET = 112
GAP_COLOUR = (245, 245, 245)


@dataclass(frozen=True)
class CellGeometry:
    """Where each cell lies in the mosaic: ``size`` pixels square, ``gap`` pixels apart."""

    rows: int
    cols: int
    size: int
    gap: int

    @property
    def pitch(self) -> int:
        return self.size + self.gap

    @property
    def shape(self) -> tuple[int, int]:
        return self.rows * self.pitch - self.gap, self.cols * self.pitch - self.gap

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, col) under mosaic pixel (x, y), or None on a gap or outside."""
        if x < 0 or y < 0:
            return None
        col, col_offset = divmod(int(x), self.pitch)
        row, row_offset = divmod(int(y), self.pitch)
        if row >= self.rows or col >= self.cols or col_offset >= self.size or row_offset >= self.size:
            return None
        return row, col

    def centre(self, index: int) -> float:
        """Centre of row or column ``index`` along its axis (mosaic pixels)."""
        return index * self.pitch + self.size / 2


def step_for(crop: np.ndarray) -> int:
    """Subsampling step that brings the crop near :data:`CELL_TARGET` pixels."""
    return max(1, int(round(crop.shape[0] / CELL_TARGET)))


def atlas_mosaic(crop: np.ndarray, heatmaps: list[list[np.ndarray]], colormap: str,
                 opacity: float) -> tuple[np.ndarray, CellGeometry]:
    """(H, W, 3) uint8 grid of ``heatmaps`` (rows of [0, 1] maps at the crop's size) over the crop."""
    step = step_for(crop)
    small = crop[::step, ::step]
    size = small.shape[0]
    geometry = CellGeometry(len(heatmaps), max(len(r) for r in heatmaps), size, max(2, size // 24))
    mosaic = np.empty((*geometry.shape, 3), np.uint8)
    mosaic[:] = GAP_COLOUR
    for r, row in enumerate(heatmaps):
        for c, heatmap in enumerate(row):
            top, left = r * geometry.pitch, c * geometry.pitch
            cell = blend(small, heat_levels(heatmap[::step, ::step]), colormap, opacity)
            mosaic[top:top + size, left:left + small.shape[1]] = cell
    return mosaic, geometry
