"""Names of the places an explanation can look at: trunk modules, Inception branches, heads.

One parser for ``--layer``, ``--ablate`` and the API, so a bad name gets the same clear
message everywhere: the name that was given and the names the loaded model has.
"""

from __future__ import annotations

from dataclasses import dataclass

from torch import nn

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.network.model import BRANCH_ATTRS, GoogLeNet, Inception
from googlenet_gui.core.network.spec import AUX_ATTACH, BRANCH_NAMES

HEADS: tuple[str, ...] = ("main", "aux1", "aux2")


@dataclass(frozen=True)
class Target:
    """A trunk module, or one branch (``"3x3"``...) of an Inception module."""

    module: str
    branch: str | None = None

    @property
    def name(self) -> str:
        return self.module if self.branch is None else f"{self.module}.{self.branch}"

    def submodule_path(self) -> str:
        """The ``named_modules`` path (``inception4c.branch2``) that produces this tensor."""
        if self.branch is None:
            return self.module
        return f"{self.module}.{BRANCH_ATTRS[BRANCH_NAMES.index(self.branch)]}"

    def resolve(self, model: nn.Module) -> nn.Module:
        return model.get_submodule(self.submodule_path())


def layer_names(model: GoogLeNet) -> list[str]:
    """Every name :func:`parse_layer` accepts, in network order (modules, then their branches)."""
    names: list[str] = []
    for module in model.trunk_names:
        names.append(module)
        if isinstance(getattr(model, module), Inception):
            names += [f"{module}.{branch}" for branch in BRANCH_NAMES]
    return names


def parse_layer(model: GoogLeNet, text: str) -> Target:
    """``inception4c`` or ``inception4c.3x3`` -> :class:`Target`; anything else is an :class:`ExplainError`."""
    module, _, branch = text.partition(".")
    inception = isinstance(getattr(model, module, None), Inception)
    if module in model.trunk_names and (not branch or (inception and branch in BRANCH_NAMES)):
        return Target(module, branch or None)
    modules = ", ".join(model.trunk_names)
    raise ExplainError(f"unknown layer {text!r}: valid layers are {modules}, or MODULE.BRANCH for an "
                       f"Inception module with BRANCH one of {', '.join(BRANCH_NAMES)} (e.g. inception4c.3x3)")


def parse_head(model: GoogLeNet, head: str) -> str:
    """``main``, or an aux head the model has."""
    if head == "main" or (head in AUX_ATTACH and model.has_aux):
        return head
    have = ", ".join(HEADS if model.has_aux else ("main",))
    raise ExplainError(f"unknown head {head!r}: this model's heads are {have}")


def trunk_index(model: GoogLeNet, module: str) -> int:
    return model.trunk_names.index(module)


def check_feeds_head(model: GoogLeNet, target: Target, head: str) -> None:
    """An aux head reads the output of inception4a or 4d: a layer after that cannot explain it."""
    if head == "main":
        return
    attach = AUX_ATTACH[head]
    if trunk_index(model, target.module) > trunk_index(model, attach):
        raise ExplainError(f"layer {target.name!r} lies after {attach}, which {head} reads: it does not feed "
                           f"{head}; choose a layer up to {attach}, or the main head")


def check_class(model: GoogLeNet, class_index: int) -> int:
    if not 0 <= int(class_index) < model.num_classes:
        raise ExplainError(f"class {class_index} does not exist: this model has classes 0 to {model.num_classes - 1}")
    return int(class_index)
