"""GoogLeNet architecture variants described as data.

People bring GoogLeNet checkpoints from three families that differ in small but
weight-relevant details (kernel of the "5x5" branch, stem, pooling, BatchNorm eps,
conv bias).  Describing each family as a :class:`VariantSpec` lets one model class
(:class:`googlenet_gui.core.network.model.GoogLeNet`) serve all of them, and lets a checkpoint
carry its architecture as a small JSON-able dict.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from googlenet_gui.core.errors import shown
from googlenet_gui.core.i18n import QT_TRANSLATE_NOOP

#: Per-module filter counts from Table 1: (in, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj).
INCEPTION_CONFIG: dict[str, tuple[int, int, int, int, int, int, int]] = {
    "inception3a": (192, 64, 96, 128, 16, 32, 32),
    "inception3b": (256, 128, 128, 192, 32, 96, 64),
    "inception4a": (480, 192, 96, 208, 16, 48, 64),
    "inception4b": (512, 160, 112, 224, 24, 64, 64),
    "inception4c": (512, 128, 128, 256, 24, 64, 64),
    "inception4d": (512, 112, 144, 288, 32, 64, 64),
    "inception4e": (528, 256, 160, 320, 32, 128, 128),
    "inception5a": (832, 256, 160, 320, 32, 128, 128),
    "inception5b": (832, 384, 192, 384, 48, 128, 128),
}

INCEPTION_NAMES: tuple[str, ...] = tuple(INCEPTION_CONFIG)

#: Display names of the four branches, in concatenation order.
BRANCH_NAMES: tuple[str, ...] = ("1x1", "3x3", "5x5", "pool_proj")

#: How the explorer, the live view and the report title each branch (torchvision's "5x5" is a 3x3 slot).
#: English values (the CLI and the report print them); the window shows ``translate("Branch", title)``.
BRANCH_TITLES: dict[str, str] = {"1x1": QT_TRANSLATE_NOOP("Branch", "1×1"), "3x3": QT_TRANSLATE_NOOP("Branch", "3×3"),
                                 "5x5": QT_TRANSLATE_NOOP("Branch", "5×5 slot"),
                                 "pool_proj": QT_TRANSLATE_NOOP("Branch", "pool-proj")}

#: The module shown first (explorer, live view, report): mid-network, where branches differ most visibly.
DEFAULT_LAYER = "inception4c"

#: Modules after which the auxiliary classifiers are attached (paper, section 5).
AUX_ATTACH: dict[str, str] = {"aux1": "inception4a", "aux2": "inception4d"}

ARCH_NAMES: tuple[str, ...] = ("torchvision", "paper", "tutorial")


@dataclass(frozen=True)
class VariantSpec:
    """Everything that distinguishes one GoogLeNet family's weights from another's.

    ``name`` is informational; every behavioural difference is an explicit field so
    that a checkpoint whose details differ from its family's (for example a
    torchvision-format file with a true 5x5 kernel) can still be described.
    """

    name: str = "torchvision"
    num_classes: int = 1000
    aux_logits: bool = True
    five_kernel: int = 3  # torchvision keeps 3x3 in the "5x5" slot for weight compatibility
    stem_reduce: bool = True  # conv2 1x1 (64) + conv3 3x3 (192) vs a single 3x3 conv2
    conv_bias: bool = False
    batch_norm: bool = True
    bn_eps: float = 1e-3
    pool_ceil: bool = True  # torchvision: MaxPool2d(3, 2, ceil_mode=True); seed: MaxPool2d(3, 2, 1)
    pool_padding: int = 0
    final_pool_kernel: int = 2  # torchvision's maxpool4 is 2x2/2; the paper and the seed use 3x3/2
    head_pool: str = "adaptive"  # "adaptive" (AdaptiveAvgPool2d(1)) or "avg7" (AvgPool2d(7, 1))
    aux_pool: str = "adaptive4"  # "adaptive4" (AdaptiveAvgPool2d(4)) or "avg5s3" (AvgPool2d(5, 3))
    dropout: float = 0.2
    aux_dropout: float = 0.7
    inception: dict[str, tuple[int, ...]] = field(default_factory=lambda: dict(INCEPTION_CONFIG))

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (lists, numbers, strings) that survives ``torch.load(weights_only=True)``."""
        data = asdict(self)
        data["inception"] = {k: list(v) for k, v in self.inception.items()}
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "VariantSpec":
        """Checked inverse of :meth:`to_dict`; unknown keys are ignored so newer files still load.

        A present value of the wrong type or range raises ValueError naming the field: a
        string class count or a negative kernel from a forged file made model building fail
        with a traceback.
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"must be a mapping of architecture fields, not a {type(data).__name__}")
        kwargs = {f.name: _checked_field(f.name, data[f.name], f.type) for f in fields(cls) if f.name in data}
        return cls(**kwargs)

    def with_classes(self, num_classes: int, aux_logits: bool | None = None) -> "VariantSpec":
        """Same architecture with a different head size (fine-tuning, other datasets)."""
        aux = self.aux_logits if aux_logits is None else aux_logits
        return replace(self, num_classes=int(num_classes), aux_logits=bool(aux))

    @property
    def description(self) -> str:
        """One line for status bars and ``info``: what makes this variant itself."""
        stem = "1x1+3x3 stem" if self.stem_reduce else "3x3 stem"
        norm = f"BatchNorm eps {self.bn_eps:g}" if self.batch_norm else "no BatchNorm"
        return f"{self.name}: {self.five_kernel}x{self.five_kernel} in the 5x5 slot, {stem}, {norm}"


#: Allowed values of the fields that are not plain booleans: (low, high) or a tuple of choices.
_FIELD_RULES: dict[str, Any] = {
    "num_classes": (1, 1_000_000), "five_kernel": (1, 3, 5, 7), "pool_padding": (0, 1),
    "final_pool_kernel": (2, 3), "head_pool": ("adaptive", "avg7"), "aux_pool": ("adaptive4", "avg5s3"),
    "bn_eps": (1e-12, 1.0), "dropout": (0.0, 1.0), "aux_dropout": (0.0, 1.0),
}
#: Largest channel count of one Inception branch (the real ones are at most 384).
MAX_CHANNELS = 65_536


def _checked_field(name: str, value: Any, kind: str) -> Any:
    """``value`` if it suits field ``name`` of :class:`VariantSpec`, else ValueError naming it."""
    rule = _FIELD_RULES.get(name)
    if name == "inception":
        return _checked_inception(value)
    if kind == "bool" or kind == "str":
        if not isinstance(value, bool if kind == "bool" else str):
            raise ValueError(f"'{name}' must be {'true or false' if kind == 'bool' else 'text'}, not {shown(value)}")
        if isinstance(rule, tuple) and value not in rule:
            raise ValueError(f"'{name}' must be one of {', '.join(rule)}, not {shown(value)}")
        return value
    number = int if kind == "int" else (int, float)
    if isinstance(value, bool) or not isinstance(value, number) or not math.isfinite(value):
        what = "a whole number" if kind == "int" else "a finite number"
        raise ValueError(f"'{name}' must be {what}, not {shown(value)}")
    if len(rule) == 2 and not rule[0] <= value <= rule[1]:
        raise ValueError(f"'{name}' must be {rule[0]:g} to {rule[1]:g}, not {value:g}")
    if len(rule) > 2 and value not in rule:
        raise ValueError(f"'{name}' must be one of {', '.join(map(str, rule))}, not {value}")
    return float(value) if kind == "float" else value


def _checked_inception(value: Any) -> dict[str, tuple[int, ...]]:
    """All nine Inception rows, each seven positive channel counts (Table 1's columns)."""
    if not isinstance(value, Mapping) or set(value) != set(INCEPTION_NAMES):
        raise ValueError(f"'inception' must map each of {INCEPTION_NAMES[0]}..{INCEPTION_NAMES[-1]} "
                         "to its channel counts")
    rows: dict[str, tuple[int, ...]] = {}
    for name in INCEPTION_NAMES:
        row = value[name]
        if (not isinstance(row, (list, tuple)) or len(row) != 7
                or not all(type(c) is int and 1 <= c <= MAX_CHANNELS for c in row)):
            raise ValueError(f"'inception.{name}' must be seven channel counts from 1 to {MAX_CHANNELS}, "
                             f"not {shown(row)}")
        rows[name] = tuple(row)
    return rows



def _pooled(size: int, kernel: int, padding: int, ceil: bool, stride: int = 2) -> int:
    """Output size of torch's MaxPool2d/AvgPool2d (0 where torch would refuse the input)."""
    span = size + 2 * padding - kernel
    if span < 0:
        return 0
    out = (-(-span // stride) if ceil else span // stride) + 1
    if ceil and (out - 1) * stride >= size + padding:
        out -= 1
    return out


def runs_at(spec: VariantSpec, size: int) -> bool:
    """Whether a ``size`` x ``size`` input goes through every layer and head of ``spec``.

    Arithmetic on the layer sizes, not a trial forward pass (0.1-3 s even on the meta
    device): adaptive heads need any map, the fixed ``avg7``/``avg5s3`` pools need exactly
    a 7x7 / 4x4-producing map, or the flattened features do not fit the fc layers.
    """
    pool = dict(padding=spec.pool_padding, ceil=spec.pool_ceil)
    n = (size - 1) // 2 + 1  # conv1: 7x7, stride 2, padding 3
    n = _pooled(_pooled(n, 3, **pool), 3, **pool)  # maxpool1, then maxpool2 (the stem convs keep the size)
    aux = _pooled(n, 3, **pool)  # maxpool3: inception4a and 4d see this size
    final = _pooled(aux, spec.final_pool_kernel, **pool)
    head_ok = final >= 1 if spec.head_pool == "adaptive" else final == 7
    aux_out = aux if spec.aux_pool == "adaptive4" else _pooled(aux, 5, 0, False, stride=3)
    aux_ok = not spec.aux_logits or (aux_out >= 1 if spec.aux_pool == "adaptive4" else aux_out == 4)
    return n >= 1 and head_ok and aux_ok


def input_sizes(spec: VariantSpec, high: int) -> range:
    """The sizes from the smallest to the largest ``<= high`` that ``spec`` runs at (for messages)."""
    good = [s for s in range(1, high + 1) if runs_at(spec, s)]
    return range(good[0], good[-1] + 1) if good else range(0)


def torchvision_spec(num_classes: int = 1000, aux_logits: bool = True) -> VariantSpec:
    """torchvision.models.googlenet: BN eps 1e-3, bias-free convs, 3x3 "5x5" branch."""
    return VariantSpec(name="torchvision", num_classes=num_classes, aux_logits=aux_logits)


def paper_spec(num_classes: int = 1000, aux_logits: bool = True) -> VariantSpec:
    """The network of Szegedy et al. Table 1: true 5x5 kernels, biased convs, no BatchNorm.

    LRN layers of the original are omitted (they carry no parameters and negligible
    multiply-adds); pooling follows torchvision's ceil mode, which reproduces the
    table's output sizes.
    """
    return VariantSpec(
        name="paper", num_classes=num_classes, aux_logits=aux_logits, five_kernel=5,
        conv_bias=True, batch_norm=False, final_pool_kernel=3, head_pool="avg7", aux_pool="avg5s3",
        dropout=0.4,
    )


def tutorial_spec(num_classes: int = 10, aux_logits: bool = True) -> VariantSpec:
    """The from-scratch implementation in the seed notes (STL-10, 10 classes by default)."""
    return VariantSpec(
        name="tutorial", num_classes=num_classes, aux_logits=aux_logits, five_kernel=5,
        stem_reduce=False, conv_bias=True, bn_eps=1e-5, pool_ceil=False, pool_padding=1,
        final_pool_kernel=3, head_pool="avg7", aux_pool="avg5s3", dropout=0.4, aux_dropout=0.5,
    )


def spec_for_arch(arch: str, num_classes: int | None = None, aux_logits: bool = True) -> VariantSpec:
    """Spec for an ``--arch`` name (``torchvision``, ``paper`` or ``tutorial``)."""
    factories = {"torchvision": torchvision_spec, "paper": paper_spec, "tutorial": tutorial_spec}
    if arch not in factories:
        raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCH_NAMES)}")
    spec = factories[arch](aux_logits=aux_logits)
    return spec if num_classes is None else spec.with_classes(num_classes)
