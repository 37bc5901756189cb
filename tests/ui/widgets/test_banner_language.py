"""The banner's own text (its close button's tooltip) follows a language change; messages stay."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from googlenet_gui.ui.i18n.language import switcher
from googlenet_gui.ui.widgets.banner import Banner


def test_a_language_change_keeps_the_tooltip_and_the_message(qtbot):
    banner = Banner()
    qtbot.addWidget(banner)
    banner.show_message("error", "'x.png' could not be read")
    switcher.apply("en")
    QApplication.sendEvent(banner, QEvent(QEvent.Type.LanguageChange))
    assert banner.close_button.toolTip() == "Dismiss"
    assert banner.text() == "'x.png' could not be read"  # messages are made (and translated) by their senders
