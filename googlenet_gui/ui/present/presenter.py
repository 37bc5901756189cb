"""Presentation mode's controller: swaps the desk for the stage and drives it from the keyboard.

Keys while presenting (plain keys, taken before any view's own shortcuts):
Left/Right view, Up/Down layer, N/P or PageDown/PageUp image, L pointer,
C all Table 1 columns, Esc/F5 leave.  Letters stay with a text field that has the focus
(an ablation typed in), so typing "c" there never flips the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from googlenet_gui.ui.i18n import follow_language, translate
from googlenet_gui.ui.present.fonts import scale_plots, sized, stage_point_size
from googlenet_gui.ui.present.stage import Stage
from googlenet_gui.ui.present.views import VIEWS, view_index

if TYPE_CHECKING:
    from googlenet_gui.ui.window.main_window import MainWindow

Key = Qt.Key
#: Keys a focused text field keeps (the rest still drive the stage).
TEXT_KEYS = {Key.Key_Left, Key.Key_Right, Key.Key_Up, Key.Key_Down, Key.Key_N, Key.Key_P, Key.Key_L, Key.Key_C}
TEXT_FIELDS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)
#: Keys a focused drop-down keeps: Up/Down choose its item, as everywhere else.
CHOICE_KEYS = {Key.Key_Up, Key.Key_Down}


class Presenter(QObject):
    """Owned by the window's actions; ``leave_requested`` asks them to leave (so the menu's tick follows)."""

    leave_requested = Signal()

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.stage: Stage | None = None
        self.index = 0
        self.all_columns = False
        self._desk: QWidget | None = None
        self._base_font = QFont(window.font())
        self._point_size = 0.0
        self._switched = False  # the language changed while presenting: the desk is worded again on leaving
        follow_language(self, self.retranslate_ui)

    def retranslate_ui(self) -> None:
        """The stage's title and caption in the new language (the stage and strip word the rest)."""
        if self.stage is None:
            return
        self._switched = True
        self.stage.title.setText(self._title())
        self.show_image()

    @property
    def desk_font(self) -> QFont:
        """The window's font before presentation mode (given back on leaving)."""
        return QFont(self._base_font)

    @property
    def active(self) -> bool:
        return self.stage is not None

    # ------------------------------------------------------------ enter, leave
    def enter(self, view: str | None = None) -> None:
        """Put the stage in the window's place (full screen) showing ``view`` (else the last one)."""
        window = self.window
        self.index = view_index(view) if view else self.index
        self._base_font = QFont(window.font())
        self.stage = Stage()
        self._desk = window.takeCentralWidget()
        window.setCentralWidget(self.stage)
        window.menuBar().hide()
        window.statusBar().hide()
        self._fit_fonts(window.width(), window.height())
        self.stage.resized.connect(self._fit_fonts)
        window.views_updated.connect(self.show_image)
        QApplication.instance().installEventFilter(self)
        self.show_view(self.index)
        self.show_image()
        window.showFullScreen()

    def leave(self) -> None:
        """Every borrowed widget back in its place, the desk's fonts and bars back, full screen off."""
        window, stage = self.window, self.stage
        if stage is None:
            return
        QApplication.instance().removeEventFilter(self)
        window.views_updated.disconnect(self.show_image)
        window.ops_view.set_presenting(False)
        window.explorer.set_presenting(False)
        stage.pointer.set_on(False)
        stage.give_back()
        window.presented = None
        window.takeCentralWidget()
        window.setCentralWidget(self._desk)
        self._desk, self.stage, self._point_size = None, None, 0.0
        stage.deleteLater()
        window.setFont(self._base_font)
        scale_plots(window, self._base_font, enlarge=False)
        window.menuBar().show()
        window.statusBar().show()
        window.showNormal()
        if self._switched:  # borrowed views went back under the tab titles they had: word the desk again
            self._switched = False
            QApplication.sendEvent(QApplication.instance(), QEvent(QEvent.Type.LanguageChange))

    # ------------------------------------------------------------------ views
    def show_view(self, index: int) -> None:
        """Borrow view ``index`` (wrapping) onto the stage."""
        window = self.window
        self.index = index % len(VIEWS)
        view = VIEWS[self.index]
        window.ops_view.set_presenting(view.key == "ops", self.all_columns)
        window.explorer.set_presenting(view.key == "explorer")
        widget = view.widget(window)
        window.presented = widget
        self.stage.present(widget, self._title())
        scale_plots(widget, window.font())
        QTimer.singleShot(0, window.schedule)  # the CAM atlas is computed once its view is on screen

    def _title(self) -> str:
        """The view's name and its place in the round ("Table 1  (5/6)")."""
        return f"{translate('PresentView', VIEWS[self.index].title)}  ({self.index + 1}/{len(VIEWS)})"

    def current_key(self) -> str:
        return VIEWS[self.index].key

    def step_view(self, offset: int) -> None:
        self.show_view(self.index + offset)

    def step_layer(self, offset: int) -> None:
        """The explorer's layer; the atlas opens that layer's cell large too."""
        picker = self.window.explorer.picker
        picker.step(offset)
        if self.current_key() == "atlas":
            panel = self.window.explain_panel()
            if panel.atlas is not None and picker.current() in panel.atlas.cells:
                panel.open_cell(picker.current())

    def step_image(self, offset: int) -> None:
        self.window.thumbnails.step(offset)

    def toggle_pointer(self) -> None:
        self.stage.pointer.set_on(not self.stage.pointer.is_on)

    def toggle_columns(self) -> None:
        """Table 1: the essential columns, or all of them (one key away)."""
        self.all_columns = not self.all_columns
        self.window.ops_view.set_presenting(self.current_key() == "ops", self.all_columns)

    def show_image(self, _key: int | None = None) -> None:
        """The inspected image and its heads (after every image the window shows)."""
        window, stage = self.window, self.stage
        if stage is None:
            return
        view = window.view
        entry = window.entries.get(view.key) if view is not None else None
        if view is None or entry is None:
            stage.show_image(None, self.tr("Drop an image onto the window, or press N for the next one."))
            stage.strip.show_heads({})
            return
        model = window.bundle.loaded.name if window.bundle is not None else ""
        stage.show_image(view.input_rgb, self.tr("{image}  ·  model: {model}").format(
            image=entry.source.short_name, model=model) if model else entry.source.short_name)
        stage.strip.show_heads(view.heads)

    # ------------------------------------------------------------------ fonts
    def _fit_fonts(self, width: int, height: int) -> None:
        """The window's font from the stage's size (1024x768 and 1920x1080 both read well)."""
        size = stage_point_size(width, height, self._base_font.pointSizeF())
        if abs(size - self._point_size) < 0.25:
            return
        self._point_size = size
        font = sized(self._base_font, size)
        self.window.setFont(font)
        if self.stage is not None:
            scale_plots(self.stage, font)

    # ------------------------------------------------------------------- keys
    def _actions(self) -> dict[int, Callable[[], None]]:
        return {
            Key.Key_Right: lambda: self.step_view(1), Key.Key_Left: lambda: self.step_view(-1),
            Key.Key_Down: lambda: self.step_layer(1), Key.Key_Up: lambda: self.step_layer(-1),
            Key.Key_N: lambda: self.step_image(1), Key.Key_PageDown: lambda: self.step_image(1),
            Key.Key_P: lambda: self.step_image(-1), Key.Key_PageUp: lambda: self.step_image(-1),
            Key.Key_L: self.toggle_pointer, Key.Key_C: self.toggle_columns,
            Key.Key_Escape: self.leave_requested.emit, Key.Key_F5: self.leave_requested.emit,
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Take the stage's keys before the focused view or the window's shortcuts see them."""
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        assert isinstance(event, QKeyEvent)
        action = self._key_action(event)
        if action is None:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # no window shortcut (Esc: cancel, F5) fires; the key press comes to us
            return True
        action()
        return True

    def _key_action(self, event: QKeyEvent) -> Callable[[], None] | None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return None  # Ctrl+C, Shift+Left: not the stage's
        key = event.key()
        focused = QApplication.focusWidget()
        if key in TEXT_KEYS and isinstance(focused, TEXT_FIELDS):
            return None
        if key in CHOICE_KEYS and isinstance(focused, QComboBox):
            return None
        return self._actions().get(key)
