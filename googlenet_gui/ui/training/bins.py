"""Class bins: build a data set by dropping images onto named bins (no folder layout needed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from googlenet_gui.core.images.files import IMAGE_EXTENSIONS
from googlenet_gui.ui.i18n import Retranslatable


def _image_paths(urls) -> list[Path]:  # noqa: ANN001 - QUrl list
    """Local image files among dropped URLs; folders contribute their images (recursively)."""
    out: list[Path] = []
    for url in urls:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.suffix.lower() in IMAGE_EXTENSIONS)
        elif path.suffix.lower() in IMAGE_EXTENSIONS:
            out.append(path)
    return out


class ClassBin(Retranslatable, QListWidget):
    """One class: a list of image files that accepts file drops."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setAcceptDrops(True)
        self.setMinimumHeight(70)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setToolTip(self.tr("Drop images (or folders) of class '{name}' here").format(name=self.name))

    def files(self) -> list[Path]:
        return [Path(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())]

    def add_files(self, paths: list[Path]) -> None:
        known = set(self.files())
        for path in paths:
            if path not in known:
                item = QListWidgetItem(path.name)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                self.addItem(item)
        self.changed.emit()

    def dragEnterEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802, ANN001
        self.add_files(_image_paths(event.mimeData().urls()))
        event.acceptProposedAction()


class ClassBins(Retranslatable, QWidget):
    """Named bins with add / rename / remove; ``class_files()`` feeds FinetuneConfig."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bins: list[ClassBin] = []
        self.labels: list[QLabel] = []
        self._rows = QVBoxLayout()
        buttons = QHBoxLayout()
        self.buttons = [QPushButton() for _ in range(3)]
        for button, slot in zip(self.buttons, (self.add_bin_dialog, self.rename_current, self.remove_current)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        layout.addLayout(buttons)
        self._current = -1
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for button, text in zip(self.buttons, (self.tr("Add class"), self.tr("Rename"), self.tr("Remove"))):
            button.setText(text)

    def add_bin(self, name: str) -> ClassBin:
        label = QLabel(f"<b>{name}</b>")
        bin_ = ClassBin(name)
        bin_.changed.connect(self.changed)
        index = len(self.bins)
        bin_.itemSelectionChanged.connect(lambda: setattr(self, "_current", self.bins.index(bin_)))
        self._rows.addWidget(label)
        self._rows.addWidget(bin_)
        self.bins.append(bin_)
        self.labels.append(label)
        self._current = index
        self.changed.emit()
        return bin_

    def add_bin_dialog(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New class"), self.tr("Class name:"),
                                        text=self.tr("class {number}").format(number=len(self.bins) + 1))
        if ok and name.strip():
            self.add_bin(name.strip())

    def rename(self, index: int, name: str) -> None:
        self.bins[index].name = name
        self.bins[index].retranslate_ui()
        self.labels[index].setText(f"<b>{name}</b>")
        self.changed.emit()

    def rename_current(self) -> None:
        if 0 <= self._current < len(self.bins):
            old = self.bins[self._current].name
            name, ok = QInputDialog.getText(self, self.tr("Rename class"), self.tr("Class name:"), text=old)
            if ok and name.strip():
                self.rename(self._current, name.strip())

    def remove(self, index: int) -> None:
        for widget in (self.bins.pop(index), self.labels.pop(index)):
            self._rows.removeWidget(widget)
            widget.deleteLater()
        self._current = min(self._current, len(self.bins) - 1)
        self.changed.emit()

    def remove_current(self) -> None:
        if 0 <= self._current < len(self.bins):
            self.remove(self._current)

    def class_files(self) -> dict[str, list[Path]]:
        return {b.name: b.files() for b in self.bins}
