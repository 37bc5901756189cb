"""Menus, shortcuts, recent files, samples, export and presentation mode of the main window.

Kept apart from ``window.py`` so the window holds state and scheduling, and this
file holds everything a user reaches through a menu or a key.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from googlenet_gui.core.inference.results import Classification

from googlenet_gui.ui.window import intake as intake_mod
from googlenet_gui.ui.widgets.deferred import Deferred
from googlenet_gui.ui.present.fonts import scale_plots
from googlenet_gui.ui.present.presenter import Presenter
from googlenet_gui.ui.window.report_slots import NO_REPORT_YET
from googlenet_gui.ui.window.language_menu import LanguageMenu
from googlenet_gui.ui.window.settings import read_setting

if TYPE_CHECKING:
    from googlenet_gui.ui.window.main_window import MainWindow

MAX_RECENT = 10
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff);;All files (*)"
CHECKPOINT_FILTER = "Checkpoints (*.pth *.pt *.safetensors *.ckpt *.bin);;All files (*)"
SHORTCUT_HELP = """<table cellspacing='6'>
<tr><td><b>Ctrl+O</b></td><td>Open images</td></tr>
<tr><td><b>Ctrl+Shift+O</b></td><td>Open a folder</td></tr>
<tr><td><b>Ctrl+L</b></td><td>Load a checkpoint</td></tr>
<tr><td><b>Ctrl+V</b></td><td>Paste an image, a path or an image URL</td></tr>
<tr><td><b>Ctrl+E</b></td><td>Export all predictions (CSV or JSON)</td></tr>
<tr><td><b>Ctrl+Shift+E</b></td><td>Export a report of the image (one HTML file)</td></tr>
<tr><td><b>PgDown / PgUp</b></td><td>Next / previous image</td></tr>
<tr><td><b>] / [</b></td><td>Next / previous layer</td></tr>
<tr><td><b>1 … 9</b></td><td>Inception 3a … 5b</td></tr>
<tr><td><b>Ctrl+Shift+L</b></td><td>Live: a camera or a video classified as it plays</td></tr>
<tr><td><b>Space</b></td><td>Live: freeze the frame shown (inspect it in every tab), again to resume</td></tr>
<tr><td><b>F2</b></td><td>Lesson: the paper step by step on this model (English / 한국어)</td></tr>
<tr><td><b>Alt+Left / Alt+Right</b></td><td>Lesson: previous / next step</td></tr>
<tr><td><b>F5</b></td><td>Presentation mode: one view at a time, full screen (there: ←/→ view, ↑/↓ layer, N/P image, L pointer, C Table 1 columns, Esc leave)</td></tr>
<tr><td><b>F11</b></td><td>Full screen</td></tr>
<tr><td><b>Esc</b></td><td>Cancel the running job</td></tr>
</table>"""


def export_rows(entries) -> list[dict]:  # noqa: ANN001 - iterable of ImageEntry
    """One ``classify --json`` style object per image (errors included)."""
    rows = []
    for entry in entries:
        result = Classification(entry.source.name, entry.heads or {}, entry.error)
        if entry.heads is None and entry.error is None:
            result.error = "not classified yet"
        rows.append(result.to_json())
    return rows


def write_export(path: Path, rows: list[dict]) -> None:
    """JSON (the CLI's schema) or CSV (image, head, rank, index, label, probability, error)."""
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
        return
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["image", "head", "rank", "index", "label", "probability", "error"])
        for row in rows:
            if "error" in row:
                writer.writerow([row["image"], "", "", "", "", "", row["error"]])
                continue
            for head, predictions in row["predictions"].items():
                for rank, p in enumerate(predictions, 1):
                    writer.writerow([row["image"], head, rank, p["index"], p["label"], f"{p['probability']:.6f}", ""])


class WindowActions:
    """Builds the menu bar and shortcuts of ``window`` and implements their actions."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.presentation = False
        self.presenter = Presenter(window)
        self.presenter.leave_requested.connect(self.toggle_presentation)
        for holder in window.findChildren(Deferred):  # views built on first show get the same fonts
            holder.built.connect(self._view_built)
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        self._add(file_menu, "&Open images…", QKeySequence.StandardKey.Open, self.open_images)
        self._add(file_menu, "Open &folder…", "Ctrl+Shift+O", self.open_folder)
        self._add(file_menu, "&Load checkpoint…", "Ctrl+L", self.open_checkpoint)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self._add(file_menu, "&Paste image", QKeySequence.StandardKey.Paste, self.paste)
        self._add(file_menu, "&Export predictions…", "Ctrl+E", self.export)
        self.report_action = self._add(file_menu, "Export &report…", "Ctrl+Shift+E", self.export_report)
        self.report_action.setEnabled(False)  # until a model and an image are on screen
        window.model_changed.connect(self.refresh_report_action)
        window.views_updated.connect(self.refresh_report_action)
        file_menu.addSeparator()
        self._add(file_menu, "&Quit", QKeySequence.StandardKey.Quit, window.close)
        self.samples_menu = bar.addMenu("&Samples")
        self._fill_samples()
        view = bar.addMenu("&View")
        self._add(view, "&Next image", "PgDown", lambda: window.thumbnails.step(1))
        self._add(view, "&Previous image", "PgUp", lambda: window.thumbnails.step(-1))
        self._add(view, "Next &layer", "]", lambda: window.explorer.picker.step(1))
        self._add(view, "Previous l&ayer", "[", lambda: window.explorer.picker.step(-1))
        view.addSeparator()
        self._add(view, "L&ive (camera or video)…", "Ctrl+Shift+L", window.open_live)
        self.presentation_action = self._add(view, "P&resentation mode", "F5", self.toggle_presentation)
        self.presentation_action.setCheckable(True)
        self._add(view, "&Full screen", "F11", self.toggle_full_screen)
        view.addSeparator()
        self.language_menu = LanguageMenu(view)
        model = bar.addMenu("&Model")
        self._add(model, "&Load checkpoint…", None, self.open_checkpoint)
        self._add(model, "&Official ImageNet weights", None, lambda: window.load_model("official"))
        self._add(model, "&Untrained model", None, lambda: window.load_model("untrained"))
        self._add(model, "&Cancel running job", "Esc", window.cancel_work)
        help_menu = bar.addMenu("&Help")
        self._add(help_menu, "&Keyboard shortcuts", "F1", self.show_shortcuts)
        self._add(help_menu, "&Lesson…", "F2", window.open_lesson)
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(number)), window)
            shortcut.activated.connect(lambda n=number: window.explorer.picker.select_inception(n))
        self.refresh_recent()

    def _add(self, menu, text: str, shortcut, slot) -> QAction:  # noqa: ANN001
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # ----------------------------------------------------------------- files
    def open_images(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Open images", "", IMAGE_FILTER)
        if paths:
            self.window.take(intake_mod.from_paths(paths))

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Open a folder of images")
        if folder:
            self.remember(folder)
            self.window.take(intake_mod.from_paths([folder]))

    def open_checkpoint(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Load a checkpoint", "", CHECKPOINT_FILTER)
        if path:
            self.remember(path)
            self.window.load_model(path)

    def paste(self) -> None:
        """Ctrl+V: an image, image bytes, a file path or an image URL from the clipboard."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None:
            self.window.take(intake_mod.from_mime(mime))

    def export(self) -> None:
        if not self.window.entries:
            self.window.show_message("info", "Nothing to export yet: add some images first.")
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Export predictions", "predictions.csv",
                                              "CSV (*.csv);;JSON (*.json)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            write_export(path, export_rows(self.window.entries.values()))
        except OSError as error:
            self.window.show_message("error", f"Could not write {path}: {error.strerror or error}.")
            return
        self.window.set_status(f"Exported {len(self.window.entries)} image(s) to {path}")

    @Slot()
    def refresh_report_action(self) -> None:
        """Export report is offered once a model and a selected image are there."""
        self.report_action.setEnabled(self.window.report_source() is not None)

    def export_report(self) -> None:
        """Ask where to save the report of the selected image, then queue it on the worker."""
        source = self.window.report_source()
        if source is None:
            self.window.show_message("info", NO_REPORT_YET)
            return
        name = f"{Path(source.short_name).stem or 'image'}-report.html"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export report", name, "HTML (*.html *.htm)")
        if path:
            self.window.request_report(path if path.lower().endswith((".html", ".htm")) else path + ".html")

    # ---------------------------------------------------------------- recent
    def remember(self, path: str) -> None:
        recent = [p for p in self.recent_files() if p != path]
        QSettings().setValue("recent/files", [path, *recent][:MAX_RECENT])
        self.refresh_recent()

    def recent_files(self) -> list[str]:
        return read_setting("recent/files", list, [])

    def refresh_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        self.recent_menu.setEnabled(bool(files))
        for path in files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))

    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.window.show_message("error", f"'{path}' no longer exists.")
            return
        self.remember(path)
        self.window.take(intake_mod.from_paths([path]))

    # --------------------------------------------------------------- samples
    def _fill_samples(self) -> None:
        from googlenet_gui.core.images.samples import sample_images

        samples = sample_images()
        if not samples:
            self.samples_menu.addAction("(no samples installed)").setEnabled(False)
            return
        for path in samples:
            action = self.samples_menu.addAction(path.stem.replace("_", " "))
            action.triggered.connect(lambda _checked=False, p=str(path): self.window.take(intake_mod.from_paths([p])))
        self.samples_menu.addSeparator()
        all_paths = [str(p) for p in samples]
        self.samples_menu.addAction("All samples").triggered.connect(
            lambda _checked=False: self.window.take(intake_mod.from_paths(all_paths)))

    # ---------------------------------------------------------------- view
    def toggle_presentation(self, view: str | None = None) -> None:
        """F5: the full-screen stage (on ``view``, a key of ``ui.present.views.VIEWS``), or back to the desk."""
        self.presentation = not self.presentation
        self.presentation_action.setChecked(self.presentation)
        if self.presentation:
            self.presenter.enter(view)
        else:
            self.presenter.leave()

    def _view_built(self, widget: QWidget) -> None:
        if self.presentation:
            scale_plots(widget, self.window.font())

    def toggle_full_screen(self) -> None:
        self.window.showNormal() if self.window.isFullScreen() else self.window.showFullScreen()

    def show_shortcuts(self) -> None:
        QMessageBox.information(self.window, "Keyboard shortcuts", SHORTCUT_HELP)
