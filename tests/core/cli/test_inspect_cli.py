"""``googlenet-gui inspect``: JSON fields, text output, --save-maps PNGs, exit codes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.cli.main import main
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES
from tests.factories import save_app_checkpoint

CLASSES = ["apple", "bus", "cat", "dog", "egg"]
SMALL = Preprocessing(resize=72, crop=64)
STAT_KEYS = {"branch", "channels", "channel_range", "channel_share", "energy_share", "mean", "max", "active"}


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
    code = main(["inspect", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_fields(capsys, checkpoint, image):
    code, out, _ = _run(capsys, "--weights", checkpoint, "--top-k", "2", "--json", image)
    assert code == 0
    data = json.loads(out)
    assert data["image"].endswith("photo.png") and data["aux_trained"] is False
    assert set(data["predictions"]) == {"main", "aux1", "aux2"}
    for preds in data["predictions"].values():
        assert len(preds) == 2 and set(preds[0]) == {"index", "label", "probability"}
        assert preds[0]["label"] in CLASSES
    assert list(data["modules"]) == list(INCEPTION_NAMES)
    for module in data["modules"].values():
        assert list(module["branches"]) == list(BRANCH_NAMES)
        stats = list(module["branches"].values())
        assert all(set(s) == STAT_KEYS for s in stats)
        assert sum(s["channels"] for s in stats) == module["shape"][0]
        assert sum(s["energy_share"] for s in stats) == pytest.approx(1.0)
    assert data["modules"]["inception4c"]["branches"]["3x3"]["channel_range"] == [128, 384]
    assert set(data["stem"]) == {"conv1", "maxpool1", "conv2", "conv3", "maxpool2"}
    assert data["layer_times_ms"]["inception3a"] > 0 and "saved_maps" not in data


def test_text_output_marks_untrained_aux(capsys, checkpoint, image):
    code, out, _ = _run(capsys, "--weights", checkpoint, image)
    assert code == 0
    assert "aux1 (untrained: noise):" in out and "main:" in out
    assert "inception5b  pool_proj" in out and "layer times (ms):" in out


def test_save_maps_writes_readable_pngs(capsys, checkpoint, image, tmp_path):
    folder = tmp_path / "maps" / "nested"
    code, out, _ = _run(capsys, "--weights", checkpoint, "--save-maps", folder, "--json", image)
    assert code == 0
    saved = json.loads(out)["saved_maps"]
    expected = {f"{m}_{b}.png" for m in INCEPTION_NAMES for b in (*BRANCH_NAMES, "output")}
    expected |= {f"{s}.png" for s in ("conv1", "maxpool1", "conv2", "conv3", "maxpool2")}
    assert {p.name for p in folder.iterdir()} == expected == {name.split("/")[-1] for name in saved}
    with Image.open(folder / "inception4c_3x3.png") as png:
        assert png.mode == "RGB"
        pixels = np.asarray(png)
    # 256 channels of 4x4 maps -> 16x16 grid, pad 1, enlarged 7x (tiles of at least 28 px)
    assert pixels.shape == ((16 * 5 - 1) * 7, (16 * 5 - 1) * 7, 3)
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 10  # real maps, not a flat image


def test_bad_image_exits_1_and_bad_weights_exit_2(capsys, checkpoint, tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 definitely not a jpeg")
    code, out, err = _run(capsys, "--weights", checkpoint, broken)
    assert code == 1 and "broken.jpg" in err and "Traceback" not in err
    code, out, _ = _run(capsys, "--weights", checkpoint, "--json", broken)
    data = json.loads(out)
    assert code == 1 and data["image"].endswith("broken.jpg") and "broken.jpg" in data["error"]
    code, _, err = _run(capsys, "--weights", tmp_path / "missing.pt", broken)
    assert code == 2 and "missing.pt" in err
    code, _, err = _run(capsys, "--weights", checkpoint, "--top-k", "0", broken)
    assert code == 2 and "--top-k" in err
