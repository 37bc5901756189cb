"""Table 1 rows as display text: which columns, how numbers read, what is a quirk.

In core (no Qt) so the Ops tab and the HTML report (core/report) format numbers one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from googlenet_gui.core.i18n import QT_TRANSLATE_NOOP


#: Differences larger than this (percent of the paper's value) are highlighted.
LARGE_DIFF_PCT = 5.0


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    tooltip: str


#: Titles and tooltips in English (the report prints them); the Ops tab shows ``translate("Table1", text)``.
COLUMNS: tuple[Column, ...] = (
    Column("name", QT_TRANSLATE_NOOP("Table1", "layer"),
           QT_TRANSLATE_NOOP("Table1", "Module of the loaded model (group rows sum the modules the paper lists as one)")),
    Column("type", QT_TRANSLATE_NOOP("Table1", "type"),
           QT_TRANSLATE_NOOP("Table1", "Layer type, as in the paper's Table 1")),
    Column("patch", QT_TRANSLATE_NOOP("Table1", "patch / stride"),
           QT_TRANSLATE_NOOP("Table1", "Kernel size / stride")),
    Column("output", QT_TRANSLATE_NOOP("Table1", "output size"),
           QT_TRANSLATE_NOOP("Table1", "H×W×C at a 224×224 input")),
    Column("depth", QT_TRANSLATE_NOOP("Table1", "depth"),
           QT_TRANSLATE_NOOP("Table1", "Weight layers along the longest path")),
    Column("n1x1", QT_TRANSLATE_NOOP("Table1", "#1×1"),
           QT_TRANSLATE_NOOP("Table1", "1×1 branch filters")),
    Column("n3x3_reduce", QT_TRANSLATE_NOOP("Table1", "#3×3 reduce"),
           QT_TRANSLATE_NOOP("Table1", "1×1 filters before the 3×3 convolution")),
    Column("n3x3", QT_TRANSLATE_NOOP("Table1", "#3×3"),
           QT_TRANSLATE_NOOP("Table1", "3×3 branch filters")),
    Column("n5x5_reduce", QT_TRANSLATE_NOOP("Table1", "#5×5 reduce"),
           QT_TRANSLATE_NOOP("Table1", "1×1 filters before the 5×5 slot")),
    Column("n5x5", QT_TRANSLATE_NOOP("Table1", "#5×5"),
           QT_TRANSLATE_NOOP("Table1", "Filters in the 5×5 slot (torchvision uses a 3×3 kernel here)")),
    Column("pool_proj", QT_TRANSLATE_NOOP("Table1", "pool proj"),
           QT_TRANSLATE_NOOP("Table1", "1×1 filters after the 3×3 max pool")),
    Column("params", QT_TRANSLATE_NOOP("Table1", "params"),
           QT_TRANSLATE_NOOP("Table1", "Parameters of this model (weights, biases, BatchNorm)")),
    Column("paper_params", QT_TRANSLATE_NOOP("Table1", "paper params"),
           QT_TRANSLATE_NOOP("Table1", "The paper's value (K = 1024 weights)")),
    Column("diff_params", QT_TRANSLATE_NOOP("Table1", "Δ params"),
           QT_TRANSLATE_NOOP("Table1", "This model minus the paper")),
    Column("macs", QT_TRANSLATE_NOOP("Table1", "multiply-adds"),
           QT_TRANSLATE_NOOP("Table1", "Multiply-adds of this model (not FLOPs: FLOPs = 2 × MACs)")),
    Column("paper_macs", QT_TRANSLATE_NOOP("Table1", "paper ops"),
           QT_TRANSLATE_NOOP("Table1", "The paper's multiply-adds")),
    Column("diff_macs", QT_TRANSLATE_NOOP("Table1", "Δ ops"),
           QT_TRANSLATE_NOOP("Table1", "This model minus the paper")),
    Column("naive_macs", QT_TRANSLATE_NOOP("Table1", "naive ops"),
           QT_TRANSLATE_NOOP("Table1", "Multiply-adds of the same module without 1×1 reductions")),
    Column("time_ms", QT_TRANSLATE_NOOP("Table1", "time (ms)"),
           QT_TRANSLATE_NOOP("Table1", "Measured wall time of this layer for the current image and device")),
)


#: The "type" column's words (core.opcount.rows names layers so), marked for the window to translate.
LAYER_TYPES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Table1", "convolution"), QT_TRANSLATE_NOOP("Table1", "max pool"),
    QT_TRANSLATE_NOOP("Table1", "avg pool"), QT_TRANSLATE_NOOP("Table1", "inception"),
    QT_TRANSLATE_NOOP("Table1", "linear"), QT_TRANSLATE_NOOP("Table1", "auxiliary classifier"),
)
#: ``dropout (40%)``: the one type with a number in it.
DROPOUT_TYPE = QT_TRANSLATE_NOOP("Table1", "dropout ({share})")


def human(value: int | float | None, unit: str = "") -> str:
    """1234567 -> '1.23M'; None -> ''."""
    if value is None:
        return ""
    magnitude = abs(value)
    for threshold, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if magnitude >= threshold:
            return f"{value / threshold:.3g}{suffix}{unit}"
    return f"{value:g}{unit}"


def signed_pct(diff: int | None, pct: float | None) -> str:
    if diff is None:
        return ""
    sign = "+" if diff > 0 else ""
    if pct is None:
        return f"{sign}{human(diff)}"
    size = abs(pct)  # "(-0%)" for 338K of 13M read as no difference at all
    share = f"{size:.0f}" if size >= 1 or size == 0 else f"{size:.1f}" if size >= 0.05 else "<0.1"
    return f"{sign}{human(diff)} ({'-' if pct < 0 else sign}{share}%)"


class OpsRowView:
    """One core ``OpsRow`` with display text per column; ``time_ms`` filled per inspection."""

    def __init__(self, row: Any, quirk: bool) -> None:
        self.row = row
        self.name: str = row.name
        self.macs: int | None = row.macs
        self.naive_macs: int | None = row.naive_macs
        self.note: str = row.note
        self.quirk = quirk
        self.time_ms: float | None = None

    def text(self, key: str) -> str:
        row = self.row
        if key == "name":
            return ("   " if row.part_of else "") + row.name
        if key == "output":
            return "×".join(str(v) for v in row.output) if row.output else ""
        from googlenet_gui.core.opcount.rows import FILTER_COLUMNS  # not at import: core.ops loads torch (start-up)

        if key in FILTER_COLUMNS:
            value = row.filters.get(key)
            return "" if value is None else str(value)
        if key == "diff_params":
            return signed_pct(row.params_diff, row.params_diff_pct)
        if key == "diff_macs":
            return signed_pct(row.macs_diff, row.macs_diff_pct)
        if key == "time_ms":
            return "" if self.time_ms is None else f"{self.time_ms:.2f}"
        if key in ("params", "paper_params", "macs", "paper_macs", "naive_macs"):
            return human(getattr(row, key))
        value = getattr(row, key, None)
        return "" if value is None else str(value)

    def large_difference(self, key: str) -> bool:
        pct = self.row.params_diff_pct if key == "diff_params" else self.row.macs_diff_pct
        return pct is not None and abs(pct) > LARGE_DIFF_PCT


#: The totals line above Table 1, in English (the window shows ``translate("Table1", TOTALS)`` filled the same way).
TOTALS = QT_TRANSLATE_NOOP(
    "Table1", "{architecture} at {size}×{size}: {params} parameters, {macs} multiply-adds "
    "({params_without_aux} / {macs_without_aux} without aux heads); paper: {paper_params} / {paper_macs}. "
    "Hover a row for notes; yellow rows are quirks of the paper's table, red cells differ by more than {large_diff}%.")


def totals_summary(table: Any, template: str = TOTALS) -> str:
    """The one-line totals of ``table`` in ``template`` (:data:`TOTALS` or its translation)."""
    data = table.to_json()
    return template.format(
        architecture=table.architecture, size=table.image_size, params=human(table.total_params),
        macs=human(table.total_macs), params_without_aux=human(table.total_params_without_aux),
        macs_without_aux=human(table.total_macs_without_aux), paper_params=human(data.get("paper_total_params")),
        paper_macs=human(data.get("paper_total_macs")), large_diff=f"{LARGE_DIFF_PCT:.0f}")


def rows_from_table(table: Any) -> tuple[list[OpsRowView], str]:
    """Display rows in network order and a one-line totals summary."""
    from googlenet_gui.core.opcount import paper as table1

    quirks = set(getattr(table1, "PAPER_QUIRKS", {}))
    rows = [OpsRowView(row, row.name in quirks) for row in table.display_rows()]
    return rows, totals_summary(table)
