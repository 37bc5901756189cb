"""Menus, shortcuts, recent files, samples, export and presentation mode of the main window.

Kept apart from ``window.py`` so the window holds state and scheduling, and this
file holds everything a user reaches through a menu or a key.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from googlenet_gui.core.inference.results import Classification

from googlenet_gui.ui.i18n import follow_language, translate
from googlenet_gui.ui.window import intake as intake_mod
from googlenet_gui.ui.widgets.deferred import Deferred
from googlenet_gui.ui.present.fonts import scale_plots
from googlenet_gui.ui.present.presenter import Presenter
from googlenet_gui.ui.window.report_slots import no_report_yet
from googlenet_gui.ui.window.language_menu import LanguageMenu
from googlenet_gui.ui.window.settings import read_setting

if TYPE_CHECKING:
    from googlenet_gui.ui.window.main_window import MainWindow

MAX_RECENT = 10
IMAGE_PATTERNS = "*.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff"
CHECKPOINT_PATTERNS = "*.pth *.pt *.safetensors *.ckpt *.bin"
#: Keys (not translated: key names) and what they do (shown translated) in Help > Keyboard shortcuts.
SHORTCUTS = (
    ("Ctrl+O", QT_TRANSLATE_NOOP("ShortcutHelp", "Open images")),
    ("Ctrl+Shift+O", QT_TRANSLATE_NOOP("ShortcutHelp", "Open a folder")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("ShortcutHelp", "Load a checkpoint")),
    ("Ctrl+V", QT_TRANSLATE_NOOP("ShortcutHelp", "Paste an image, a path or an image URL")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("ShortcutHelp", "Export all predictions (CSV or JSON)")),
    ("Ctrl+Shift+E", QT_TRANSLATE_NOOP("ShortcutHelp", "Export a report of the image (one HTML file)")),
    ("PgDown / PgUp", QT_TRANSLATE_NOOP("ShortcutHelp", "Next / previous image")),
    ("] / [", QT_TRANSLATE_NOOP("ShortcutHelp", "Next / previous layer")),
    ("1 … 9", QT_TRANSLATE_NOOP("ShortcutHelp", "Inception 3a … 5b")),
    ("Ctrl+Shift+L", QT_TRANSLATE_NOOP("ShortcutHelp", "Live: a camera or a video classified as it plays")),
    ("Space", QT_TRANSLATE_NOOP("ShortcutHelp",
                                "Live: freeze the frame shown (inspect it in every tab), again to resume")),
    ("F2", QT_TRANSLATE_NOOP("ShortcutHelp", "Lesson: the paper step by step on this model (English / 한국어)")),
    ("Alt+Left / Alt+Right", QT_TRANSLATE_NOOP("ShortcutHelp", "Lesson: previous / next step")),
    ("F5", QT_TRANSLATE_NOOP(  # one literal: lupdate reads no implicit concatenation
        "ShortcutHelp",
        "Presentation mode: one view at a time, full screen (there: ←/→ view, ↑/↓ layer, N/P image, L pointer, C Table 1 columns, Esc leave)")),  # noqa: E501
    ("F11", QT_TRANSLATE_NOOP("ShortcutHelp", "Full screen")),
    ("Esc", QT_TRANSLATE_NOOP("ShortcutHelp", "Cancel the running job")),
)


def image_filter() -> str:
    """The Open images dialog's filter, in the window's language (the patterns stay as they are)."""
    return translate("WindowActions", "Images ({patterns});;All files (*)").format(patterns=IMAGE_PATTERNS)


def checkpoint_filter() -> str:
    """The Load checkpoint dialog's filter, in the window's language."""
    return translate("WindowActions", "Checkpoints ({patterns});;All files (*)").format(patterns=CHECKPOINT_PATTERNS)


def shortcut_help() -> str:
    """Help > Keyboard shortcuts: a table of keys and what they do, in the window's language."""
    rows = "".join(f"<tr><td><b>{keys}</b></td><td>{translate('ShortcutHelp', text)}</td></tr>\n"
                   for keys, text in SHORTCUTS)
    return f"<table cellspacing='6'>\n{rows}</table>"


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
    """Builds the menu bar and shortcuts of ``window`` and implements their actions.

    Every menu and action text is kept with its English source (marked for lupdate) and
    set in :meth:`retranslate_ui`, which runs again on each language switch.
    """

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.presentation = False
        self._texts: list[tuple[QAction, str]] = []  # (action or menu's action, English source text)
        self.presenter = Presenter(window)
        self.presenter.leave_requested.connect(self.toggle_presentation)
        for holder in window.findChildren(Deferred):  # views built on first show get the same fonts
            holder.built.connect(self._view_built)
        bar = window.menuBar()
        file_menu = self._menu(bar, QT_TRANSLATE_NOOP("WindowActions", "&File"))
        self._add(file_menu, QT_TRANSLATE_NOOP("WindowActions", "&Open images…"), QKeySequence.StandardKey.Open,
                  self.open_images)
        self._add(file_menu, QT_TRANSLATE_NOOP("WindowActions", "Open &folder…"), "Ctrl+Shift+O", self.open_folder)
        self._add(file_menu, QT_TRANSLATE_NOOP("WindowActions", "&Load checkpoint…"), "Ctrl+L", self.open_checkpoint)
        self.recent_menu = self._menu(file_menu, QT_TRANSLATE_NOOP("WindowActions", "Open &recent"))
        self._add(file_menu, QT_TRANSLATE_NOOP("WindowActions", "&Paste image"), QKeySequence.StandardKey.Paste,
                  self.paste)
        self._add(file_menu, QT_TRANSLATE_NOOP("WindowActions", "&Export predictions…"), "Ctrl+E", self.export)
        self.report_action = self._add(file_menu, QT_TRANSLATE_NOOP("WindowActions", "Export &report…"),
                                       "Ctrl+Shift+E", self.export_report)
        self.report_action.setEnabled(False)  # until a model and an image are on screen
        window.model_changed.connect(self.refresh_report_action)
        window.views_updated.connect(self.refresh_report_action)
        file_menu.addSeparator()
        self._add(file_menu, QT_TRANSLATE_NOOP("WindowActions", "&Quit"), QKeySequence.StandardKey.Quit, window.close)
        self.samples_menu = self._menu(bar, QT_TRANSLATE_NOOP("WindowActions", "&Samples"))
        self._fill_samples()
        self._build_view_menu(bar)
        model = self._menu(bar, QT_TRANSLATE_NOOP("WindowActions", "&Model"))
        self._add(model, QT_TRANSLATE_NOOP("WindowActions", "&Load checkpoint…"), None, self.open_checkpoint)
        self._add(model, QT_TRANSLATE_NOOP("WindowActions", "&Official ImageNet weights"), None,
                  lambda: window.load_model("official"))
        self._add(model, QT_TRANSLATE_NOOP("WindowActions", "&Untrained model"), None,
                  lambda: window.load_model("untrained"))
        self._add(model, QT_TRANSLATE_NOOP("WindowActions", "&Cancel running job"), "Esc", window.cancel_work)
        help_menu = self._menu(bar, QT_TRANSLATE_NOOP("WindowActions", "&Help"))
        self._add(help_menu, QT_TRANSLATE_NOOP("WindowActions", "&Keyboard shortcuts"), "F1", self.show_shortcuts)
        self._add(help_menu, QT_TRANSLATE_NOOP("WindowActions", "&Lesson…"), "F2", window.open_lesson)
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(number)), window)
            shortcut.activated.connect(lambda n=number: window.explorer.picker.select_inception(n))
        self.refresh_recent()
        follow_language(window, self.retranslate_ui)
        self.retranslate_ui()

    def _build_view_menu(self, bar) -> None:  # noqa: ANN001 - QMenuBar
        window = self.window
        view = self._menu(bar, QT_TRANSLATE_NOOP("WindowActions", "&View"))
        self._add(view, QT_TRANSLATE_NOOP("WindowActions", "&Next image"), "PgDown", lambda: window.thumbnails.step(1))
        self._add(view, QT_TRANSLATE_NOOP("WindowActions", "&Previous image"), "PgUp",
                  lambda: window.thumbnails.step(-1))
        self._add(view, QT_TRANSLATE_NOOP("WindowActions", "Next &layer"), "]",
                  lambda: window.explorer.picker.step(1))
        self._add(view, QT_TRANSLATE_NOOP("WindowActions", "Previous l&ayer"), "[",
                  lambda: window.explorer.picker.step(-1))
        view.addSeparator()
        self._add(view, QT_TRANSLATE_NOOP("WindowActions", "L&ive (camera or video)…"), "Ctrl+Shift+L",
                  window.open_live)
        self.presentation_action = self._add(view, QT_TRANSLATE_NOOP("WindowActions", "P&resentation mode"), "F5",
                                             self.toggle_presentation)
        self.presentation_action.setCheckable(True)
        self._add(view, QT_TRANSLATE_NOOP("WindowActions", "&Full screen"), "F11", self.toggle_full_screen)
        view.addSeparator()
        self.language_menu = LanguageMenu(view)

    def retranslate_ui(self) -> None:
        """Every menu title and action text in the window's language (runs again on a switch)."""
        for action, text in self._texts:
            action.setText(translate("WindowActions", text))

    def _menu(self, parent, text: str) -> QMenu:  # noqa: ANN001 - QMenuBar or QMenu
        menu = parent.addMenu("")
        self._texts.append((menu.menuAction(), text))
        return menu

    def _add(self, menu, text: str, shortcut, slot) -> QAction:  # noqa: ANN001
        action = QAction(self.window)
        self._texts.append((action, text))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # ----------------------------------------------------------------- files
    def open_images(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, translate("WindowActions", "Open images"), "",
                                                image_filter())
        if paths:
            self.window.take(intake_mod.from_paths(paths))

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, translate("WindowActions", "Open a folder of images"))
        if folder:
            self.remember(folder)
            self.window.take(intake_mod.from_paths([folder]))

    def open_checkpoint(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, translate("WindowActions", "Load a checkpoint"), "",
                                              checkpoint_filter())
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
            self.window.show_message("info", translate("WindowActions", "Nothing to export yet: add some images first."))
            return
        path, _ = QFileDialog.getSaveFileName(self.window, translate("WindowActions", "Export predictions"),
                                              "predictions.csv",
                                              "CSV (*.csv);;JSON (*.json)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            write_export(path, export_rows(self.window.entries.values()))
        except OSError as error:
            self.window.show_message("error", translate("WindowActions", "Could not write {path}: {problem}.").format(
                path=path, problem=error.strerror or error))
            return
        self.window.set_status(translate("WindowActions", "Exported {count} image(s) to {path}").format(
            count=len(self.window.entries), path=path))

    @Slot()
    def refresh_report_action(self) -> None:
        """Export report is offered once a model and a selected image are there."""
        self.report_action.setEnabled(self.window.report_source() is not None)

    def export_report(self) -> None:
        """Ask where to save the report of the selected image, then queue it on the worker."""
        source = self.window.report_source()
        if source is None:
            self.window.show_message("info", no_report_yet())
            return
        name = f"{Path(source.short_name).stem or 'image'}-report.html"
        path, _ = QFileDialog.getSaveFileName(self.window, translate("WindowActions", "Export report"), name,
                                              "HTML (*.html *.htm)")
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
            self.window.show_message("error", translate("WindowActions", "'{path}' no longer exists.").format(path=path))
            return
        self.remember(path)
        self.window.take(intake_mod.from_paths([path]))

    # --------------------------------------------------------------- samples
    def _fill_samples(self) -> None:
        from googlenet_gui.core.images.samples import sample_images

        samples = sample_images()
        if not samples:
            empty = self.samples_menu.addAction("")
            empty.setEnabled(False)
            self._texts.append((empty, QT_TRANSLATE_NOOP("WindowActions", "(no samples installed)")))
            return
        for path in samples:
            action = self.samples_menu.addAction(path.stem.replace("_", " "))
            action.triggered.connect(lambda _checked=False, p=str(path): self.window.take(intake_mod.from_paths([p])))
        self.samples_menu.addSeparator()
        all_paths = [str(p) for p in samples]
        every = self.samples_menu.addAction("")
        self._texts.append((every, QT_TRANSLATE_NOOP("WindowActions", "All samples")))
        every.triggered.connect(lambda _checked=False: self.window.take(intake_mod.from_paths(all_paths)))

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
        QMessageBox.information(self.window, translate("WindowActions", "Keyboard shortcuts"), shortcut_help())
