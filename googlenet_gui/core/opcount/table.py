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

import copy
import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from googlenet_gui.core.opcount import paper as table1
from googlenet_gui.core.network.spec import VariantSpec

FILTER_COLUMNS: tuple[str, ...] = ("n1x1", "n3x3_reduce", "n3x3", "n5x5_reduce", "n5x5", "pool_proj")
HEAD_ORDER: tuple[str, ...] = ("avgpool", "dropout", "fc", "aux1", "aux2")
STEM_GROUP = "conv2+conv3"


def conv_macs(out_h: int, out_w: int, in_c: int, out_c: int, kernel: int | tuple[int, int],
              groups: int = 1) -> int:
    """Multiply-adds of one convolution: out_h*out_w*out_c*(in_c/groups)*kh*kw."""
    kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
    return out_h * out_w * out_c * (in_c // groups) * kh * kw


def reduction_example(size: int = 14, in_c: int = 480, out_c: int = 48, kernel: int = 5,
                      reduce: int = 16) -> tuple[int, int]:
    """The seeds' worked example: (naive, with a 1x1 reduction first) multiply-adds.

    14x14x480 into 48 5x5 filters costs 112.9M; a 16-channel 1x1 reduction first
    brings it to 5.3M (1.5M for the reduction plus 3.8M for the 5x5 on 16 channels).
    """
    naive = conv_macs(size, size, in_c, out_c, kernel)
    reduced = conv_macs(size, size, in_c, reduce, 1) + conv_macs(size, size, reduce, out_c, kernel)
    return naive, reduced


@dataclass
class OpsRow:
    """One row of the live Table 1 (a module, or a group of modules the paper lists as one)."""

    name: str
    type: str
    patch: str | None
    output: tuple[int, int, int] | None  # (H, W, C) as the paper writes it
    depth: int
    params: int
    macs: int
    filters: dict[str, int] = field(default_factory=dict)  # FILTER_COLUMNS that apply
    naive_macs: int | None = None
    paper_params: int | None = None
    paper_macs: int | None = None
    notes: list[str] = field(default_factory=list)
    members: tuple[str, ...] = ()  # for a group row: the module rows it sums
    part_of: str | None = None  # for a module row inside a group: the group's name
    aux: bool = False
    breakdown: dict[str, int] = field(default_factory=dict)  # weights, biases, batchnorm
    receptive_field: int | None = None  # input pixels one output unit sees, along one axis
    jump: int | None = None  # input pixels between neighbouring output units (effective stride)

    @property
    def note(self) -> str:
        return "; ".join(self.notes)

    @property
    def params_diff(self) -> int | None:
        return None if self.paper_params is None else self.params - self.paper_params

    @property
    def macs_diff(self) -> int | None:
        return None if self.paper_macs is None else self.macs - self.paper_macs

    @property
    def params_diff_pct(self) -> float | None:
        return _pct(self.params_diff, self.paper_params)

    @property
    def macs_diff_pct(self) -> float | None:
        return _pct(self.macs_diff, self.paper_macs)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type, "patch": self.patch,
            "output": list(self.output) if self.output else None, "depth": self.depth,
        }
        data.update({column: self.filters.get(column) for column in FILTER_COLUMNS})
        data.update({
            "params": self.params, "macs": self.macs,
            "paper_params": self.paper_params, "paper_macs": self.paper_macs,
            "params_diff": self.params_diff, "params_diff_pct": _round(self.params_diff_pct),
            "macs_diff": self.macs_diff, "macs_diff_pct": _round(self.macs_diff_pct),
            "naive_macs": self.naive_macs, "note": self.note, "aux": self.aux,
            "breakdown": dict(self.breakdown),
            "receptive_field": self.receptive_field, "jump": self.jump,
        })
        if self.members:
            data["members"] = list(self.members)
        if self.part_of:
            data["part_of"] = self.part_of
        return data


def _pct(diff: int | None, reference: int | None) -> float | None:
    return None if diff is None or not reference else 100.0 * diff / reference


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


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


# ------------------------------------------------------------------ shape pass
class _ShapeOnlyConv(nn.Module):
    """Stands in for a Conv2d in the shape twin: torch's own conv arithmetic on one channel
    with a 1x1-channel kernel gives the output size; the output is zeros of the real depth."""

    def __init__(self, conv: nn.Conv2d) -> None:
        super().__init__()
        self.out_channels = conv.out_channels
        self.options = dict(stride=conv.stride, padding=conv.padding, dilation=conv.dilation)
        self.kernel = torch.zeros(1, 1, *conv.kernel_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        probe = nn.functional.conv2d(x[:, :1], self.kernel, **self.options)
        return x.new_zeros(x.shape[0], self.out_channels, *probe.shape[2:])


class _ShapeOnlyLinear(nn.Module):
    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        self.out_features = linear.out_features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.new_zeros(*x.shape[:-1], self.out_features)


def shape_twin(model: nn.Module) -> nn.Module:
    """A structural copy that computes shapes, not values; the original is never touched.

    Convolutions and linear layers are replaced by shape-only stand-ins (their MACs are
    computed from the recorded shapes), BatchNorm by Identity; everything else (pools,
    concatenation, flatten, the model's own ``forward``) runs for real on zeros.  Why
    not the ``meta`` device: its first use imports several hundred modules (about 5 s
    cold here), and a real pass costs a whole inference.
    """
    memo = {id(t): torch.empty(t.shape, device="meta") for t in itertools.chain(model.parameters(), model.buffers())}
    twin = copy.deepcopy(model, memo).eval()
    _swap_for_shapes(twin)
    twin.to_empty(device="cpu")
    with torch.no_grad():
        for tensor in itertools.chain(twin.parameters(), twin.buffers()):
            tensor.zero_()
    return twin


def _swap_for_shapes(module: nn.Module) -> None:
    for name, child in module.named_children():
        if isinstance(child, nn.modules.batchnorm._BatchNorm):
            setattr(module, name, nn.Identity())
        elif isinstance(child, nn.Conv2d):
            setattr(module, name, _ShapeOnlyConv(child))
        elif isinstance(child, nn.Linear):
            setattr(module, name, _ShapeOnlyLinear(child))
        else:
            _swap_for_shapes(child)


@dataclass
class ShapeRecord:
    """Input and output shape of every submodule from one shape-only forward pass."""

    inputs: dict[str, tuple[int, ...]] = field(default_factory=dict)
    outputs: dict[str, tuple[int, ...]] = field(default_factory=dict)


def record_shapes(model: nn.Module, image_size: int) -> ShapeRecord:
    """Run every head once on a zero 1x3xSxS image with hooks on every submodule of a twin."""
    twin = shape_twin(model)
    record = ShapeRecord()
    handles = []

    def make_hook(name: str):
        def hook(_module: nn.Module, inputs: Any, output: Any) -> None:
            if inputs and isinstance(inputs[0], torch.Tensor):
                record.inputs[name] = tuple(inputs[0].shape)
            if isinstance(output, torch.Tensor):
                record.outputs[name] = tuple(output.shape)
        return hook

    try:
        for name, module in twin.named_modules():
            if name:
                handles.append(module.register_forward_hook(make_hook(name)))
        x = torch.zeros(1, 3, image_size, image_size)
        with torch.inference_mode():
            twin.forward_heads(x, with_aux=True) if hasattr(twin, "forward_heads") else twin(x)
    finally:
        for handle in handles:
            handle.remove()
    return record


def leaf_macs(module: nn.Module, record: ShapeRecord, name: str) -> int:
    """Multiply-adds of one Conv2d or Linear from its recorded output shape (batch 1)."""
    out = record.outputs.get(name)
    if out is None:
        return 0
    if isinstance(module, nn.Conv2d):
        return conv_macs(out[2], out[3], module.in_channels, out[1], module.kernel_size, module.groups)
    if isinstance(module, nn.Linear):
        return math.prod(out) // module.out_features * module.in_features * module.out_features
    return 0


def top_level_names(model: nn.Module) -> list[str]:
    """Network order: trunk (stem, inceptions, pools), then the head, then aux heads."""
    children = [name for name, _ in model.named_children()]
    trunk = list(getattr(model, "trunk_names", ()))
    ordered = trunk + [n for n in HEAD_ORDER if n in children and n not in trunk]
    return ordered + [n for n in children if n not in ordered]


def count_ops(model_or_spec: Any, image_size: int = 224) -> "OpsTable":
    """The live Table 1 for a model, a :class:`VariantSpec` or a ``LoadedModel``.

    A spec is built on the ``meta`` device (no weights, no download, no initialisation).
    """
    from googlenet_gui.core.opcount.rows import build_rows

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
