"""Which language the window speaks: the setting, the system locale and the installed translators.

The choice is ``"system"`` (the default: the first of the system's UI languages we ship),
or a language code from :data:`LANGUAGES`.  ``GOOGLENET_GUI_LANGUAGE`` in the environment
and the app's ``--lang`` override the stored setting for one run (screenshots, tests).
Switching removes the previous translators and installs the new ones, which makes Qt
send every widget a LanguageChange (see :mod:`.retranslate`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTranslator, Signal

from googlenet_gui.core.resources import resource_path

log = logging.getLogger(__name__)

#: Languages the window ships, by code, each named in itself (as the menu shows it).
LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어"}
#: The language the source strings are written in: it needs no translator.
SOURCE_LANGUAGE = "en"
SYSTEM = "system"
SETTING_KEY = "ui/language"
LANGUAGE_ENV = "GOOGLENET_GUI_LANGUAGE"
#: Basename of our catalogues: ``resources/i18n/googlenet_gui_<code>.qm``.
CATALOGUE = "googlenet_gui"


def catalogue_path(code: str, suffix: str = ".qm") -> Path:
    """Where the compiled (``.qm``) or source (``.ts``) catalogue of ``code`` is shipped."""
    return resource_path("i18n", f"{CATALOGUE}_{code}{suffix}")


def system_language(ui_languages: list[str] | None = None) -> str:
    """The first of the system's preferred UI languages that we ship, else English."""
    for name in ui_languages if ui_languages is not None else QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def stored_choice(settings: QSettings | None = None) -> str:
    """The saved choice (``"system"`` or a code); anything else stored is ignored."""
    value = (settings or QSettings()).value(SETTING_KEY, SYSTEM)
    if value == SYSTEM or value in LANGUAGES:
        return value
    log.warning("settings: %s ignored: %r is not one of %s", SETTING_KEY, value, ", ".join((SYSTEM, *LANGUAGES)))
    return SYSTEM


def store_choice(choice: str) -> None:
    """Remember ``choice`` for the next start (``"system"`` or a code)."""
    if choice != SYSTEM and choice not in LANGUAGES:
        raise ValueError(f"unknown language {choice!r}; choose {', '.join((SYSTEM, *LANGUAGES))}")
    QSettings().setValue(SETTING_KEY, choice)


def resolve(choice: str) -> str:
    """The language code a choice means: ``"system"`` follows the system locale."""
    return system_language() if choice == SYSTEM else choice


def startup_language(override: str | None = None) -> str:
    """The code to start in: ``--lang``, then the environment, then the saved choice."""
    for candidate in (override, os.environ.get(LANGUAGE_ENV)):
        if candidate:
            if candidate == SYSTEM or candidate in LANGUAGES:
                return resolve(candidate)
            log.warning("language %r is not shipped; choose %s", candidate, ", ".join((SYSTEM, *LANGUAGES)))
    return resolve(stored_choice())


class LanguageNotifier(QObject):
    """Says ``changed(code)`` after each switch (widgets get Qt's LanguageChange instead)."""

    changed = Signal(str)


class LanguageSwitcher:
    """Owns the installed translators (ours and Qt's own for standard dialogs)."""

    def __init__(self) -> None:
        self._translators: list[QTranslator] = []
        self._notifier: LanguageNotifier | None = None
        self.current = SOURCE_LANGUAGE

    def notifier(self) -> LanguageNotifier:
        """The object whose ``changed`` signal follows the switches (made with the first user)."""
        if self._notifier is None:
            self._notifier = LanguageNotifier()
        return self._notifier

    def apply(self, code: str) -> bool:
        """Speak ``code`` from now on; False (and English) when its catalogue is missing."""
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; choose {', '.join(LANGUAGES)}")
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("no QApplication: create one before choosing a language")
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators = []
        self.current = SOURCE_LANGUAGE
        if code == SOURCE_LANGUAGE:
            self._announce()
            return True
        ours = QTranslator(app)
        if not ours.load(str(catalogue_path(code))):
            log.warning("language %s: %s is missing or damaged; staying in English", code, catalogue_path(code))
            self._announce()
            return False
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._translators.append(qt_own)  # OK/Cancel in standard dialogs
        self._translators.append(ours)
        for translator in self._translators:
            app.installTranslator(translator)
        self.current = code
        self._announce()
        return True

    def _announce(self) -> None:
        if self._notifier is not None:
            self._notifier.changed.emit(self.current)


#: The application's one switcher (translators are application-wide).
switcher = LanguageSwitcher()
