"""The one validation of the app's own checkpoint metadata, shared by loading and ``info``.

WHY one place: a forged ``preprocessing`` (a crop of 100000 px) made ``classify`` grow
until the kernel killed it while ``info`` accepted the file, and a string class count or
a list where a mapping belongs ended in a traceback.  Every field is checked here for
type and range before anything is built from it; a bad one becomes one
:class:`CheckpointError` sentence naming the file and the field.  Class names are the one
soft field: unusable ones give a warning and generic names, as the weights still work.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from googlenet_gui.core.checkpoints.keymap import infer_spec
from googlenet_gui.core.errors import CheckpointError, shown
from googlenet_gui.core.i18n import QT_TRANSLATE_NOOP
from googlenet_gui.core.images.preprocessing import MAX_IMAGE_SIZE, Preprocessing
from googlenet_gui.core.network.spec import VariantSpec, input_sizes, runs_at

AUX_STATES: tuple[str, ...] = (QT_TRANSLATE_NOOP("AuxState", "trained"), QT_TRANSLATE_NOOP("AuxState", "untrained"),
                                QT_TRANSLATE_NOOP("AuxState", "calibrated"), QT_TRANSLATE_NOOP("AuxState", "absent"))


@dataclass
class AppMetadata:
    """The checked fields of an app-format file (None where the file leaves them out)."""

    spec: VariantSpec
    version: int = 1
    class_names: list[str] | None = None  # [] when the file's names were refused
    preprocessing: Preprocessing | None = None
    transform_input: bool | None = None
    aux_state: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)


def read_app_metadata(path: Path, raw: Mapping[str, Any], state_dict: Mapping[str, torch.Tensor]) -> AppMetadata:
    """Every metadata field of ``raw`` checked; raises one CheckpointError sentence on the first bad one."""
    try:
        return _checked(raw, state_dict)
    except ValueError as error:
        raise CheckpointError(f"{path} has invalid googlenet-gui metadata: {error}; "
                              "the file is damaged or was not written by googlenet-gui, so it was not used.") from None


def _checked(raw: Mapping[str, Any], state_dict: Mapping[str, torch.Tensor]) -> AppMetadata:
    version = raw.get("format_version", 1)
    if type(version) is not int or version < 1:
        raise ValueError(f"'format_version' must be a whole number from 1, not {shown(version)}")
    variant = raw.get("variant")
    spec = infer_spec(dict(state_dict), "torchvision") if variant is None else _in_section("variant", VariantSpec.from_dict, variant)
    prep = raw.get("preprocessing")
    preprocessing = None if prep is None else _in_section("preprocessing", Preprocessing.from_dict, prep)
    if preprocessing is not None and not runs_at(spec, preprocessing.crop):
        sizes = input_sizes(spec, MAX_IMAGE_SIZE)
        raise ValueError(f"preprocessing 'crop' {preprocessing.crop} is not an input size the {spec.name} variant "
                         f"can run (it runs {sizes.start} to {sizes.stop - 1} pixels)")
    meta = AppMetadata(spec=spec, version=version, preprocessing=preprocessing,
                       transform_input=_optional(raw, "transform_input", bool),
                       provenance=_json_mapping(raw, "provenance") or {}, training=_json_mapping(raw, "training"))
    aux_state = _optional(raw, "aux_state", str)
    meta.aux_state = aux_state if aux_state in AUX_STATES else None  # a newer state: ignored, as before
    meta.class_names = checked_class_names(raw.get("class_names"), spec.num_classes, meta.warnings)
    return meta


def _in_section(section: str, parse, value: Any) -> Any:  # noqa: ANN001 - a from_dict classmethod
    """``parse(value)`` with the section named in its error (``preprocessing 'crop' must ...``)."""
    try:
        return parse(value)
    except ValueError as error:
        raise ValueError(f"{section} {error}") from None


def _optional(raw: Mapping[str, Any], key: str, kind: type) -> Any:
    value = raw.get(key)
    if value is not None and not isinstance(value, kind):
        raise ValueError(f"'{key}' must be {'true or false' if kind is bool else 'text'}, not {shown(value)}")
    return value


def _json_mapping(raw: Mapping[str, Any], key: str) -> dict[str, Any] | None:
    """A mapping of plain JSON values (``info --json`` prints it as it is), or None if absent."""
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError(f"'{key}' must be a mapping, not a {type(value).__name__}")
    try:
        return json.loads(json.dumps(dict(value), allow_nan=False))
    except (TypeError, ValueError):
        raise ValueError(f"'{key}' must hold only text, numbers, lists and mappings") from None


def checked_class_names(names: Any, num_classes: int, warnings: list[str]) -> list[str] | None:
    """``names`` if they are ``num_classes`` non-empty strings; otherwise a warning and ``[]``.

    WHY not padding or cutting: a string became one label per character, and a list of
    the wrong length silently shifted or invented labels; generic names are honest.
    """
    if names is None:
        return None
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) and n.strip() for n in names):
        warnings.append(f"the checkpoint's class names are not a list of names ({type(names).__name__}); "
                        "generic names (class 0, class 1, ...) are used instead")
        return []
    if len(names) != num_classes:
        warnings.append(f"the checkpoint has {len(names)} class names for {num_classes} classes; "
                        "generic names (class 0, class 1, ...) are used instead")
        return []
    return list(names)

