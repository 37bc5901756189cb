"""The paper's Table 1 as data, and the words that explain where a model differs from it.

The numbers come from ``core/data/googlenet_table1.json`` (transcribed from Szegedy et
al. 2014); nothing here restates them.  Units as the paper uses them: parameters in K
with K = 1024 (the inception rows only agree with their own filter columns that way),
operations in M = 10^6 multiply-adds.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

TABLE1_PATH = Path(__file__).parents[1] / "data" / "googlenet_table1.json"
PARAMS_UNIT = 1024  # the paper's "K"
MACS_UNIT = 1_000_000  # the paper's "M"


@lru_cache(maxsize=1)
def table1() -> dict[str, Any]:
    """The whole JSON document (rows, quirks, auxiliary classifier description)."""
    return json.loads(TABLE1_PATH.read_text(encoding="utf-8"))


def paper_row(name: str) -> dict[str, Any] | None:
    """Table 1's row for module ``name`` (``conv1``, ``inception4c``, ``fc``...), if listed."""
    return next((row for row in table1()["rows"] if row["name"] == name), None)


def paper_params(name: str) -> int | None:
    """The paper's parameter count for the row, in parameters (K x 1024), or None if blank."""
    row = paper_row(name)
    return None if row is None or "params_k" not in row else round(row["params_k"] * PARAMS_UNIT)


def paper_macs(name: str) -> int | None:
    """The paper's multiply-adds for the row (M x 10^6), or None if blank."""
    row = paper_row(name)
    return None if row is None or "ops_m" not in row else round(row["ops_m"] * MACS_UNIT)


def paper_totals() -> tuple[int, int]:
    """Sum of the paper's params and ops columns (the main network; aux heads aren't listed)."""
    names = [row["name"] for row in table1()["rows"]]
    params = sum(paper_params(n) or 0 for n in names)
    macs = sum(paper_macs(n) or 0 for n in names)
    return params, macs


#: Per-row explanations of the paper's own inconsistencies (independent of the model).
PAPER_QUIRKS: dict[str, str] = {
    "conv1": "paper lists 2.7K params / 34M ops, but 7x7x3x64 weights are 9,408 params and "
             "118M multiply-adds at 112x112: the paper's conv1 numbers are off",
    "inception4c": "paper's 463K params do not follow from its own filter columns (about 497K weights); "
                   "its 100M ops do",
    "inception5a": "paper's 1072K params / 54M ops do not follow from its own filter columns "
                   "(about 1018K weights, 51M multiply-adds)",
}

#: What the paper's naive module (Figure 2a) costs here, stated once for every row.
NAIVE_DEFINITION = (
    "naive module = Figure 2(a): the same #1x1, #3x3 and #5x5 filters applied directly to the "
    "module input (no 3x3/5x5 reduce convolutions) and a 3x3 max pool without projection "
    "(0 multiply-adds, but it passes all input channels on); kernel sizes are the model's own"
)

UNITS = {
    "params": "parameters (count); the paper's K = 1024",
    "macs": "multiply-adds (MACs); FLOPs = 2 x MACs; the paper's M = 10^6; "
            "conv MACs = out_h*out_w*out_c*(in_c/groups)*kh*kw, linear = in*out; "
            "BatchNorm, ReLU, bias additions, pooling and softmax are not counted",
}
