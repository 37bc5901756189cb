"""Colour lookup tables (256 x 3 uint8) computed with NumPy alone.

Why not matplotlib: it would be a large dependency for four tables.  viridis and magma
come from Matt Zucker's degree-6 polynomial fits of the matplotlib maps (max error
well under one 8-bit step for display purposes); the diverging map interpolates the
anchor colours of Moreland's "cool to warm".  The window turns a LUT into a pyqtgraph
ColorMap; the CLI uses it to write PNG mosaics.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

_POLYNOMIALS: dict[str, tuple[tuple[float, float, float], ...]] = {
    "viridis": (
        (0.2777273272234177, 0.005407344544966578, 0.3340998053353061),
        (0.1050930431085774, 1.404613529898575, 1.384590162594685),
        (-0.3308618287255563, 0.214847559468213, 0.09509516302823659),
        (-4.634230498983486, -5.799100973351585, -19.33244095627987),
        (6.228269936347081, 14.17993336680509, 56.69055260068105),
        (4.776384997670288, -13.74514537774601, -65.35303263337234),
        (-5.435455855934631, 4.645852612178535, 26.3124352495832),
    ),
    "magma": (
        (-0.002136485053939582, -0.000749655052795221, -0.005386127855323933),
        (0.2516605407371642, 0.6775232436837668, 2.494026599312351),
        (8.353717279216625, -3.577719514958484, 0.3144679030132573),
        (-27.66873308576866, 14.26473078096533, -13.64921318813922),
        (52.17613981234068, -27.94360607168351, 12.94416944238394),
        (-50.76852536473588, 29.04658282127291, 4.23415299384598),
        (18.65570506591883, -11.48977351997711, -5.601961508734096),
    ),
}

#: Moreland's cool-warm anchors: blue (negative), light grey (zero), red (positive).
_DIVERGING_ANCHORS = np.array([
    [0.230, 0.299, 0.754],
    [0.552, 0.690, 0.996],
    [0.865, 0.865, 0.865],
    [0.958, 0.604, 0.482],
    [0.706, 0.016, 0.150],
])

COLORMAP_NAMES: tuple[str, ...] = ("viridis", "magma", "gray", "coolwarm")

#: Maps whose middle means zero: pair them with symmetric levels (-m, m).
DIVERGING: frozenset[str] = frozenset({"coolwarm"})


def _polynomial_lut(coefficients: tuple[tuple[float, float, float], ...]) -> np.ndarray:
    t = np.linspace(0.0, 1.0, 256)[:, None]
    rgb = sum(np.asarray(c)[None, :] * t**power for power, c in enumerate(coefficients))
    return rgb


def _diverging_lut() -> np.ndarray:
    t = np.linspace(0.0, 1.0, 256)
    stops = np.linspace(0.0, 1.0, len(_DIVERGING_ANCHORS))
    return np.stack([np.interp(t, stops, _DIVERGING_ANCHORS[:, ch]) for ch in range(3)], axis=1)


@lru_cache(maxsize=None)
def _lut(name: str) -> np.ndarray:
    if name in _POLYNOMIALS:
        rgb = _polynomial_lut(_POLYNOMIALS[name])
    elif name == "gray":
        rgb = np.repeat(np.linspace(0.0, 1.0, 256)[:, None], 3, axis=1)
    elif name == "coolwarm":
        rgb = _diverging_lut()
    else:
        raise ValueError(f"unknown colormap {name!r}; choose one of {', '.join(COLORMAP_NAMES)}")
    lut = np.rint(np.clip(rgb, 0.0, 1.0) * 255).astype(np.uint8)
    lut.setflags(write=False)
    return lut


def colormap_lut(name: str = "viridis") -> np.ndarray:
    """The (256, 3) uint8 table of ``name`` (read-only; copy it before changing it)."""
    return _lut(name)


def apply_colormap(indices: np.ndarray, name: str = "viridis") -> np.ndarray:
    """uint8 indices (any shape) -> RGB uint8 with a trailing axis of 3."""
    return colormap_lut(name)[np.asarray(indices, dtype=np.uint8)]
