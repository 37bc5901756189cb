"""What a drop or a paste carries, turned into image sources and checkpoints.

Drops arrive in many shapes: local files and folders (``file:`` URLs), a web
browser's image (an http(s) URL, raw ``image/*`` bytes, or HTML with an ``<img>``),
a screenshot tool's bitmap.  This module only sorts them out; nothing here decodes
an image or touches the network (that happens in the worker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QUrl
from PySide6.QtGui import QImage

from googlenet_gui.core.images.fetch import is_web_url

from googlenet_gui.ui.i18n import translate
from googlenet_gui.ui.work.jobs import ImageSource

CHECKPOINT_SUFFIXES = frozenset({".pth", ".pt", ".safetensors", ".ckpt", ".bin"})
_RAW_IMAGE_FORMATS = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp", "image/tiff")
_IMG_SRC = re.compile(r"<img[^>]+src\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


@dataclass
class Intake:
    """Sorted content of one drop/paste/open: images to queue, a checkpoint to load, problems."""

    images: list[ImageSource] = field(default_factory=list)
    checkpoint: str | None = None
    problems: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.images or self.checkpoint or self.problems)


def is_checkpoint(path: str | Path) -> bool:
    return Path(path).suffix.lower() in CHECKPOINT_SUFFIXES


def from_paths(paths: list[str]) -> Intake:
    """Local paths: checkpoints load the model, folders expand to their images (sorted)."""
    from googlenet_gui.core.images.files import iter_image_paths

    intake = Intake()
    for raw in paths:
        path = Path(raw)
        if is_checkpoint(path) and path.is_file():
            intake.checkpoint = str(path)
        elif path.is_dir():
            found = iter_image_paths([path])
            if found in ([], [path]):  # an empty folder comes back as itself (for CLI error rows)
                intake.problems.append(translate("Intake", "'{path}' holds no image files.").format(path=path))
                continue
            intake.images.extend(ImageSource.path(str(p)) for p in found)
        elif path.exists():
            intake.images.append(ImageSource.path(str(path)))
        else:
            intake.problems.append(translate("Intake", "'{path}' does not exist.").format(path=path))
    return intake


def from_urls(urls: list[QUrl]) -> Intake:
    """``file:`` URLs become paths; http(s) URLs are fetched later in the worker."""
    local = [url.toLocalFile() for url in urls if url.isLocalFile()]
    intake = from_paths(local)
    for url in urls:
        text = url.toString()
        if url.isLocalFile():
            continue
        if is_web_url(text):
            intake.images.append(ImageSource.url(text))
        else:
            intake.problems.append(translate("Intake", "{address} is neither a local file nor an http(s) address.")
                                   .format(address=text))
    return intake


def from_mime(mime: QMimeData) -> Intake:
    """A drop or clipboard payload: URLs first, then raw image bytes, HTML <img>, bitmap, text URL."""
    url_intake = from_urls(mime.urls()) if mime.hasUrls() else Intake()
    if url_intake.images or url_intake.checkpoint:
        return url_intake
    for fmt in _RAW_IMAGE_FORMATS:
        if mime.hasFormat(fmt):
            data = bytes(mime.data(fmt).data())
            if data:
                return Intake(images=[ImageSource.data(data, translate("Intake", "dropped image ({format})").format(format=fmt))])
    if mime.hasHtml():
        match = _IMG_SRC.search(mime.html())
        if match and is_web_url(match.group(1)):
            return Intake(images=[ImageSource.url(match.group(1))])
    if mime.hasImage():
        data = qimage_png_bytes(mime.imageData())
        if data:
            return Intake(images=[ImageSource.data(data, translate("Intake", "pasted image"))])
    text = mime.text().strip() if mime.hasText() else ""
    if text and is_web_url(text):
        return Intake(images=[ImageSource.url(text)])
    if text and Path(text).exists():
        return from_paths([text])
    if url_intake.problems:
        return url_intake
    nothing = translate("Intake", "Nothing usable in that drop: drop image files, a folder, a checkpoint or a web image.")
    return Intake(problems=[nothing])


def accepts(mime: QMimeData) -> bool:
    """Quick check for dragEnterEvent (no file system walking)."""
    return (mime.hasUrls() or mime.hasImage() or mime.hasHtml()
            or any(mime.hasFormat(f) for f in _RAW_IMAGE_FORMATS)
            or (mime.hasText() and is_web_url(mime.text().strip())))


def qimage_png_bytes(image: object) -> bytes:
    """PNG bytes of a QImage from the clipboard (empty if it is not an image)."""
    if not isinstance(image, QImage) or image.isNull():
        return b""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(array.data())
