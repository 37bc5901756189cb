"""``googlenet-gui classify``: the --json contract, human tables and exit codes 0/1/2."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.cli.main import main
from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.factories import save_app_checkpoint, save_torchvision_checkpoint

CLASSES = ["apple", "bus", "cat", "dog", "egg"]
SMALL = Preprocessing(resize=72, crop=64)
PREDICTION_KEYS = {"index", "label", "probability"}


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ckpt")
    return {
        "aux": save_app_checkpoint(folder / "aux.pt", class_names=CLASSES, preprocessing=SMALL),
        "untrained_aux": save_app_checkpoint(folder / "ua.pt", class_names=CLASSES, preprocessing=SMALL,
                                             aux_state="untrained"),
        "no_aux": save_app_checkpoint(folder / "noaux.pt", class_names=CLASSES, aux=False, preprocessing=SMALL),
    }


@pytest.fixture
def images(tmp_path):
    rng = np.random.default_rng(0)
    for name in ("one.png", "two.jpg"):
        Image.fromarray(rng.integers(0, 255, (50, 60, 3), dtype=np.uint8)).save(tmp_path / name)
    return tmp_path


def _run(capsys, *argv):
    code = main(["classify", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_json_schema_with_aux_heads_and_exit_0(capsys, checkpoints, images):
    code, out, err = _run(capsys, "--weights", checkpoints["aux"], "--top-k", 3, "--json", images)
    assert code == 0
    rows = json.loads(out)
    assert [row["image"] for row in rows] == [str(images / "one.png"), str(images / "two.jpg")]
    for row in rows:
        assert set(row) == {"image", "predictions", "aux_trained"} and row["aux_trained"] is True
        assert list(row["predictions"]) == ["main", "aux1", "aux2"]
        for ranked in row["predictions"].values():
            assert len(ranked) == 3 and all(set(p) == PREDICTION_KEYS for p in ranked)
            assert all(p["label"] == CLASSES[p["index"]] for p in ranked)
            assert ranked[0]["probability"] >= ranked[-1]["probability"] > 0


def test_json_without_aux_heads_has_main_only(capsys, checkpoints, images):
    code, out, _ = _run(capsys, "--weights", checkpoints["no_aux"], "--json", images / "one.png")
    row = json.loads(out)[0]
    assert code == 0 and set(row) == {"image", "predictions"} and list(row["predictions"]) == ["main"]
    assert len(row["predictions"]["main"]) == 5


def test_bad_inputs_exit_1_and_the_others_are_still_classified(capsys, checkpoints, images):
    (images / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    missing = images / "missing.jpg"
    code, out, err = _run(capsys, "--weights", checkpoints["aux"], "--json", images, missing)
    rows = json.loads(out)
    assert code == 1
    assert [sorted(row) for row in rows] == [["error", "image"], ["aux_trained", "image", "predictions"],
                                             ["aux_trained", "image", "predictions"], ["error", "image"]]
    assert "broken.png" in rows[0]["error"] and rows[3]["error"] == f"'{missing}' does not exist"


def test_human_table_marks_untrained_aux_heads(capsys, checkpoints, images):
    code, out, err = _run(capsys, "--weights", checkpoints["untrained_aux"], "--top-k", 2,
                          images / "one.png", images / "nope.png")
    assert code == 1
    lines = out.splitlines()
    header = next(line for line in lines if line.strip().startswith("#"))
    assert "main" in header and "aux1 (untrained)" in header and "aux2 (untrained)" in header
    assert sum(1 for line in lines if line.strip()[:2] in ("1 ", "2 ")) == 2
    assert "error: '" in err and "nope.png' does not exist" in err and "nope.png" not in out


def test_human_table_never_prints_a_real_probability_as_zero():
    from types import SimpleNamespace

    from googlenet_gui.cli.classify_cmd import format_table
    from googlenet_gui.core.inference.results import Prediction

    top = [Prediction(1, "tabby", 0.99996), Prediction(2, "ocean liner", 0.00002)]
    result = SimpleNamespace(image="cat.jpg", heads={"main": SimpleNamespace(name="main", trained=True, top=top)})
    rows = format_table(result).splitlines()[2:]
    assert rows[0].rstrip().endswith(">99.9%") and rows[1].rstrip().endswith("<0.1%")
    assert "0.0%" not in format_table(result)


def test_default_224_preprocessing_with_a_labels_file(capsys, tmp_path, images):
    weights = save_torchvision_checkpoint(tmp_path / "tv.pth", num_classes=5)
    labels = tmp_path / "labels.txt"
    labels.write_text("\n".join(name.upper() for name in CLASSES) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "--weights", weights, "--labels", labels, "--json", "--top-k", 5,
                        images / "two.jpg")
    main_head = json.loads(out)[0]["predictions"]["main"]
    assert code == 0 and sorted(p["label"] for p in main_head) == sorted(n.upper() for n in CLASSES)


@pytest.mark.parametrize("argv", [
    ["--weights", "{missing}"],
    ["--weights", "{ckpt}", "--top-k", "0"],
    ["--weights", "{ckpt}", "--device", "tpu"],
    ["--weights", "{ckpt}", "--no-such-flag"],
    ["--weights", "{not_a_checkpoint}"],
])
def test_usage_and_model_errors_exit_2_with_one_line(capsys, checkpoints, images, argv):
    (images / "junk.pt").write_text("not a checkpoint")
    values = {"missing": images / "absent.pt", "ckpt": checkpoints["aux"], "not_a_checkpoint": images / "junk.pt"}
    code, out, err = _run(capsys, *[a.format(**values) for a in argv], images / "one.png")
    assert code == 2 and out == ""
    assert err.strip() and ("error" in err or "usage" in err)
