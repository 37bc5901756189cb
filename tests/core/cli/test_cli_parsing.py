"""Command-line parsing: bad numbers refused by argparse, mistyped commands, whose usage an error shows.

Nothing here loads a model for long or trains: every case is refused before that (the
``--weights`` files named do not exist, so a value that slipped through parsing would
fail on them instead, with another message).
"""

from __future__ import annotations

import pytest

from googlenet_gui.cli import main as cli_main
from googlenet_gui.cli.main import main
from tests.factories import save_app_checkpoint

JOB_ARGS = {"finetune": ["DATA", "--out", "x.pth", "--weights", "missing.pt"],
            "calibrate-aux": ["DATA", "--out", "x.pth", "--weights", "missing.pt"]}


@pytest.fixture
def no_gui(monkeypatch):
    """Records what would have opened the desktop app instead of opening it."""
    opened: list[list[str]] = []
    monkeypatch.setattr(cli_main, "gui_main", lambda argv: opened.append(list(argv)) or 0)
    return opened


@pytest.mark.parametrize("command, option, value", [
    ("finetune", "--lr", "-1"), ("finetune", "--lr", "nan"), ("finetune", "--lr", "0"),
    ("finetune", "--lr", "inf"), ("finetune", "--workers", "-1"), ("finetune", "--epochs", "0"),
    ("finetune", "--batch-size", "1"), ("finetune", "--image-size", "100000"),
    ("calibrate-aux", "--lr", "-1"), ("calibrate-aux", "--lr", "nan"), ("calibrate-aux", "--batch-size", "0"),
    ("calibrate-aux", "--temperature", "0"), ("calibrate-aux", "--temperature", "-1"),
    ("calibrate-aux", "--temperature", "nan"), ("calibrate-aux", "--epochs", "0"),
    ("ops", "--image-size", "100000"), ("ops", "--image-size", "twelve"),
])
def test_bad_numbers_are_usage_errors_of_the_sub_command(capsys, command, option, value):
    code = main([command, *JOB_ARGS.get(command, []), option, value])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert f"usage: googlenet-gui {command}" in err
    assert f"googlenet-gui {command}: error: argument {option}: " in err and repr(value) in err


def test_in_range_numbers_still_parse():
    parser = cli_main.build_parser()
    args = parser.parse_args(["calibrate-aux", "D", "--out", "o.pth", "--lr", "1e-4", "--temperature", "0.5",
                              "--batch-size", "2", "--epochs", "1"])
    assert (args.lr, args.temperature, args.batch_size, args.epochs) == (1e-4, 0.5, 2, 1)
    args = parser.parse_args(["finetune", "D", "--out", "o.pth", "--workers", "0", "--image-size", "1024"])
    assert (args.workers, args.image_size) == (0, 1024)


def test_mistyped_command_is_an_error_not_the_app(capsys, no_gui):
    assert main(["clasify", "img.jpg"]) == 2
    assert capsys.readouterr().err == "googlenet-gui: error: unknown command 'clasify' (did you mean 'classify'?)\n"
    assert main(["frobnicate"]) == 2
    assert capsys.readouterr().err == "googlenet-gui: error: unknown command 'frobnicate'\n"
    assert no_gui == []


def test_images_folders_and_checkpoints_still_open_the_app(tmp_path, monkeypatch, no_gui):
    (tmp_path / "photos").mkdir()
    (tmp_path / "README").write_text("a file without an extension")
    monkeypatch.chdir(tmp_path)
    for argv in (["photo.jpg"], ["photos"], ["README"], ["./nowhere"], ["model.pth"], ["--tab", "ops"], []):
        assert main(argv) == 0
    assert no_gui == [["photo.jpg"], ["photos"], ["README"], ["./nowhere"], ["model.pth"], ["--tab", "ops"], []]


def test_info_takes_weights_like_every_command(tmp_path, capsys):
    path = save_app_checkpoint(tmp_path / "three.safetensors", class_names=["a", "b", "c"])
    assert main(["info", "--weights", str(path), "--json"]) == 0
    assert '"num_classes": 3' in capsys.readouterr().out
    assert main(["info", str(path), "--json"]) == 0  # the positional still works
    assert '"num_classes": 3' in capsys.readouterr().out
    assert main(["info", str(path), "--weights", str(path)]) == 2
    assert "googlenet-gui info: error: argument --weights: not allowed with argument CHECKPOINT" \
        in capsys.readouterr().err


def test_extra_arguments_show_the_sub_command_usage(capsys):
    assert main(["inspect", "a.jpg", "b.png"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: googlenet-gui inspect ")
    assert "googlenet-gui inspect: error: unrecognized arguments: b.png" in err
