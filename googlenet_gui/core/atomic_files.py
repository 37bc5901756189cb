"""Write a file so that readers see the old contents or the new ones, never half of either.

WHY one place: checkpoints (a failed save must leave the previous file intact) and the
graph cache (a reader in another process must never open half a graph) both need it;
torch-free so the cache's start-up path can use it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: Path, write: Callable[[BinaryIO], object], temp_prefix: str | None = None) -> None:
    """``write(handle)`` into a temp file in ``path``'s folder, fsync, then rename over ``path``.

    The temp file never outlives a failure; OSError and anything ``write`` raises propagate.
    ``temp_prefix`` names the temp file (the graph cache prunes its ``.part-*`` leftovers).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix or f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what ``open()`` would give a new file.

    WHY: ``mkstemp`` makes its file 0600, so every checkpoint the app saved (and every
    file it overwrote) became readable by its owner only, whatever the umask said.
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without setting it (``os.umask`` would race other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022  # the usual default where /proc is not there (macOS, Windows)
