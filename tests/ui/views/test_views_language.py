"""The views follow a language switch: static and dynamic texts are set again, none left blank.

A stand-in translator (every text in brackets) shows which texts went through a
translation call and were set again on the switch; the shipped Korean catalogue is
checked over the whole window elsewhere.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator
from PySide6.QtWidgets import QApplication

from googlenet_gui.ui.i18n.language import switcher
from googlenet_gui.ui.work.jobs import CompareResult


class Brackets(QTranslator):
    """Translates every text to ``[text]``: what was translated (and when) is visible."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ARG002 - Qt's signature
        return f"[{source}]"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


@pytest.fixture
def brackets(qtbot):
    """``brackets(True)`` installs the bracket translator (Qt posts LanguageChange), ``brackets(False)``
    removes it; a test that fails half-way leaves it removed (without processing events: the
    window may be closing)."""
    translator = Brackets()

    def switch(on: bool) -> None:
        app = QCoreApplication.instance()
        (app.installTranslator if on else app.removeTranslator)(translator)
        QApplication.processEvents()
        qtbot.wait(1)

    yield switch
    QCoreApplication.instance().removeTranslator(translator)


def texts(window) -> dict[str, str]:
    """The views' texts this test follows, static and made from data."""
    explorer, ops, model = window.explorer, window.ops_view, window.model_panel
    return {
        "open features": explorer.open_features.text(),
        "normalisation item": explorer.normalisation.itemText(2),
        "branch title": explorer.branch_views["5x5"].title.text(),
        "branch detail": explorer.branch_views["1x1"].detail.text(),
        "output title": explorer.output_view.title.text(),
        "scale": explorer.scale_label.text(),
        "channel caption": explorer.channel_view.caption.text(),
        "channel stats": explorer.channel_view.stats.text(),
        "field": explorer.channel_view.field.text(),
        "stage caption": explorer.picker._headers["inception4a"].text(),
        "picker tooltip": explorer.picker._buttons["inception4c"].toolTip(),
        "head title": window.predictions.charts["main"].title.text(),
        "model line": window.predictions.model_line.text(),
        "table header": ops.table.horizontalHeaderItem(0).text(),
        "table tooltip": ops.table.horizontalHeaderItem(0).toolTip(),
        "ops summary": ops.summary.text(),
        "chart title": ops.reduction_title.text(),
        "load button": model.load.text(),
        "model details": model.details.toPlainText(),
        "compare headline": window.compare_view.headline.text(),
        "banner tooltip": window.banner.close_button.toolTip(),
    }


def test_a_language_change_sets_every_view_text_again_and_english_comes_back(qtbot, shown, brackets):
    shown.explorer.set_layer("inception3a")
    shown.explorer._on_unit(1, 1)  # a clicked unit: its field text is made from data
    field = shown.explorer.channel_view.field
    qtbot.waitUntil(lambda: "right: effective field" in field.text() and shown.ops_view.rows
                    and not shown.runner.is_busy(), timeout=60_000)
    english = texts(shown)
    assert all(english.values()), [name for name, text in english.items() if not text]

    brackets(True)
    bracketed = texts(shown)
    unchanged = [name for name in english if bracketed[name] == english[name]]
    assert not unchanged, unchanged  # each went through a translation call on the switch
    assert bracketed["branch title"] == "[5×5 slot]" and bracketed["normalisation item"] == "[per channel]"
    assert bracketed["table header"] == "[layer]" and bracketed["head title"] == "[Main head]"
    assert "inception3a" in bracketed["channel caption"] and "[size {size}]" not in bracketed["channel stats"]
    assert shown.explorer.normalisation_mode() == "shared"  # keys stay English: the settings store them
    assert shown.ops_view.table.item(0, 1).text() == "[convolution]"  # core's layer type, marked in core

    brackets(False)
    back = texts(shown)
    # The model's details may gain a line meanwhile (the backend it runs on is reported later).
    assert back.pop("model details").startswith(english.pop("model details")[:40]) and back == english


def test_english_after_a_language_change_event_keeps_every_text(qtbot, shown):
    """``switcher.apply("en")`` and a LanguageChange: each retranslate_ui runs, nothing goes blank."""
    shown.explorer._on_unit(0, 0)
    before = texts(shown)
    switcher.apply("en")
    for widget in (shown.explorer, shown.explorer.channel_view, shown.explorer.picker, shown.ops_view,
                   shown.model_panel, shown.predictions, shown.compare_view, shown.thumbnails, shown.banner):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert texts(shown) == before


def test_compare_and_thumbnail_captions_follow_the_language(qtbot, shown, brackets):
    heads = shown.view.heads
    shown.compare_view.show_result(CompareResult("a.png", heads, heads, "old.pth", "new.pth"))
    entry = next(iter(shown.entries.values()))
    entry.error = "broken file"
    shown.thumbnails.update_entry(entry)
    english = (shown.compare_view.headline.text(), shown.compare_view.captions[0].text(),
               shown.thumbnails.item(0).text())
    assert english[0].startswith("<b>a.png</b>: Both answer") and english[1] == "previous: old.pth"
    assert english[2].endswith("could not be read")
    brackets(True)
    assert "[Both answer" in shown.compare_view.headline.text()
    assert shown.compare_view.captions[0].text() == "[previous: {name}]".format(name="old.pth")
    assert shown.thumbnails.item(0).text().endswith("[⚠ could not be read]")
    brackets(False)
    assert (shown.compare_view.headline.text(), shown.compare_view.captions[0].text(),
            shown.thumbnails.item(0).text()) == english


def test_the_normalisation_is_chosen_by_its_key(qtbot, window):
    explorer = window.explorer
    assert explorer.set_normalisation("per channel") and explorer.normalisation_mode() == "per channel"
    assert not explorer.set_normalisation("nonsense") and explorer.normalisation_mode() == "per channel"
