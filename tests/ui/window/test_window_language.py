"""A language switch re-sets the window's menus, tabs and status bar, and keeps what it says now.

The shipped Korean catalogue is filled later (one catalogue for every helper), so these
tests check the mechanism in English: after a LanguageChange every text is set again,
none is blank, and the status line of an idle worker is said again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QComboBox


def _switch(window) -> None:
    """What a switch does: the translators change, then Qt tells the application and every widget."""
    from googlenet_gui.ui.i18n.language import switcher

    switcher.apply("en")
    QApplication.sendEvent(QApplication.instance(), QEvent(QEvent.Type.LanguageChange))
    QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    QApplication.processEvents()


def _texts(window) -> dict[str, list[str]]:
    bar = window.menuBar()
    menus = [action.menu() for action in bar.actions()]
    return {"menus": [action.text() for action in bar.actions()],
            "actions": [action.text() for menu in menus for action in menu.actions() if not action.isSeparator()],
            "tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())],
            "window": [window.windowTitle(), window.cancel_button.text()]}


def test_a_language_change_sets_every_menu_tab_and_status_text_again(qtbot, window, monkeypatch):
    before = _texts(window)
    assert before["menus"][:2] == ["&File", "&Samples"] and "Explain" in before["tabs"]
    assert all(before["tabs"]) and all(before["window"])
    calls: list[int] = []
    original = type(window).retranslate_ui
    monkeypatch.setattr(type(window), "retranslate_ui", lambda self: (calls.append(1), original(self)))
    window.menuBar().actions()[0].setText("stale")
    window.tabs.setTabText(0, "stale")
    _switch(window)
    assert calls, "the window's retranslate_ui did not run on LanguageChange"
    assert _texts(window) == before
    window.set_ready()
    _switch(window)
    assert window.status_text.text() == "Ready"


def test_a_dynamic_status_line_survives_a_language_change(qtbot, window):
    window.set_status("Model ready: pets")
    _switch(window)
    assert window.status_text.text() == "Model ready: pets"  # not blanked, not replaced by "Ready"


def test_the_shortcut_help_and_file_filters_keep_their_keys_and_patterns():
    from googlenet_gui.ui.window.actions import SHORTCUTS, checkpoint_filter, image_filter, shortcut_help

    table = shortcut_help()
    assert table.count("<tr>") == len(SHORTCUTS) and "<b>Ctrl+Shift+E</b>" in table and "Full screen" in table
    assert image_filter().startswith("Images (*.jpg *.jpeg") and image_filter().endswith(";;All files (*)")
    assert "*.safetensors" in checkpoint_filter()


def test_a_combo_shown_translated_is_stored_by_its_key():
    from googlenet_gui.ui.window.settings import choose_key, combo_key

    combo = QComboBox()
    for key, shown in (("shared", "공유"), ("per channel", "채널별")):
        combo.addItem(shown, key)
    choose_key(combo, "per channel")
    assert combo.currentIndex() == 1 and combo_key(combo) == "per channel"
    plain = QComboBox()
    plain.addItems(["shared", "per branch"])
    choose_key(plain, "per branch")
    assert combo_key(plain) == "per branch"
    choose_key(plain, "unknown")
    assert combo_key(plain) == "per branch"
