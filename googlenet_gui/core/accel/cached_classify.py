"""Batch classification that an earlier run prepared: ONNX Runtime only, no torch import.

WHY: importing torch takes about 2.5 s on 2 cores, most of a short ``googlenet-gui
classify`` run, and it is the only thing keeping the CLI slower than a plain ONNX
Runtime script.  A run of 32+ images on the CPU already exports the model to ONNX
(:mod:`.onnx_cache`); :func:`remember` also records, under a hash of the checkpoint
file's bytes (~30 ms for 50 MB, no torch needed), what the output needs besides the
graph: class names, preprocessing, whether the aux heads are trained, the model line
and warnings.  The next run of the same file finds it with :func:`lookup` and runs
:func:`classify_cached`: the same decoding and preprocessing (PIL, then the same
arithmetic in NumPy), the same graph, softmax and top-k in NumPy.  Results equal the
torch-hosted ONNX path within float32 rounding (tested).  Any doubt (no record, a
changed file, a missing graph, other labels or devices) leaves the normal path to run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from googlenet_gui.core.inference.batching import ImageInput, Prepared, expand_inputs, in_input_order, run_batches, side_by_side
from googlenet_gui.core.inference.predictions import heads_from_probabilities, labels_for, softmax
from googlenet_gui.core.accel.graph_cache import forget, read_record, write_record
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.inference.results import Classification, HeadResult
from googlenet_gui.core.inference.threads import cpu_count, process_threads

INDEX_VERSION = 1
INDEX_KEEP = 50


@dataclass(frozen=True)
class GraphRecord:
    """A checkpoint's cached graph plus what its outputs mean (shared by the CLI's and the window's records)."""

    graph: Path
    output_names: list[str]
    class_names: list[str]
    preprocessing: Preprocessing
    has_aux: bool
    aux_trained: bool


@dataclass(frozen=True)
class CachedModel(GraphRecord):
    """What a run needs to classify with a checkpoint's cached graph, without loading it."""

    model_line: str
    warnings: list[str]


OFFICIAL_FILENAME = "googlenet-1378be20.pth"  # core.weights.official_filename(), without importing torch


def checkpoint_file(weights: str | None) -> Path | None:
    """The file ``load_model(weights)`` reads, found without torch: a path, or the official
    file in torch's hub cache (if there); None for ``untrained`` or a missing file."""
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


def file_fingerprint(path: str | os.PathLike) -> str:
    """SHA-256 of the file's bytes: a changed checkpoint never matches an old record."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:40]


def remember(fingerprint: str, graph_key: str, output_names: Sequence[str], loaded: Any,
             model_line: str) -> None:
    """Record ``loaded`` (a LoadedModel from the file with this :func:`file_fingerprint`); best effort."""
    record = {"version": INDEX_VERSION, "graph": graph_key, "outputs": list(output_names),
              "class_names": list(loaded.class_names), "preprocessing": loaded.preprocessing.to_dict(),
              "has_aux": bool(loaded.has_aux), "aux_trained": bool(loaded.aux_trained),
              "model_line": model_line, "warnings": list(loaded.warnings)}
    write_record("index", fingerprint, record, INDEX_KEEP)


def lookup(fingerprint: str) -> CachedModel | None:
    """The record for the file with this fingerprint, with its graph still cached, else None."""
    found = read_record("index", fingerprint, INDEX_VERSION)
    if found is None:
        return None
    record, graph = found
    try:
        return CachedModel(graph, *graph_fields(record), str(record["model_line"]), list(record["warnings"]))
    except (KeyError, TypeError, ValueError):
        return None


def graph_fields(record: dict) -> tuple:
    """The :class:`GraphRecord` fields after ``graph``, read from a stored record."""
    return (list(record["outputs"]), list(record["class_names"]), Preprocessing.from_dict(record["preprocessing"]),
            bool(record["has_aux"]), bool(record["aux_trained"]))


def batch_threads() -> int:
    """Cores a torch-free batch job may use: the thread policy's (or user's) count, else all."""
    return process_threads(default=cpu_count())


def open_session(cached: GraphRecord, threads: int | None = None) -> Any:
    """ONNX Runtime session on the cached graph; a file it refuses is deleted and None returned
    (the caller's normal path then exports it afresh).  ``threads`` intra-op threads, by default
    ``OMP_NUM_THREADS`` as torch reads it (the window's thread policy sets it before anything
    is imported), else ONNX Runtime's own choice; batch jobs pass :func:`.batching.side_by_side`'s.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.inter_op_num_threads = 1
    threads = threads or process_threads(default=0)
    if threads > 0:
        options.intra_op_num_threads = threads
    try:
        return ort.InferenceSession(str(cached.graph), options, providers=["CPUExecutionProvider"])
    except Exception:  # noqa: BLE001 - a damaged cache file
        forget(cached.graph)
        return None


def classify_cached(cached: CachedModel, session: Any, inputs: ImageInput | Iterable[ImageInput],
                    top_k: int = 5, batch_size: int = 16, runs: int | None = None) -> Iterator[Classification]:
    """Like :func:`.classify.classify` (same order, same per-file errors) on the cached graph.

    ``runs`` batches run side by side (default: :func:`.batching.side_by_side`'s count for the
    cores the process may use; open ``session`` with its thread count to match).
    """
    label = labels_for(cached.class_names)
    runs = runs or side_by_side(batch_threads())[0]
    for results in run_batches(expand_inputs(inputs), cached.preprocessing,
                               lambda chunk: _classify_chunk(session, cached, chunk, label, top_k), batch_size, runs):
        yield from results


def _classify_chunk(session: Any, cached: CachedModel, chunk: list[Prepared], label: Any,
                    top_k: int) -> list[Classification]:
    good = [item for item in chunk if item.array is not None]
    heads: list[dict[str, HeadResult]] = []
    if good:
        outputs = session.run(None, {"input": np.stack([item.array for item in good])})
        probabilities = {name: softmax(values) for name, values in zip(cached.output_names, outputs)}
        heads = heads_from_probabilities(probabilities, label, top_k, cached.aux_trained)
    return in_input_order(chunk, heads)


# -------------------------------------------- when a CLI run may skip torch, and recording
def eligible(args: Any) -> Path | None:
    """The checkpoint file if this ``classify`` run may use (or record for) the torch-free path.

    Only when the normal path would also run on ONNX Runtime on the CPU with this very
    file and nothing the record does not capture: the backend not forced to torch,
    onnxruntime installed, device ``cpu`` or ``auto`` (records are only written by CPU
    runs), no ``--labels`` or ``--transform-input``.
    """
    import importlib.util

    from googlenet_gui.core.accel.graph_cache import torch_forced

    if torch_forced() or importlib.util.find_spec("onnxruntime") is None:
        return None
    if getattr(args, "device", "auto") not in ("auto", "cpu") or getattr(args, "labels", None) is not None:
        return None
    if getattr(args, "transform_input", None) is not None:
        return None
    return checkpoint_file(getattr(args, "weights", None))


def enough_images(inputs: list[str]) -> bool:
    from googlenet_gui.core.inference.batching import ONNX_MIN_IMAGES

    return len(expand_inputs(inputs)) >= ONNX_MIN_IMAGES


def plan_run(args: Any) -> str | None:
    """The checkpoint's fingerprint when this run may use or record the torch-free path.

    Computed once per run: it reads the whole checkpoint file and lists the inputs.
    """
    checkpoint = eligible(args)
    if checkpoint is None or not enough_images(args.inputs):
        return None
    try:
        return file_fingerprint(checkpoint)
    except OSError:
        return None


def prepared_run(fingerprint: str | None) -> tuple[CachedModel, Any] | None:
    """``(CachedModel, session)`` for a torch-free run, or None for the normal path."""
    if fingerprint is None:
        return None
    cached = lookup(fingerprint)
    per_batch = side_by_side(batch_threads())[1]  # classify_cached's default runs use the rest
    session = open_session(cached, threads=per_batch) if cached is not None else None
    return (cached, session) if session is not None else None


def record_run(fingerprint: str | None, loaded: Any, model_line: str, folded: Any) -> None:
    """After a normal run that used ONNX Runtime on the CPU (on ``folded``, the model's folded copy),
    let the next one skip torch."""
    if fingerprint is None or loaded.device.type != "cpu":
        return
    from googlenet_gui.core.accel.onnx_backend import built_inspector

    inspector = built_inspector(folded, loaded.preprocessing.crop, "heads")
    if inspector is None or inspector.graph_key is None:
        return  # this run did not get a session (export failed): nothing to reuse
    remember(fingerprint, inspector.graph_key, inspector.output_names, loaded, model_line)
