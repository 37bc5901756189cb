"""The report's pictures as ``data:image/png;base64`` URIs: the file carries its images inside.

Colours come from :mod:`core.viz` (the same colormaps and overlay blend as the window and
``explain --out``); small maps are enlarged with nearest-neighbour so a browser that
smooths images still shows the units as squares.
"""

from __future__ import annotations

import base64
import io

import numpy as np
from PIL import Image

from googlenet_gui.core.explain.cam import ClassMap
from googlenet_gui.core.inference.results import ModuleMaps
from googlenet_gui.core.viz.mosaic import colorize, mosaic, shared_levels
from googlenet_gui.core.viz.overlay import overlay

#: Pictures are enlarged (whole multiples) until their longer side reaches this many pixels.
MIN_SIDE = 320
ACTIVATION_COLORMAP = "viridis"
HEAT_COLORMAP = "magma"


def png_data_uri(rgb: np.ndarray) -> str:
    """An (H, W, 3) uint8 array as a PNG data URI."""
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8)).save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def enlarged(rgb: np.ndarray, min_side: int = MIN_SIDE) -> np.ndarray:
    """``rgb`` repeated by a whole factor so its longer side is at least ``min_side`` (never shrunk)."""
    factor = max(1, -(-min_side // max(rgb.shape[:2])))
    return rgb.repeat(factor, axis=0).repeat(factor, axis=1) if factor > 1 else rgb


def crop_uri(crop: np.ndarray) -> str:
    """The crop the network saw."""
    return png_data_uri(enlarged(crop))


def branch_uris(module: ModuleMaps) -> dict[str, str]:
    """Branch name -> its channel mosaic, all four on one colour scale (up to the 99.5th percentile).

    WHY one scale: the branches are then compared honestly, as in the explorer's ``shared`` mode.
    """
    levels = shared_levels([module.output], percentile=99.5)
    uris = {}
    for branch in module.branches:
        tiles = mosaic(branch.maps)
        uris[branch.name] = png_data_uri(enlarged(colorize(tiles.image, levels, ACTIVATION_COLORMAP)))
    return uris


def heat_uri(crop: np.ndarray, class_map: ClassMap) -> str:
    """A class map blended over the crop, its peak marked (as ``explain --out map.png``)."""
    return png_data_uri(enlarged(overlay(crop, class_map.heatmap, HEAT_COLORMAP, peak=class_map.peak)))
