"""Where shipped resources (samples, icons) are, installed or in a source checkout.

The top-level ``resources/`` folder of the repository is installed as the package
``googlenet_gui.resources`` (a setuptools package-dir mapping in pyproject.toml; the
PyInstaller spec copies it to the same place), so one lookup serves a wheel, a frozen
app and a checkout run with ``python -m googlenet_gui``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent

#: Desktop/AppStream id: the .desktop file, the metainfo and the installed icon are
#: named after it (see packaging/linux/); Qt's ``setDesktopFileName`` takes it too.
APP_ID = "io.github.googlenet_gui"

#: Pixel sizes of the rendered app icon ``icons/googlenet-gui-<size>.png``.
ICON_SIZES: tuple[int, ...] = (16, 32, 48, 64, 128, 256, 512)

#: A file only our resources folder has: it tells our ``resources/`` next to the
#: package apart from an unrelated top-level ``resources`` folder in site-packages.
_MARKER = Path("icons") / "googlenet-gui.svg"


def resources_dir() -> Path:
    """``googlenet_gui/resources`` in a wheel or frozen app, else the checkout's ``resources/``."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / _MARKER).is_file():
            return candidate
    raise FileNotFoundError(
        f"the googlenet-gui resources folder (icons, sample photos) is missing from {_PACKAGE_DIR}; "
        "reinstall googlenet-gui")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def icon_path(size: int | None = None) -> Path:
    """The app icon: the SVG when ``size`` is None, else the PNG rendered at ``size`` px.

    Qt renders the SVG only with its svg image-format plugin; the PNGs need nothing.
    """
    if size is None:
        return resource_path("icons", "googlenet-gui.svg")
    if size not in ICON_SIZES:
        raise ValueError(f"no {size}px app icon; sizes are {', '.join(map(str, ICON_SIZES))}")
    return resource_path("icons", f"googlenet-gui-{size}.png")
