"""torchvision's official ImageNet weights (``GoogLeNet_Weights.IMAGENET1K_V1``), cached by torch.

The file lives where torch itself caches it (``$TORCH_HOME/hub/checkpoints``), so weights
another tool already downloaded are reused, and a user on an offline machine can copy the
file there by hand: the error message says exactly where and under which name.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import torch

from googlenet_gui.core.errors import WeightsUnavailableError
from googlenet_gui.core.jobs import ProgressCallback

#: Set to 1 to never download (tests set it; so can users on metered connections).
OFFLINE_ENV = "GOOGLENET_GUI_OFFLINE"

#: Seconds any single network operation of the download may stall before it is given up.
DOWNLOAD_TIMEOUT_S = 30.0



#: ``torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.url``, kept here so that finding the
#: cached file does not import torchvision (1.6 s of start-up); a test keeps them equal.
OFFICIAL_URL = "https://download.pytorch.org/models/googlenet-1378be20.pth"


def official_url() -> str:
    return OFFICIAL_URL


def official_filename() -> str:
    """``googlenet-1378be20.pth``: the name torch's cache (and a hand copy) must use."""
    return official_url().rsplit("/", 1)[-1]


def official_cache_path() -> Path:
    """Where torch caches the file; follows ``TORCH_HOME`` at call time."""
    return Path(torch.hub.get_dir()) / "checkpoints" / official_filename()


def is_offline() -> bool:
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def is_official_file(path: str | Path) -> bool:
    """A file carrying the official name (a cached or hand-copied official download)."""
    return Path(path).name == official_filename()


def unavailable_message(reason: str) -> str:
    return (f"The official GoogLeNet ImageNet weights are not cached and {reason}; download "
            f"{official_url()} and put it at {official_cache_path()} (file name {official_filename()}), "
            "or pass the file's path with --weights PATH.")


def ensure_official_weights(progress: bool = True, progress_callback: ProgressCallback | None = None) -> Path:
    """Path of the cached official file, downloading it first if needed and allowed."""
    path = official_cache_path()
    if path.is_file():
        return path
    if is_offline():
        raise WeightsUnavailableError(unavailable_message(f"downloads are switched off ({OFFLINE_ENV}=1)"))
    try:
        if progress_callback is None:
            from torchvision.models import GoogLeNet_Weights

            # torch's own downloader: progress bar on stderr, temp file + rename, hash check.
            # It has no timeout of its own; a black-holed network would hang start-up forever.
            with _socket_timeout(DOWNLOAD_TIMEOUT_S):
                GoogLeNet_Weights.IMAGENET1K_V1.get_state_dict(progress=progress, check_hash=True,
                                                              weights_only=True, map_location="cpu")
        else:
            download_to_cache(official_url(), path, progress_callback, _hash_prefix(official_filename()))
    except (urllib.error.URLError, OSError, RuntimeError) as error:
        reason = getattr(error, "reason", None) or error
        raise WeightsUnavailableError(unavailable_message(f"the download failed ({reason})")) from None
    if not path.is_file():
        raise WeightsUnavailableError(unavailable_message("the download did not produce the file"))
    return path


@contextlib.contextmanager
def _socket_timeout(seconds: float) -> Iterator[None]:
    """Bound every socket operation of a third-party downloader, then restore the default."""
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous)


def _hash_prefix(filename: str) -> str | None:
    """torch's convention: ``name-<first sha256 hex digits>.pth``."""
    match = re.search(r"-([a-f0-9]{6,})\.", filename)
    return match.group(1) if match else None


def download_to_cache(url: str, dest: Path, progress_callback: ProgressCallback,
                      sha256_prefix: str | None = None, chunk_size: int = 1 << 16) -> Path:
    """Download with a byte-count callback (for a GUI progress bar) into ``dest``.

    Writes ``dest.partial`` and renames it only after the hash prefix matches, so an
    interrupted or corrupted download never looks like a cached file.  The callback may
    raise (e.g. :class:`~googlenet_gui.core.errors.JobCancelled`) to stop the download.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response, partial.open("wb") as out:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(chunk_size):
                out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                progress_callback(done, total)
        if sha256_prefix and not digest.hexdigest().startswith(sha256_prefix):
            raise RuntimeError(f"the downloaded file's checksum does not match {sha256_prefix}")
        os.replace(partial, dest)
    finally:
        if partial.exists():
            partial.unlink()
    return dest
