"""When ``classify`` may skip loading torch, and recording what lets the next run do so.

See :mod:`googlenet_gui.core.cached_classify` for why.  The fast path is taken only when
the normal path would also run on ONNX Runtime on the CPU with this very file and
nothing that the record does not capture: the backend is not forced to torch,
onnxruntime is installed, the device is ``cpu`` or ``auto`` (records are only written by
CPU runs), no ``--labels`` or ``--transform-input``, and 32+ images.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
from pathlib import Path
from typing import Any

OFFICIAL_FILENAME = "googlenet-1378be20.pth"  # core.weights.official_filename(), without importing torch


def checkpoint_file(weights: str | None) -> Path | None:
    """The file ``--weights`` names: a path, or the official file in torch's hub cache (if there)."""
    if weights is None or weights == "official":
        if os.environ.get("TORCH_HUB"):  # torch's deprecated override: let torch resolve it
            return None
        cache = os.getenv("XDG_CACHE_HOME", "~/.cache")
        home = Path(os.path.expanduser(os.getenv("TORCH_HOME", os.path.join(cache, "torch"))))
        path = home / "hub" / "checkpoints" / OFFICIAL_FILENAME
    elif weights == "untrained":
        return None
    else:
        path = Path(weights).expanduser()
    return path if path.is_file() else None


def eligible(args: argparse.Namespace) -> Path | None:
    """The checkpoint file if this run may use (or record for) the torch-free path."""
    from googlenet_gui.core.onnx_cache import BACKEND_ENV

    if os.environ.get(BACKEND_ENV, "").strip().lower() == "torch":
        return None
    if importlib.util.find_spec("onnxruntime") is None:
        return None
    if getattr(args, "device", "auto") not in ("auto", "cpu") or getattr(args, "labels", None) is not None:
        return None
    if getattr(args, "transform_input", None) is not None:
        return None
    return checkpoint_file(getattr(args, "weights", None))


def enough_images(inputs: list[str]) -> bool:
    from googlenet_gui.core.batching import ONNX_MIN_IMAGES, expand_inputs

    return len(expand_inputs(inputs)) >= ONNX_MIN_IMAGES


def cached_model(args: argparse.Namespace) -> tuple[Any, Any] | None:
    """``(CachedModel, session)`` for a torch-free run, or None for the normal path."""
    checkpoint = eligible(args)
    if checkpoint is None or not enough_images(args.inputs):
        return None
    from googlenet_gui.core.cached_classify import lookup, open_session

    cached = lookup(checkpoint)
    session = open_session(cached) if cached is not None else None
    return (cached, session) if session is not None else None


def record(args: argparse.Namespace, loaded: Any, model_line: str) -> None:
    """After a normal run that used ONNX Runtime on the CPU, let the next one skip torch."""
    checkpoint = eligible(args)
    if checkpoint is None or loaded.device.type != "cpu" or not enough_images(args.inputs):
        return
    from googlenet_gui.core import onnx_backend
    from googlenet_gui.core.cached_classify import remember
    from googlenet_gui.core.onnx_cache import graph_key

    model = loaded.inference_model
    crop = loaded.preprocessing.crop
    if onnx_backend._CACHE.get(model, {}).get((crop, "heads")) is None:
        return  # this run did not get a session (export failed): nothing to reuse
    remember(checkpoint, graph_key(model, crop, "heads"), onnx_backend.inspect_output_names(model, "heads"),
             loaded, model_line)
