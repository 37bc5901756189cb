"""``googlenet-gui explain`` and ``--ablate`` on classify/inspect: JSON, files, clear errors, exit codes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.cli.main import main
from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.factories import save_app_checkpoint

CLASSES = ["apple", "bus", "cat", "dog", "egg"]
SMALL = Preprocessing(resize=72, crop=64)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return save_app_checkpoint(tmp_path_factory.mktemp("ckpt") / "m.pt", class_names=CLASSES,
                               preprocessing=SMALL, aux_state="untrained")


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    path = tmp_path_factory.mktemp("img") / "photo.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (50, 60, 3), dtype=np.uint8)).save(path)
    return path


def _run(capsys, *argv):
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("method,layer,head,size", [("gradcam", "inception4a.3x3", "aux1", [4, 4]),
                                                    ("cam", None, "main", [2, 2]),
                                                    ("occlusion", None, "main", [15, 15])])
def test_json_fields(capsys, checkpoint, image, method, layer, head, size):
    extra = ["--layer", layer] if layer else []
    code, out, _ = _run(capsys, "explain", "--weights", checkpoint, "--method", method, *extra,
                        "--head", head, "--class", 2, "--json", image)
    assert code == 0
    data = json.loads(out)
    assert data["image"].endswith("photo.png") and data["method"] == method and data["head"] == head
    assert data["layer"] == {"gradcam": layer, "cam": "inception5b", "occlusion": "input"}[method]
    assert data["class"]["index"] == 2 and data["class"]["label"] == "cat" and 0 < data["class"]["probability"] < 1
    assert data["map_size"] == size and data["crop_size"] == [64, 64]
    assert 0 <= data["peak"]["row"] < 64 and 0 <= data["peak"]["col"] < 64


def test_npy_is_the_map_at_crop_resolution(capsys, checkpoint, image, tmp_path):
    out = tmp_path / "map.npy"
    code, text, _ = _run(capsys, "explain", "--weights", checkpoint, "--method", "gradcam", "--layer",
                         "inception3b", "--out", out, image)
    assert code == 0 and "saved" in text
    heatmap = np.load(out)
    assert heatmap.shape == (64, 64) and heatmap.dtype == np.float32
    assert heatmap.min() >= 0 and heatmap.max() <= 1


def test_png_is_the_overlay_and_a_failed_save_keeps_the_old_file(capsys, checkpoint, image, tmp_path, monkeypatch):
    out = tmp_path / "overlay.png"
    assert _run(capsys, "explain", "--weights", checkpoint, "--method", "cam", "--out", out, image)[0] == 0
    with Image.open(out) as picture:
        assert picture.size == (64, 64) and picture.mode == "RGB"
    before = out.read_bytes()

    def broken(self, handle, format):  # noqa: A002, ARG001 - PIL's signature
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", broken)
    code, _, err = _run(capsys, "explain", "--weights", checkpoint, "--method", "gradcam", "--out", out, image)
    assert code == 2 and "cannot write" in err and str(out) in err and "Traceback" not in err
    assert out.read_bytes() == before


def test_bad_layer_names_it_and_lists_valid_ones(capsys, checkpoint, image):
    code, out, err = _run(capsys, "explain", "--weights", checkpoint, "--method", "gradcam", "--layer",
                          "inception4z.3x3", image)
    assert code == 2 and out == ""
    assert "'inception4z.3x3'" in err and "inception4c" in err and "pool_proj" in err and "Traceback" not in err


def test_cam_refuses_other_heads_and_layers(capsys, checkpoint, image):
    code, _, err = _run(capsys, "explain", "--weights", checkpoint, "--method", "cam", "--head", "aux1", image)
    assert code == 2 and "gradcam" in err


def test_bad_image_names_the_file(capsys, checkpoint, tmp_path):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not an image")
    code, _, err = _run(capsys, "explain", "--weights", checkpoint, "--method", "gradcam", bad)
    assert code == 1 and "broken.jpg" in err and "Traceback" not in err


def test_bad_out_suffix(capsys, checkpoint, image, tmp_path):
    code, _, err = _run(capsys, "explain", "--weights", checkpoint, "--method", "cam", "--out",
                        tmp_path / "map.txt", image)
    assert code == 2 and ".png" in err and ".npy" in err


# ------------------------------------------------------------------ --ablate
def test_classify_json_says_what_was_ablated(capsys, checkpoint, image):
    code, plain, _ = _run(capsys, "classify", "--weights", checkpoint, "--json", image)
    assert code == 0 and "ablation" not in json.loads(plain)[0]
    code, out, _ = _run(capsys, "classify", "--weights", checkpoint, "--json", "--ablate", "inception5b",
                        "--ablate", "inception4c.3x3:0-15,40", image)
    assert code == 0
    data = json.loads(out)[0]
    assert data["ablation"] == [
        {"spec": "inception5b", "module": "inception5b", "branch": None, "channels": None},
        {"spec": "inception4c.3x3:0-15,40", "module": "inception4c", "branch": "3x3",
         "channels": [*range(16), 40]}]
    assert data["predictions"] != json.loads(plain)[0]["predictions"]
    assert _run(capsys, "classify", "--weights", checkpoint, "--json", image)[1] == plain  # nothing left behind


def test_inspect_json_says_what_was_ablated(capsys, checkpoint, image):
    code, plain, _ = _run(capsys, "inspect", "--weights", checkpoint, "--json", image)
    assert code == 0 and "ablation" not in json.loads(plain)
    code, out, _ = _run(capsys, "inspect", "--weights", checkpoint, "--json", "--ablate", "inception4a.1x1", image)
    data = json.loads(out)
    assert code == 0 and data["ablation"][0]["spec"] == "inception4a.1x1"
    assert data["modules"]["inception4a"]["branches"]["1x1"]["max"] == 0


@pytest.mark.parametrize("spec,message", [("inception4c.9x9", "'inception4c.9x9'"),
                                          ("inception4c:0-9999", "outside inception4c's 0-511"),
                                          ("inception4c:x", "channels must look like")])
def test_bad_ablate_specs_are_clear(capsys, checkpoint, image, spec, message):
    for command in ("classify", "inspect"):
        code, out, err = _run(capsys, command, "--weights", checkpoint, "--ablate", spec, image)
        assert code == 2 and message in err and "Traceback" not in err
