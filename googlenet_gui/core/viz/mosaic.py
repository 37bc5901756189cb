"""Channel maps (C, H, W) laid out as one 2-D mosaic image, plus its grid geometry.

Why one image: drawing hundreds of small images is slow in pyqtgraph; one
``ImageItem`` per branch with explicit levels is fast and gives a shared colour scale.
Padding is NaN so it renders as background and never skews the levels.  The grid
geometry maps a click back to a channel and a channel to its tile rectangle.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from googlenet_gui.core.atomic_files import atomic_write
from googlenet_gui.core.viz.colormaps import DIVERGING, apply_colormap


@dataclass(frozen=True)
class Mosaic:
    """``image`` is (rows*(h+pad)-pad, columns*(w+pad)-pad) float32, NaN between tiles."""

    image: np.ndarray
    channels: int
    rows: int
    columns: int
    tile_height: int
    tile_width: int
    pad: int

    @property
    def grid(self) -> tuple[int, int]:
        return self.rows, self.columns

    def __iter__(self) -> Iterator:
        """``image, (rows, columns) = mosaic(...)`` also works."""
        return iter((self.image, self.grid))

    def channel_at(self, row: float, col: float) -> int | None:
        """Channel under pixel (row, col) of :attr:`image`; None on padding or outside."""
        r, c = int(math.floor(row)), int(math.floor(col))
        if not (0 <= r < self.image.shape[0] and 0 <= c < self.image.shape[1]):
            return None
        grid_r, in_r = divmod(r, self.tile_height + self.pad)
        grid_c, in_c = divmod(c, self.tile_width + self.pad)
        if in_r >= self.tile_height or in_c >= self.tile_width:
            return None
        channel = grid_r * self.columns + grid_c
        return channel if channel < self.channels else None

    def tile_rect(self, channel: int) -> tuple[int, int, int, int]:
        """(top, left, height, width) of ``channel``'s tile inside :attr:`image`."""
        if not 0 <= channel < self.channels:
            raise IndexError(f"channel {channel} is outside 0..{self.channels - 1}")
        grid_r, grid_c = divmod(channel, self.columns)
        top = grid_r * (self.tile_height + self.pad)
        left = grid_c * (self.tile_width + self.pad)
        return top, left, self.tile_height, self.tile_width


def default_columns(channels: int, tile_height: int = 1, tile_width: int = 1) -> int:
    """Columns that make the mosaic roughly square (for square tiles: ceil(sqrt(C)))."""
    return max(1, math.ceil(math.sqrt(channels * tile_height / max(1, tile_width))))


def mosaic(maps: np.ndarray, columns: int | None = None, pad: int = 1, fill: float = np.nan) -> Mosaic:
    """Tile ``maps`` (C, H, W) row by row: channel ``i`` sits at grid (i // columns, i % columns)."""
    maps = np.asarray(maps, dtype=np.float32)
    if maps.ndim != 3:
        raise ValueError(f"expected channel maps of shape (C, H, W), got {maps.shape}")
    channels, height, width = maps.shape
    columns = max(1, min(columns or default_columns(channels, height, width), max(1, channels)))
    rows = max(1, math.ceil(channels / columns))
    cells = np.full((rows * columns, height + pad, width + pad), fill, dtype=np.float32)
    cells[:channels, :height, :width] = maps  # one vectorised gather, whatever the strides
    grid = cells.reshape(rows, columns, height + pad, width + pad).transpose(0, 2, 1, 3)
    image = grid.reshape(rows * (height + pad), columns * (width + pad))[:-pad or None, :-pad or None]
    image = np.ascontiguousarray(image)
    return Mosaic(image, channels, rows, columns, height, width, pad)


# ------------------------------------------------------------------ normalisation
def shared_levels(arrays: Iterable[np.ndarray], percentile: float | None = None,
                  symmetric: bool = False) -> tuple[float, float]:
    """One (low, high) for several arrays (the four branches of a module share a scale).

    ``percentile`` (e.g. 99.5) clips the top so one hot unit does not wash out the rest;
    ``symmetric`` gives (-m, m) for diverging colormaps.  NaN padding is ignored.
    """
    values = np.concatenate([np.asarray(a, dtype=np.float32).ravel() for a in arrays])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return 0.0, 1.0
    low = float(values.min())
    high = float(np.percentile(values, percentile)) if percentile is not None else float(values.max())
    if symmetric:
        bound = max(abs(low), abs(high)) or 1.0
        return -bound, bound
    return (low, high) if high > low else (low, low + 1.0)


def normalize_per_channel(maps: np.ndarray) -> np.ndarray:
    """Each channel scaled to [0, 1] on its own (shows shape; hides relative strength).

    A constant channel (typically all zero after ReLU) becomes all 0.
    """
    maps = np.asarray(maps, dtype=np.float32)
    low = maps.min(axis=(1, 2), keepdims=True)
    span = maps.max(axis=(1, 2), keepdims=True) - low
    return np.divide(maps - low, span, out=np.zeros_like(maps), where=span > 0)


def normalize_shared(maps: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """All channels scaled by one (low, high) and clipped to [0, 1] (shows relative strength)."""
    low, high = levels
    scale = 1.0 / (high - low) if high > low else 1.0
    return np.clip((np.asarray(maps, dtype=np.float32) - low) * scale, 0.0, 1.0)


# ------------------------------------------------------------------ PNG output
def colorize(values: np.ndarray, levels: tuple[float, float], colormap: str = "viridis",
             background: tuple[int, int, int] = (255, 255, 255)) -> np.ndarray:
    """2-D float array -> (H, W, 3) uint8 through ``colormap``; NaN becomes ``background``."""
    unit = normalize_shared(np.nan_to_num(values, nan=levels[0]), levels)
    rgb = apply_colormap(np.rint(unit * 255).astype(np.uint8), colormap)
    rgb[~np.isfinite(values)] = background
    return rgb


def save_mosaic_png(path: str | Path, tiles: Mosaic, levels: tuple[float, float] | None = None,
                    colormap: str = "viridis", scale: int = 1) -> Path:
    """Write ``tiles`` as an RGB PNG; ``scale`` enlarges small maps with nearest-neighbour.

    Without ``levels`` the mosaic's own range is used (symmetric for diverging maps).
    Written through :func:`.atomic_files.atomic_write`: a full disk once left the PNG of an
    earlier run truncated; now the file is the old one or the new one (OSError propagates).
    """
    if levels is None:
        levels = shared_levels([tiles.image], symmetric=colormap in DIVERGING)
    rgb = colorize(tiles.image, levels, colormap)
    if scale > 1:
        rgb = rgb.repeat(scale, axis=0).repeat(scale, axis=1)
    path = Path(path)
    image = Image.fromarray(rgb)
    atomic_write(path, lambda handle: image.save(handle, format="PNG"))
    return path
