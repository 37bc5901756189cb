"""``googlenet-gui report``: the file, the --json record, and one clear sentence for each bad input."""

from __future__ import annotations

import json

import pytest

from googlenet_gui.cli.main import main
from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.factories import save_app_checkpoint


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return save_app_checkpoint(tmp_path_factory.mktemp("ckpt") / "m.pt", class_names=["apple", "bus", "cat"],
                               preprocessing=Preprocessing(resize=72, crop=64))


@pytest.fixture
def image(photo):
    """The noise photo of tests/core/conftest.py."""
    return photo


def _run(capsys, *argv):
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_names_the_file_image_layer_and_time(capsys, checkpoint, image, tmp_path):
    out = tmp_path / "report.html"
    code, text, _ = _run(capsys, "report", "--weights", checkpoint, "--device", "cpu", "--layer", "inception3a",
                         "--out", out, "--json", image)
    assert code == 0
    data = json.loads(text)
    assert data == {"out": str(out), "image": str(image), "layer": "inception3a", "seconds": data["seconds"]}
    assert data["seconds"] > 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Branch maps of inception3a" in html


def test_plain_output_says_where_it_went(capsys, checkpoint, image, tmp_path):
    out = tmp_path / "r.html"
    code, text, _ = _run(capsys, "report", "--weights", checkpoint, "--out", out, "--lang", "ko", image)
    assert code == 0 and f"saved {out}" in text and "inception4c" in text
    assert "inception4c의 브랜치 특성 맵" in out.read_text(encoding="utf-8")  # --lang ko: the page in Korean


def test_an_unreadable_image_is_exit_1_naming_it(capsys, checkpoint, tmp_path):
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG not really")
    code, _, err = _run(capsys, "report", "--weights", checkpoint, "--out", tmp_path / "r.html", bad)
    assert code == 1 and "broken.png" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_a_bad_layer_is_exit_2_listing_the_modules(capsys, checkpoint, image, tmp_path):
    code, _, err = _run(capsys, "report", "--weights", checkpoint, "--layer", "conv2", "--out", tmp_path / "r.html",
                        image)
    assert code == 2 and "'conv2'" in err and "inception5b" in err and "Traceback" not in err


def test_bad_weights_are_exit_2_naming_the_file(capsys, image, tmp_path):
    weights = tmp_path / "weights.pth"
    weights.write_text("hello")
    code, _, err = _run(capsys, "report", "--weights", weights, "--out", tmp_path / "r.html", image)
    assert code == 2 and "weights.pth" in err and "Traceback" not in err


def test_out_must_be_html(capsys, checkpoint, image, tmp_path):
    code, _, err = _run(capsys, "report", "--weights", checkpoint, "--out", tmp_path / "r.pdf", image)
    assert code == 2 and "r.pdf" in err and ".html" in err


def test_out_is_required(capsys, checkpoint, image):
    code, _, err = _run(capsys, "report", "--weights", checkpoint, image)
    assert code == 2 and "--out" in err
