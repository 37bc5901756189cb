"""Which files are images: the one list the CLI, the window, samples and datasets share.

Kept apart from :mod:`.images` (which needs torch for preprocessing) so the window can
sort dropped files and fill its class bins before torch has been imported.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

IMAGE_EXTENSIONS: frozenset[str] = frozenset({
    ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".apng", ".gif", ".webp", ".bmp", ".dib",
    ".tif", ".tiff", ".ppm", ".pgm", ".pbm", ".pnm", ".tga", ".ico", ".jp2", ".j2k",
})


def iter_image_paths(inputs: Iterable[str | os.PathLike] | str | os.PathLike) -> list[Path]:
    """Files to classify, in the order given; folders expanded recursively.

    Inside a folder: files with an :data:`IMAGE_EXTENSIONS` suffix (any case), sorted
    by relative path, hidden files and folders (``.name``) skipped.  Named files are
    kept whatever their suffix, and missing paths are kept, so each gets its own error
    row instead of vanishing.  A folder without images is kept as itself for the same
    reason (loading it explains that it holds no images).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = images_in_folder(path)
            paths.extend(found if found else [path])
        else:
            paths.append(path)
    return paths


def images_in_folder(folder: Path) -> list[Path]:
    """Image files below ``folder`` (recursive, hidden entries skipped, sorted reproducibly)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / f for f in files
                     if not f.startswith(".") and Path(f).suffix.lower() in IMAGE_EXTENSIONS)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)
