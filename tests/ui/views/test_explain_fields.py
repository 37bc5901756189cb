"""Occlusion in the Explain tab's large view, and a clicked unit's receptive fields in the explorer, in the window."""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.ui.explain.atlas_view import CELL_CHOICE, OCCLUSION_CHOICE
from googlenet_gui.ui.work.explain_jobs import OcclusionStep
from googlenet_gui.ui.work.runner import running_job_threads
from googlenet_gui.ui.work.scheduler import JobKind
from tests.ui.helpers import drop, url_mime


@pytest.fixture
def inspected(qtbot, window, images):
    """The window on the explorer with an image inspected and the worker idle."""
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=60_000)
    return window


def test_occlusion_runs_as_its_own_job_and_matches_core(qtbot, explaining, images):
    from googlenet_gui.core.explain.methods import explain

    panel = explaining.explain_panel()
    counts: list[str] = []
    explaining.runner.progress.connect(lambda *args: counts.append(explaining.status_text.text()))
    panel.cell.choice.setCurrentIndex(panel.cell.choice.findData(OCCLUSION_CHOICE))
    qtbot.waitUntil(lambda: OCCLUSION_CHOICE in panel.singles and not explaining.runner.is_busy(), timeout=120_000)
    assert any(text.startswith("Occlusion sensitivity:") for text in counts)
    shown = panel.singles[OCCLUSION_CHOICE]
    expected = explain(explaining.bundle.loaded, str(images[0]), method="occlusion", head="main",
                       class_index=panel.atlas.class_index).map
    assert shown.method == "occlusion" and shown.class_index == expected.class_index
    assert np.allclose(shown.heatmap, expected.heatmap, atol=1e-5)
    assert np.allclose(shown.coarse, expected.coarse, atol=1e-5)
    assert "occlusion" in panel.cell.title.text()
    image = panel.cell.image.image
    assert image.shape == (*panel.crop.shape[:2], 3) and image.dtype == np.uint8
    panel.opacity.setValue(0)  # the same blend controls as the CAM maps
    assert np.array_equal(panel.cell.image.image, panel.crop)


def test_occlusion_can_be_cancelled_and_run_again(qtbot, explaining):
    panel = explaining.explain_panel()
    seen: list[object] = []

    def cancel_on_first(event: object) -> None:
        if isinstance(event, OcclusionStep) and not seen:
            seen.append(event)
            explaining.cancel_work()  # what Esc and the status bar's cancel button call

    explaining.runner.progress.connect(cancel_on_first)
    panel.cell.choice.setCurrentIndex(panel.cell.choice.findData(OCCLUSION_CHOICE))
    qtbot.waitUntil(lambda: bool(seen) and not explaining.runner.is_busy(), timeout=60_000)
    assert OCCLUSION_CHOICE not in panel.singles and seen[0].done < seen[0].total
    assert panel.cell.current_choice() == CELL_CHOICE  # back to the atlas cell
    assert explaining.status_text.text() in ("Cancelled", "Ready")
    explaining.runner.progress.disconnect(cancel_on_first)
    panel.cell.choice.setCurrentIndex(panel.cell.choice.findData(OCCLUSION_CHOICE))  # chosen again: it reruns
    qtbot.waitUntil(lambda: OCCLUSION_CHOICE in panel.singles and not explaining.runner.is_busy(), timeout=120_000)


def _click_unit(qtbot, window, row: int, col: int) -> None:
    with qtbot.waitSignal(window.explorer.unit_clicked, timeout=5_000):
        window.explorer.channel_view.map_item.clicked.emit(col + 0.5, row + 0.5)


def test_a_clicked_unit_outlines_its_field_and_shows_its_effective_field(qtbot, inspected, images):
    from googlenet_gui.core.explain.methods import effective_receptive_field
    from googlenet_gui.core.explain.receptive import trunk_geometry
    from googlenet_gui.core.explain.targets import parse_layer
    from googlenet_gui.core.explain.trunk import image_batch, trunk_pass
    from googlenet_gui.core.inference.engine import engine_for

    explorer = inspected.explorer
    branch = explorer.branch_views["3x3"]
    with qtbot.waitSignal(branch.channel_clicked, timeout=5_000):
        branch.image.clicked.emit(0.5, 0.5)  # the 3x3 branch's first channel
    layer = explorer.current_layer()
    target = f"{layer}.3x3"
    assert explorer.current_target() == target
    _click_unit(qtbot, inspected, 1, 2)
    crop = explorer.view.input_rgb.shape[0]
    top, left, bottom, right = trunk_geometry(inspected.bundle.loaded.model)[target].region(1, 2, crop)
    xs, ys = explorer.channel_view.field_outline.getData()
    assert (min(xs), max(xs), min(ys), max(ys)) == (left, right + 1, top, bottom + 1)
    assert f"rows {top}–{bottom}" in explorer.channel_view.field.text().replace("&nbsp;", " ")
    qtbot.waitUntil(lambda: explorer.channel_view.erf_item.image is not None and not inspected.runner.is_busy(),
                    timeout=60_000)
    loaded = inspected.bundle.loaded
    model = engine_for(loaded, purpose="explain").model
    base = trunk_pass(model, image_batch(loaded, str(images[0]))[0])
    expected = effective_receptive_field(model, base, parse_layer(model, target), 1, 2)
    erf = explorer.channel_view.erf_item
    assert erf.axisOrder == "row-major" and tuple(erf.levels) == (0.0, 1.0)
    assert np.allclose(erf.image, expected, atol=1e-5)
    assert explorer.channel_view.erf_view.isVisible()


def test_another_layer_forgets_the_unit_and_closing_leaves_no_thread(qtbot, inspected):
    explorer = inspected.explorer
    _click_unit(qtbot, inspected, 0, 0)
    assert explorer.unit is not None
    window_layer = explorer.current_layer()
    other = next(name for name in inspected.view.layer_names if name != window_layer)
    explorer.set_layer(other)
    xs, _ys = explorer.channel_view.field_outline.getData()
    assert explorer.unit is None and (xs is None or len(xs) == 0)
    _click_unit(qtbot, inspected, 0, 0)
    qtbot.waitUntil(lambda: inspected.scheduler.running_kind() is JobKind.FIELD
                    or explorer.channel_view.erf_item.image is not None, timeout=30_000)
    inspected.close()
    assert running_job_threads() == []
