"""The lesson dock reads the lesson in the window's language unless the teacher picks one."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from googlenet_gui.ui.i18n.language import catalogue_path, switcher
from googlenet_gui.ui.lesson.panel import WINDOW, LessonPanel

HANGUL = re.compile("[\uac00-\ud7a3]")


def _apply(qtbot, code: str) -> None:
    assert switcher.apply(code) and switcher.current == code
    QApplication.processEvents()  # Qt posts LanguageChange
    qtbot.wait(1)


def test_the_lesson_follows_view_language_unless_a_language_is_chosen(qtbot):
    assert catalogue_path("ko").is_file()
    panel = LessonPanel()
    qtbot.addWidget(panel)
    choices = []
    panel.language_changed.connect(choices.append)
    assert panel.choice == WINDOW and panel.lang == "en" and "model" in panel.body.toPlainText()
    assert panel.language.currentText() == "Auto" and panel.language.toolTip().endswith("now English")
    _apply(qtbot, "ko")
    assert panel.lang == "ko" and HANGUL.search(panel.body.toPlainText())
    assert panel.language.toolTip().endswith("한국어") and panel.language.currentData() == WINDOW
    panel.set_language("en")  # the teacher's explicit choice wins over the window's language
    assert choices == ["en"] and panel.lang == "en" and "model" in panel.body.toPlainText()
    _apply(qtbot, "en")
    _apply(qtbot, "ko")
    assert panel.lang == "en" and not HANGUL.search(panel.body.toPlainText())
    panel.set_language(WINDOW)
    assert choices == ["en", WINDOW] and panel.lang == "ko" and HANGUL.search(panel.body.toPlainText())
