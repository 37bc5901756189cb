"""The photos shipped in ``resources/samples`` (public domain / CC0, see ATTRIBUTION.md).

They give the app something to show on first start and the docs something to
classify without the user hunting for a picture.
"""

from __future__ import annotations

from pathlib import Path

from googlenet_gui.core.images.files import IMAGE_EXTENSIONS
from googlenet_gui.core.resources import resource_path


def samples_dir() -> Path:
    return resource_path("samples")


def sample_images() -> list[Path]:
    """Every bundled sample photo, sorted by file name (empty if the folder is missing)."""
    folder = samples_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in IMAGE_EXTENSIONS and not p.name.startswith("."))
