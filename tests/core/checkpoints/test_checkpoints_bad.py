"""Each broken or foreign file gets one clear CheckpointError sentence naming it; nothing executes."""

from __future__ import annotations

import os

import pytest
import torch
import torchvision
from factories import make_torchvision_model, make_torchvision_state_dict

from googlenet_gui.core.errors import CheckpointError
from googlenet_gui.core.checkpoints.loading import load_model


def _error_for(path) -> str:
    with pytest.raises(CheckpointError) as info:
        load_model(path, device="cpu")
    message = str(info.value)
    assert str(path) in message, "the message must name the file"
    assert "\n" not in message and "Traceback" not in message
    return message


class _WritesMarker:
    """A pickle payload that would create a file if it were ever unpickled unsafely."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize("zip_format", [True, False], ids=["zip", "legacy"])
def test_malicious_pickle_executes_nothing(tmp_path, zip_format):
    marker = tmp_path / "PWNED"
    torch.save({"state_dict": {"fc.weight": torch.zeros(2, 2)}, "payload": _WritesMarker(str(marker))},
               tmp_path / "evil.pth", _use_new_zipfile_serialization=zip_format)
    message = _error_for(tmp_path / "evil.pth")
    assert not marker.exists()
    assert "nothing in it was executed" in message and "system" in message


@pytest.mark.parametrize("make_module", [
    pytest.param(lambda: make_torchvision_model(num_classes=3), id="torchvision GoogLeNet"),
    pytest.param(lambda: torch.nn.Sequential(torch.nn.Linear(2, 2)), id="Sequential"),
])
@pytest.mark.parametrize("zip_format", [True, False], ids=["zip", "legacy"])
def test_whole_pickled_module_says_how_to_resave(tmp_path, make_module, zip_format):
    torch.save(make_module(), tmp_path / "whole.pth", _use_new_zipfile_serialization=zip_format)
    message = _error_for(tmp_path / "whole.pth")
    assert "whole pickled model" in message and "torch.save(model.state_dict(), path)" in message


def test_not_a_checkpoint(tmp_path):
    (tmp_path / "notes.pth").write_text("these are my notes, not weights\n")
    assert "is not a PyTorch checkpoint" in _error_for(tmp_path / "notes.pth")


def test_a_plain_pickle_is_refused_without_torchs_protocol_warning(tmp_path):
    """torch warned "Detected pickle protocol 4" before our sentence (warnings are errors here)."""
    import pickle

    import warnings

    (tmp_path / "random.pkl.pth").write_bytes(pickle.dumps({"a": 1}, protocol=4))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # recorded, not raised: a raised one would be caught as a bad file
        assert "is not a PyTorch checkpoint" in _error_for(tmp_path / "random.pkl.pth")
    assert [str(w.message) for w in caught] == []


def test_checkpoint_of_something_else(tmp_path):
    torch.save([1, 2, 3], tmp_path / "list.pth")
    assert "is not a checkpoint: it holds a list" in _error_for(tmp_path / "list.pth")


def test_truncated_file(tmp_path):
    torch.save(make_torchvision_state_dict(num_classes=3), tmp_path / "full.pth")
    data = (tmp_path / "full.pth").read_bytes()
    (tmp_path / "cut.pth").write_bytes(data[: len(data) // 2])
    assert "truncated or corrupted" in _error_for(tmp_path / "cut.pth")


def test_truncated_legacy_file(tmp_path):
    torch.save(make_torchvision_state_dict(num_classes=3), tmp_path / "full.pth", _use_new_zipfile_serialization=False)
    data = (tmp_path / "full.pth").read_bytes()
    (tmp_path / "cut.pth").write_bytes(data[: len(data) // 2])
    assert "truncated or corrupted" in _error_for(tmp_path / "cut.pth")


def test_empty_file_directory_and_missing_file(tmp_path):
    (tmp_path / "empty.pth").touch()
    assert "is empty (0 bytes)" in _error_for(tmp_path / "empty.pth")
    (tmp_path / "folder.pth").mkdir()
    assert "is a folder" in _error_for(tmp_path / "folder.pth")
    assert "does not exist" in _error_for(tmp_path / "missing.pth")


def test_resnet_state_dict_summarises_missing_and_unexpected_keys(tmp_path):
    torch.save(torchvision.models.resnet18(num_classes=4).state_dict(), tmp_path / "resnet18.pth")
    message = _error_for(tmp_path / "resnet18.pth")
    assert "is not a GoogLeNet checkpoint" in message
    assert "expected keys are missing (e.g. conv1.conv.weight" in message
    assert "keys are unexpected (e.g. conv1.weight, bn1.weight" in message


def test_shape_mismatch_names_key_expected_and_got(tmp_path):
    state = make_torchvision_state_dict(num_classes=3)
    state["inception4b.branch1.conv.weight"] = torch.zeros(100, 512, 1, 1)
    torch.save(state, tmp_path / "odd.pth")
    message = _error_for(tmp_path / "odd.pth")
    assert "shape mismatch at inception4b.branch1.conv.weight: expected (160, 512, 1, 1), got (100, 512, 1, 1)" in message


def test_partial_googlenet_lists_missing_keys(tmp_path):
    state = make_torchvision_state_dict(num_classes=3)
    del state["inception5b.branch4.1.bn.running_var"]
    torch.save(state, tmp_path / "partial.pth")
    assert "1 key is missing (inception5b.branch4.1.bn.running_var)" in _error_for(tmp_path / "partial.pth")


@pytest.mark.parametrize("bad_value", [float("nan"), float("inf")])
def test_nan_or_inf_weights_name_the_tensor(tmp_path, bad_value):
    state = make_torchvision_state_dict(num_classes=3)
    state["inception4c.branch2.1.conv.weight"][0, 0, 0, 0] = bad_value
    torch.save({"state_dict": state}, tmp_path / "diverged.pth")
    message = _error_for(tmp_path / "diverged.pth")
    assert "1 NaN/Inf value in inception4c.branch2.1.conv.weight" in message


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16])
def test_huge_but_finite_weights_are_accepted(dtype):
    """The fused norm check overflows on them; the exact per-tensor pass must clear them."""
    from googlenet_gui.core.checkpoints.files import check_finite

    state = {k: v.to(dtype) if v.is_floating_point() else v
             for k, v in make_torchvision_state_dict(num_classes=3).items()}
    state["fc.weight"][0, :2] = torch.finfo(dtype).max
    check_finite(state, "huge.pth")  # no error
    state["fc.weight"][1, 0] = float("nan")
    with pytest.raises(Exception, match="1 NaN/Inf value in fc.weight"):
        check_finite(state, "huge.pth")


def test_broken_safetensors(tmp_path):
    (tmp_path / "bad.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json at all")
    assert "not a valid safetensors file" in _error_for(tmp_path / "bad.safetensors")


def test_misspelled_builtin_name_gets_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CheckpointError, match="offical does not exist \\(use 'official' or 'untrained'"):
        load_model("offical", device="cpu")


def test_one_missing_key_is_singular():
    from googlenet_gui.core.checkpoints.keymap import summarize_keys

    assert summarize_keys(["fc.bias"], "keys are missing") == "1 key is missing (fc.bias)"
    assert summarize_keys(["a", "b"], "expected keys are missing").startswith("2 expected keys are missing")
