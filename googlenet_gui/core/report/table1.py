"""Table 1 as HTML: the loaded model's own counts beside the paper's values (Szegedy et al. 2014).

The cells are the Ops tab's text (:mod:`core.opcount.display`), so both read the same.
"""

from __future__ import annotations

from googlenet_gui.core.opcount.display import COLUMNS, LARGE_DIFF_PCT, OpsRowView, human, rows_from_table
from googlenet_gui.core.opcount.table import OpsTable
from googlenet_gui.core.report.markup import element, table, text
from googlenet_gui.core.report.wording import phrase

#: The Ops tab's columns the report keeps (not the naive count nor the per-image time).
REPORT_COLUMNS: tuple[str, ...] = ("name", "type", "patch", "output", "depth", "n1x1", "n3x3_reduce", "n3x3",
                                   "n5x5_reduce", "n5x5", "pool_proj", "params", "paper_params", "diff_params",
                                   "macs", "paper_macs", "diff_macs")
_NUMERIC = frozenset(REPORT_COLUMNS[4:])
#: Cells that may break over two lines, so the table fits a 1024 px window and a landscape page.
_WRAPPING = frozenset({"type", "patch", "diff_params", "diff_macs"})


def table1_html(ops: OpsTable, lang: str = "en") -> str:
    """The whole table with a caption of totals; quirk rows and large differences are marked."""
    rows, _summary = rows_from_table(ops)
    columns = [c for c in COLUMNS if c.key in REPORT_COLUMNS]
    body = [[_cell(row, c.key) for c in columns] for row in rows]
    markup = table([c.title for c in columns], body, class_="table1", id="table1")
    return element("p", text(totals_text(ops, lang)), class_="caption") + element("div", markup, class_="wide")


def _cell(row: OpsRowView, key: str) -> str:
    classes = []
    if key in _NUMERIC:
        classes.append("num")
    if key in _WRAPPING:
        classes.append("wrap")
    if key.startswith("diff_") and row.large_difference(key):
        classes.append("large")
    if key == "name" and row.row.part_of:
        classes.append("member")
    if row.quirk and key in ("paper_params", "paper_macs"):
        classes.append("quirk")
    title = row.note if key == "name" and row.note else None
    return element("td", text(row.text(key).strip()), class_=" ".join(classes) or None, title=title)


def totals_text(ops: OpsTable, lang: str = "en") -> str:
    """One sentence: this model's totals, without the aux heads, and the paper's."""
    data = ops.to_json()
    return phrase("totals", lang, architecture=ops.architecture, size=ops.image_size, params=human(ops.total_params),
                  macs=human(ops.total_macs), params_no_aux=human(ops.total_params_without_aux),
                  macs_no_aux=human(ops.total_macs_without_aux), paper_params=human(data.get("paper_total_params")),
                  paper_macs=human(data.get("paper_total_macs")), large=f"{LARGE_DIFF_PCT:.0f}")
