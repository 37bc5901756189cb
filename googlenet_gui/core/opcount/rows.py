"""Rows of the live Table 1: each top-level module described the way the paper does.

Every value is read from the model's modules and the shapes :mod:`.shapes` recorded; each
row is set beside the paper's value with the difference and an explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from torch import nn

from googlenet_gui.core.network.model import BRANCH_ATTRS
from googlenet_gui.core.network.spec import AUX_ATTACH, BRANCH_NAMES
from googlenet_gui.core.opcount import paper as table1
from googlenet_gui.core.opcount.shapes import ShapeRecord, conv_macs, leaf_macs, top_level_names

FILTER_COLUMNS: tuple[str, ...] = ("n1x1", "n3x3_reduce", "n3x3", "n5x5_reduce", "n5x5", "pool_proj")
STEM_GROUP = "conv2+conv3"


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
    branch_macs: dict[str, int] = field(default_factory=dict)  # Inception: BRANCH_NAMES -> multiply-adds
    branch_naive_macs: dict[str, int] = field(default_factory=dict)  # the same branch without its 1x1 reduction

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


def build_rows(model: nn.Module, record: ShapeRecord, image_size: int) -> tuple[list[OpsRow], list[OpsRow]]:
    """Module rows in network order, and group rows (torchvision's split stem)."""
    macs_by_leaf = {name: leaf_macs(m, record, name) for name, m in model.named_modules()}
    rows = [_module_row(name, getattr(model, name), record, macs_by_leaf) for name in top_level_names(model)]
    groups = _stem_group(rows)
    for row in rows:
        _attach_paper(row, image_size)
    for group in groups:
        _attach_paper(group, image_size, paper_name="conv2")
    _explain_model(model, rows)
    _attach_receptive_fields(model, record, [*rows, *groups])
    return rows, groups


def _attach_receptive_fields(model: nn.Module, record: ShapeRecord, rows: list[OpsRow]) -> None:
    """Receptive field and jump of each row's output; heads read their whole input map."""
    from googlenet_gui.core.explain.receptive import trunk_geometry

    if not hasattr(model, "trunk_names"):
        return
    geometry = trunk_geometry(model)
    last = geometry[model.trunk_names[-1]]
    for row in rows:
        name = row.members[-1] if row.members else row.name
        found = geometry.get(name)
        source = "avgpool" if name in ("avgpool", "dropout", "fc") else name
        shape = record.inputs.get(source)
        if found is None and shape is not None and len(shape) == 4:
            reads = geometry.get(AUX_ATTACH.get(name, ""), last)
            found = reads.global_pool(shape[2])
        if found is not None:
            row.receptive_field, row.jump = found.receptive_field, found.jump


# ------------------------------------------------------------------ one module
def _module_row(name: str, module: nn.Module, record: ShapeRecord, macs_by_leaf: dict[str, int]) -> OpsRow:
    macs = sum(v for leaf, v in macs_by_leaf.items() if leaf == name or leaf.startswith(name + "."))
    row = OpsRow(name=name, type=_type(module), patch=_patch(module, record.inputs.get(name)),
                 output=_hwc(record.outputs.get(name)), depth=_depth(module),
                 params=sum(p.numel() for p in module.parameters()), macs=macs,
                 breakdown=_breakdown(module), aux=name.startswith("aux"))
    if _is_inception(module):
        row.filters = _inception_filters(module)
        row.branch_macs = {branch: sum(v for leaf, v in macs_by_leaf.items() if leaf.startswith(f"{name}.{attr}."))
                           for branch, attr in zip(BRANCH_NAMES, BRANCH_ATTRS)}
        row.branch_naive_macs = _naive_branch_macs(module, record.inputs.get(name))
        row.naive_macs = sum(row.branch_naive_macs.values()) if row.branch_naive_macs else None
    elif name == "conv2" and _conv(module) is not None and _conv(module).kernel_size[0] == 3:
        row.filters = {"n3x3": _conv(module).out_channels}
    return row


def _conv(module: nn.Module) -> nn.Conv2d | None:
    """The convolution of a BasicConv2d-like block (or the module itself)."""
    if isinstance(module, nn.Conv2d):
        return module
    inner = getattr(module, "conv", None)
    return inner if isinstance(inner, nn.Conv2d) else None


def _is_inception(module: nn.Module) -> bool:
    return all(hasattr(module, attr) for attr in BRANCH_ATTRS)


def _type(module: nn.Module) -> str:
    if _is_inception(module):
        return "inception"
    if _conv(module) is not None and not hasattr(module, "fc1"):
        return "convolution"
    if hasattr(module, "fc1") or hasattr(module, "fc2"):
        return "auxiliary classifier"
    kinds = {nn.MaxPool2d: "max pool", nn.AvgPool2d: "avg pool", nn.AdaptiveAvgPool2d: "avg pool",
             nn.Linear: "linear"}
    for cls, label in kinds.items():
        if isinstance(module, cls):
            return label
    if isinstance(module, nn.Dropout):
        return f"dropout ({module.p:.0%})"
    return type(module).__name__


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def _patch(module: nn.Module, input_shape: tuple[int, ...] | None) -> str | None:
    """"7x7/2" as the paper writes kernel/stride; adaptive pools report their effective patch."""
    target = _conv(module) if _conv(module) is not None and not hasattr(module, "fc1") else module
    if hasattr(module, "fc1"):
        target = module.pool
    if isinstance(target, nn.AdaptiveAvgPool2d) and input_shape is not None:
        out_h, out_w = _pair(target.output_size)
        return f"adaptive {input_shape[2]}x{input_shape[3]}->{out_h}x{out_w}"
    if isinstance(target, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
        kh, kw = _pair(target.kernel_size)
        stride = _pair(target.stride if target.stride is not None else target.kernel_size)[0]
        return f"{kh}x{kw}/{stride}"
    return None


def _hwc(shape: tuple[int, ...] | None) -> tuple[int, int, int] | None:
    if shape is None:
        return None
    if len(shape) == 4:
        return shape[2], shape[3], shape[1]
    return 1, 1, shape[-1]


def _depth(module: nn.Module) -> int:
    """Weight layers on the longest path (the paper's "depth" column)."""
    if _is_inception(module):
        return max(_count_weight_layers(getattr(module, attr)) for attr in BRANCH_ATTRS)
    return _count_weight_layers(module)


def _count_weight_layers(module: nn.Module) -> int:
    return sum(isinstance(m, (nn.Conv2d, nn.Linear)) for m in module.modules())


def _breakdown(module: nn.Module) -> dict[str, int]:
    """Where the parameters sit: conv/linear weights, biases, BatchNorm scale and shift."""
    parts = {"weights": 0, "biases": 0, "batchnorm": 0}
    for sub in module.modules():
        if isinstance(sub, (nn.BatchNorm2d, nn.BatchNorm1d)):
            parts["batchnorm"] += sum(p.numel() for p in sub.parameters(recurse=False))
        elif isinstance(sub, (nn.Conv2d, nn.Linear)):
            parts["weights"] += sub.weight.numel()
            parts["biases"] += sub.bias.numel() if sub.bias is not None else 0
    return parts


# ------------------------------------------------------------------ inception columns
def _branch_convs(module: nn.Module, attr: str) -> list[nn.Conv2d]:
    return [m for m in getattr(module, attr).modules() if isinstance(m, nn.Conv2d)]


def _inception_filters(module: nn.Module) -> dict[str, int]:
    b1, b2, b3, b4 = (_branch_convs(module, attr) for attr in BRANCH_ATTRS)
    return {"n1x1": b1[-1].out_channels, "n3x3_reduce": b2[0].out_channels, "n3x3": b2[-1].out_channels,
            "n5x5_reduce": b3[0].out_channels, "n5x5": b3[-1].out_channels, "pool_proj": b4[-1].out_channels}


def _naive_branch_macs(module: nn.Module, input_shape: tuple[int, ...] | None) -> dict[str, int]:
    """Per convolution branch, its last filters applied straight to the module input
    (see ``table1.NAIVE_DEFINITION``): what the 1x1 reductions save, branch by branch."""
    if input_shape is None:
        return {}
    _, in_c, height, width = input_shape
    out = {}
    for branch, attr in zip(BRANCH_NAMES[:3], BRANCH_ATTRS[:3]):
        last = _branch_convs(module, attr)[-1]
        out[branch] = conv_macs(height, width, in_c, last.out_channels, tuple(last.kernel_size))
    return out


# ------------------------------------------------------------------ the paper beside it
def _stem_group(rows: list[OpsRow]) -> list[OpsRow]:
    """torchvision's conv2 (1x1) + conv3 (3x3) = the paper's one depth-2 "conv2" row."""
    by_name = {r.name: r for r in rows}
    if "conv3" not in by_name or "conv2" not in by_name:
        return []
    reduce_row, conv_row = by_name["conv2"], by_name["conv3"]
    for member in (reduce_row, conv_row):
        member.part_of = STEM_GROUP
        member.notes.append(f"part of the paper's conv2 row: compared in {STEM_GROUP}")
    reduce_c, conv_c = reduce_row.output[2], conv_row.output[2]
    group = OpsRow(
        name=STEM_GROUP, type="convolution", patch=conv_row.patch, output=conv_row.output, depth=2,
        params=reduce_row.params + conv_row.params, macs=reduce_row.macs + conv_row.macs,
        filters={"n3x3_reduce": reduce_c, "n3x3": conv_c}, members=("conv2", "conv3"),
        breakdown={k: reduce_row.breakdown[k] + conv_row.breakdown[k] for k in reduce_row.breakdown},
        notes=[f"torchvision's stem splits the paper's depth-2 conv2 row into conv2 (1x1, {reduce_c} = "
               f"#3x3 reduce) and conv3 (3x3, {conv_c}); their sum lines up with the paper's row"],
    )
    return [group]


def _attach_paper(row: OpsRow, image_size: int, paper_name: str | None = None) -> None:
    """Paper values for the row (none for rows inside a group or absent from Table 1)."""
    name = paper_name or row.name
    if row.part_of or row.aux:
        if row.aux:
            row.notes.append("not a row of Table 1: the paper's section 5 auxiliary classifier "
                             "(used in training, discarded at inference); counted separately")
        return
    paper = table1.paper_row(name)
    if paper is None:
        return
    row.paper_params, row.paper_macs = table1.paper_params(name), table1.paper_macs(name)
    if name in table1.PAPER_QUIRKS:
        row.notes.append(table1.PAPER_QUIRKS[name])
    paper_out = tuple(paper["output"])
    if row.output is not None and row.output != paper_out and row.name != "fc":
        size_hint = f" at {image_size}px input" if image_size != 224 else ""
        row.notes.append(f"output {_fmt_hwc(row.output)}{size_hint} vs the paper's {_fmt_hwc(paper_out)}")


def _fmt_hwc(hwc: tuple[int, ...]) -> str:
    return "x".join(str(v) for v in hwc)


def _explain_model(model: nn.Module, rows: list[OpsRow]) -> None:
    """Notes about how this model's own choices move it away from the paper's numbers."""
    for row in rows:
        module = getattr(model, row.name)
        if row.breakdown.get("batchnorm"):
            row.notes.append("includes BatchNorm scale and shift (2 parameters per channel; "
                             "the paper has no BatchNorm)")
        if row.breakdown.get("biases") and row.paper_params is not None:
            row.notes.append("includes biases (1 per output channel; the paper's rounding does not "
                             "say whether it counted them)")
        if _is_inception(module) and row.filters:
            kernel = _branch_convs(module, "branch3")[-1].kernel_size[0]
            if kernel != 5:
                row.notes.append(f"{kernel}x{kernel} kernel in the 5x5 slot (torchvision's quirk, kept for "
                                 f"weight compatibility): {kernel * kernel}/25 of the paper's 5x5 weights and MACs")
        if row.name == "conv2" and not row.part_of and row.filters:
            row.notes.append("single 3x3 convolution without the paper's 1x1 reduce (64): depth 1, not 2")
        if row.type == "avg pool" and row.patch and "adaptive" in row.patch:
            row.notes.append("adaptive average pool: the paper's 7x7/1 at 224 px input")
        paper = table1.paper_row(row.name)
        if paper and paper.get("patch") and row.patch and row.patch != paper["patch"] and "adaptive" not in row.patch:
            row.notes.append(f"{row.patch} here, {paper['patch']} in the paper")
        if row.name == "fc" and row.output is not None and row.output[2] != 1000:
            row.notes.append(f"{row.output[2]} classes instead of the paper's 1000")
