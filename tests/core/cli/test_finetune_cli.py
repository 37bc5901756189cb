"""``googlenet-gui finetune`` / ``calibrate-aux``: the --json contract, human output and exit codes."""

from __future__ import annotations

import json

import pytest

from googlenet_gui.cli.main import main
from tests.core.finetune_data import make_pattern_dataset, shared_finetune_run


def test_finetune_json_lines(tmp_path_factory, tmp_path, capsys):
    run = shared_finetune_run(tmp_path_factory)
    out = tmp_path / "cli.pth"
    code = main(["finetune", str(run["data"]), "--out", str(out), "--weights", str(run["source"]),
                 "--device", "cpu", "--epochs", "2", "--batch-size", "8", "--train", "heads",
                 "--image-size", "64", "--lr", "0.005", "--seed", "1", "--val-split", "0.25", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [line.get("epoch") for line in lines[:2]] == [1, 2] and len(lines) == 3
    for line in lines[:2]:
        assert {"epoch", "train_loss", "val_loss", "val_accuracy", "head_accuracies",
                "main_accuracy", "aux1_accuracy", "aux2_accuracy"} <= set(line)
        assert set(line["head_accuracies"]) == {"main", "aux1", "aux2"}
        assert line["val_accuracy"] == line["main_accuracy"] == line["head_accuracies"]["main"]
    summary = lines[-1]
    assert summary["finished"] is True and summary["out"] == str(out) and not summary["cancelled"]
    assert summary["class_names"] == ["checkers", "hstripes"] and summary["best_epoch"] in (1, 2)
    assert out.exists()
    # stderr: the balance, what auto chose and a progress line per batch, all before the first epoch ends
    err = captured.err
    assert err.index("2 classes, 36 training / 12 validation images:") < err.index("epoch 1/2  batch 1/5")
    assert "  checkers     18 train      6 val" in err and "note: augmentation auto: flips only" in err
    assert "warning: --train heads on an untrained backbone" in err  # the source is random
    assert "epoch 1/2  batch 5/5" in err and "learning rate auto" not in err  # --lr was given


def test_finetune_human_output_shows_balance_eta_and_confusion(tmp_path_factory, tmp_path, capsys):
    run = shared_finetune_run(tmp_path_factory)
    code = main(["finetune", str(run["data"]), "--out", str(tmp_path / "h.pth"), "--weights", str(run["source"]),
                 "--device", "cpu", "--epochs", "1", "--batch-size", "8", "--image-size", "64"])
    captured = capsys.readouterr()
    assert code == 0
    assert "checkers     19 train      5 val" in captured.out
    assert "ETA 0:00:" in captured.err and "img/s" in captured.err
    assert "confusion matrix" in captured.out and "saved to" in captured.out


def test_finetune_says_as_soon_as_decoding_ends_which_files_it_left_out(tmp_path_factory, tmp_path, capsys):
    run = shared_finetune_run(tmp_path_factory)
    data = make_pattern_dataset(tmp_path / "data", per_class=5)
    (data / "checkers" / "broken.png").write_bytes(b"not a png")
    code = main(["finetune", str(data), "--out", str(tmp_path / "h.pth"), "--weights", str(run["source"]),
                 "--device", "cpu", "--epochs", "1", "--batch-size", "4", "--image-size", "64"])
    out = capsys.readouterr().out
    assert code == 0
    left_out = out.index("1 unreadable file(s) left out (listed at the end): training on 8 / validating on 2 images")
    assert left_out < out.index("epoch 1/1") and "broken.png" in out[out.index("skipped 1 unreadable"):]


def test_bad_data_exits_2_with_one_line(tmp_path_factory, tmp_path, capsys):
    run = shared_finetune_run(tmp_path_factory)
    make_pattern_dataset(tmp_path / "data", per_class=2)
    (tmp_path / "data" / "empty_class").mkdir()
    code = main(["finetune", str(tmp_path / "data"), "--out", str(tmp_path / "x.pth"),
                 "--weights", str(run["source"]), "--device", "cpu"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "class folder 'empty_class' has no images" in err[0] and "Traceback" not in err[0]
    assert not (tmp_path / "x.pth").exists()


def test_bad_train_mode_exits_2(tmp_path_factory, tmp_path, capsys):
    run = shared_finetune_run(tmp_path_factory)
    code = main(["finetune", str(run["data"]), "--out", str(tmp_path / "x.pth"), "--weights", str(run["source"]),
                 "--device", "cpu", "--train", "last:42"])
    assert code == 2 and "--train must be heads, last:N" in capsys.readouterr().err


def test_calibrate_aux_json(tmp_path_factory, tmp_path, capsys):
    run = shared_finetune_run(tmp_path_factory)
    out = tmp_path / "cal.pth"
    code = main(["calibrate-aux", str(run["data"]), "--out", str(out), "--weights", str(run["out"]),
                 "--device", "cpu", "--epochs", "1", "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert lines[0]["epoch"] == 1 and set(lines[0]["agreement"]) == {"aux1", "aux2"}
    assert lines[-1]["finished"] and lines[-1]["out"] == str(out)
    assert set(lines[-1]["agreement_before"]) == {"aux1", "aux2"}


@pytest.mark.parametrize("teacher", ["untrained", "random file"])
def test_calibrate_aux_refuses_an_untrained_teacher(tmp_path_factory, tmp_path, capsys, teacher):
    run = shared_finetune_run(tmp_path_factory)
    weights = "untrained" if teacher == "untrained" else str(run["source"])  # random, BN measured
    out = tmp_path / "cal.pth"
    code = main(["calibrate-aux", str(run["data"]), "--out", str(out), "--weights", weights, "--device", "cpu"])
    assert code == 2 and "untrained (random)" in capsys.readouterr().err and not out.exists()
