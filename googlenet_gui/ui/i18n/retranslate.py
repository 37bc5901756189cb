"""Re-setting visible texts when the language changes, so View > Language needs no restart.

Qt sends ``QEvent.LanguageChange`` to the application and every widget whenever a
translator is installed or removed; a widget that sets its texts in ``retranslate_ui``
and mixes in :class:`Retranslatable` follows the switch.  Objects that are not widgets
(controllers owning actions) use :func:`follow_language`, told by the switcher itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Slot

from googlenet_gui.ui.i18n.language import switcher


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


class _LanguageFollower(QObject):
    """A child of its owner that calls back on the switcher's ``changed`` signal (disconnected with it)."""

    def __init__(self, callback: Callable[[], None], owner: QObject) -> None:
        super().__init__(owner)  # dies with its owner, and Qt drops the connection with it
        self._callback = callback

    @Slot(str)
    def changed(self, _code: str) -> None:
        self._callback()


def follow_language(owner: QObject, callback: Callable[[], None]) -> None:
    """Call ``callback`` after every language switch for as long as ``owner`` lives.

    WHY a signal, not an event filter on the application: a filter there runs Python for
    every event of the whole application (five of them slowed the window's event loop).
    """
    follower = _LanguageFollower(callback, owner)
    switcher.notifier().changed.connect(follower.changed)
