"""View > Language: pick the window's language, applied at once and remembered.

Each language is named in itself (a user lost in the other language still finds theirs);
"System" follows the system locale and says which language that is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from googlenet_gui.ui.i18n import follow_language
from googlenet_gui.ui.i18n.language import LANGUAGES, SYSTEM, resolve, store_choice, stored_choice, switcher


class LanguageMenu(QObject):
    """The Language submenu of ``parent_menu``; emits ``switched(code)`` after a change."""

    switched = Signal(str)

    def __init__(self, parent_menu: QMenu) -> None:
        super().__init__(parent_menu)
        self.menu = parent_menu.addMenu("")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for choice in (SYSTEM, *LANGUAGES):
            action = QAction(self.menu, checkable=True)
            action.setData(choice)
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[choice] = action
        self.actions[stored_choice()].setChecked(True)
        self.group.triggered.connect(self._chosen)
        follow_language(self, self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.menu.setTitle(self.tr("&Language"))
        system_name = LANGUAGES[resolve(SYSTEM)]
        self.actions[SYSTEM].setText(self.tr("System ({language})").format(language=system_name))
        for code, name in LANGUAGES.items():
            self.actions[code].setText(name)

    @Slot(QAction)
    def _chosen(self, action: QAction) -> None:
        self.choose(action.data())

    def choose(self, choice: str) -> None:
        """Switch to ``choice`` (``"system"`` or a code) now and at the next start."""
        store_choice(choice)
        self.actions[choice].setChecked(True)
        switcher.apply(resolve(choice))
        self.switched.emit(switcher.current)
