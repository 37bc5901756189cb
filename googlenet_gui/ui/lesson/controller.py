"""Help > Lesson in the window: the lesson dock, its numbers from the loaded model, and each step driving a view.

The window owns one :class:`LessonController`, made the first time the lesson is
opened.  Its numbers come from the model's live Table 1 (counted by the window's ops
job, never again here) and the current image's predictions; a step's
:class:`~googlenet_gui.core.lesson.steps.Target` becomes calls to the window's and the
views' public methods: a tab, a module, a branch, a head, rows of Table 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget

from googlenet_gui.core.lesson.steps import Step, lesson
from googlenet_gui.ui.i18n import follow_language
from googlenet_gui.ui.lesson.panel import WINDOW, LessonPanel
from googlenet_gui.ui.window.settings import read_setting

if TYPE_CHECKING:
    from googlenet_gui.ui.window.main_window import MainWindow

#: The lesson's language: ``window`` (the default: the window's) or an explicit ``en``/``ko``.
LANG_KEY = "lesson/lang"
PREVIOUS_KEY, NEXT_KEY = "Alt+Left", "Alt+Right"
DOCK_WIDTH = 420  # the words of a step, readable beside the view it drives


class LessonController(QObject):
    """The Lesson dock of ``window``: rebuilt when the model or the image changes, driving a view per step."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.panel = LessonPanel()
        self.panel.set_language(read_setting(LANG_KEY, str, WINDOW))
        self.dock = QDockWidget(window)
        self.dock.setObjectName("lesson")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.panel.step_changed.connect(self.drive)
        self.panel.language_changed.connect(lambda lang: QSettings().setValue(LANG_KEY, lang))
        for key, offset in ((PREVIOUS_KEY, -1), (NEXT_KEY, 1)):
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.activated.connect(lambda o=offset: self.dock.isVisible() and self.panel.step(o))
        follow_language(self, self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The dock's title (the panel follows the language itself)."""
        self.dock.setWindowTitle(self.tr("Lesson"))

    def show(self) -> None:
        first = self.dock.isHidden() or not self.dock.isVisible()
        self.dock.show()
        self.dock.raise_()
        if first:  # as wide as the window allows without growing past its size (1024 px stays 1024 px)
            QTimer.singleShot(0, lambda: self.window.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal))
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """The lesson for the loaded model's Table 1 and the current image's heads (cheap arithmetic, no pass).

        Skipped while the dock is closed: a new model would otherwise drive its first step's
        view and pull the teacher's tab away; :meth:`show` refreshes it.
        """
        if self.dock.isHidden():
            return
        bundle = self.window.bundle
        if bundle is None or bundle.ops is None:
            self.panel.set_lesson(None)
            return
        heads = self.window.view.heads if self.window.view is not None else {}
        self.panel.set_lesson(lesson(bundle.loaded, self.panel.lang, heads, table=bundle.ops))

    @Slot(object)
    def drive(self, step: Step) -> None:
        """Show the step's view: its tab, then the module, branch, head or rows it is about."""
        target, window = step.target, self.window
        window.show_tab(target.tab)
        if target.tab == "explorer":
            if target.layer:
                window.explorer.set_layer(target.layer)
            if target.branch:
                window.explorer.show_branch(target.branch)
            if target.unit_field:
                window.explorer.show_centre_field()
        elif target.tab == "explain":
            window.explain_panel().set_head(target.head or "main")
        elif target.tab == "ops":
            window.ops_view.highlight_rows(target.rows)
