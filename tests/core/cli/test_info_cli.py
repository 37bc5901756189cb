"""``googlenet-gui info``: human and JSON output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from factories import save_app_checkpoint, save_tutorial_checkpoint

from googlenet_gui.cli.main import main

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def tutorial_file(tmp_path_factory) -> Path:
    return save_tutorial_checkpoint(tmp_path_factory.mktemp("info") / "seed.pth", num_classes=4)


def test_info_text_for_a_seed_checkpoint(tutorial_file, capsys):
    assert main(["info", str(tutorial_file)]) == 0
    out = capsys.readouterr().out
    assert "format:          tutorial (torch)" in out
    assert "tutorial: 5x5 in the 5x5 slot, 3x3 stem, BatchNorm eps 1e-05" in out
    assert "4 (generic): class 0, class 1, class 2, class 3" in out
    assert "aux heads:       present, trained" in out and "transform_input: off" in out
    assert "parameters:      10,3" in out and "resize 224, crop 224" in out


def test_info_json_for_an_app_checkpoint(tmp_path, capsys):
    path = save_app_checkpoint(tmp_path / "pets.safetensors", class_names=["cat", "dog", "bird"],
                               aux_state="untrained", training={"epochs": 1})
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert (info["format"], info["container"], info["variant"]) == ("googlenet-gui", "safetensors", "torchvision")
    assert info["num_classes"] == 3 and info["class_names_sample"] == ["cat", "dog", "bird"]
    assert info["aux_heads"] == "untrained" and info["transform_input"] is False
    assert info["parameters"] > 5_000_000 and info["training"] == {"epochs": 1}
    assert set(info["preprocessing"]) == {"resize", "crop", "mean", "std", "interpolation"}


def test_info_errors_are_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "notes.pth").write_text("not weights")
    assert main(["info", str(tmp_path / "notes.pth")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("googlenet-gui info: error: ") and "is not a PyTorch checkpoint" in err
    assert "\n" not in err and "Traceback" not in err
    assert main(["info"]) == 2  # usage error: argparse prints usage, exit code 2


def test_python_dash_m_info_subprocess(tutorial_file):
    env = {**os.environ, "GOOGLENET_GUI_OFFLINE": "1", "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-m", "googlenet_gui", "info", str(tutorial_file), "--json"],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "tutorial"
