"""The arithmetic each lesson step shows, read from the live Table 1 and the model's geometry.

Nothing here counts on its own: multiply-adds and parameters come from
:func:`googlenet_gui.core.opcount.table.count_ops` (its rows carry each Inception branch's
count with and without the 1x1 reduction), receptive fields from
:func:`googlenet_gui.core.explain.receptive.trunk_geometry`.  Only the paper's
fully-connected alternative to global average pooling is new arithmetic (a layer that
does not exist in the model).
"""

from __future__ import annotations

from dataclasses import dataclass

from googlenet_gui.core.opcount.rows import OpsRow
from googlenet_gui.core.opcount.table import OpsTable

#: The paper's last feature map (7x7x1024 at 224 px) and the FC width it replaced by pooling.
PAPER_MAP: tuple[int, int, int] = (7, 7, 1024)
PAPER_FC_OUT = 1024


@dataclass(frozen=True)
class ModuleReduction:
    """One Inception module: its 3x3 and 5x5 branches with and without their 1x1 reductions."""

    name: str
    input: tuple[int, int, int]  # (H, W, C) the module reads
    naive_3x3: int
    reduced_3x3: int
    naive_5x5: int
    reduced_5x5: int
    naive: int  # Figure 2(a): the whole module without reductions
    reduced: int  # the module as built (every branch)

    @property
    def saving(self) -> float:
        """Fraction of the naive module's multiply-adds the reductions remove."""
        return 1.0 - self.reduced / self.naive if self.naive else 0.0


def inception_rows(table: OpsTable) -> list[OpsRow]:
    """The table's Inception rows in network order."""
    return [row for row in table.rows if row.branch_macs]


def module_reductions(table: OpsTable, inputs: dict[str, tuple[int, int, int]]) -> list[ModuleReduction]:
    """Every Inception module's reduction arithmetic (``inputs``: module -> its input H, W, C)."""
    return [ModuleReduction(
        name=row.name, input=inputs[row.name],
        naive_3x3=row.branch_naive_macs["3x3"], reduced_3x3=row.branch_macs["3x3"],
        naive_5x5=row.branch_naive_macs["5x5"], reduced_5x5=row.branch_macs["5x5"],
        naive=row.naive_macs or 0, reduced=row.macs) for row in inception_rows(table)]


def module_inputs(table: OpsTable) -> dict[str, tuple[int, int, int]]:
    """Each row's input (H, W, C): the output of the trunk row before it."""
    inputs, previous = {}, None
    for row in table.rows:
        if row.aux:
            continue
        if previous is not None:
            inputs[row.name] = previous
        previous = row.output or previous
    return inputs


@dataclass(frozen=True)
class PoolingSaving:
    """Global average pooling vs a fully connected layer on the flattened last map."""

    map: tuple[int, int, int]  # (H, W, C) pooled
    fc_out: int
    fc_params: int  # weights and biases of the FC that GAP replaces
    gap_params: int = 0


def fc_instead_of_gap(height: int, width: int, channels: int, out: int = PAPER_FC_OUT) -> PoolingSaving:
    """Parameters of an ``H*W*C -> out`` fully connected layer (weights + biases) against GAP's none."""
    return PoolingSaving(map=(height, width, channels), fc_out=out, fc_params=height * width * channels * out + out)


def last_map(table: OpsTable) -> tuple[int, int, int] | None:
    """(H, W, C) the head pools: the output of the last trunk row before ``avgpool``."""
    before = None
    for row in table.rows:
        if row.name == "avgpool":
            return before
        if not row.aux and row.output is not None:
            before = row.output
    return before
