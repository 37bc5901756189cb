"""``googlenet-gui --live``: N frames, a screenshot and one JSON line; a bad source is exit 2, no traceback."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from tests.ui.window.test_launch import run_app


def test_live_frames_screenshot_and_json_line(tmp_path, small_checkpoint):
    out = tmp_path / "live.png"
    result = run_app("--weights", str(small_checkpoint), "--live", "synthetic", "--frames", "4", "--size", "1024x768",
                     "--screenshot", str(out), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    record = json.loads(lines[0])
    assert record["frames"] >= 4 and record["seconds"] > 0 and record["fps"] > 0 and record["dropped"] >= 0
    assert record["source"] == "synthetic" and record["engine"]
    with Image.open(out) as shot:
        assert shot.size[0] >= 1024 and shot.size[1] >= 700


@pytest.mark.parametrize("source, named", [("missing.mp4", "'missing.mp4' does not exist"),
                                           ("7", "there is no camera 7")])
def test_a_bad_source_is_one_line_and_exit_2(qapp, source, named, capsys, small_checkpoint, monkeypatch):
    from googlenet_gui.ui.live import sources
    from googlenet_gui.ui.window.launch import launch

    monkeypatch.setattr(sources, "camera_names", lambda: [])
    code = launch(["--weights", str(small_checkpoint), "--live", source, "--frames", "3", "--json"])
    captured = capsys.readouterr()
    assert code == 2 and named in captured.err and "Traceback" not in captured.err
    assert captured.out == ""


def test_a_file_that_is_no_video_is_exit_2(qapp, tmp_path, capsys, small_checkpoint, multimedia):
    from googlenet_gui.ui.window.launch import launch

    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"\x00garbage" * 50)
    code = launch(["--weights", str(small_checkpoint), "--live", str(bad), "--frames", "3", "--json"])
    captured = capsys.readouterr()
    assert code == 2 and "broken.mp4" in captured.err and "Traceback" not in captured.err
