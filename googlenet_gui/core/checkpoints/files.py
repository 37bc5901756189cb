"""Reading every checkpoint form users bring, and writing the app's own format safely.

Reading never unpickles code: ``torch.load(..., weights_only=True)`` only, tensors mapped
to the CPU first (a file saved on a GPU machine opens on a laptop).  Every failure becomes
one :class:`CheckpointError` sentence that names the file.  Writing goes to a temp file in
the same folder, is fsynced and then renamed over the target, so a crash or a full disk
never leaves a half-written checkpoint where a good one was.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import pickletools
import zipfile
import struct
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import torch
from torch import nn

from googlenet_gui.core.atomic_files import atomic_write
from googlenet_gui.core.errors import CheckpointError
from googlenet_gui.core.checkpoints.keymap import detect_format, infer_spec, strip_prefixes, summarize_keys, to_canonical, unwrap_state_dict
from googlenet_gui.core.checkpoints.metadata import AUX_STATES, checked_class_names, read_app_metadata
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.network.spec import VariantSpec

APP_FORMAT = "googlenet-gui"
APP_FORMAT_VERSION = 1
#: The one safetensors metadata key holding the app's JSON metadata.
SAFETENSORS_METADATA_KEY = "googlenet_gui"
NOT_A_CHECKPOINT = ("{path} is not a PyTorch checkpoint: its bytes are not saved tensors "
                    "(expected a .pth/.pt file from torch.save, or .safetensors).")


@dataclass
class CheckpointData:
    """What a file holds, already renamed to our parameter names and checked for sanity."""

    path: Path
    format: str  # "googlenet-gui", "torchvision" or "tutorial"
    container: str  # "torch" or "safetensors"
    state_dict: dict[str, torch.Tensor]
    spec: VariantSpec
    class_names: list[str] | None = None
    preprocessing: Preprocessing | None = None
    transform_input: bool | None = None
    aux_state: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)  # "weights nested under 'model_state_dict'"
    warnings: list[str] = field(default_factory=list)  # class names refused, for example


def read_checkpoint(path: str | Path) -> CheckpointData:
    """Open any supported checkpoint; raise :class:`CheckpointError` with one clear sentence."""
    path = Path(path).expanduser()
    _check_readable(path)
    if _is_safetensors(path):
        raw, metadata, container = _load_safetensors(path), _safetensors_metadata(path), "safetensors"
        if metadata is not None:
            raw = {**metadata, "format": APP_FORMAT, "state_dict": raw}
    else:
        raw, container = _torch_load(path), "torch"
    data = _interpret(path, raw, container)
    check_dense_floats(data.state_dict, path)
    check_finite(data.state_dict, path)
    return data


def _check_readable(path: Path) -> None:
    if not path.exists():
        hint = "" if path.suffix or len(path.parts) > 1 else " (use 'official' or 'untrained' for built-in weights)"
        raise CheckpointError(f"{path} does not exist{hint}.")
    if path.is_dir():
        raise CheckpointError(f"{path} is a folder, not a checkpoint file.")
    if path.stat().st_size == 0:
        raise CheckpointError(f"{path} is empty (0 bytes), so it is not a checkpoint; save or copy it again.")
    if not os.access(path, os.R_OK):
        raise CheckpointError(f"{path} cannot be read: permission denied.")


def _torch_load(path: Path) -> Any:
    """``torch.load`` restricted to tensors and plain containers; errors become sentences."""
    try:
        with warnings.catch_warnings():
            # A plain pickle makes torch warn about its protocol before it fails; the sentence
            # below says what the file is, and the warning only cluttered it (info, classify).
            warnings.filterwarnings("ignore", message="Detected pickle protocol", category=UserWarning)
            # Sparse tensors make torch warn about its invariant scan; check_dense_floats refuses them.
            warnings.filterwarnings("ignore", message="Validating sparse tensor", category=UserWarning)
            return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        if "Weights only load failed" in str(error):
            raise CheckpointError(_describe_refused_pickle(path)) from None
        raise CheckpointError(NOT_A_CHECKPOINT.format(path=path)) from None
    except (EOFError, RuntimeError) as error:
        message = str(error)
        if isinstance(error, EOFError) or any(m in message for m in ("zip archive", "central directory", "EOF")):
            raise CheckpointError(f"{path} is truncated or corrupted (its data ends early); "
                                  "save or download it again.") from None
        raise CheckpointError(f"{path} could not be read as a PyTorch checkpoint: {message.splitlines()[0]}") from None
    except Exception:  # the unpickler fails in many ways on arbitrary bytes
        raise CheckpointError(NOT_A_CHECKPOINT.format(path=path)) from None


def _pickle_globals(path: Path) -> list[str]:
    """Python names a pickle would import, read from its opcodes without executing any."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                member = next(n for n in archive.namelist() if n.endswith("data.pkl"))
                data = archive.read(member)
        else:
            data = path.read_bytes()
    except (OSError, StopIteration, zipfile.BadZipFile):
        return []
    names: list[str] = []
    strings: list[str] = []
    stream = io.BytesIO(data)
    try:  # legacy (non-zip) files are several pickles in a row: magic, protocol, sys info, object
        for _ in range(5):
            for opcode, arg, _pos in pickletools.genops(stream):
                if opcode.name == "GLOBAL":
                    names.append(str(arg).replace(" ", "."))
                elif opcode.name == "STACK_GLOBAL" and len(strings) >= 2:
                    names.append(f"{strings[-2]}.{strings[-1]}")
                elif isinstance(arg, str):
                    strings.append(arg)
    except Exception:  # garbage or the end of the data: the scan only improves a message
        pass
    return names


def _describe_refused_pickle(path: Path) -> str:
    """Why weights_only loading refused the file: a whole nn.Module, or arbitrary objects."""
    names = _pickle_globals(path)
    if not names:  # garbage bytes the restricted unpickler choked on, not a refused object
        return NOT_A_CHECKPOINT.format(path=path)
    if any(n.startswith("torch.nn.modules.") for n in names):
        return (f"{path} holds a whole pickled model ({names[0]}), which cannot be loaded safely; "
                "re-save only its weights with torch.save(model.state_dict(), path) and open that file.")
    unsafe = [n for n in names if not n.startswith(("torch.", "collections.OrderedDict"))]
    shown = ", ".join(list(dict.fromkeys(unsafe or names))[:3])
    return (f"{path} contains pickled Python objects ({shown}) that could run code, so it was "
            "refused and nothing in it was executed; save a plain state_dict instead.")


def _is_safetensors(path: Path) -> bool:
    """Suffix or header sniff: 8-byte little-endian header length followed by ``{``."""
    if path.suffix.lower() == ".safetensors":
        return True
    with path.open("rb") as handle:
        head = handle.read(9)
    return len(head) == 9 and head[8:9] == b"{" and struct.unpack("<Q", head[:8])[0] < 100_000_000


def _load_safetensors(path: Path) -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    try:
        return load_file(str(path), device="cpu")
    except Exception as error:  # safetensors raises its own SafetensorError and OSError subclasses
        raise CheckpointError(f"{path} is not a valid safetensors file or is truncated ({error}).") from None


def _safetensors_metadata(path: Path) -> dict[str, Any] | None:
    """The app's JSON metadata, or None for a plain safetensors state_dict."""
    with path.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(length))
    extra = header.get("__metadata__") if isinstance(header, dict) else None
    text = extra.get(SAFETENSORS_METADATA_KEY) if isinstance(extra, dict) else None
    if text is None:
        return None
    try:
        metadata = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        raise CheckpointError(f"{path} has unreadable googlenet-gui metadata (not valid JSON).") from None
    if not isinstance(metadata, dict):
        raise CheckpointError(f"{path} has unreadable googlenet-gui metadata (a {type(metadata).__name__}, "
                              "not a JSON object).")
    return metadata


def _interpret(path: Path, raw: Any, container: str) -> CheckpointData:
    """Turn a loaded object into canonical weights plus everything the file says about them."""
    if isinstance(raw, nn.Module):  # only reachable if a caller allow-listed module classes
        raise CheckpointError(f"{path} holds a whole model; re-save it with torch.save(model.state_dict(), path).")
    if isinstance(raw, Mapping) and raw.get("format") == APP_FORMAT:
        return _interpret_app(path, raw, container)
    state_dict, wrappers = unwrap_state_dict(raw)
    if state_dict is None:
        what = type(raw).__name__
        raise CheckpointError(f"{path} is not a checkpoint: it holds a {what} without any weight tensors.")
    state_dict, prefixes = strip_prefixes(state_dict)
    fmt = detect_format(state_dict)
    if fmt is None:
        raise CheckpointError(_not_googlenet_message(path, state_dict))
    canonical = to_canonical(state_dict, fmt)
    notes = [f"weights nested under '{'/'.join(wrappers)}'"] if wrappers else []
    notes += [f"'{p}' prefix removed" for p in prefixes]
    spec, warnings = infer_spec(canonical, fmt), []
    names = checked_class_names(_script_class_names(raw), spec.num_classes, warnings)
    return CheckpointData(path=path, format=fmt, container=container, state_dict=canonical,
                          spec=spec, class_names=names, notes=notes, warnings=warnings)


def _script_class_names(raw: Any) -> list[str] | None:
    """Class names a training script stored next to its weights (``classes``, ``class_names``)."""
    if not isinstance(raw, Mapping):
        return None
    for key in ("class_names", "classes", "labels", "categories"):
        names = raw.get(key)
        if isinstance(names, (list, tuple)) and names and all(isinstance(n, str) for n in names):
            return list(names)
    return None


def _interpret_app(path: Path, raw: Mapping[str, Any], container: str) -> CheckpointData:
    state_dict, _ = unwrap_state_dict(raw.get("state_dict"))
    if state_dict is None:
        raise CheckpointError(f"{path} is a googlenet-gui checkpoint without weights (its state_dict is missing).")
    meta = read_app_metadata(path, raw, state_dict)
    notes = []
    if meta.version > APP_FORMAT_VERSION:
        notes.append(f"written by a newer googlenet-gui (format version {meta.version}); unknown fields ignored")
    return CheckpointData(
        path=path, format=APP_FORMAT, container=container, state_dict=dict(state_dict), spec=meta.spec,
        class_names=meta.class_names, preprocessing=meta.preprocessing, transform_input=meta.transform_input,
        aux_state=meta.aux_state, provenance=meta.provenance, training=meta.training, notes=notes,
        warnings=meta.warnings,
    )


def _not_googlenet_message(path: Path, state_dict: Mapping[str, torch.Tensor]) -> str:
    """Summarise how far the keys are from a GoogLeNet's (e.g. for a ResNet file)."""
    from googlenet_gui.core.network.model import GoogLeNet
    from googlenet_gui.core.network.spec import torchvision_spec

    with torch.device("meta"):  # shapes and names only: no memory, no random init
        expected = list(GoogLeNet(torchvision_spec(), init_weights=False).state_dict())
    missing = [k for k in expected if k not in state_dict]
    unexpected = [k for k in state_dict if k not in set(expected)]
    return (f"{path} is not a GoogLeNet checkpoint: {summarize_keys(missing, 'expected keys are missing')} "
            f"and {summarize_keys(unexpected, 'keys are unexpected')}.")


def check_dense_floats(state_dict: Mapping[str, torch.Tensor], path: Path | str) -> None:
    """Refuse integer, complex and sparse weights with a sentence naming the tensor.

    WHY: ``info`` accepted them and ``classify`` then failed with a message naming neither
    the file nor the cause (or a traceback).  BatchNorm's ``num_batches_tracked`` counters
    are integers by design and are only required to be dense.
    """
    for key, tensor in state_dict.items():
        if tensor.layout != torch.strided:
            raise CheckpointError(f"{path} stores {key} as a sparse tensor ({tensor.layout}); "
                                  "only dense weights can be loaded.")
        if not tensor.is_floating_point() and not key.endswith("num_batches_tracked"):
            raise CheckpointError(f"{path} stores {key} as {str(tensor.dtype).removeprefix('torch.')}, "
                                  "not floating point; GoogLeNet weights are floats.")


def check_finite(state_dict: Mapping[str, torch.Tensor], path: Path | str) -> None:
    """Refuse NaN/Inf weights up front: they would silently turn every prediction into NaN.

    One fused pass first: a tensor's norm is finite exactly when its values are (barring
    overflow of huge but finite values, which the per-tensor pass then clears).  Checking
    ~300 tensors one by one cost 60-75 ms of every model load.
    """
    floats = [t for t in state_dict.values() if t.is_floating_point() and t.numel()]
    if not floats or bool(torch.stack([n.float() for n in torch._foreach_norm(floats)]).isfinite().all()):
        return
    for key, tensor in state_dict.items():
        if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
            bad = int((~torch.isfinite(tensor)).sum())
            raise CheckpointError(f"{path} has {bad} NaN/Inf value{'s' if bad != 1 else ''} in {key}; "
                                  "the weights are broken (training diverged?).")


def check_against_model(state_dict: Mapping[str, torch.Tensor], model: nn.Module, path: Path | str) -> None:
    """Same keys and shapes as the model we built, or one sentence saying what differs."""
    expected = model.state_dict()
    missing = [k for k in expected if k not in state_dict]
    unexpected = [k for k in state_dict if k not in expected]
    if missing or unexpected:
        raise CheckpointError(f"{path} does not match a GoogLeNet: {summarize_keys(missing, 'keys are missing')} "
                              f"and {summarize_keys(unexpected, 'keys are unexpected')}.")
    for key, tensor in expected.items():
        if tuple(state_dict[key].shape) != tuple(tensor.shape):
            raise CheckpointError(f"{path} has a shape mismatch at {key}: expected {tuple(tensor.shape)}, "
                                  f"got {tuple(state_dict[key].shape)}.")


# --------------------------------------------------------------------------- writing


def check_save_path(out: str | Path, source: str | Path | None = None, overwrite_source: bool = False) -> Path:
    """Refuse a checkpoint destination the save would fail on (raises :class:`CheckpointError`).

    WHY one check, called early: a training job only saves after minutes of decoding and
    training, so the CLI and the jobs check before they start, and the save checks again.
    Refused: an existing folder; the file the weights came from (``source``, through
    symlinks and hard links) unless ``overwrite_source``; a path under a file; a folder
    nobody can create files in (probed by creating one, as the save will: ``os.access``
    says yes to root even in ``/proc``).  A missing parent folder is fine: the save makes it.
    """
    path = Path(out).expanduser()
    if path.is_dir():
        raise CheckpointError(f"{out}: is a folder; give a file name for the checkpoint.")
    if source is not None and not overwrite_source and path.exists() and Path(source).exists() \
            and os.path.samefile(path, source):
        raise CheckpointError(f"{out}: is the checkpoint these weights were loaded from; choose another file name.")
    folder = _nearest_existing(path.parent)
    if not folder.is_dir():
        raise CheckpointError(f"{out}: '{folder}' is not a folder; the checkpoint needs a file in a folder.")
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
    except OSError as error:
        raise CheckpointError(f"{out}: cannot create files in '{folder}' ({error.strerror}).") from None
    os.close(fd)
    os.unlink(probe)
    return path


def _nearest_existing(folder: Path) -> Path:
    """``folder`` (made absolute) or its closest ancestor that exists."""
    folder = folder.absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def save_checkpoint(
    path: str | Path,
    model: Any,
    *,
    class_names: Sequence[str] | None = None,
    preprocessing: Preprocessing | None = None,
    transform_input: bool | None = None,
    provenance: Mapping[str, Any] | None = None,
    training: Mapping[str, Any] | None = None,
    aux_state: str = "trained",
    source_path: str | Path | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the app format (``.safetensors`` suffix: safetensors) atomically; returns the path.

    ``model`` is a :class:`~googlenet_gui.core.network.model.GoogLeNet` or a ``LoadedModel`` (whose
    class names, preprocessing and transform_input fill any argument left as None).
    Refuses to replace ``source_path`` (the file the weights came from) unless ``overwrite``.
    """
    path = check_save_path(path, source_path, overwrite)
    net = getattr(model, "model", model)
    if aux_state not in AUX_STATES:
        raise ValueError(f"aux_state must be one of {AUX_STATES}, not {aux_state!r}")
    names = list(class_names if class_names is not None else getattr(model, "class_names", None)
                 or [f"class {i}" for i in range(net.num_classes)])
    meta = {
        "format": APP_FORMAT,
        "format_version": APP_FORMAT_VERSION,
        "class_names": names,
        "preprocessing": (preprocessing or getattr(model, "preprocessing", None) or Preprocessing()).to_dict(),
        "variant": net.spec.to_dict(),
        "transform_input": bool(net.transform_input if transform_input is None else transform_input),
        "aux_state": aux_state if net.has_aux else "absent",
        "provenance": _provenance(provenance, source_path or getattr(model, "source", None)),
        "training": dict(training) if training is not None else None,
    }
    meta = json.loads(json.dumps(meta, default=str))  # plain types only: weights_only loading accepts them
    state_dict = {k: v.detach().to("cpu").contiguous().clone() for k, v in net.state_dict().items()}
    read_app_metadata(path, meta, state_dict)  # never write a file that loading would refuse
    if path.suffix.lower() == ".safetensors":
        from safetensors.torch import save

        payload = save(state_dict, metadata={SAFETENSORS_METADATA_KEY: json.dumps(meta)})
        _atomic_write(path, lambda handle: handle.write(payload))
    else:
        _atomic_write(path, lambda handle: torch.save({**meta, "state_dict": state_dict}, handle))
    return path


def _provenance(extra: Mapping[str, Any] | None, source: Any) -> dict[str, Any]:
    import googlenet_gui

    record = {"source": str(source) if source is not None else "unknown", **dict(extra or {})}
    record.update(created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                  app_version=googlenet_gui.__version__, torch_version=str(torch.__version__))
    return record


def _atomic_write(path: Path, write) -> None:
    """:func:`.atomic_files.atomic_write`, with an OS error turned into a sentence naming the file."""
    try:
        atomic_write(path, write)
    except OSError as error:
        raise CheckpointError(f"{path} could not be written ({error.strerror or error}); "
                              "any previous file there is unchanged.") from None
    except RuntimeError as error:  # torch.save's zip writer reports a failed write as RuntimeError
        if not _is_write_failure(error):
            raise
        raise CheckpointError(f"{path} could not be written (writing failed part-way: is the disk full?); "
                              "any previous file there is unchanged.") from None


def _is_write_failure(error: RuntimeError) -> bool:
    """torch's "[enforce fail at inline_container.cc] unexpected pos" / "file write failed"."""
    text = str(error)
    return any(mark in text for mark in ("inline_container", "PytorchStreamWriter", "file write failed"))