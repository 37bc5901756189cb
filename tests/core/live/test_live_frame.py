"""classify_frame(): one pass per live frame gives the classify heads, inspect's maps and explain's CAM."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.explain.methods import explain
from googlenet_gui.core.images.decode import LoadedImage
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.inference.inspection import inspect
from googlenet_gui.core.live.frame import classify_frame

from tests.factories import save_app_checkpoint


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    from googlenet_gui.core.checkpoints.loading import load_model

    path = save_app_checkpoint(tmp_path_factory.mktemp("live") / "live.pth", class_names=("a", "b", "c", "d"),
                               preprocessing=Preprocessing(resize=72, crop=64))
    return load_model(str(path), device="cpu")


@pytest.fixture(scope="module")
def frame():
    """A 120x160 camera-like frame: a bright square on a gradient, so the CAM has a place to peak."""
    rows, cols = np.mgrid[0:120, 0:160]
    rgb = np.stack([rows * 2, cols, 255 - cols], axis=-1).astype(np.uint8)
    rgb[30:70, 90:130] = (250, 240, 30)
    return rgb


def test_heads_and_maps_are_the_inspect_pass(loaded, frame):
    live = classify_frame(loaded, frame, module="inception4c", top_k=3)
    picture = LoadedImage(Image.fromarray(frame), "frame")
    reference = inspect(loaded, picture, top_k=3, allow_eager=True)
    np.testing.assert_array_equal(live.input_rgb, reference.input_rgb)
    assert list(live.heads) == list(reference.heads) == ["main", "aux1", "aux2"]
    for name, head in live.heads.items():
        np.testing.assert_allclose(head.probabilities, reference.heads[name].probabilities, atol=1e-5)
        assert [p.index for p in head.top] == [p.index for p in reference.heads[name].top]
    ours, theirs = live.module, reference.modules["inception4c"]
    assert [b.name for b in ours.branches] == [b.name for b in theirs.branches]
    np.testing.assert_allclose(ours.output, theirs.output, atol=1e-4)
    assert live.pass_ms > 0 and live.total_ms >= live.pass_ms and live.engine


def test_cam_is_the_explain_modules_cam(loaded, frame):
    live = classify_frame(loaded, frame)
    reference = explain(loaded, LoadedImage(Image.fromarray(frame), "frame"), method="cam")
    assert live.cam_class == reference.map.class_index == live.heads["main"].top[0].index
    assert live.cam.shape == reference.map.heatmap.shape == (64, 64)
    np.testing.assert_allclose(live.cam, reference.map.heatmap, atol=1e-4)
    assert live.cam.max() == pytest.approx(1.0) and live.cam_peak is not None


def test_bad_frames_and_modules_are_named(loaded, frame):
    with pytest.raises(GoogLeNetGuiError, match="not an Inception module"):
        classify_frame(loaded, frame, module="conv1")
    with pytest.raises(GoogLeNetGuiError, match="uint8 RGB"):
        classify_frame(loaded, frame[..., :2])
