"""Table 1, live: parameters and multiply-adds of every layer of the model in hand.

Nothing is copied from the paper's table: the rows are the loaded model's own
top-level modules, sizes come from one forward pass of a shape-only twin of the
model with hooks (the model itself is never run or changed), and each row is then set
beside the paper's value from :mod:`googlenet_gui.core.opcount.paper` with the difference
and an explanation of every known discrepancy.

Counting rules (stated in :data:`table1.UNITS`): conv MACs = out_h*out_w*out_c*
(in_c/groups)*kh*kw, linear MACs = in*out; BatchNorm, ReLU, bias additions and pooling
are not counted, which is also what ``torch.utils.flop_counter`` does (FLOPs = 2 x MACs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from googlenet_gui.core.network.spec import VariantSpec
from googlenet_gui.core.opcount import paper as table1
from googlenet_gui.core.opcount.rows import FILTER_COLUMNS, OpsRow, build_rows
from googlenet_gui.core.opcount.shapes import record_shapes


@dataclass
class OpsTable:
    """All rows of one model plus totals (with and without the aux heads)."""

    architecture: str
    image_size: int
    num_classes: int | None
    rows: list[OpsRow]
    groups: list[OpsRow] = field(default_factory=list)

    def row(self, name: str) -> OpsRow:
        return next(r for r in (*self.rows, *self.groups) if r.name == name)

    @property
    def total_params(self) -> int:
        return sum(r.params for r in self.rows)

    @property
    def total_macs(self) -> int:
        return sum(r.macs for r in self.rows)

    @property
    def total_params_without_aux(self) -> int:
        return sum(r.params for r in self.rows if not r.aux)

    @property
    def total_macs_without_aux(self) -> int:
        return sum(r.macs for r in self.rows if not r.aux)

    def display_rows(self) -> list[OpsRow]:
        """Module rows in network order, each group row right after its last member."""
        after = {g.members[-1]: g for g in self.groups}
        ordered: list[OpsRow] = []
        for row in self.rows:
            ordered.append(row)
            if row.name in after:
                ordered.append(after[row.name])
        return ordered

    def to_json(self) -> dict[str, Any]:
        """The ``ops --json`` contract: rows keyed by module name plus totals."""
        paper_params, paper_macs = table1.paper_totals()
        return {
            "architecture": self.architecture, "image_size": self.image_size,
            "num_classes": self.num_classes, "units": dict(table1.UNITS),
            "naive_module": table1.NAIVE_DEFINITION,
            "rows": {r.name: r.to_json() for r in self.rows},
            "groups": {g.name: g.to_json() for g in self.groups},
            "total_params": self.total_params, "total_macs": self.total_macs,
            "total_params_without_aux": self.total_params_without_aux,
            "total_macs_without_aux": self.total_macs_without_aux,
            "paper_total_params": paper_params, "paper_total_macs": paper_macs,
        }


def count_ops(model_or_spec: Any, image_size: int = 224) -> "OpsTable":
    """The live Table 1 for a model, a :class:`VariantSpec` or a ``LoadedModel``.

    A spec is built on the ``meta`` device (no weights, no download, no initialisation).
    """
    model = _as_module(model_or_spec)
    record = record_shapes(model, image_size)
    rows, groups = build_rows(model, record, image_size)
    spec = getattr(model, "spec", None)
    return OpsTable(
        architecture=spec.name if spec is not None else type(model).__name__,
        image_size=image_size,
        num_classes=spec.num_classes if spec is not None else None,
        rows=rows, groups=groups,
    )


def _as_module(model_or_spec: Any) -> nn.Module:
    if isinstance(model_or_spec, VariantSpec):
        from googlenet_gui.core.network.model import GoogLeNet

        with torch.device("meta"):
            return GoogLeNet(model_or_spec, init_weights=False).eval()
    if isinstance(model_or_spec, nn.Module):
        return model_or_spec
    if isinstance(getattr(model_or_spec, "model", None), nn.Module):  # LoadedModel
        return model_or_spec.model
    raise TypeError(f"count_ops needs a model or a VariantSpec, not {type(model_or_spec).__name__}")


# ------------------------------------------------------------------ terminal table
_HEADER = ("layer", "type", "patch", "output", "depth", "#1x1", "#3x3r", "#3x3", "#5x5r", "#5x5", "proj",
           "RF", "jump", "params K", "paper K", "diff%", "MACs M", "paper M", "diff%", "naive M", "notes")


def _num(value: float | int | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


def _cells(row: OpsRow, note_ids: list[int]) -> tuple[str, ...]:
    k, m = table1.PARAMS_UNIT, table1.MACS_UNIT
    name = f"  {row.name}" if row.part_of else row.name
    return (
        name, row.type, row.patch or "", "x".join(map(str, row.output)) if row.output else "",
        str(row.depth) if row.depth else "",
        *(str(row.filters[c]) if c in row.filters else "" for c in FILTER_COLUMNS),
        _num(row.receptive_field, 0), _num(row.jump, 0),
        _num(row.params / k), _num(row.paper_params and row.paper_params / k), _num(row.params_diff_pct),
        _num(row.macs / m), _num(row.paper_macs and row.paper_macs / m), _num(row.macs_diff_pct),
        _num(row.naive_macs and row.naive_macs / m), ",".join(map(str, note_ids)),
    )


def format_ops_table(table: OpsTable) -> str:
    """Aligned text table with units in the header and numbered notes below it."""
    notes: list[str] = []
    lines = []
    for row in table.display_rows():
        ids = []
        for note in row.notes:
            if note not in notes:
                notes.append(note)
            ids.append(notes.index(note) + 1)
        lines.append(_cells(row, ids))
    widths = [max(len(r[i]) for r in [_HEADER, *lines]) for i in range(len(_HEADER))]
    left = {0, 1, 2, 3, len(_HEADER) - 1}

    def fmt(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) if i in left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    k, m = table1.PARAMS_UNIT, table1.MACS_UNIT
    out = [f"GoogLeNet ({table.architecture}), {table.image_size}x{table.image_size} input. "
           "Units: params in K = 1024 parameters (the paper's K); MACs in M = 10^6 multiply-adds "
           "(FLOPs = 2 x MACs; BatchNorm, ReLU, bias additions and pooling not counted).",
           fmt(_HEADER), fmt(tuple("-" * w for w in widths)), *(fmt(c) for c in lines), ""]
    paper_params, paper_macs = table1.paper_totals()
    out.append(f"total without aux heads: {table.total_params_without_aux:,} params "
               f"({table.total_params_without_aux / k:,.1f} K; paper {paper_params / k:,.1f} K), "
               f"{table.total_macs_without_aux:,} multiply-adds ({table.total_macs_without_aux / m:,.1f} M; "
               f"paper {paper_macs / m:,.0f} M)")
    out.append(f"total with aux heads:    {table.total_params:,} params, {table.total_macs:,} multiply-adds "
               f"({table.total_macs / m:,.1f} M)")
    out.append(f"naive M: {table1.NAIVE_DEFINITION}")
    out += ["", "notes:", *(f"  [{i}] {note}" for i, note in enumerate(notes, 1))]
    return "\n".join(out)
