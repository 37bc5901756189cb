"""The Features tab: pictures with live previews, the cache, Cancel, the branch mosaic, examples, the dictionary."""

from __future__ import annotations

import numpy as np

from googlenet_gui.ui.features.card import WAITING
from googlenet_gui.ui.features.mosaic import EMPTY
from googlenet_gui.ui.features.panel import build_panel_in_pieces
from googlenet_gui.ui.work.feature_jobs import PictureStep
from googlenet_gui.ui.work.scheduler import JobKind
from googlenet_gui.core.jobs import result_of
from tests.ui.conftest import write_png
from tests.ui.helpers import drop, url_mime


def _steps(window) -> list[PictureStep]:
    seen: list[PictureStep] = []
    window.runner.progress.connect(lambda event: seen.append(event) if isinstance(event, PictureStep) else None)
    return seen


def _idle(qtbot, window, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=timeout)


def test_card_waits_for_a_model_in_words(qtbot):
    panel = result_of(build_panel_in_pieces())
    qtbot.addWidget(panel)
    assert panel.card.status.text() == WAITING
    assert not panel.card.visualize.isEnabled()


def test_visualise_shows_previews_then_the_result_and_opens_from_the_cache(qtbot, features):
    panel = features.features_panel()
    card = panel.card
    seen = _steps(features)
    panel.open_channel("inception3a.1x1", 2)
    card.visualize.click()
    qtbot.waitUntil(lambda: card.status.text().startswith("Done"), timeout=60_000)
    previews = [step for step in seen if step.preview is not None]
    assert [step.done for step in previews] == [8, 16]  # every few steps, and the last
    assert previews[0].preview.shape == (1, 64, 64, 3)
    assert card.picture.image.shape == (64, 64, 3)
    assert card.title.text() == "inception3a.1x1 · channel 2"
    _idle(qtbot, features)
    card.picture.clear()
    card.visualize.click()  # the same channel and settings again: no job, at once
    assert not features.runner.is_busy()
    assert card.status.text().startswith("From the cache")
    assert card.picture.image.shape == (64, 64, 3)


def test_cancel_stops_within_a_step(qtbot, features):
    card = features.features_panel().card
    card.steps.setValue(4096)
    seen = _steps(features)
    features.features_panel().open_channel("inception3b", 5)
    card.visualize.click()
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=60_000)
    assert card.cancel.isEnabled()
    at_cancel = len(seen)
    card.cancel.click()
    _idle(qtbot, features, timeout=5_000)
    assert len(seen) <= at_cancel + 2
    assert features.scheduler.running is None
    assert not card.cancel.isEnabled()
    assert card.status.text() == "Cancelled."


def test_branch_mosaic_fills_every_channel(qtbot, features):
    panel = features.features_panel()
    panel.card.steps.setValue(2)
    panel.card.size_spin.setValue(32)
    panel.open_channel("inception3a.5x5", 0)
    count = panel.card.counts["inception3a.5x5"]
    panel.card.whole_branch.click()
    qtbot.waitUntil(lambda: len(panel.mosaic.filled) == count and not features.runner.is_busy(), timeout=120_000)
    qtbot.waitUntil(lambda: panel.mosaic.image.image is not None
                    and not (panel.mosaic.image.image == EMPTY).all(axis=2).any(), timeout=2_000)
    assert panel.mosaic_layer == "inception3a.5x5"
    panel.mosaic.tile_clicked.emit(3)  # a tile opens its channel, from the cache
    assert panel.card.title.text() == "inception3a.5x5 · channel 3"
    assert panel.card.status.text().startswith("From the cache")


def test_examples_pass_then_a_channel_shows_its_top_images(qtbot, features, tmp_path):
    folder = tmp_path / "examples"
    folder.mkdir()
    for index in range(6):
        write_png(folder / f"ex{index}.png", size=60 + 5 * index, color=(40 * index, 90, 200 - 25 * index))
    panel = features.features_panel()
    panel.examples.choose_folder(str(folder))
    qtbot.waitUntil(lambda: features.examples_index is not None, timeout=60_000)
    assert "6 images recorded" in panel.examples.status.text()
    panel.open_channel("inception4a.3x3", 7)
    qtbot.waitUntil(lambda: panel.examples.title.text().startswith("inception4a.3x3 · channel 7: top 6"),
                    timeout=60_000)
    assert len(panel.examples.crops.pictures) == 6
    assert all(picture.pixmap().width() == 96 for picture in panel.examples.crops.pictures)
    _idle(qtbot, features)


def test_dictionary_lists_the_strongest_channels_at_a_clicked_spot(qtbot, features, images):
    with qtbot.waitSignal(features.views_updated, timeout=60_000):
        drop(features, url_mime(images[0]))
    panel = features.features_panel()
    panel.open_channel("inception4c", 0)
    panel.pages.setCurrentWidget(panel.dictionary)  # opening the page lists the map's strongest spot
    qtbot.waitUntil(lambda: len(panel.dictionary.rows) == 8, timeout=60_000)
    _idle(qtbot, features)
    panel.dictionary.location_clicked.emit(0, 1)
    qtbot.waitUntil(lambda: panel.dictionary.title.text() == "Strongest channels at row 0, column 1", timeout=60_000)
    layers = {layer for layer, _channel in panel.dictionary.listed()}
    assert layers == {"inception4c"} and len(panel.dictionary.rows) == 8
    features.cancel_work()  # the rows' pictures need not be made for this test
    _idle(qtbot, features)


def test_open_in_features_from_the_explorer(qtbot, features, images):
    with qtbot.waitSignal(features.views_updated, timeout=60_000):
        drop(features, url_mime(images[0]))
    features.tabs.setCurrentWidget(features.explorer)
    explorer = features.explorer
    explorer.set_layer("inception3a")
    view = explorer.branch_views["3x3"]
    view.channel_clicked.emit(view.panel.title, 4)  # what a click on its fifth tile emits
    assert explorer.open_features.isEnabled()
    explorer.open_features.click()
    panel = features.features_panel()
    assert features.tabs.currentWidget() is features.features_tab
    assert panel.layer() == "inception3a.3x3" and panel.card.channel.value() == 4
    assert features.scheduler.running_kind() in (JobKind.VISUALIZE, None)
    qtbot.waitUntil(lambda: panel.card.status.text().startswith("Done"), timeout=60_000)


def test_a_unit_clicked_in_the_explorer_lists_its_spot_in_the_dictionary(qtbot, features, images):
    with qtbot.waitSignal(features.views_updated, timeout=60_000):
        drop(features, url_mime(images[0]))
    panel = features.features_panel()
    features.explorer.unit_clicked.emit("inception4a.5x5", 1, 0)  # what a click on its channel map emits
    qtbot.waitUntil(lambda: panel.dictionary.title.text() == "Strongest channels at row 1, column 0", timeout=60_000)
    assert {layer for layer, _channel in panel.dictionary.listed()} == {"inception4a.5x5"}
    features.cancel_work()
    _idle(qtbot, features)


def test_another_model_drops_the_old_models_folder_record_and_waits_for_its_own(qtbot, features, tmp_path,
                                                                               other_checkpoint):
    folder = tmp_path / "few"
    folder.mkdir()
    for index in range(3):
        write_png(folder / f"f{index}.png", color=(60 * index, 80, 120))
    panel = features.features_panel()
    panel.examples.choose_folder(str(folder))
    qtbot.waitUntil(lambda: features.examples_index is not None, timeout=60_000)
    with qtbot.waitSignal(features.model_changed, timeout=60_000):
        features.load_model(str(other_checkpoint))
    assert features.examples_index is None
    assert not panel.card.cancel.isEnabled() and panel.card.visualize.isEnabled()
    _idle(qtbot, features)


def test_a_folder_without_images_is_said_in_words(qtbot, features, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("no pictures here")
    panel = features.features_panel()
    with qtbot.waitSignal(features.message_shown, timeout=60_000) as shown:
        panel.examples.choose_folder(str(empty))
    assert shown.args[0] == "error" and "holds no image files" in shown.args[1] and str(empty) in shown.args[1]
    assert "holds no image files" in panel.examples.status.text()
    assert not panel.examples.cancel.isEnabled()
    _idle(qtbot, features)
