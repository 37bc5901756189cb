"""Desktop integration files agree with each other and with the app.

The .desktop launcher, the shared-mime-info XML and the AppStream metainfo name the
same app id, icon and MIME types; a mismatch shows up only on a user's desktop (the
file manager offers another app for a .pth, the software centre shows no icon), so
it is checked here.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from googlenet_gui.core import resources
from googlenet_gui.core.images.decode import IMAGE_EXTENSIONS
from googlenet_gui.core.resources import APP_ID, ICON_SIZES, icon_path

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
MIME_FILE = LINUX / "googlenet-gui-mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
CHECKPOINT_SUFFIXES = {".pth", ".pt", ".safetensors"}

#: Image MIME types the launcher may claim -> a suffix core.images must then read.
IMAGE_TYPE_SUFFIX = {
    "image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp",
    "image/bmp": ".bmp", "image/tiff": ".tif", "image/x-portable-anymap": ".pnm",
    "image/x-portable-pixmap": ".ppm", "image/x-portable-graymap": ".pgm",
    "image/x-portable-bitmap": ".pbm", "image/x-tga": ".tga", "image/jp2": ".jp2",
}

needs_linux_shell = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("bash") is None,
                                       reason="the desktop integration is for Linux")


def desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def split_list(value: str) -> list[str]:
    """Desktop-entry lists end with ';'."""
    assert value.endswith(";"), value
    return value[:-1].split(";")


def mime_types() -> dict[str, list[str]]:
    """MIME type -> its glob patterns, from the shared-mime-info XML."""
    root = ET.parse(MIME_FILE).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    return {node.get("type"): [glob.get("pattern") for glob in node.iter(f"{MIME_NS}glob")]
            for node in root.iter(f"{MIME_NS}mime-type")}


def console_scripts() -> dict[str, str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


def test_desktop_entry_has_required_keys() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] and entry["Comment"]
    assert entry["Exec"] == "googlenet-gui %F"  # %F: every double-clicked file, as paths
    assert "googlenet-gui" in console_scripts()
    assert entry["Icon"] == APP_ID
    assert split_list(entry["Categories"]) == ["Education", "Science", "Graphics"]
    assert entry["Terminal"] == "false"


def test_desktop_mime_types_match_mime_xml_and_readable_images() -> None:
    declared = split_list(desktop_entry()["MimeType"])
    ours = mime_types()
    assert set(ours) <= set(declared), "the launcher must open every type we register"
    globs = {pattern for patterns in ours.values() for pattern in patterns}
    assert {f"*{suffix}" for suffix in CHECKPOINT_SUFFIXES} <= globs
    images = [t for t in declared if t not in ours]
    assert images and all(t.startswith("image/") for t in images)
    unreadable = [t for t in images if IMAGE_TYPE_SUFFIX.get(t) not in IMAGE_EXTENSIONS]
    assert not unreadable, f"launcher claims image types core.images does not read: {unreadable}"


def test_mime_xml_names_the_app_icon() -> None:
    root = ET.parse(MIME_FILE).getroot()
    for node in root.iter(f"{MIME_NS}mime-type"):
        assert node.find(f"{MIME_NS}comment") is not None
        assert node.find(f"{MIME_NS}icon").get("name") == APP_ID


def test_appstream_metainfo_is_consistent() -> None:
    root = ET.parse(METAINFO_FILE).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable.get("type") == "desktop-id" and launchable.text == DESKTOP_FILE.name
    assert root.findtext("icon") == APP_ID
    assert root.findtext("name") == desktop_entry()["Name"]
    provides = root.find("provides")
    assert {n.text for n in provides.iter("mediatype")} == set(mime_types())
    assert {n.text for n in provides.iter("binary")} <= set(console_scripts())
    categories = [n.text for n in root.find("categories")]
    assert categories == split_list(desktop_entry()["Categories"])


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0 and not errors, result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO_FILE)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_exists_at_its_size(size: int) -> None:
    with Image.open(icon_path(size)) as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0, "corners are transparent (rounded icon)"
        assert image.getpixel((size // 2, size // 2))[3] == 255


def test_icon_svg_is_square_svg() -> None:
    root = ET.parse(icon_path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = root.get("viewBox").split()
    assert width == height


def test_icon_path_rejects_sizes_not_rendered() -> None:
    with pytest.raises(ValueError, match="20px"):
        icon_path(20)


def test_resources_found_in_checkout_or_installation() -> None:
    found = resources.resources_dir()
    package_dir = Path(resources.__file__).resolve().parents[1]
    assert found in (package_dir / "resources", package_dir.parent / "resources")
    if package_dir.parent == ROOT:
        assert found == ROOT / "resources"
    assert (found / "samples").is_dir()


@needs_linux_shell
def test_install_desktop_script_installs_and_uninstalls(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    script = LINUX / "install-desktop.sh"
    app = tmp_path / "my apps" / "googlenet-gui"  # a space, to check the quoting
    app.parent.mkdir()
    app.write_text("#!/bin/sh\n")
    app.chmod(0o755)
    subprocess.run(["bash", str(script), "--exec", str(app)], env=env, check=True, capture_output=True)

    installed = (data_home / "applications" / DESKTOP_FILE.name).read_text(encoding="utf-8")
    assert f'Exec="{app}" %F' in installed.splitlines()
    assert f"TryExec={app}" in installed.splitlines()
    assert (data_home / "mime" / "packages" / MIME_FILE.name).is_file()
    assert (data_home / "metainfo" / METAINFO_FILE.name).is_file()
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        png = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.read_bytes() == icon_path(size).read_bytes()
    if shutil.which("update-mime-database"):
        globs = (data_home / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-googlenet-checkpoint:*.pth" in globs

    subprocess.run(["bash", str(script), "--uninstall"], env=env, check=True, capture_output=True)
    assert not (data_home / "applications" / DESKTOP_FILE.name).exists()
    assert not list((data_home / "icons").rglob(f"{APP_ID}.*"))


@needs_linux_shell
def test_install_desktop_script_refuses_a_missing_executable(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(["bash", str(LINUX / "install-desktop.sh"), "--exec", str(tmp_path / "nope")],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "nope is not an executable file" in result.stderr
    assert not (tmp_path / "applications").exists()
