"""The app's folder in the user's cache: one place for everything it keeps between runs.

WHY one place: exported ONNX graphs (:mod:`googlenet_gui.core.accel.graph_cache`) and
feature visualisations and dataset examples (:mod:`googlenet_gui.core.features.cache`) live
side by side under it, so ``GOOGLENET_GUI_CACHE`` moves (or ``off`` disables) them all at
once.  Torch-free: the graph cache reads it before torch is imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_ENV = "GOOGLENET_GUI_CACHE"


def cache_root() -> Path | None:
    """``$GOOGLENET_GUI_CACHE``, else ``googlenet-gui`` in the platform's user cache folder; None when ``off``."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() == "off":
        return None
    if value:
        return Path(value)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "googlenet-gui"


def keep_newest(folder: Path, pattern: str, keep: int) -> list[Path]:
    """Delete all but the ``keep`` most recently used files matching ``pattern``; returns the deleted.

    WHY by modification time: readers touch what they reuse (``os.utime``), so what was
    used lately survives.  Files that vanish meanwhile (another process pruning) are skipped.
    """
    dated: list[tuple[float, Path]] = []
    for path in folder.glob(pattern):
        try:
            dated.append((path.stat().st_mtime, path))
        except OSError:
            pass
    removed: list[Path] = []
    for _, old in sorted(dated, reverse=True)[keep:]:
        try:
            old.unlink()
            removed.append(old)
        except OSError:
            pass
    return removed
