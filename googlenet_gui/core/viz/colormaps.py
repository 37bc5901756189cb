"""Colour lookup tables (256 x 3 uint8), the same exact tables for the window and the files.

WHY tables, not formulas: fitted curves were off the published maps by up to five 8-bit
levels, and the window (pyqtgraph's maps) and ``inspect --save-maps`` (ours) disagreed.
``data/colormaps.json`` holds each map's 256 entries as the maps' authors publish them
(its ``source`` field says where each comes from); the window builds its pyqtgraph
lookup tables from :func:`colormap_lut` too, so a PNG written by the CLI matches the screen.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

_TABLES = Path(__file__).parents[1] / "data" / "colormaps.json"

#: Every map, in the order the window's and the CLI's choices list them.
COLORMAP_NAMES: tuple[str, ...] = ("viridis", "inferno", "magma", "plasma", "cividis", "gray", "CET-L1",
                                   "coolwarm")

#: Maps whose middle means zero: pair them with symmetric levels (-m, m).
DIVERGING: frozenset[str] = frozenset({"coolwarm"})


@lru_cache(maxsize=1)
def _tables() -> dict[str, str]:
    with open(_TABLES, encoding="utf-8") as stream:
        return json.load(stream)["maps"]


@lru_cache(maxsize=None)
def _lut(name: str) -> np.ndarray:
    tables = _tables()
    if name not in tables:
        raise ValueError(f"unknown colormap {name!r}; choose one of {', '.join(COLORMAP_NAMES)}")
    packed = np.array([int(entry, 16) for entry in tables[name].split()], dtype=np.uint32)
    lut = np.stack([(packed >> 16) & 255, (packed >> 8) & 255, packed & 255], axis=1).astype(np.uint8)
    lut.setflags(write=False)
    return lut


def colormap_lut(name: str = "viridis") -> np.ndarray:
    """The (256, 3) uint8 table of ``name`` (read-only; copy it before changing it)."""
    return _lut(name)


def apply_colormap(indices: np.ndarray, name: str = "viridis") -> np.ndarray:
    """uint8 indices (any shape) -> RGB uint8 with a trailing axis of 3."""
    return np.take(colormap_lut(name), np.asarray(indices, dtype=np.uint8), axis=0)  # 6x faster than lut[indices]
