"""Receptive field and jump (effective stride) of every layer, read from the model's own modules.

Theoretical geometry along one axis, in input pixels: each kernel ``k`` with stride ``s``
grows the field by ``(k - 1) * jump`` and multiplies the jump by ``s``.  Read from the
modules rather than a table because the variants differ (a true 5x5 slot, the 1x1+3x3
stem, the last max pool).  An Inception module's output field is its widest branch's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from torch import nn

from googlenet_gui.core.network.model import BRANCH_ATTRS, GoogLeNet, Inception
from googlenet_gui.core.network.spec import BRANCH_NAMES


@dataclass(frozen=True)
class Geometry:
    """What one unit of a layer sees: ``receptive_field`` pixels wide, ``jump`` pixels from its neighbour.

    ``start`` is the centre of unit 0 in input pixel coordinates (pixel centres at 0, 1, ...).
    """

    receptive_field: int = 1
    jump: int = 1
    start: float = 0.0

    def after(self, kernel: int, stride: int, padding: int) -> Geometry:
        """The geometry behind one more kernel/stride/padding layer."""
        return Geometry(self.receptive_field + (kernel - 1) * self.jump, self.jump * stride,
                        self.start + ((kernel - 1) / 2 - padding) * self.jump)

    def global_pool(self, size: int) -> Geometry:
        """A head that reads a whole ``size``-wide map (global pool, or flatten then linear)."""
        return self.after(size, size, 0)

    def region(self, row: int, col: int, crop: int) -> tuple[int, int, int, int]:
        """(top, left, bottom, right), inclusive and clipped to the crop: the pixels unit (row, col) sees."""
        half = (self.receptive_field - 1) / 2
        top, left = (self.start + i * self.jump - half for i in (row, col))
        clip = lambda v: int(min(max(round(v), 0), crop - 1))  # noqa: E731
        return clip(top), clip(left), clip(top + 2 * half), clip(left + 2 * half)


def _single(value: int | tuple[int, ...]) -> int:
    return value if isinstance(value, int) else int(value[0])


def _through(geometry: Geometry, module: nn.Module) -> Geometry:
    """Geometry after ``module``: its convolutions and pools in forward order."""
    for layer in module.modules():
        if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            kernel = _single(layer.kernel_size)
            stride = _single(layer.stride if layer.stride is not None else kernel)
            dilation = _single(getattr(layer, "dilation", 1))
            geometry = geometry.after(dilation * (kernel - 1) + 1, stride, _single(layer.padding))
    return geometry


def trunk_geometry(model: GoogLeNet) -> dict[str, Geometry]:
    """Geometry of every trunk module's output and of every Inception branch (``inception4c.3x3``)."""
    geometry = Geometry()
    out: dict[str, Geometry] = {}
    for name in model.trunk_names:
        module = getattr(model, name)
        if isinstance(module, Inception):
            branches = {b: _through(geometry, getattr(module, a)) for b, a in zip(BRANCH_NAMES, BRANCH_ATTRS)}
            out.update({f"{name}.{b}": g for b, g in branches.items()})
            widest = max(branches.values(), key=lambda g: g.receptive_field)
            geometry = replace(widest, start=geometry.start)
        else:
            geometry = _through(geometry, module)
        out[name] = geometry
    return out
