"""``load_model``: any weights source -> a ready GoogLeNet plus everything needed to use it.

A :class:`LoadedModel` bundles the network with what the file says about it (class
names, preprocessing, whether the aux heads were trained, transform_input, provenance),
so classification, inspection, the window and fine-tuning never have to guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from googlenet_gui.core.checkpoints.files import APP_FORMAT, CheckpointData, check_against_model, read_checkpoint
from googlenet_gui.core.inference.devices import device_label, resolve_device
from googlenet_gui.core.checkpoints.labels import resolve_class_names
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.network.spec import VariantSpec, torchvision_spec
from googlenet_gui.core.errors import WeightsUnavailableError
from googlenet_gui.core.checkpoints.official import (
    ensure_official_weights, is_official_file, is_offline, official_filename, unavailable_message,
)
from googlenet_gui.core.jobs import ProgressCallback

OFFICIAL = "official"
UNTRAINED = "untrained"
#: Preprocessing of the seed notes' STL-10 training: Resize(224) of square images, no crop.
TUTORIAL_PREPROCESSING = Preprocessing(resize=224, crop=224)


@dataclass(eq=False)
class LoadedModel:
    """A GoogLeNet in eval mode on ``device`` plus the facts every consumer needs about it."""

    model: GoogLeNet
    class_names: list[str]
    preprocessing: Preprocessing
    source: str
    format: str  # "googlenet-gui", "torchvision", "tutorial", "official" or "untrained"
    aux_state: str  # "trained", "untrained", "calibrated" or "absent"
    device: torch.device
    transform_input: bool
    warnings: list[str] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)
    container: str = "torch"
    labels_source: str = "generic"
    #: Bumped when the model moves or its weights change: engines derived from it are rebuilt
    #: (core.inference.engine keeps them, so this object holds only what the file says).
    revision: int = field(default=0, init=False)

    @property
    def spec(self) -> VariantSpec:
        return self.model.spec

    @property
    def has_aux(self) -> bool:
        return self.model.has_aux

    @property
    def aux_trained(self) -> bool:
        """Whether aux predictions mean anything (official aux heads were never trained)."""
        return self.aux_state in ("trained", "calibrated")

    @property
    def num_classes(self) -> int:
        return self.model.num_classes

    @property
    def name(self) -> str:
        """Short display name: file name, or what the weights are."""
        if self.format == OFFICIAL:
            return "official ImageNet weights"
        if self.format == UNTRAINED:
            return "untrained GoogLeNet"
        return Path(self.source).name

    def invalidate_inference(self) -> None:
        """The weights changed in place (fine-tuning, calibration): drop every engine derived from them."""
        self.revision += 1

    def label(self, index: int) -> str:
        return self.class_names[index] if 0 <= index < len(self.class_names) else f"class {index}"

    def parameter_count(self) -> int:
        return sum(p.numel() for p in self.model.parameters())

    def to(self, device: str | torch.device) -> "LoadedModel":
        """Move the model (engines derived for the old device are rebuilt); returns self for chaining."""
        target = resolve_device(device) if isinstance(device, str) else device
        self.model.to(target)
        self.device = target
        self.revision += 1
        return self

    def info(self) -> dict[str, Any]:
        """Everything ``info --json`` prints and the window's model panel shows (JSON-able)."""
        spec = self.spec
        return {
            "source": self.source,
            "name": self.name,
            "format": self.format,
            "container": self.container,
            "variant": spec.name,
            "variant_description": spec.description,
            "spec": spec.to_dict(),
            "num_classes": spec.num_classes,
            "class_names_sample": self.class_names[:5],
            "labels_source": self.labels_source,
            "aux_heads": self.aux_state,
            "transform_input": self.transform_input,
            "parameters": self.parameter_count(),
            "preprocessing": self.preprocessing.to_dict(),
            "device": device_label(self.device),
            "provenance": self.provenance,
            "training": self.training,
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }


def load_model(
    weights: str | Path | None = None,
    device: str | torch.device = "auto",
    labels: str | Path | None = None,
    transform_input: bool | None = None,
    progress: bool = True,
    progress_callback: ProgressCallback | None = None,
) -> LoadedModel:
    """Load a path, ``"official"``, ``"untrained"`` or (None) the best available default.

    ``transform_input`` None means: on for the official weights, as stored for the app's
    own files, off otherwise.  Raises :class:`CheckpointError`/:class:`WeightsUnavailableError`
    (and plain :class:`GoogLeNetGuiError` for devices and labels) with one clear sentence.
    """
    target = resolve_device(device)
    warnings: list[str] = []
    if weights is None:
        data = _default_weights(progress, progress_callback, warnings)
    elif str(weights) == OFFICIAL:
        data = read_checkpoint(ensure_official_weights(progress, progress_callback))
    elif str(weights) == UNTRAINED:
        data = None
    else:
        data = read_checkpoint(weights)
    loaded = _from_checkpoint(data, labels, transform_input) if data is not None else _untrained(labels, transform_input)
    loaded.warnings[:0] = warnings
    return loaded.to(target)


def _default_weights(progress: bool, callback: ProgressCallback | None, warnings: list[str]) -> CheckpointData | None:
    """Official weights if cached or downloadable; otherwise None plus a plain warning."""
    try:
        return read_checkpoint(ensure_official_weights(progress, callback))
    except WeightsUnavailableError:
        reason = "downloads are switched off" if is_offline() else "they could not be downloaded"
        warnings.append("Using an untrained GoogLeNet (random weights), so its predictions are meaningless. "
                        + unavailable_message(reason))
        return None


def _untrained(labels: str | Path | None, transform_input: bool | None) -> LoadedModel:
    spec = torchvision_spec()
    model = GoogLeNet(spec, transform_input=bool(transform_input)).eval()
    names, names_from = resolve_class_names(spec.num_classes, None, labels)
    return LoadedModel(model=model, class_names=names, preprocessing=Preprocessing(), source=UNTRAINED,
                       format=UNTRAINED, aux_state="untrained", device=torch.device("cpu"),
                       transform_input=model.transform_input, provenance={"source": UNTRAINED},
                       labels_source=names_from)


def _build_with_weights(data: CheckpointData, transform_input: bool) -> GoogLeNet:
    """Build on the meta device and adopt the file's tensors (no wasted random init, ~3x faster).

    Half-precision files are upcast to float32 so every later step sees one dtype, and
    BatchNorm's ``num_batches_tracked`` counters old files lack are filled with 0.
    """
    with torch.device("meta"):
        model = GoogLeNet(data.spec, transform_input=transform_input, init_weights=False)
    state = {k: v.float() if v.is_floating_point() else v for k, v in data.state_dict.items()}
    for key in model.state_dict():  # files from before PyTorch 0.4.1 lack this counter; eval never uses it
        if key.endswith(".num_batches_tracked") and key not in state:
            state[key] = torch.tensor(0, dtype=torch.long)
    check_against_model(state, model, data.path)
    model.load_state_dict(state, strict=True, assign=True)
    return model.eval()


def _from_checkpoint(data: CheckpointData, labels: str | Path | None, transform_input: bool | None) -> LoadedModel:
    official = data.format == "torchvision" and is_official_file(data.path)
    fmt = OFFICIAL if official else data.format
    if transform_input is None:
        transform_input = official or bool(data.transform_input)
    model = _build_with_weights(data, transform_input)
    names, names_from = resolve_class_names(data.spec.num_classes, data.class_names, labels)
    if data.aux_state is not None and model.has_aux:
        aux_state = data.aux_state
    else:
        aux_state = ("untrained" if official else "trained") if model.has_aux else "absent"
    preprocessing = data.preprocessing or (TUTORIAL_PREPROCESSING if data.format == "tutorial" else Preprocessing())
    provenance = data.provenance or {"source": str(data.path), "format": fmt}
    if official:
        provenance = {**provenance, "weights": "torchvision GoogLeNet_Weights.IMAGENET1K_V1",
                      "file": official_filename()}
    return LoadedModel(model=model, class_names=names, preprocessing=preprocessing, source=str(data.path),
                       format=fmt, aux_state=aux_state, device=torch.device("cpu"),
                       transform_input=transform_input, warnings=list(data.warnings), provenance=provenance,
                       training=data.training, notes=list(data.notes), container=data.container,
                       labels_source=names_from)


__all__ = ["LoadedModel", "load_model", "OFFICIAL", "UNTRAINED", "APP_FORMAT"]
