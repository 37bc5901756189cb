"""Forged app-format metadata and weights: one sentence naming the file and the field, exit 2.

Issue #27's table: a crop of 100000 px exhausted memory, a string class count or a list
where a mapping belongs ended in a traceback, a std of zeros printed ``NaN`` and integer,
complex or sparse weights were accepted by ``info`` and refused by ``classify``.
"""

from __future__ import annotations

import json

import pytest
import torch
from factories import make_torchvision_state_dict, save_app_checkpoint

from googlenet_gui.cli.main import main
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.errors import CheckpointError

ROWS = [64, 96, 16, 128, 16, 32, 32]


@pytest.fixture(scope="module")
def app_raw(tmp_path_factory) -> dict:
    """The app format's dict as ``torch.load`` returns it (no aux heads: smaller, faster files)."""
    path = save_app_checkpoint(tmp_path_factory.mktemp("forged") / "good.pth", aux=False)
    return torch.load(path, weights_only=True)


def _forge(tmp_path, raw: dict, section: str | None, key: str, value) -> str:
    """``raw`` with ``raw[section][key]`` (or ``raw[key]``) replaced, saved as forged.pth."""
    forged = {**raw, **({section: {**raw[section], key: value}} if section else {key: value})}
    path = tmp_path / "forged.pth"
    torch.save(forged, path)
    return str(path)


def _refusal(path: str) -> str:
    with pytest.raises(CheckpointError) as info:
        load_model(path, device="cpu")
    message = str(info.value)
    assert path in message and "\n" not in message and "Traceback" not in message
    return message


FORGED_FIELDS = [
    ("preprocessing", "crop", 100000, "'crop' must be 1 to 1024 pixels, not 100000"),
    ("preprocessing", "crop", 0, "'crop' must be 1 to 1024 pixels, not 0"),
    ("preprocessing", "crop", -224, "'crop' must be 1 to 1024 pixels"),
    ("preprocessing", "resize", 10**9, "'resize' must be 1 to 2048 pixels"),
    ("preprocessing", "resize", "256", "'resize' must be a whole number of pixels"),
    ("preprocessing", "crop", 224.5, "'crop' must be a whole number of pixels"),
    ("preprocessing", "mean", [0.5, 0.5], "'mean' must be three numbers"),
    ("preprocessing", "mean", [0.5, float("nan"), 0.5], "'mean' must hold finite numbers"),
    ("preprocessing", "std", [0.0, 0.0, 0.0], "'std' values must be at least 1e-06, not 0"),
    ("preprocessing", "std", [0.2, -0.2, 0.2], "'std' values must be at least"),
    ("preprocessing", "interpolation", "sinc", "'interpolation' must be one of nearest, bilinear"),
    ("variant", "num_classes", "3", "variant 'num_classes' must be a whole number, not '3'"),
    ("variant", "five_kernel", -3, "variant 'five_kernel' must be one of 1, 3, 5, 7, not -3"),
    ("variant", "inception", {"inception3a": ROWS[:3]}, "variant 'inception' must map each of"),
    ("variant", "bn_eps", float("inf"), "variant 'bn_eps' must be a finite number"),
    ("variant", "dropout", 7.0, "variant 'dropout' must be 0 to 1"),
    ("variant", "head_pool", "max", "variant 'head_pool' must be one of adaptive, avg7"),
    ("variant", "aux_logits", "no", "variant 'aux_logits' must be true or false"),
    (None, "preprocessing", [1, 2], "preprocessing must be a mapping of settings, not a list"),
    (None, "variant", "torchvision", "variant must be a mapping of architecture fields, not a str"),
    (None, "training", ["epochs", 3], "'training' must be a mapping, not a list"),
    (None, "training", {"loss": torch.zeros(2)}, "'training' must hold only text, numbers"),
    (None, "provenance", "from a forum", "'provenance' must be a mapping, not a str"),
    (None, "format_version", "1", "'format_version' must be a whole number from 1, not '1'"),
    (None, "transform_input", "yes", "'transform_input' must be true or false"),
    (None, "aux_state", 3, "'aux_state' must be text"),
]


@pytest.mark.parametrize("section, key, value, expected", FORGED_FIELDS,
                         ids=[f"{s or 'top'}.{k}={v!r}"[:40] for s, k, v, _ in FORGED_FIELDS])
def test_forged_field_is_one_sentence_naming_file_and_field(tmp_path, app_raw, section, key, value, expected):
    message = _refusal(_forge(tmp_path, app_raw, section, key, value))
    assert "has invalid googlenet-gui metadata: " in message and expected in message


def test_a_crop_the_variant_cannot_run_names_the_sizes_it_can(tmp_path, app_raw):
    variant = {**app_raw["variant"], "head_pool": "avg7"}  # a fixed 7x7 pool: only 207-238 px fit
    forged = {**app_raw, "variant": variant, "preprocessing": {**app_raw["preprocessing"], "crop": 100}}
    torch.save(forged, tmp_path / "forged.pth")
    message = _refusal(str(tmp_path / "forged.pth"))
    assert "preprocessing 'crop' 100 is not an input size the torchvision variant can run (it runs 207 to 238" in message


@pytest.mark.parametrize("names, why", [("cat", "not a list of names (str)"), (["cat", "dog"], "has 2 class names for 3"),
                                        (["cat", 7, "bird"], "not a list of names"), (["cat", "", "bird"], "not a list")])
def test_unusable_class_names_give_a_warning_and_generic_names(tmp_path, app_raw, names, why):
    loaded = load_model(_forge(tmp_path, app_raw, None, "class_names", names), device="cpu")
    assert loaded.class_names == ["class 0", "class 1", "class 2"] and loaded.labels_source == "generic"
    assert len(loaded.warnings) == 1 and why in loaded.warnings[0]


@pytest.mark.parametrize("make, expected", [
    (lambda t: t.to(torch.int64), "stores fc.weight as int64, not floating point"),
    (lambda t: t.to(torch.complex64), "stores fc.weight as complex64, not floating point"),
    (lambda t: t.to_sparse(), "stores fc.weight as a sparse tensor"),
])
@pytest.mark.parametrize("family", ["app", "torchvision"])
def test_integer_complex_or_sparse_weights_are_refused_by_name(tmp_path, app_raw, make, expected, family):
    if family == "app":
        state = {**app_raw["state_dict"]}
        state["fc.weight"] = make(state["fc.weight"])
        torch.save({**app_raw, "state_dict": state}, tmp_path / "odd.pth")
    else:
        state = make_torchvision_state_dict(num_classes=3, aux=False)
        torch.save({**state, "fc.weight": make(state["fc.weight"])}, tmp_path / "odd.pth")
    assert expected in _refusal(str(tmp_path / "odd.pth"))


@pytest.mark.parametrize("text", ["[1, 2]", "\"a string\"", "3", "null"])
def test_safetensors_metadata_that_is_json_but_not_an_object(tmp_path, app_raw, text):
    from safetensors.torch import save_file

    path = tmp_path / "odd.safetensors"
    save_file(dict(app_raw["state_dict"]), str(path), metadata={"googlenet_gui": text})
    message = _refusal(str(path))
    assert "unreadable googlenet-gui metadata" in message and "not a JSON object" in message


def test_safetensors_metadata_is_checked_like_the_torch_container(tmp_path, app_raw):
    from safetensors.torch import save_file

    meta = {k: v for k, v in app_raw.items() if k != "state_dict"}
    meta["preprocessing"] = {**meta["preprocessing"], "crop": 100000}
    path = tmp_path / "big.safetensors"
    save_file(dict(app_raw["state_dict"]), str(path), metadata={"googlenet_gui": json.dumps(meta)})
    assert "'crop' must be 1 to 1024 pixels" in _refusal(str(path))


@pytest.mark.parametrize("command", ["info", "classify"])
def test_cli_exits_2_with_one_sentence_and_leaves_the_images_alone(tmp_path, app_raw, photo, capsys, command):
    path = _forge(tmp_path, app_raw, "preprocessing", "std", [0, 0, 0])
    before = photo.read_bytes()
    argv = ["info", path] if command == "info" else ["classify", "--weights", path, "--json", str(photo)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith(f"googlenet-gui {command}: error: {path} has invalid") and "'std'" in err
    assert "\n" not in err and "NaN" not in captured.out and photo.read_bytes() == before


def test_save_refuses_to_write_metadata_that_loading_would_refuse(tmp_path):
    from googlenet_gui.core.images.preprocessing import Preprocessing

    forged = Preprocessing(crop=5000)  # the dataclass itself is not checked; saving is
    with pytest.raises(CheckpointError, match="'crop' must be 1 to 1024"):
        save_app_checkpoint(tmp_path / "never.pth", aux=False, preprocessing=forged)
    assert list(tmp_path.iterdir()) == []


def test_overflowing_weights_exit_2_and_never_print_nan(tmp_path, photo, capsys):
    """Huge but finite weights pass the NaN/Inf check and overflow in the forward pass."""
    state = make_torchvision_state_dict(num_classes=3, aux=False)
    torch.save({**state, "fc.weight": torch.full_like(state["fc.weight"], torch.finfo(torch.float32).max)},
               tmp_path / "huge.pth")
    assert main(["classify", "--weights", str(tmp_path / "huge.pth"), "--json", str(photo)]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [] and "NaN" not in captured.out
    assert "outputs are not numbers (NaN or infinity)" in captured.err
