"""The report's contents come from the one core pipeline: same predictions, maps and counts."""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.core.errors import GoogLeNetGuiError, ImageError, JobCancelled
from googlenet_gui.core.jobs import CancelToken, result_of
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_CONFIG, INCEPTION_NAMES
from googlenet_gui.core.report.build import build_report, iter_report
from googlenet_gui.core.report.contents import iter_contents


@pytest.fixture(scope="module")
def contents(loaded, image):
    from googlenet_gui.core.images.decode import load_image

    return result_of(iter_contents(loaded, load_image(image), "inception4b"))


def test_heads_are_the_classify_top5(contents, loaded, image):
    from googlenet_gui.core.inference.classify import classify

    (expected,) = list(classify(loaded, image, top_k=5))
    assert set(contents.heads) == {"main", "aux1", "aux2"}
    for name, head in contents.heads.items():
        want = expected.heads[name].top
        assert [p.index for p in head.top] == [p.index for p in want]
        np.testing.assert_allclose([p.probability for p in head.top], [p.probability for p in want], rtol=1e-4)


def test_branch_maps_are_the_chosen_module(contents):
    assert contents.layer == "inception4b" and contents.module.name == "inception4b"
    _, n1, _, n3, _, n5, pool = INCEPTION_CONFIG["inception4b"]
    assert [b.name for b in contents.module.branches] == list(BRANCH_NAMES)
    assert [b.maps.shape[0] for b in contents.module.branches] == [n1, n3, n5, pool]
    assert sum(s["channel_share"] for s in contents.branch_stats) == pytest.approx(1.0)


def test_class_maps_explain_the_main_top1(contents):
    top1 = contents.heads["main"].top[0].index
    assert contents.gradcam.method == "gradcam" and contents.gradcam.layer == "inception4b"
    assert contents.cam is not None and contents.cam.method == "cam" and contents.cam.layer == INCEPTION_NAMES[-1]
    for class_map in (contents.gradcam, contents.cam):
        assert class_map.head == "main" and class_map.class_index == top1
        assert class_map.heatmap.shape == contents.crop.shape[:2]


def test_importance_and_table1(contents):
    drops = contents.importance.drops
    assert drops.shape == (len(INCEPTION_NAMES), len(BRANCH_NAMES), 3) and np.isfinite(drops).all()
    row = contents.ops.row("inception4b")
    assert row.paper_params is not None and row.paper_macs is not None
    assert contents.ops.image_size == 64


def test_progress_counts_up_to_the_total(loaded, image):
    seen: list[tuple[int, int]] = []
    build_report(loaded, image, layer="inception3a", progress=lambda done, total: seen.append((done, total)))
    assert [done for done, _ in seen] == list(range(len(seen)))
    assert seen[-1][0] == seen[-1][1] - 1 == 3 + 36 - 1


def test_cancel_stops_between_branch_ablations(loaded, image):
    token = CancelToken()
    steps = iter_report(loaded, image, cancel=token)
    for step in steps:
        if step.text == "branch importance":
            token.cancel()
            break
    with pytest.raises(JobCancelled):
        next(steps)


@pytest.mark.parametrize("layer", ["conv2", "inception4c.3x3", "inception9z"])
def test_a_layer_that_is_not_an_inception_module_is_one_sentence(loaded, image, layer):
    with pytest.raises(GoogLeNetGuiError, match="Inception module .*inception3a"):
        build_report(loaded, image, layer=layer)


def test_an_unreadable_image_names_the_file(loaded, tmp_path):
    bad = tmp_path / "notes.png"
    bad.write_text("not a picture")
    with pytest.raises(ImageError, match="notes.png"):
        build_report(loaded, bad)


def test_a_model_without_aux_heads_reports_its_main_head(tmp_path, image):
    from googlenet_gui.core.checkpoints.loading import load_model
    from googlenet_gui.core.images.preprocessing import Preprocessing
    from tests.factories import save_app_checkpoint

    path = save_app_checkpoint(tmp_path / "no_aux.pth", aux=False, preprocessing=Preprocessing(resize=72, crop=64))
    page = build_report(load_model(weights=str(path), device="cpu", progress=False), image, layer="inception5a")
    assert 'data-head="main"' in page and 'data-head="aux1"' not in page
    assert "Branch maps of inception5a" in page and 'id="table1"' in page
