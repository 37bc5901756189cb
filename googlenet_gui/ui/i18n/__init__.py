"""The window's languages: Qt translators, the language setting and retranslation on a switch.

Visible strings are written in English and wrapped where they are made: ``self.tr("…")``
inside a QObject subclass, ``translate("Context", "…")`` elsewhere.  ``pyside6-lupdate``
collects both into ``resources/i18n/googlenet_gui_<lang>.ts`` (``packaging/translations.py``
updates and releases them); :mod:`.language` installs the matching ``.qm`` at run time.
"""

from PySide6.QtCore import QCoreApplication

from googlenet_gui.ui.i18n.retranslate import Retranslatable, follow_language

#: ``translate(context, text)``: the one translation call outside a QObject's ``self.tr``.
#: Called by this name so that ``pyside6-lupdate`` finds the strings.
translate = QCoreApplication.translate

__all__ = ["Retranslatable", "follow_language", "translate"]
