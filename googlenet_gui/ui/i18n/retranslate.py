"""Re-setting visible texts when the language changes, so View > Language needs no restart.

Qt sends ``QEvent.LanguageChange`` to the application and every widget whenever a
translator is installed or removed; a widget that sets its texts in ``retranslate_ui``
and mixes in :class:`Retranslatable` follows the switch.  Objects that are not widgets
(controllers owning actions) use :func:`follow_language`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject


class Retranslatable:
    """Mixin for a QWidget: ``retranslate_ui()`` runs again on every language change.

    Put it before the Qt base class (``class Panel(Retranslatable, QWidget)``) and call
    ``self.retranslate_ui()`` once at the end of ``__init__``: static texts are set there
    only, so the first showing and every switch go through the same code.
    """

    def retranslate_ui(self) -> None:
        """Set every visible text of this widget (not of child widgets that retranslate themselves)."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]


class _LanguageFilter(QObject):
    """Event filter on the application that calls back on its LanguageChange events."""

    def __init__(self, callback: Callable[[], None], owner: QObject) -> None:
        super().__init__(owner)  # dies with its owner
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is QCoreApplication.instance() and event.type() == QEvent.Type.LanguageChange:
            self._callback()
        return False


def follow_language(owner: QObject, callback: Callable[[], None]) -> None:
    """Call ``callback`` after every language switch for as long as ``owner`` lives."""
    app = QCoreApplication.instance()
    if app is None:
        return
    app.installEventFilter(_LanguageFilter(callback, owner))
