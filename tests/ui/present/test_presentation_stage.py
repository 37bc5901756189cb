"""Presentation mode (issue #26): one view at a time on a full-screen stage, driven by keys,
with no clipped or overlapping text at 1024x768, 1280x720 and 1920x1080."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from googlenet_gui.ui.present.views import VIEW_KEYS, view_index
from googlenet_gui.core.opcount.display import COLUMNS
from googlenet_gui.ui.views.ops_view import ESSENTIAL_COLUMNS
from googlenet_gui.ui.widgets.text_fit import check_text
from tests.ui.helpers import drop, url_mime

SIZES = ((1024, 768), (1280, 720), (1920, 1080))


@pytest.fixture
def presenting(qtbot, window, images):
    """Three images dropped (the first on screen), Table 1 counted, then F5."""
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(*images))
    qtbot.waitUntil(lambda: bool(window.ops_view.rows) and not window.runner.is_busy(), timeout=60_000)
    window.actions_.toggle_presentation()
    yield window
    if window.actions_.presentation:
        window.actions_.toggle_presentation()


def _settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not window.explain_waiting(), timeout=60_000)
    qtbot.wait(150)  # queued refits (the table's font, the strip) land


@pytest.mark.parametrize("key", VIEW_KEYS)
def test_every_view_fits_without_clipped_or_overlapping_text(qtbot, presenting, key, tmp_path):
    presenter = presenting.actions_.presenter
    presenter.show_view(view_index(key))
    for width, height in SIZES:
        presenting.showNormal()  # the offscreen "screen" is small: the stage at the size asked for
        presenting.resize(width, height)
        qtbot.waitUntil(lambda: presenter.stage.size().toTuple() == (width, height))
        _settle(qtbot, presenting)
        presenting.grab().save(str(tmp_path / f"{key}_{width}x{height}.png"))
        report = check_text(presenting)
        assert not report.failures, f"{key} at {width}x{height}:\n" + "\n".join(map(str, report.failures))
        assert presenter.stage.borrowed.widget.height() > 0.55 * height  # the view has most of the screen


def test_fonts_follow_the_stage_and_come_back(qtbot, presenting):
    base = presenting.actions_.presenter.desk_font.pointSizeF()
    sizes = {}
    for width, height in ((1024, 768), (1920, 1080)):
        presenting.showNormal()
        presenting.resize(width, height)
        qtbot.waitUntil(lambda: presenting.actions_.presenter.stage.size().toTuple() == (width, height))
        sizes[width] = presenting.font().pointSizeF()
    assert base <= sizes[1024] < sizes[1920]
    presenting.actions_.toggle_presentation()
    assert presenting.font().pointSizeF() == pytest.approx(base)


def test_the_table_shows_every_row_and_its_essential_columns_then_all(qtbot, presenting):
    presenter = presenting.actions_.presenter
    presenter.show_view(view_index("ops"))
    presenting.showNormal()
    presenting.resize(1024, 768)
    _settle(qtbot, presenting)
    ops = presenting.ops_view
    table = ops.table
    shown = [c.key for i, c in enumerate(COLUMNS) if not table.isColumnHidden(i)]
    assert shown == list(ESSENTIAL_COLUMNS)
    last = len(ops.rows) - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height() + 2  # all rows
    assert not table.horizontalScrollBar().isVisible()
    assert not ops.splitter.widget(1).isVisible()  # the charts give the table the height
    qtbot.keyClick(presenter.stage, Qt.Key.Key_C)
    assert all(not table.isColumnHidden(i) for i in range(len(COLUMNS)))
    qtbot.keyClick(presenter.stage, Qt.Key.Key_C)
    assert [c.key for i, c in enumerate(COLUMNS) if not table.isColumnHidden(i)] == list(ESSENTIAL_COLUMNS)


def test_keys_step_views_layers_and_images(qtbot, presenting):
    presenter = presenting.actions_.presenter
    stage = presenter.stage
    assert presenter.current_key() == "explorer" and stage.borrowed.widget is presenting.explorer
    qtbot.keyClick(stage, Qt.Key.Key_Right)
    assert presenter.current_key() == "atlas" and stage.borrowed.widget is presenting.explain_tab
    qtbot.keyClick(stage, Qt.Key.Key_Left)
    qtbot.keyClick(stage, Qt.Key.Key_Left)  # wraps round to the last view
    assert presenter.current_key() == VIEW_KEYS[-1]
    qtbot.keyClick(stage, Qt.Key.Key_Right)
    layer = presenting.explorer.current_layer()
    qtbot.keyClick(stage, Qt.Key.Key_Down)
    assert presenting.explorer.current_layer() != layer
    qtbot.keyClick(stage, Qt.Key.Key_Up)
    assert presenting.explorer.current_layer() == layer
    first = presenting.current_key
    with qtbot.waitSignal(presenting.views_updated, timeout=60_000):
        qtbot.keyClick(stage, Qt.Key.Key_N)
    assert presenting.current_key != first
    assert stage.caption.text().startswith("img1.png")  # the stage follows the image
    with qtbot.waitSignal(presenting.views_updated, timeout=60_000):
        qtbot.keyClick(stage, Qt.Key.Key_PageUp)
    assert presenting.current_key == first


def test_the_pointer_follows_the_mouse_when_switched_on(qtbot, presenting):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    stage = presenting.actions_.presenter.stage
    assert not stage.pointer.is_on
    qtbot.keyClick(stage, Qt.Key.Key_L)
    assert stage.pointer.is_on and stage.pointer.isVisible()
    cover = stage.pointer.geometry()  # the whole stage (the offscreen screen may clip it by a pixel)
    assert cover.topLeft() == stage.rect().topLeft() and abs(cover.width() - stage.width()) <= 1
    assert abs(cover.height() - stage.height()) <= 1
    QCursor.setPos(stage.mapToGlobal(QPoint(200, 300)))
    qtbot.waitUntil(lambda: stage.pointer.position is not None and stage.pointer.position == QPoint(200, 300))
    qtbot.keyClick(stage, Qt.Key.Key_L)
    assert not stage.pointer.is_on and not stage.pointer.isVisible()


def test_a_text_field_keeps_its_letters(qtbot, presenting):
    """Typing an ablation ("inception4c...") must not flip the table or switch images."""
    presenter = presenting.actions_.presenter
    presenter.show_view(view_index("ablation"))
    field = presenting.explain_panel().ablation.channels
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    key = presenting.current_key
    qtbot.keyClicks(field, "cn")
    assert field.text() == "cn" and not presenter.all_columns and presenting.current_key == key


def test_a_drop_down_keeps_up_and_down(qtbot, presenting):
    """Choosing a colour map with the arrows must not change the layer; Right still changes the view."""
    presenter = presenting.actions_.presenter
    combo = presenting.explorer.colormap
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    layer, choice = presenting.explorer.current_layer(), combo.currentIndex()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert presenting.explorer.current_layer() == layer and combo.currentIndex() == choice + 1
    qtbot.keyClick(combo, Qt.Key.Key_Right)
    assert presenter.current_key() == "atlas"


@pytest.mark.parametrize("leave_key", [Qt.Key.Key_Escape, Qt.Key.Key_F5])
def test_leaving_puts_every_widget_back_in_place(qtbot, presenting, leave_key):
    window = presenting
    presenter = window.actions_.presenter
    for key in VIEW_KEYS:  # every view borrowed once, then given back
        presenter.show_view(view_index(key))
    qtbot.keyClick(presenter.stage, leave_key)
    assert not window.actions_.presentation and not window.actions_.presentation_action.isChecked()
    assert presenter.stage is None and window.presented is None
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Inception explorer", "Explain", "Features", "Ops (Table 1)", "Model", "Compare", "Fine-tune"]
    assert window.tabs.widget(0) is window.explorer and window.tabs.widget(1) is window.explain_tab
    assert window.tabs.widget(2) is window.features_tab and window.tabs.widget(3) is window.ops_view
    charts = window.training_panel.charts
    assert isinstance(charts.parentWidget(), QSplitter) and charts.parentWidget().indexOf(charts) == 1
    assert window.centralWidget().isAncestorOf(window.tabs) and window.menuBar().isVisible()
    ops = window.ops_view
    assert all(not ops.table.isColumnHidden(i) for i in range(len(COLUMNS))) and not ops.summary.isHidden()
    window.tabs.setCurrentWidget(ops)
    qtbot.waitUntil(lambda: ops.splitter.widget(1).isVisible())


def test_the_command_line_saves_a_view_headless(tmp_path, small_checkpoint):
    from PIL import Image

    from tests.ui.conftest import write_png
    from tests.ui.window.test_launch import run_app

    image = write_png(tmp_path / "photo.png", size=96)
    out = tmp_path / "atlas.png"
    result = run_app("--weights", str(small_checkpoint), "--present", "--view", "atlas", "--size", "1024x768",
                     "--screenshot", str(out), str(image))
    assert result.returncode == 0, result.stderr
    with Image.open(out) as shot:
        assert shot.size == (1024, 768)


def test_an_unknown_view_is_refused_with_the_choices(capsys):
    from googlenet_gui.ui.window.launch import parse_app_args

    with pytest.raises(SystemExit):
        parse_app_args(["--view", "nope", "photo.jpg"])
    error = capsys.readouterr().err
    assert "nope" in error and all(key in error for key in VIEW_KEYS)


def test_the_strip_elides_long_names_keeps_percentages_and_says_the_overlap_in_words(qtbot):
    import numpy as np

    from googlenet_gui.core.inference.results import HeadResult, Prediction
    from googlenet_gui.ui.present.strip import HeadsStrip

    def head(name: str, labels: list[str]) -> HeadResult:
        ids = {label: index for index, label in enumerate(sorted({long, "b", "c"}))}
        top = [Prediction(ids[label], label, p) for label, p in zip(labels, (0.913, 0.05, 0.037))]
        return HeadResult(name, np.array([0.913, 0.05, 0.037], dtype=np.float32), top)

    long = "great grey owl, great gray owl, Strix nebulosa"
    strip = HeadsStrip()
    qtbot.addWidget(strip)
    strip.resize(700, 140)
    strip.show()
    strip.show_heads({"main": head("main", [long, "b", "c"]), "aux1": head("aux1", ["b", long, "c"]),
                      "aux2": head("aux2", [long, "c", "b"])})
    qtbot.waitExposed(strip)
    main = strip.columns["main"]
    assert main.names[0].displayed_text().endswith("…") and main.percents[0].text() == "91.3%"
    assert main.percents[0].width() >= main.percents[0].fontMetrics().horizontalAdvance("100.0%")
    aux1, aux2 = strip.columns["aux1"], strip.columns["aux2"]
    assert aux1.title.text().endswith("top-1 differs") and aux2.title.text().endswith("top-1 same")
    assert aux1.note.text() == "top-3 overlap with main 100%" and "overlap" in aux1.note.displayed_text()
    assert not check_text(strip).failures


def test_closing_while_presenting_saves_the_desk_and_stops_every_thread(qtbot, presenting):
    from googlenet_gui.ui.work.runner import running_job_threads

    presenting.actions_.presenter.show_view(view_index("ops"))
    presenting.close()
    assert not presenting.actions_.presentation and presenting.centralWidget().isAncestorOf(presenting.tabs)
    assert running_job_threads() == []


def test_a_language_switch_while_presenting_rewords_the_stage_and_then_the_desk(qtbot, presenting):
    """The presenter words the title and caption again; leaving words the desk again, whose borrowed
    view went back under the tab title it had when it was borrowed."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from googlenet_gui.ui.i18n.language import switcher

    presenter = presenting.actions_.presenter
    presenter.show_view(view_index("ops"))
    stage = presenter.stage
    stage.title.setText("")
    stage.caption.setText("")
    switcher.apply("en")
    QApplication.sendEvent(QApplication.instance(), QEvent(QEvent.Type.LanguageChange))
    assert stage.title.text() == f"Table 1  ({view_index('ops') + 1}/{len(VIEW_KEYS)})"
    assert stage.caption.text().endswith("model: pets.pth") and stage.hint.text().startswith("←/→ view")
    assert stage.strip.columns["main"].title.text().startswith("Main head")
    assert stage.strip.columns["main"].names[0].text()  # the heads survive the rewording
    presenting.actions_.toggle_presentation()
    assert not presenter.active and not presenter._switched
    assert presenting.tabs.tabText(presenting.tabs.indexOf(presenting.ops_view)) == "Ops (Table 1)"
