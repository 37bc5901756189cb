"""Feature results kept on disk, keyed by the weights' hash and every setting that shapes them.

WHY: a channel's picture costs seconds to minutes on a CPU and a folder's examples a pass
over every image, yet neither changes until the weights, the settings or the folder do; a
channel computed once opens instantly.  The files live in ``features/`` of the app's cache
folder (:func:`googlenet_gui.core.user_cache.cache_root`, beside the ONNX graphs), are
written atomically (a reader never sees half a file), and only the most recently used are
kept.  The cache is an optimisation only: a file that cannot be read or written is
computed again, never an error.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import weakref
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from googlenet_gui.core.atomic_files import atomic_write
from googlenet_gui.core.user_cache import cache_root, keep_newest

log = logging.getLogger(__name__)

#: Bumped when what a file holds, or how it is computed, changes: older files then miss.
FORMAT = 1

#: Loaded model -> (its revision, its key): hashing the weights costs ~50 ms, a branch asks hundreds of times.
_MODEL_KEYS: weakref.WeakKeyDictionary[Any, tuple[int, str]] = weakref.WeakKeyDictionary()


def model_key(loaded: Any) -> str:
    """The weights' hash plus what turns pixels into the network's input (normalisation, transform_input)."""
    known = _MODEL_KEYS.get(loaded)
    if known is not None and known[0] == loaded.revision:
        return known[1]
    from googlenet_gui.core.network.fingerprint import weights_hash

    prep = loaded.preprocessing
    key = entry_key(weights_hash(loaded.model), prep.mean, prep.std, loaded.model.transform_input)
    _MODEL_KEYS[loaded] = (loaded.revision, key)
    return key


def known_model_key(loaded: Any) -> str | None:
    """:func:`model_key` if it was computed for this revision already, else None (nothing is hashed).

    WHY: the window looks pictures up on its GUI thread, where hashing the weights (~50 ms) would stall it.
    """
    known = _MODEL_KEYS.get(loaded)
    return known[1] if known is not None and known[0] == loaded.revision else None


def entry_key(*parts: Any) -> str:
    """40 hex digits of SHA-256 over the parts' ``repr`` (and :data:`FORMAT`)."""
    digest = hashlib.sha256(repr((FORMAT, *parts)).encode())
    return digest.hexdigest()[:40]


def entry_path(kind: str, key: str) -> Path | None:
    """Where the ``kind`` (``visualize``, ``examples``) entry ``key`` is kept; None when the cache is off."""
    root = cache_root()
    return root / "features" / kind / f"{key}.npz" if root is not None else None


def store(path: Path | None, arrays: dict[str, np.ndarray], meta: dict[str, Any], keep: int) -> bool:
    """Write ``arrays`` and the JSON-able ``meta`` to ``path`` atomically, then keep the ``keep`` newest; best effort."""
    if path is None:
        return False
    buffer = io.BytesIO()
    np.savez_compressed(buffer, meta=np.array(json.dumps(meta)), **arrays)
    try:
        atomic_write(path, lambda handle: handle.write(buffer.getvalue()))
    except OSError as error:
        log.info("feature cache: %s not written (%s)", path.name, error)
        return False
    keep_newest(path.parent, "*.npz", keep)
    return True


def load(path: Path | None) -> tuple[dict[str, np.ndarray], dict[str, Any]] | None:
    """``(arrays, meta)`` stored at ``path``, marked as just used; None if absent or unreadable."""
    if path is None or not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files if name != "meta"}
            meta = json.loads(str(data["meta"]))
        os.utime(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:  # truncated, foreign or half-deleted
        log.info("feature cache: %s unreadable (%s); computed again", path.name, error)
        return None
    return arrays, meta
