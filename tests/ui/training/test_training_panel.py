"""The Fine-tune tab: balance before start, live curves, cancel keeps the best, use the result."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.ui.training.panel import CRAMPED_CHARTS_WIDTH
from tests.core.finetune_data import make_pattern_dataset


@pytest.fixture
def panel(qtbot, window, tmp_path):
    panel = window.training_panel
    assert panel is not None and window.tabs.indexOf(panel) >= 0
    window.tabs.setCurrentWidget(panel)
    data = make_pattern_dataset(tmp_path / "data", per_class=8)
    panel.set_folder(str(data))
    options = panel.options
    options.epochs.setValue(6)
    options.batch_size.setValue(4)
    options.image_size.setValue(64)
    options.val_split.setValue(0.25)
    options.lr.setValue(0.005)
    options.out.setText(str(tmp_path / "tuned.pth"))
    qtbot.waitUntil(lambda: panel.warm_state == "warm", timeout=120_000)  # opening the tab warmed it up
    return panel


def test_opening_the_tab_prepares_training_and_an_early_start_waits_for_it(qtbot, window, tmp_path):
    """torch's first optimizer imports torch._dynamo (~2 s); that happens when the tab opens."""
    import sys

    panel = window.training_panel
    assert panel.warm_state == "cold"  # never shown yet: nothing imported for it
    window.tabs.setCurrentWidget(panel)
    assert panel.warm_state == "waiting" and not panel.runner.is_busy()  # the tab paints first
    qtbot.waitUntil(lambda: panel.warm_state in ("warming", "warm"), timeout=5_000)
    assert panel.start_button.isEnabled() and not panel.cancel_button.isEnabled()
    panel.start()  # no data yet: refused at once, nothing waits for the warm-up
    assert not panel._start_when_warm and "Preparing" not in panel.status.text()
    panel.set_folder(str(make_pattern_dataset(tmp_path / "data", per_class=4)))
    panel.options.epochs.setValue(1)
    panel.options.image_size.setValue(64)
    panel.options.out.setText(str(tmp_path / "early.pth"))
    panel.start()  # pressed before the warm-up ended (or just after: either way it must run)
    with qtbot.waitSignal(panel.runner.finished, timeout=120_000,
                          check_params_cb=lambda result: result != "warmed up"):
        pass
    assert panel.warm_state == "warm" and "torch._dynamo" in sys.modules
    assert (tmp_path / "early.pth").exists()


def test_balance_is_shown_before_start_and_bad_data_explained(panel, tmp_path):
    rows = {panel.balance.item(r, 0).text(): (panel.balance.item(r, 1).text(), panel.balance.item(r, 2).text())
            for r in range(panel.balance.rowCount())}
    assert rows == {"checkers": ("6", "2"), "hstripes": ("6", "2")}
    (tmp_path / "data" / "owls").mkdir()
    panel.refresh_balance()
    assert "class folder 'owls' has no images" in panel.balance_note.text()
    panel.start()
    assert not panel.runner.is_busy()  # refused before any training


def test_live_curves_then_cancel_keeps_the_best_checkpoint(qtbot, window, panel, tmp_path):
    panel.start()
    assert panel.runner.is_busy() and panel.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: len(panel.curves.epochs) >= 1, timeout=60_000)
    assert len(panel.curves.history[("acc", "aux1", "val")]) == 1 and panel.curves.batch_x
    # the matrix follows each epoch, as its note promises, not only the end of the run
    assert panel.confusion.currentWidget() is panel.confusion.canvas and panel.confusion.matrix.sum() == 4
    assert panel.confusion.titles[0].startswith("Validation, epoch")
    assert panel.progress.value() > 0 and "ETA" in panel.status.text()
    assert window.status_text.text().startswith("Fine-tune — epoch")  # visible with the form scrolled away
    panel.grab().save(str(tmp_path / "training_panel_running.png"))
    with qtbot.waitSignal(panel.runner.cancelled, timeout=30_000):
        window.activateWindow()
        panel.cancel_button.setFocus()
        qtbot.keyClick(panel.cancel_button, Qt.Key.Key_Escape)  # Esc cancels, like the button
    assert not panel.runner.is_busy()
    assert len(panel.curves.epochs) < 6
    assert "Kept the best checkpoint" in panel.status.text() and panel.use_button.isEnabled()
    assert load_model(tmp_path / "tuned.pth", device="cpu").class_names == ["checkers", "hstripes"]


def test_finished_job_shows_confusion_and_switches_the_window_model(qtbot, window, panel, tmp_path):
    panel.options.epochs.setValue(2)
    assert panel.confusion.currentWidget() is panel.confusion.note  # no empty plot before the first epoch
    with qtbot.waitSignal(panel.runner.finished, timeout=120_000):
        panel.start()
    assert panel.confusion.matrix.shape == (2, 2) and panel.confusion.matrix.sum() == 4
    assert panel.confusion.currentWidget() is panel.confusion.canvas
    assert panel.confusion.plot.getAxis("left").width() >= 50  # room for the row labels ("checkers")
    assert len(panel.confusion.texts) == 4 and panel.use_button.isEnabled()
    assert len(panel.curves.epochs) == 2
    assert panel.confusion.titles[0].startswith("Validation, best epoch")
    window.resize(1400, 900)
    panel.grab().save(str(tmp_path / "training_panel_done.png"))
    with qtbot.waitSignal(window.model_changed, timeout=60_000):
        panel.use_button.click()
    assert window.current_model().class_names == ["checkers", "hstripes"]


def test_a_start_in_a_cramped_tab_folds_the_form_away_and_the_bar_brings_it_back(qtbot, window, panel):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: panel.charts.width() < CRAMPED_CHARTS_WIDTH, timeout=5_000)
    cramped = panel.charts.width()
    panel.options.epochs.setValue(1)
    with qtbot.waitSignal(panel.runner.finished, timeout=120_000):
        panel.start()
        assert panel.form.isHidden() and panel.run_bar.settings_button.text() == "Settings ▸"
        assert panel.cancel_button.isVisible() and panel.status.isVisible()  # the bar stays in sight
    qtbot.waitUntil(lambda: panel.charts.width() > cramped + 300, timeout=5_000)
    split = panel.charts.content()
    assert split.orientation() == Qt.Orientation.Horizontal  # wide and short: curves beside the matrix
    assert split.sizes()[1] >= 0.3 * sum(split.sizes())  # the matrix has its share of the width
    confusion = panel.confusion  # the whole matrix in view, under a title that is not cut
    assert confusion.plot.getViewBox().viewRect().contains(confusion.image.mapRectToParent(confusion.image.boundingRect()))
    title = confusion.plot.titleLabel
    assert title.text in confusion.titles and "(1)" in title.text
    assert title.item.boundingRect().width() <= confusion.plot.getViewBox().width()  # the title's column
    panel.run_bar.settings_button.click()
    assert panel.form.isVisible() and panel.run_bar.settings_button.text() == "◂ Settings"
    qtbot.waitUntil(lambda: split.orientation() == Qt.Orientation.Vertical, timeout=5_000)


def test_files_left_out_are_named_once_decoding_ends(qtbot, panel, tmp_path):
    (tmp_path / "data" / "checkers" / "broken.png").write_bytes(b"not a png")
    panel.options.epochs.setValue(1)
    said: list[str] = []
    panel.status_changed.connect(said.append)
    with qtbot.waitSignal(panel.runner.finished, timeout=120_000):
        panel.start()
    left_out = next(i for i, text in enumerate(said) if "1 unreadable file(s) left out" in text)
    assert left_out < next(i for i, text in enumerate(said) if text.startswith("epoch 1"))  # before training
    assert "broken.png" in panel.toolTip()


def test_a_run_that_fails_shows_the_folded_form_again(qtbot, window, panel, tmp_path):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: panel.charts.width() < CRAMPED_CHARTS_WIDTH, timeout=5_000)
    for image in (tmp_path / "data" / "hstripes").iterdir():
        image.write_bytes(b"not an image")  # listed before the run, unreadable once it decodes
    with qtbot.waitSignal(panel.runner.failed, timeout=60_000):
        panel.start()
        assert panel.form.isHidden()
    assert panel.form.isVisible() and "hstripes" in panel.status.text()


def test_class_bins_from_dropped_images(panel, tmp_path):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    from tests.ui.helpers import url_mime

    data = tmp_path / "data"
    panel.use_bins.setChecked(True)
    for name, kind in (("dots", "checkers"), ("lines", "hstripes")):
        bin_ = panel.bins.add_bin(name)
        mime = url_mime(*sorted((data / kind).iterdir())[:5])
        event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        bin_.dropEvent(event)
    panel.bins.rename(1, "stripes")
    assert {k: len(v) for k, v in panel.bins.class_files().items()} == {"dots": 5, "stripes": 5}
    rows = [panel.balance.item(r, 0).text() for r in range(panel.balance.rowCount())]
    assert rows == ["dots", "stripes"]
    panel.bins.remove(0)
    assert "only one class ('stripes')" in panel.balance_note.text()


def test_a_start_before_the_tab_painted_runs_without_a_warm_up(qtbot, window, tmp_path):
    panel = window.training_panel
    panel.set_folder(str(make_pattern_dataset(tmp_path / "data", per_class=4)))
    panel.options.epochs.setValue(1)
    panel.options.image_size.setValue(64)
    panel.options.out.setText(str(tmp_path / "quick.pth"))
    window.tabs.setCurrentWidget(panel)
    panel.start()  # the job itself imports what it needs
    assert panel.runner.is_busy() and panel.warm_state == "waiting"
    with qtbot.waitSignal(panel.runner.finished, timeout=120_000):
        pass
    assert panel.warm_state == "warm" and (tmp_path / "quick.pth").exists()


def test_confusion_columns_are_numbered_when_the_names_do_not_fit(qtbot):
    """Three names under 20-px columns ran into one unreadable line at 1024x768."""
    import numpy as np

    from googlenet_gui.ui.training.charts import ConfusionView

    view = ConfusionView()
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    names = ["checkerboards", "horizontal stripes", "vertical stripes"]
    view.show_matrix(np.array([[2, 0, 0], [0, 1, 1], [0, 0, 2]]), names)
    qtbot.wait(50)
    bottom, left = view.plot.getAxis("bottom"), view.plot.getAxis("left")
    assert not view.column_labels_fit()
    assert [label for _, label in bottom._tickLevels[0]] == ["1", "2", "3"]
    assert [label for _, label in left._tickLevels[0]] == [f"{i} {n}" for i, n in enumerate(names, 1)]
    view.resize(1400, 900)  # room enough: the names themselves, relabelled on resize
    qtbot.waitUntil(lambda: [label for _, label in bottom._tickLevels[0]] == names)
    assert [label for _, label in left._tickLevels[0]] == names


def test_curves_before_a_run_have_real_epoch_and_loss_ranges(qtbot, panel):
    """Issue 23: the empty plots read "epoch (x0.001)"; they now span the run's epochs."""
    qtbot.waitUntil(lambda: panel.charts.is_built, timeout=30_000)
    curves = panel.curves
    curves.clear(12)
    (x0, x1), (y0, y1) = curves.loss_plot.viewRange()
    assert x0 <= 0 and 12 <= x1 < 13 and (y0, y1) == (0, 2.5)
    for plot in (curves.loss_plot, curves.acc_plot):
        assert plot.getAxis("bottom").autoSIPrefixScale == 1.0 and not plot.getAxis("bottom").autoSIPrefix
    assert curves.acc_plot.getAxis("bottom").labelText == "epoch"
