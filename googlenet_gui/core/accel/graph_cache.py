"""Exported ONNX graphs kept on disk, keyed by the weights they were exported from.

WHY: a ``googlenet-gui classify`` run of 32+ images that finds its graph here skips
writing it (:mod:`.onnx_graph`, ~0.1 s on 2 cores) and, with :mod:`.cached_classify`,
even torch's import; the window writes the graph here on its worker and opens it from here.
The graph depends only on the weights, the image size, which outputs it exposes and
the versions of the code that wrote it, so those are hashed into the file name (the
weights by content: a fine-tuned copy in memory never hits a stale file).  Reading a
cached graph and hashing the weights costs ~0.1 s.

Every graph file ends with a record of the key it was written for (:func:`key_trailer`,
an unknown protobuf field that ONNX Runtime skips), checked on every read: a file
replaced by another model's graph once answered for the wrong model without a warning;
now it is deleted and exported again from the weights at hand.

The cache is an optimisation only: any read or write problem falls back to exporting,
a file ONNX Runtime refuses is deleted and exported again, and only the
:data:`MAX_FILES` most recently used graphs are kept (about 25-50 MB each).
``GOOGLENET_GUI_CACHE`` names another folder, or ``off`` disables the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from googlenet_gui.core.atomic_files import atomic_write
from googlenet_gui.core.user_cache import CACHE_ENV, cache_root, keep_newest  # noqa: F401 - CACHE_ENV re-exported
from googlenet_gui.core.accel.onnx_frames import field_header, write_chunks

if TYPE_CHECKING:
    from collections.abc import Sequence

    from torch import nn

    from googlenet_gui.core.accel.onnx_frames import Buffer

log = logging.getLogger(__name__)
#: ``GOOGLENET_GUI_BACKEND=torch`` keeps every path on PyTorch (read by onnx_backend and the CLI).
BACKEND_ENV = "GOOGLENET_GUI_BACKEND"
MAX_FILES = 6
#: A temp file this old belongs to no live writer (a graph is written in well under a minute).
STALE_PART_S = 3600.0


#: How the graph is written (``onnx_graph``); bumped when its layout changes, so no cached
#: graph of an older layout is reused.
GRAPH_FORMAT = "direct-1"


def cache_dir() -> Path | None:
    """Where graphs are kept: ``onnx`` in the app's cache folder (:func:`.user_cache.cache_root`)."""
    root = cache_root()
    return root / "onnx" if root is not None else None


def torch_forced() -> bool:
    """True when the user set ``GOOGLENET_GUI_BACKEND=torch``: every path stays on PyTorch."""
    return os.environ.get(BACKEND_ENV, "").strip().lower() == "torch"


def graph_path(key: str) -> Path | None:
    """Where the graph with this key is (or would be) cached; None when the cache is off."""
    folder = cache_dir()
    return folder / f"{key}.onnx" if folder is not None else None


#: Protobuf field number of the key trailer: unused by ONNX's ModelProto, so parsers skip it.
TRAILER_FIELD = 31337


def key_trailer(key: str) -> bytes:
    """The bytes every cached graph ends with: a length-delimited protobuf field naming ``key``."""
    payload = f"googlenet-gui graph {key}".encode()
    return field_header(TRAILER_FIELD, len(payload)) + payload


def verified(path: Path, key: str | None = None) -> bool:
    """Whether the graph at ``path`` was written for ``key`` (default: its file name); a
    swapped or foreign file is deleted (and logged) so the caller exports it again."""
    trailer = key_trailer(key or path.stem)
    try:
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - len(trailer)))
            if handle.read() == trailer:
                return True
    except OSError:
        return False
    log.warning("graph cache: %s was not written for these weights; it is rebuilt", path.name)
    forget(path)
    return False


def write_record(kind: str, fingerprint: str, record: dict, keep: int) -> None:
    """Store ``record`` (JSON) as ``<cache>/<kind>/<fingerprint>.json``, keeping the ``keep`` newest.

    Records say what a cached graph serves (``cached_classify``, ``quick_start``); best effort.
    """
    folder = cache_dir()
    if folder is not None:
        path = folder / kind / f"{fingerprint}.json"
        if write_atomically(path, json.dumps(record).encode()):
            prune(path.parent, "*.json", keep)


def read_record(kind: str, fingerprint: str, version: int) -> tuple[dict, Path] | None:
    """``(record, graph path)`` for a record of this version whose graph (its ``graph`` key) is
    still cached, else None; the graph is marked as just used, so pruning spares it."""
    folder = cache_dir()
    path = folder / kind / f"{fingerprint}.json" if folder is not None else None
    try:
        if path is None or not path.is_file():
            return None
        record = json.loads(path.read_text())
        graph = graph_path(str(record["graph"]))
        if record.get("version") != version or graph is None or not graph.is_file() or not verified(graph):
            return None
        os.utime(graph)
        return record, graph
    except (OSError, ValueError, KeyError, TypeError):
        return None


def graph_key(model: "nn.Module", image_size: int, outputs: str) -> str:
    """Hash of everything the exported graph depends on (~50 ms for GoogLeNet's 7-13 M weights)."""
    import onnxruntime
    import torch

    from googlenet_gui import __version__
    from googlenet_gui.core.network.fingerprint import feed_weights

    digest = hashlib.sha256()
    for part in (__version__, GRAPH_FORMAT, torch.__version__, onnxruntime.__version__, image_size, outputs,
                 getattr(model, "spec", None), getattr(model, "transform_input", None)):
        digest.update(repr(part).encode())
    feed_weights(digest, model)
    return digest.hexdigest()[:40]


def cached_graph(key: str, export: Callable[[], bytes]) -> tuple[bytes, Path | None]:
    """The graph stored under ``key``, or ``export()``'s, stored for next time.

    Returns ``(graph without its key trailer, path it was read from)``; the path is None
    when it was exported now, so a caller whose session refuses a cached file can
    :func:`forget` it.
    """
    path = graph_path(key)
    if path is not None:
        try:
            graph, trailer = path.read_bytes(), key_trailer(key)
            if graph.endswith(trailer) and len(graph) > len(trailer):
                os.utime(path)  # most recently used: pruned last
                return graph[: -len(trailer)], path
            if graph:
                verified(path, key)  # logs and deletes the foreign file
        except OSError:
            pass
    graph = export()
    if path is not None:
        store_chunks(path, [graph])
    return graph, None


def forget(path: Path) -> None:
    """Drop a cached graph ONNX Runtime could not load (truncated, from a broken disk...)."""
    try:
        path.unlink()
    except OSError:
        pass


def store_chunks(path: Path, chunks: "Sequence[Buffer]") -> bool:
    """Store a graph given as :mod:`.onnx_frames` chunks at ``path`` (atomically: a reader
    never sees half a file) with its key trailer, then keep only the newest MAX_FILES;
    False if nothing was written."""
    stored = write_atomically(path, [*chunks, key_trailer(path.stem)])
    if stored:
        prune(path.parent)
    return stored


def write_atomically(path: Path, data: "bytes | Sequence[Buffer]") -> bool:
    """Temp file + rename in ``path``'s folder; False (nothing written) on any OS error.

    ``data`` is bytes or a sequence of chunks (written one by one, each releasing the lock).
    """
    chunks = [data] if isinstance(data, bytes) else data
    try:
        atomic_write(path, lambda stream: write_chunks(stream, chunks), temp_prefix=".part-")
        return True
    except OSError:
        return False  # a read-only or full disk only costs the next run its export


def prune(folder: Path, pattern: str = "*.onnx", keep: int = MAX_FILES) -> None:
    """Keep the ``keep`` most recently used files matching ``pattern`` in ``folder``, and
    drop temp files a killed writer left behind (older than :data:`STALE_PART_S`)."""
    keep_newest(folder, pattern, keep)
    now = time.time()
    for part in folder.glob(".part-*"):
        try:
            if now - part.stat().st_mtime > STALE_PART_S:
                forget(part)
        except OSError:
            pass
