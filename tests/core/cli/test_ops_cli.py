"""``googlenet-gui ops``: JSON contract, text table, --arch/--weights, exit codes."""

from __future__ import annotations

import json

import pytest

from googlenet_gui.cli.main import main
from tests.factories import save_app_checkpoint


def _run(capsys, *argv):
    code = main(["ops", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_is_torchvision_without_weights(capsys):
    code, out, err = _run(capsys, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["architecture"] == "torchvision"
    assert data["total_params"] == 13_004_888 and data["total_macs_without_aux"] == 1_498_376_192
    row = data["rows"]["inception4c"]
    assert isinstance(row["params"], int) and isinstance(row["macs"], int)
    assert row["paper_params"] == 463 * 1024 and row["paper_macs"] == 100_000_000
    assert row["naive_macs"] > row["macs"]
    assert {"conv1", "fc", "aux1", "aux2"} <= set(data["rows"])


def test_arch_paper_text_table(capsys):
    code, out, _ = _run(capsys, "--arch", "paper")
    assert code == 0
    assert out.startswith("GoogLeNet (paper), 224x224 input. Units:")
    assert "inception5b" in out and "multiply-adds" in out and "5x5 slot" not in out


def test_weights_file_counts_that_model(capsys, tmp_path):
    path = save_app_checkpoint(tmp_path / "three.pt", class_names=["a", "b", "c"], aux=False)
    code, out, _ = _run(capsys, "--weights", path, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["num_classes"] == 3 and "aux1" not in data["rows"]
    assert data["rows"]["fc"]["params"] == 1024 * 3 + 3
    assert data["total_params"] == data["total_params_without_aux"]


def test_bad_usage_and_bad_file_exit_2(capsys, tmp_path):
    code, _, err = _run(capsys, "--arch", "resnet")
    assert code == 2 and "invalid choice" in err
    code, _, err = _run(capsys, "--arch", "paper", "--weights", "x.pt")
    assert code == 2 and "not allowed with" in err
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint at all")
    code, out, err = _run(capsys, "--weights", bad)
    assert code == 2 and out == "" and "bad.pt" in err and "Traceback" not in err
    code, _, err = _run(capsys, "--image-size", "8")
    assert code == 2 and "at least 32" in err


def test_weights_are_counted_at_the_checkpoints_own_crop_unless_told(capsys, tmp_path):
    from googlenet_gui.core.images.preprocessing import Preprocessing

    path = save_app_checkpoint(tmp_path / "small.pt", preprocessing=Preprocessing(resize=73, crop=64))
    code, out, _ = _run(capsys, "--weights", path)
    assert code == 0 and ", 64x64 input." in out.splitlines()[0]
    code, out, _ = _run(capsys, "--weights", path, "--image-size", "224")
    assert code == 0 and ", 224x224 input." in out.splitlines()[0]
