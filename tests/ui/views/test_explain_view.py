"""The Explain tab: the atlas grid and its large view, ablation toggles, branch importance, in the window."""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.core.explain.cam import Atlas, ClassMap
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES
from googlenet_gui.ui.work.runner import running_job_threads
from googlenet_gui.ui.work.scheduler import JobKind
from tests.ui.helpers import drop, url_mime

CROP = 48


def made_up_atlas(head: str = "main", modules: tuple[str, ...] = INCEPTION_NAMES) -> Atlas:
    """An atlas of NumPy maps: cell k peaks at a known pixel, so a drawn cell can be told apart."""
    cells = {}
    for m, module in enumerate(modules):
        for b, layer in enumerate((module, *(f"{module}.{x}" for x in BRANCH_NAMES))):
            heatmap = np.zeros((CROP, CROP), np.float32)
            heatmap[m * 5, b * 9] = 1.0
            cells[layer] = ClassMap("gradcam", layer, head, 2, 0.6, heatmap[::8, ::8].copy(), heatmap)
    return Atlas(head, 2, 0.6, cells)


def head_results():
    from googlenet_gui.core.inference.predictions import heads_from_probabilities

    probs = {h: np.array([[0.1, 0.3, 0.6]], np.float32) for h in ("main", "aux1", "aux2")}
    return heads_from_probabilities(probs, lambda i: ("cat", "dog", "bird")[i], 5)[0]


@pytest.fixture
def panel(qtbot):
    from googlenet_gui.ui.explain.panel import ExplainPanel

    view = ExplainPanel()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.set_model(True, ["conv1", "conv2", "conv3"])
    return view


def test_the_view_draws_the_atlas_grid_and_a_click_opens_a_cell_large(qtbot, panel):
    crop = np.full((CROP, CROP, 3), 120, np.uint8)
    panel.show_atlas(crop, made_up_atlas(), head_results())
    geometry = panel.grid.geometry_
    assert (geometry.rows, geometry.cols) == (9, 5)
    mosaic = panel.grid.image.image
    assert mosaic.dtype == np.uint8 and mosaic.shape == (*geometry.shape, 3)
    assert panel.grid.image.axisOrder == "row-major" and panel.grid.image.levels is not None
    ticks = panel.grid.plot.getAxis("left")._tickLevels[0]
    assert [label for _pos, label in ticks] == [m.removeprefix("inception") for m in INCEPTION_NAMES]
    assert panel.class_choice.currentText().startswith("bird")  # the made-up class 2, the head's top-1
    x, y = geometry.centre(2), geometry.centre(3)  # row 3 (inception4b), column 2 (the 3x3 branch)
    panel.grid.image.clicked.emit(x, y)
    assert panel.open_layer == "inception4b.3x3"
    large = panel.cell.image.image
    assert large.shape == (CROP, CROP, 3) and panel.cell.image.axisOrder == "row-major"
    assert tuple(panel.cell.peak.data["x"]) == (2 * 9 + 0.5,) and tuple(panel.cell.peak.data["y"]) == (3 * 5 + 0.5,)
    assert "inception4b.3x3" in panel.cell.title.text()
    panel.opacity.setValue(0)  # no map at all: the bare crop
    assert np.array_equal(panel.cell.image.image, crop)


def test_an_aux_atlas_shows_only_the_modules_that_feed_it(qtbot, panel):
    crop = np.zeros((CROP, CROP, 3), np.uint8)
    panel.show_atlas(crop, made_up_atlas("aux1", INCEPTION_NAMES[:3]), head_results())
    assert panel.grid.geometry_.rows == 3
    assert panel.open_layer == "inception4a"
    assert panel.cell.choice.findData("cam") < 0  # the exact CAM is the main head's only


def test_the_ablation_label_always_says_what_is_off_and_reset_clears_it(qtbot, panel):
    from googlenet_gui.ui.explain.ablation_panel import ablation_text

    ablation = panel.ablation
    assert len(ablation.buttons) == 45
    with qtbot.waitSignal(panel.ablation_changed) as changed:
        ablation.buttons["inception4c.3x3"].setChecked(True)
    assert changed.args[0] == ("inception4c.3x3",)
    ablation.buttons["inception5a"].setChecked(True)
    assert ablation.summary.text() == "ablated: inception4c.3x3, inception5a"
    with qtbot.waitSignal(panel.ablation_changed) as changed:
        ablation.reset()
    assert changed.args[0] == () and ablation.summary.text() == ablation_text(())


# ------------------------------------------------------------------ window
def _core_base(window, image):
    from googlenet_gui.core.explain.trunk import image_batch, trunk_pass
    from googlenet_gui.core.inference.engine import engine_for

    loaded = window.bundle.loaded
    model = engine_for(loaded, purpose="explain").model
    return model, trunk_pass(model, image_batch(loaded, str(image))[0])


def test_the_atlas_is_computed_only_when_the_tab_is_shown(qtbot, window, images):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=60_000)
    assert not window.explain_tab.is_built and window._explained is None  # the default flow is unchanged
    window.tabs.setCurrentWidget(window.explain_tab)
    qtbot.waitUntil(lambda: window.explain_panel().atlas is not None, timeout=60_000)
    atlas = window.explain_panel().atlas
    assert atlas.head == "main" and len(atlas.grid()) == 9
    assert atlas.class_index == int(np.argmax(window.view.heads["main"].probabilities))


def test_the_atlas_matches_core_and_follows_the_head(qtbot, explaining, images):
    from googlenet_gui.core.explain.cam import cam_atlas

    panel = explaining.explain_panel()
    model, base = _core_base(explaining, images[0])
    expected = cam_atlas(model, base, "main")
    assert np.allclose(panel.atlas.cells["inception4c.3x3"].heatmap, expected.cells["inception4c.3x3"].heatmap,
                       atol=1e-5)
    panel.head.setCurrentIndex(panel.head.findData("aux2"))
    qtbot.waitUntil(lambda: panel.atlas.head == "aux2" and not explaining.runner.is_busy(), timeout=60_000)
    assert len(panel.atlas.grid()) == INCEPTION_NAMES.index("inception4d") + 1
    assert panel.grid.geometry_.rows == len(panel.atlas.grid())


def test_another_class_and_the_large_views_extra_maps(qtbot, explaining):
    panel = explaining.explain_panel()
    panel.class_choice.setCurrentIndex(2)
    panel.class_choice.activated.emit(2)
    wanted = int(panel.class_choice.itemData(2))
    qtbot.waitUntil(lambda: panel.atlas.class_index == wanted and not explaining.runner.is_busy(), timeout=60_000)
    panel.cell.choice.setCurrentIndex(panel.cell.choice.findData("cam"))
    qtbot.waitUntil(lambda: "cam" in panel.singles, timeout=60_000)
    assert panel.singles["cam"].class_index == wanted and "CAM" in panel.cell.title.text()
    panel.cell.choice.setCurrentIndex(panel.cell.choice.findData("conv2"))
    qtbot.waitUntil(lambda: "conv2" in panel.singles, timeout=60_000)
    assert panel.cell.image.image.shape[:2] == panel.crop.shape[:2]


def test_toggling_an_ablation_updates_every_head_as_core_computes_it(qtbot, explaining, images):
    from googlenet_gui.core.explain.ablation import ablated_logits, head_probabilities, parse_ablations

    panel = explaining.explain_panel()
    ablation = panel.ablation
    ablation.buttons["inception4a.3x3"].setChecked(True)
    ablation.buttons["inception5a"].setChecked(True)
    specs = ("inception4a.3x3", "inception5a")
    qtbot.waitUntil(lambda: ablation.shown_specs == specs, timeout=60_000)
    model, base = _core_base(explaining, images[0])
    expected = head_probabilities(ablated_logits(model, base, parse_ablations(model, specs)))
    assert set(ablation.after) == {"main", "aux1", "aux2"}
    for head, probabilities in expected.items():
        assert np.allclose(ablation.after[head].probabilities, probabilities, atol=1e-5), head
    assert "ablated" in ablation.tables["main"].text()
    assert ablation.summary.text() == "ablated: inception4a.3x3, inception5a"
    ablation.reset()
    assert ablation.specs() == () and ablation.summary.text().startswith("ablated: nothing")
    before = ablation.before["main"].probabilities
    assert np.allclose(before, head_probabilities(base.logits)["main"], atol=1e-5)


def test_branch_importance_runs_and_draws_a_bar_set_per_head(qtbot, explaining):
    panel = explaining.explain_panel()
    panel.importance.run_button.click()
    qtbot.waitUntil(lambda: explaining.scheduler.running_kind() is JobKind.IMPORTANCE
                    or panel.importance.run_button.isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: panel.importance.run_button.isEnabled() and not explaining.runner.is_busy(),
                    timeout=120_000)
    assert set(panel.importance.bars) == {"main", "aux1", "aux2"}
    heights = panel.importance.bars["main"].opts["height"]
    assert len(heights) == 36 and np.isfinite(heights).all()
    assert "36 of 36" in panel.importance.status.text()


def test_branch_importance_can_be_cancelled_with_esc(qtbot, explaining):
    panel = explaining.explain_panel()
    panel.importance.run_button.click()
    qtbot.waitUntil(lambda: explaining.scheduler.running_kind() is JobKind.IMPORTANCE, timeout=10_000)
    explaining.cancel_work()  # what Esc and the status bar's cancel button call
    qtbot.waitUntil(lambda: not explaining.runner.is_busy(), timeout=60_000)
    assert panel.importance.status.text().startswith("Cancelled")
    assert panel.importance.run_button.isEnabled()
    assert explaining.status_text.text() in ("Cancelled", "Ready")


def test_closing_while_explaining_leaves_no_thread(qtbot, window, images):
    window.tabs.setCurrentWidget(window.explain_tab)
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.scheduler.running_kind() is JobKind.EXPLAIN, timeout=30_000)
    window.close()
    assert running_job_threads() == []


def test_typed_channel_ablations_are_checked_added_and_computed_as_core_does(qtbot, explaining, images):
    from googlenet_gui.core.explain.ablation import ablated_logits, head_probabilities, parse_ablations

    ablation = explaining.explain_panel().ablation
    ablation.channels.setText("inception4c.3x3:0-999")
    ablation.add_button.click()
    assert "outside inception4c.3x3's 0-" in ablation.channel_error.text() and ablation.specs() == ()
    ablation.channels.setText("inception9z:1")
    ablation.channels.returnPressed.emit()
    assert "inception9z" in ablation.channel_error.text() and ablation.specs() == ()
    ablation.buttons["inception4a.1x1"].setChecked(True)
    ablation.channels.setText("inception4c.3x3:0-15,40")
    ablation.channels.returnPressed.emit()
    specs = ("inception4a.1x1", "inception4c.3x3:0-15,40")
    assert ablation.channel_error.text() == "" and ablation.channels.text() == ""
    assert ablation.summary.text() == "ablated: " + ", ".join(specs)
    qtbot.waitUntil(lambda: ablation.shown_specs == specs, timeout=60_000)
    model, base = _core_base(explaining, images[0])
    expected = head_probabilities(ablated_logits(model, base, parse_ablations(model, specs)))
    for head, probabilities in expected.items():
        assert np.allclose(ablation.after[head].probabilities, probabilities, atol=1e-5), head
    ablation.reset()
    assert ablation.specs() == () and ablation.channel_specs == []


def test_head_tables_escape_their_text_so_small_percentages_show():
    from types import SimpleNamespace

    from googlenet_gui.core.inference.results import Prediction
    from googlenet_gui.ui.explain.ablation_panel import head_table

    head = SimpleNamespace(top=[Prediction(7, "a<b", 0.0001)])  # only .top is read
    assert "a&lt;b&nbsp;&lt;0.1%" in head_table(head, head, waiting=False)
