"""Marking core's display names (branch titles, column headings) for translation without Qt.

Core stays free of Qt, so it cannot translate; it marks the English names it hands to
the window with :func:`QT_TRANSLATE_NOOP`, the name ``pyside6-lupdate`` collects
strings by, and the window translates them where it shows them
(``translate(context, text)`` from :mod:`googlenet_gui.ui.i18n`) with the same context.
The CLI and reports print the English names as they are.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the marker lupdate looks for
    """``text`` unchanged; marks it as a message of ``context`` in the catalogues."""
    del context
    return text
