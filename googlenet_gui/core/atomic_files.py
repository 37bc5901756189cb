"""Write a file so that readers see the old contents or the new ones, never half of either.

WHY one place: checkpoints (a failed save must leave the previous file intact) and the
graph cache (a reader in another process must never open half a graph) both need it;
torch-free so the cache's start-up path can use it.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from googlenet_gui.core.errors import GoogLeNetGuiError


def atomic_write(path: Path, write: Callable[[BinaryIO], object], temp_prefix: str | None = None) -> None:
    """``write(handle)`` into a temp file in ``path``'s folder, fsync, then rename over ``path``.

    The temp file never outlives a failure; OSError and anything ``write`` raises propagate.
    A process killed mid-save cannot clean up, so its temp file carries its process id and
    the next save into that folder removes it (:func:`remove_leftovers`).  ``temp_prefix``
    names the temp file instead (the graph cache prunes its ``.part-*`` leftovers itself).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if temp_prefix is None:
        remove_leftovers(path.parent)
    mode = _mode_for(path)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix or f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                     dir=path.parent)
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


def save_atomically(path: Path, write: Callable[[BinaryIO], object]) -> Path:
    """:func:`atomic_write` with an OS error as one sentence naming the file (the old file stays).

    WHY: the CLI and the window show a user error as it is; a raw OSError was a traceback.
    """
    try:
        atomic_write(path, write)
    except OSError as error:
        raise GoogLeNetGuiError(f"cannot write '{path}': {error.strerror or error}") from None
    return path


#: ``.{name}.{pid}.{mkstemp's 8 random characters}.tmp``, as :func:`atomic_write` names its temp files.
_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.\w{8}\.tmp$")


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the temp files of saves into ``folder`` whose process no longer runs; returns them.

    WHY by process id, not age: a save in progress in another process (two runs at once)
    must keep its temp file however long it takes, and a killed one's is garbage at once.
    Skipped where process ids cannot be probed safely (Windows).
    """
    removed: list[Path] = []
    if os.name != "posix":
        return removed
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match and not _process_alive(int(match.group(1))) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:  # gone already, or a read-only folder: the save itself will say so
                pass
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process (or a forged huge id): keep it
        return True
    return True


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
