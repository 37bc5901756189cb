"""The queue of images as a list of thumbnails, each captioned with its top-1."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from googlenet_gui.core.inference.results import HeadResult, percent_text

from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.work.jobs import ImageSource

KEY_ROLE = Qt.ItemDataRole.UserRole
HAS_THUMB_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB_SIZE = 64
#: What Esc leaves on the images it did not reach: not an error in the file (a marker the code
#: compares, never shown: the caption and tooltip say it in the window's language).
CANCELLED = "skipped (cancelled)"


@dataclass
class ImageEntry:
    """One queued image and what the current model made of it."""

    key: int
    source: ImageSource
    heads: dict[str, HeadResult] | None = None
    error: str | None = None
    thumb: np.ndarray | None = None
    notes: list[str] = field(default_factory=list)
    file_state: tuple[str, int, int] | None = None  # file_state(source) when it was queued

    @property
    def done(self) -> bool:
        return self.heads is not None or self.error is not None

    def caption(self) -> str:
        if self.error == CANCELLED:  # the tooltip says "click to classify"
            return f"{self.source.short_name}\n" + translate("Thumbnails", "skipped (Esc)")
        if self.error:
            return f"{self.source.short_name}\n" + translate("Thumbnails", "⚠ could not be read")
        if self.heads and "main" in self.heads:
            best = self.heads["main"].top[0]
            return f"{self.source.short_name}\n{best.label} {percent_text(best.probability)}"
        return f"{self.source.short_name}\n…"

    def tooltip(self) -> str:
        """The whole of what the (elided) caption says, with the full path or URL."""
        if self.error == CANCELLED:
            return f"{self.source.name}\n" + translate("Thumbnails", "skipped when you pressed Esc: click to classify it")
        top1 = self.caption().partition("\n")[2]
        return self.error or f"{self.source.name}\n{top1}"


def file_state(source: ImageSource) -> tuple[str, int, int] | None:
    """(real path, modification time, size) of a file source; None for URLs, bytes, missing files."""
    if source.kind != "path":
        return None
    try:
        path = os.path.realpath(str(source.value))
        stat = os.stat(path)
    except OSError:
        return None
    return path, stat.st_mtime_ns, stat.st_size


def queued_files(entries: Iterable[ImageEntry]) -> dict[tuple[str, int, int], ImageEntry]:
    """Entries by the file they hold, as it was when queued (see :func:`file_state`).

    WHY: dropping a file again (or a folder that holds it) added a second row with the
    same answer; a file changed on disk since is a new image and gets its own row.
    """
    return {entry.file_state: entry for entry in entries if entry.file_state is not None}


def pixmap_from_rgb(rgb: np.ndarray) -> QPixmap:
    """QPixmap of an (h, w, 3) uint8 array (copied, so the array may go away)."""
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())


def placeholder_icon() -> QIcon:
    """A plain square until the thumbnail exists.

    WHY: with uniform item sizes, one row without an icon (an unreadable file) shrank
    every row to text height and the thumbnails ran over the captions below them.
    """
    pixmap = QPixmap(THUMB_SIZE, THUMB_SIZE)
    pixmap.fill(QColor(225, 225, 225))
    return QIcon(pixmap)


class ThumbnailList(Retranslatable, QListWidget):
    """Emits ``entry_selected(key)`` when the user picks an image."""

    entry_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.setUniformItemSizes(True)
        # Elide each caption line instead of wrapping it: wrapped, a long file name broke mid-word
        # into a third line and pushed a horizontal scroll bar in (presentation fonts).
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # the tooltip has the whole caption
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(170)
        self.currentItemChanged.connect(self._on_current)
        self._entries: dict[int, ImageEntry] = {}  # by key: their captions are remade on a language switch

    def retranslate_ui(self) -> None:
        """Every caption and tooltip again ("skipped (Esc)", "could not be read" are words)."""
        for entry in list(self._entries.values()):
            self.update_entry(entry)

    def add_entry(self, entry: ImageEntry) -> None:
        item = QListWidgetItem(placeholder_icon(), entry.caption())
        item.setData(KEY_ROLE, entry.key)
        item.setToolTip(entry.source.name)
        self.addItem(item)
        self._entries[entry.key] = entry

    def update_entry(self, entry: ImageEntry) -> None:
        item = self._item(entry.key)
        if item is None:
            self._entries.pop(entry.key, None)
            return
        self._entries[entry.key] = entry
        item.setText(entry.caption())
        item.setToolTip(entry.tooltip())
        if entry.thumb is not None and not item.data(HAS_THUMB_ROLE):
            item.setIcon(QIcon(pixmap_from_rgb(entry.thumb)))
            item.setData(HAS_THUMB_ROLE, True)

    def select_key(self, key: int, quietly: bool = False) -> None:
        """Select ``key``'s row; ``quietly`` does not announce it (the views already show it)."""
        item = self._item(key)
        if item is not None:
            blocked = self.blockSignals(quietly)
            self.setCurrentItem(item)
            self.blockSignals(blocked)

    def step(self, offset: int) -> None:
        if self.count():
            row = max(0, min(self.count() - 1, self.currentRow() + offset))
            self.setCurrentRow(row)

    def _item(self, key: int) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self.item(row).data(KEY_ROLE) == key:
                return self.item(row)
        return None

    def _on_current(self, current: QListWidgetItem | None, _previous) -> None:  # noqa: ANN001
        if current is not None:
            self.entry_selected.emit(int(current.data(KEY_ROLE)))
