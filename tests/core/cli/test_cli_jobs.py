"""``finetune`` / ``calibrate-aux`` before and around the job: --out and --train checked before any
image is decoded, progress lines ended before errors, the cancel message.

Small on purpose (a few 64 px images, a 64 px checkpoint): every case but one stops
before training, and that one is cancelled while decoding.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from googlenet_gui.cli.main import main
from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.core.finetune_data import make_pattern_dataset
from tests.factories import save_app_checkpoint

SMALL = Preprocessing(resize=72, crop=64)
FAST = ["--device", "cpu", "--epochs", "1", "--batch-size", "4"]


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("cli_jobs")
    data = make_pattern_dataset(root / "data", per_class=4)
    weights = save_app_checkpoint(root / "source.pt", class_names=["a", "b", "c"], preprocessing=SMALL,
                                  trained=True)
    return {"data": data, "weights": weights}


def _job(capsys, command: str, data: Path, out, weights: Path, *extra: str) -> tuple[int, str, str]:
    size = ["--image-size", "64"] if command == "finetune" else []
    code = main([command, str(data), "--out", str(out), "--weights", str(weights), *FAST, *size, *extra])
    out_text, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out_text, err


def _broken_images(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"broken_{i}.png").write_bytes(b"\x89PNG\r\n\x1a\n not an image")
    return folder


# ------------------------------------------------------------------ --out before decoding
def _bad_outs(tmp_path: Path, weights: Path) -> dict[str, Path]:
    (tmp_path / "a_folder").mkdir()
    (tmp_path / "link.pt").symlink_to(weights)
    (tmp_path / "plain_file").write_text("x")
    outs = {"folder": tmp_path / "a_folder", "weights": weights, "symlink": tmp_path / "link.pt",
            "under_a_file": tmp_path / "plain_file" / "c.pth"}
    if Path("/proc/self").is_dir():
        outs["proc"] = Path("/proc/c.pth")
    return outs


@pytest.mark.parametrize("command", ["finetune", "calibrate-aux"])
def test_unusable_out_is_refused_before_decoding(capsys, setup, tmp_path, command):
    before = setup["weights"].read_bytes()
    for name, out in _bad_outs(tmp_path, setup["weights"]).items():
        code, _, err = _job(capsys, command, setup["data"], out, setup["weights"])
        assert code == 2, (name, err)
        assert err.startswith(f"googlenet-gui {command}: error: {out}: ") and err.count("\n") == 1, (name, err)
        assert "decoding" not in err and "teacher" not in err, name
    assert setup["weights"].read_bytes() == before


def test_out_with_a_missing_parent_folder_is_allowed(tmp_path):
    """The save creates missing folders, so only a folder that exists is probed."""
    from googlenet_gui.cli.common import check_out_path

    assert check_out_path(str(tmp_path / "new" / "sub" / "x.pth")) == tmp_path / "new" / "sub" / "x.pth"
    with pytest.raises(GoogLeNetGuiError, match="is a folder"):
        check_out_path(str(tmp_path))


# ------------------------------------------------------------------ --train before decoding
@pytest.mark.parametrize("train", ["bogus", "last:0"])
def test_bad_train_mode_is_refused_before_decoding(capsys, setup, tmp_path, train):
    code, _, err = _job(capsys, "finetune", setup["data"], tmp_path / "x.pth", setup["weights"], "--train", train)
    assert code == 2 and "decoding" not in err
    assert err == f"googlenet-gui finetune: error: --train must be heads, last:N (N from 1 to 9) or all, " \
                  f"got {train!r}.\n"


# ------------------------------------------------------------------ progress lines ended
def test_finetune_error_after_decoding_starts_its_own_line(capsys, setup, tmp_path):
    data = make_pattern_dataset(tmp_path / "data", kinds=("checkers",), per_class=3)
    _broken_images(data / "zebra", 3)
    code, _, err = _job(capsys, "finetune", data, tmp_path / "x.pth", setup["weights"])
    lines = err.split("\n")
    assert code == 2 and "decoding images 6/6" in lines[0]
    assert lines[1].startswith("googlenet-gui finetune: error: ") and "class 'zebra'" in lines[1]
    assert lines[2:] == [""]


def test_calibrate_error_after_decoding_starts_its_own_line(capsys, setup, tmp_path):
    images = _broken_images(tmp_path / "images", 4)
    code, _, err = _job(capsys, "calibrate-aux", images, tmp_path / "c.pth", setup["weights"])
    lines = err.split("\n")
    assert code == 2 and lines[0].lstrip("\r").startswith("decoding ")
    assert lines[1].startswith("googlenet-gui calibrate-aux: error: ") and "not enough readable" in lines[1]
    assert lines[2:] == [""]


# ------------------------------------------------------------------ Ctrl+C in the first epoch
def _ctrl_c_on_first_progress(monkeypatch, module, name: str) -> None:
    """Press Ctrl+C (a real SIGINT, to the CLI's handler) once the job's first progress is shown."""
    real = getattr(module, name)

    def job(*args, **kwargs):
        pressed = False
        for event in real(*args, **kwargs):
            yield event  # the CLI shows it, then the key is pressed
            if "Progress" in type(event).__name__ and not pressed:
                pressed = True
                signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(module, name, job)


def test_cancel_before_the_first_epoch_says_only_that_nothing_was_saved(capsys, setup, tmp_path, monkeypatch):
    import googlenet_gui.core.training.finetune as training

    _ctrl_c_on_first_progress(monkeypatch, training, "finetune")
    handler = signal.getsignal(signal.SIGINT)
    out = tmp_path / "x.pth"
    code, text, err = _job(capsys, "finetune", setup["data"], out, setup["weights"])
    assert code == 130 and not out.exists()
    assert "no checkpoint was saved (cancelled before the first epoch ended)." in text
    assert "kept the best checkpoint" not in text
    assert "decoding images 1/8\ncancelling after this batch" in err and err.endswith("\n")
    assert signal.getsignal(signal.SIGINT) is handler


def test_calibrate_summary_comes_after_the_progress_line_ended(capsys, setup, tmp_path):
    out = tmp_path / "c.pth"
    code, text, err = _job(capsys, "calibrate-aux", setup["data"], out, setup["weights"])
    assert code == 0 and out.exists() and "agreement after:" in text
    assert "\rtraining 3/3 loss " in err and err.endswith("\n") and not err.endswith("\n\n")
