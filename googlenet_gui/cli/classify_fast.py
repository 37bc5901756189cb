"""When ``classify`` may skip loading torch, and recording what lets the next run do so.

See :mod:`googlenet_gui.core.accel.cached_classify` for why.  The fast path is taken only when
the normal path would also run on ONNX Runtime on the CPU with this very file and
nothing that the record does not capture: the backend is not forced to torch,
onnxruntime is installed, the device is ``cpu`` or ``auto`` (records are only written by
CPU runs), no ``--labels`` or ``--transform-input``, and 32+ images.
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from typing import Any

from googlenet_gui.core.accel.cached_classify import checkpoint_file  # noqa: F401 - re-exported (tests)


def eligible(args: argparse.Namespace) -> Path | None:
    """The checkpoint file if this run may use (or record for) the torch-free path."""
    from googlenet_gui.core.accel.graph_cache import torch_forced

    if torch_forced():
        return None
    if importlib.util.find_spec("onnxruntime") is None:
        return None
    if getattr(args, "device", "auto") not in ("auto", "cpu") or getattr(args, "labels", None) is not None:
        return None
    if getattr(args, "transform_input", None) is not None:
        return None
    return checkpoint_file(getattr(args, "weights", None))


def enough_images(inputs: list[str]) -> bool:
    from googlenet_gui.core.inference.batching import ONNX_MIN_IMAGES, expand_inputs

    return len(expand_inputs(inputs)) >= ONNX_MIN_IMAGES


def plan(args: argparse.Namespace) -> str | None:
    """The checkpoint's fingerprint when this run may use or record the torch-free path.

    Computed once per run: it reads the whole checkpoint file and lists the inputs.
    """
    from googlenet_gui.core.accel.cached_classify import file_fingerprint

    checkpoint = eligible(args)
    if checkpoint is None or not enough_images(args.inputs):
        return None
    try:
        return file_fingerprint(checkpoint)
    except OSError:
        return None


def cached_model(fingerprint: str | None) -> tuple[Any, Any] | None:
    """``(CachedModel, session)`` for a torch-free run, or None for the normal path."""
    if fingerprint is None:
        return None
    from googlenet_gui.core.inference.batching import side_by_side
    from googlenet_gui.core.accel.cached_classify import batch_threads, lookup, open_session

    cached = lookup(fingerprint)
    per_batch = side_by_side(batch_threads())[1]  # classify_cached's default runs use the rest
    session = open_session(cached, threads=per_batch) if cached is not None else None
    return (cached, session) if session is not None else None


def record(fingerprint: str | None, loaded: Any, model_line: str) -> None:
    """After a normal run that used ONNX Runtime on the CPU, let the next one skip torch."""
    if fingerprint is None or loaded.device.type != "cpu":
        return
    from googlenet_gui.core.accel.cached_classify import remember
    from googlenet_gui.core.accel.onnx_backend import built_inspector

    inspector = built_inspector(loaded.inference_model, loaded.preprocessing.crop, "heads")
    if inspector is None or inspector.graph_key is None:
        return  # this run did not get a session (export failed): nothing to reuse
    remember(fingerprint, inspector.graph_key, inspector.output_names, loaded, model_line)
