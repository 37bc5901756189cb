"""Which language the window starts in and how View > Language switches it (issue #28)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QSettings

from googlenet_gui.ui.i18n.coverage import english_words, has_hangul, untranslated
from googlenet_gui.ui.i18n.language import (SETTING_KEY, LanguageSwitcher, startup_language, store_choice,
                                            stored_choice, system_language)


@pytest.fixture
def language_log():
    """The warnings of the language module, read from its own logger.

    WHY not caplog: in the full suite caplog saw nothing from it (an earlier test's logging
    set-up had left the package's loggers quiet), so the level is set here and restored.
    """
    logger = logging.getLogger("googlenet_gui.ui.i18n.language")
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    was_disabled, was_level = logger.disabled, logger.level
    logger.disabled = False
    logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)
    logger.disabled = was_disabled
    logger.setLevel(was_level)


def _said(records: list[logging.LogRecord]) -> str:
    return " ".join(record.getMessage() for record in records)


@pytest.mark.parametrize(("ui_languages", "expected"), [
    (["ko-KR", "en-US"], "ko"), (["ko_KR"], "ko"), (["fr-FR", "en-GB"], "en"), (["de-DE"], "en"), ([], "en"),
    (["fr-FR", "ko-KR"], "ko"),
])
def test_the_system_language_is_the_first_preferred_one_we_ship(ui_languages, expected):
    assert system_language(ui_languages) == expected


def test_a_damaged_setting_falls_back_to_the_system_language(qapp, language_log):
    QSettings().setValue(SETTING_KEY, "klingon")
    assert stored_choice() == "system"
    assert "klingon" in _said(language_log)
    store_choice("ko")
    assert stored_choice() == "ko"
    with pytest.raises(ValueError, match="klingon"):
        store_choice("klingon")


def test_lang_flag_beats_environment_beats_setting(qapp, monkeypatch):
    store_choice("ko")
    monkeypatch.delenv("GOOGLENET_GUI_LANGUAGE")
    assert startup_language() == "ko"
    monkeypatch.setenv("GOOGLENET_GUI_LANGUAGE", "en")
    assert startup_language() == "en"
    assert startup_language("ko") == "ko"


def test_a_missing_catalogue_leaves_the_window_in_english(qapp, monkeypatch, tmp_path, language_log):
    import googlenet_gui.ui.i18n.language as language

    monkeypatch.setattr(language, "catalogue_path", lambda code, suffix=".qm": tmp_path / f"none_{code}{suffix}")
    switcher = LanguageSwitcher()
    assert switcher.apply("ko") is False
    assert switcher.current == "en"
    assert "missing or damaged" in _said(language_log)


def test_the_untranslated_lister_keeps_names_numbers_and_kept_words():
    assert english_words("인셉션 4c · 3x3 reduce") == ["reduce"]
    assert english_words("inception4c · conv1 · top-5 · GoogLeNet · 12 ms · photo_1.png") == []
    assert english_words("<b>&File</b>") == ["File"]
    assert english_words("고양이 cat", kept=["cat"]) == []
    pairs = untranslated([("a", "Open images"), ("b", "이미지 열기"), ("c", "Open images")])
    assert pairs == [("a", "Open images")]
    assert has_hangul("이미지") and not has_hangul("image")


def test_the_lang_flag_offers_every_shipped_language():
    """``--lang`` is parsed before Qt is imported, so its choices are spelt out; they must match."""
    from googlenet_gui.ui.i18n.language import LANGUAGES, SYSTEM
    from googlenet_gui.ui.window.launch import parse_app_args

    for choice in (SYSTEM, *LANGUAGES):
        assert parse_app_args(["--lang", choice]).lang == choice
    with pytest.raises(SystemExit):
        parse_app_args(["--lang", "klingon"])
