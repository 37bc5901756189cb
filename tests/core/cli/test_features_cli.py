"""``googlenet-gui visualize`` and ``googlenet-gui examples``: JSON fields, files, clear errors, exit codes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.cli.main import main
from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.factories import save_seeded_checkpoint

SMALL = Preprocessing(resize=72, crop=64)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return save_seeded_checkpoint(tmp_path_factory.mktemp("ckpt") / "m.safetensors", preprocessing=SMALL)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOOGLENET_GUI_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def folder(tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "photos"
    path.mkdir()
    for index in range(5):
        Image.fromarray(rng.integers(0, 255, (40, 50, 3), dtype=np.uint8)).save(path / f"p{index}.png")
    return path


def _run(capsys, *argv):
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_visualize_json_fields_and_the_png(capsys, checkpoint, tmp_path):
    out = tmp_path / "vis.png"
    argv = ["visualize", "--weights", checkpoint, "--layer", "inception3a.3x3", "--channel", 7, "--steps", 12,
            "--size", 48, "--seed", 3, "--out", out, "--json"]
    code, text, _ = _run(capsys, *argv)
    assert code == 0
    data = json.loads(text)
    assert {k: data[k] for k in ("layer", "channel", "steps", "size", "seed", "negative", "out", "cached")} == {
        "layer": "inception3a.3x3", "channel": 7, "steps": 12, "size": 48, "seed": 3, "negative": False,
        "out": str(out), "cached": False}
    assert data["objective_end"] > data["objective_start"] and data["seconds"] > 0
    with Image.open(out) as picture:
        assert picture.size == (48, 48) and picture.mode == "RGB"
    code, text, _ = _run(capsys, *argv)
    assert code == 0 and json.loads(text)["cached"] is True


def test_visualize_text_negative_head_and_diversity(capsys, checkpoint, tmp_path):
    out = tmp_path / "strip.png"
    code, text, err = _run(capsys, "visualize", "--weights", checkpoint, "--layer", "aux2", "--channel", 1,
                           "--steps", 4, "--size", 96, "--negative", "--diversity", 2, "--out", out)
    assert code == 0 and "aux2 channel 1 minimised" in text and f"saved {out}" in text and "step 4/4" in err
    with Image.open(out) as picture:
        assert picture.size == (2 * 96 + 4, 96)


@pytest.mark.parametrize("layer,channel,message", [("inception4z.3x3", 0, "'inception4z.3x3'"),
                                                   ("conv2", 64, "channels 0 to 63"),
                                                   ("main", 5, "classes 0 to 4")])
def test_visualize_bad_layer_or_channel_is_clear(capsys, checkpoint, tmp_path, layer, channel, message):
    code, out, err = _run(capsys, "visualize", "--weights", checkpoint, "--layer", layer, "--channel", channel,
                          "--steps", 1, "--out", tmp_path / "x.png")
    assert code == 2 and out == "" and message in err and "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


def test_visualize_usage_errors(capsys, checkpoint, tmp_path):
    code, _, err = _run(capsys, "visualize", "--weights", checkpoint, "--layer", "conv1", "--channel", 0,
                        "--out", tmp_path / "x.jpg")
    assert code == 2 and ".png" in err
    code, _, err = _run(capsys, "visualize", "--weights", checkpoint, "--layer", "conv1", "--channel", 0)
    assert code == 2 and "--out" in err
    code, _, err = _run(capsys, "visualize", "--layer", "conv1", "--channel", 0, "--size", 8,
                        "--out", tmp_path / "x.png")
    assert code == 2 and "at least 32" in err
    (tmp_path / "dir.png").mkdir()
    code, _, err = _run(capsys, "visualize", "--weights", checkpoint, "--layer", "conv1", "--channel", 0,
                        "--out", tmp_path / "dir.png")
    assert code == 2 and "folder" in err


def test_examples_json_strongest_first(capsys, checkpoint, folder):
    code, text, _ = _run(capsys, "examples", folder, "--weights", checkpoint, "--layer", "inception4a.5x5",
                         "--channel", 3, "-k", 3, "--json")
    assert code == 0
    data = json.loads(text)
    assert data["layer"] == "inception4a.5x5" and data["channel"] == 3 and data["images"] == 5
    assert data["skipped"] == [] and data["cached"] is False and len(data["examples"]) == 3
    values = [e["activation"] for e in data["examples"]]
    assert values == sorted(values, reverse=True)
    first = data["examples"][0]
    assert first["image"].startswith(str(folder)) and set(first["location"]) == {"row", "col"}
    assert set(first["box"]) == {"top", "left", "bottom", "right"} and 0 <= first["box"]["top"] <= 63


def test_examples_text_and_a_bad_file(capsys, checkpoint, folder):
    (folder / "bad.png").write_bytes(b"\x89PNG broken")
    code, text, err = _run(capsys, "examples", folder, "--weights", checkpoint, "--layer", "conv1",
                           "--channel", 0)
    assert code == 1 and "bad.png" in err and "skipped" in err and "Traceback" not in err
    assert "conv1 channel 0: top 5 of 5 images" in text and text.count(" at row ") == 5


@pytest.mark.parametrize("argv,message", [(["--layer", "inception9a", "--channel", "0"], "'inception9a'"),
                                          (["--layer", "inception3a.1x1", "--channel", "64"], "0 to 63"),
                                          (["--layer", "main", "--channel", "0"], "not the main head")])
def test_examples_bad_layer_is_clear(capsys, checkpoint, folder, argv, message):
    code, out, err = _run(capsys, "examples", folder, "--weights", checkpoint, *argv)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_examples_missing_folder(capsys, checkpoint, tmp_path):
    code, _, err = _run(capsys, "examples", tmp_path / "nowhere", "--weights", checkpoint, "--layer", "conv1",
                        "--channel", 0)
    assert code == 2 and "nowhere" in err and "not a folder" in err
