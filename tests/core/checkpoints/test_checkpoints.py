"""Every checkpoint wrapper users produce, and the app's own format in both containers."""

from __future__ import annotations

import os

import pytest
import torch
import torch.serialization as serialization
from factories import make_torchvision_state_dict, save_app_checkpoint, save_tutorial_checkpoint

from googlenet_gui.core.checkpoints.files import read_checkpoint, save_checkpoint
from googlenet_gui.core.errors import CheckpointError
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.images.preprocessing import Preprocessing


@pytest.fixture(scope="module")
def tv_state() -> dict[str, torch.Tensor]:
    return make_torchvision_state_dict(num_classes=6, seed=5)


def _assert_weights_equal(loaded, state: dict[str, torch.Tensor]) -> None:
    ours = loaded.model.state_dict()
    assert set(ours) == set(state)
    for key, value in state.items():
        assert torch.equal(ours[key], value), key


@pytest.mark.parametrize("payload_of", [
    pytest.param(lambda s: {"state_dict": s}, id="state_dict"),
    pytest.param(lambda s: {"model_state_dict": s, "optimizer_state_dict": {}, "epoch": 7}, id="model_state_dict"),
    pytest.param(lambda s: {"model": s, "best_acc": 0.5}, id="model"),
    pytest.param(lambda s: {f"module.{k}": v for k, v in s.items()}, id="DataParallel"),
    pytest.param(lambda s: {"state_dict": {f"module.{k}": v for k, v in s.items()}}, id="nested+DataParallel"),
    pytest.param(lambda s: {f"_orig_mod.{k}": v for k, v in s.items()}, id="torch.compile"),
])
def test_wrappers_and_prefixes_load_the_same_weights(tmp_path, tv_state, payload_of):
    torch.save(payload_of(tv_state), tmp_path / "w.pth")
    loaded = load_model(tmp_path / "w.pth", device="cpu")
    assert loaded.format == "torchvision" and loaded.num_classes == 6
    _assert_weights_equal(loaded, tv_state)


def test_notes_say_which_wrapper_and_prefix_were_removed(tmp_path, tv_state):
    torch.save({"model_state_dict": {f"module.{k}": v for k, v in tv_state.items()}}, tmp_path / "w.pth")
    notes = read_checkpoint(tmp_path / "w.pth").notes
    assert notes == ["weights nested under 'model_state_dict'", "'module.' prefix removed"]


def test_aux_heads_absent_and_num_classes_from_fc_shape(tmp_path):
    state = make_torchvision_state_dict(num_classes=3, aux=False, seed=6)
    assert not any(k.startswith("aux") for k in state)
    torch.save(state, tmp_path / "noaux.pth")
    loaded = load_model(tmp_path / "noaux.pth", device="cpu")
    assert (loaded.num_classes, loaded.has_aux, loaded.aux_state) == (3, False, "absent")
    with torch.no_grad():
        assert set(loaded.model.forward_heads(torch.randn(1, 3, 64, 64))) == {"main"}


def test_checkpoint_saved_on_cuda_loads_on_cpu(tmp_path, tv_state):
    """Storages tagged 'cuda:0' (as a GPU machine writes them) are mapped to the CPU first."""
    def tag_as_cuda(storage):
        return "cuda:0" if storage.device.type == "cpu" else None

    entry = (1, tag_as_cuda, lambda obj, location: None)
    serialization._package_registry.append(entry)
    serialization._package_registry.sort(key=lambda e: e[0])
    try:
        torch.save({"state_dict": tv_state}, tmp_path / "gpu.pth")
    finally:
        serialization._package_registry.remove(entry)
    if not torch.cuda.is_available():
        with pytest.raises(RuntimeError, match="CUDA"):
            torch.load(tmp_path / "gpu.pth", weights_only=True)  # proves the file really is CUDA-tagged
    loaded = load_model(tmp_path / "gpu.pth", device="cpu")
    assert loaded.device.type == "cpu"
    _assert_weights_equal(loaded, tv_state)


def test_plain_safetensors_state_dict_is_detected_by_keys(tmp_path, tv_state):
    from safetensors.torch import save_file

    save_file({k: v.contiguous() for k, v in tv_state.items()}, str(tmp_path / "tv.safetensors"))
    data = read_checkpoint(tmp_path / "tv.safetensors")
    assert (data.format, data.container, data.class_names) == ("torchvision", "safetensors", None)


def test_safetensors_detected_by_content_without_suffix(tmp_path):
    path = save_app_checkpoint(tmp_path / "app.safetensors", class_names=["a", "b"])
    renamed = path.rename(tmp_path / "app.bin")
    data = read_checkpoint(renamed)
    assert (data.format, data.container, data.class_names) == ("googlenet-gui", "safetensors", ["a", "b"])


@pytest.mark.parametrize("suffix", [".pth", ".safetensors"])
def test_app_format_round_trip_keeps_names_preprocessing_variant_and_provenance(tmp_path, suffix):
    tutorial = load_model(save_tutorial_checkpoint(tmp_path / "seed.pth", num_classes=3, seed=7), device="cpu")
    prep = Preprocessing(resize=240, crop=216, mean=(0.5, 0.4, 0.3), std=(0.2, 0.25, 0.3), interpolation="bicubic")
    out = save_checkpoint(tmp_path / f"mine{suffix}", tutorial, class_names=["ant", "bee", "cow"],
                          preprocessing=prep, transform_input=True, aux_state="calibrated",
                          provenance={"note": "unit test"}, training={"epochs": 2, "val_accuracy": 0.75})
    again = load_model(out, device="cpu")
    assert again.format == "googlenet-gui"
    assert again.container == ("safetensors" if suffix == ".safetensors" else "torch")
    assert again.class_names == ["ant", "bee", "cow"] and again.labels_source == "checkpoint"
    assert again.preprocessing == prep
    assert again.spec == tutorial.spec and again.spec.name == "tutorial"
    assert again.transform_input is True and again.model.transform_input is True
    assert again.aux_state == "calibrated" and again.aux_trained
    assert again.training == {"epochs": 2, "val_accuracy": 0.75}
    prov = again.provenance
    assert prov["note"] == "unit test" and prov["source"] == str(tmp_path / "seed.pth")
    assert prov["app_version"] and prov["torch_version"] == str(torch.__version__) and "T" in prov["created"]
    _assert_weights_equal(again, tutorial.model.state_dict())


def test_app_checkpoint_from_factory_and_generic_save_of_plain_model(tmp_path):
    loaded = load_model(save_app_checkpoint(tmp_path / "a.pth", class_names=["x", "y"]), device="cpu")
    assert loaded.class_names == ["x", "y"] and loaded.transform_input is False
    raw = torch.load(tmp_path / "a.pth", weights_only=True)
    assert raw["format"] == "googlenet-gui" and raw["format_version"] == 1
    assert set(raw) >= {"state_dict", "class_names", "preprocessing", "variant", "transform_input",
                        "aux_state", "provenance", "training"}


def test_save_refuses_to_overwrite_the_source_unless_asked(tmp_path):
    source = save_app_checkpoint(tmp_path / "src.pth", class_names=["a", "b"])
    loaded = load_model(source, device="cpu")
    before = source.read_bytes()
    with pytest.raises(CheckpointError, match="loaded from"):
        save_checkpoint(source, loaded, source_path=source)
    assert source.read_bytes() == before
    save_checkpoint(source, loaded, source_path=source, overwrite=True)
    assert load_model(source, device="cpu").class_names == ["a", "b"]


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = save_app_checkpoint(tmp_path / "keep.pth", class_names=["a", "b"])
    before = target.read_bytes()
    loaded = load_model(target, device="cpu")

    def disk_full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(CheckpointError, match="No space left on device") as info:
        save_checkpoint(target, loaded, class_names=["c", "d"])
    assert str(target) in str(info.value)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pth"]


def test_a_disk_filling_up_during_torch_save_is_a_sentence_not_a_traceback(tmp_path, monkeypatch):
    """torch's zip writer turns the failed write into "RuntimeError: [enforce fail at inline_container.cc]"."""
    import googlenet_gui.core.atomic_files as atomic_files

    target = save_app_checkpoint(tmp_path / "keep.pth", class_names=["a", "b"])
    before = target.read_bytes()
    real_fdopen = os.fdopen

    class FillsUp:
        """The temp file, failing like a full disk after its first 64 KB."""

        def __init__(self, handle):
            self.handle, self.written = handle, 0

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.written += len(data)
            if self.written > 65536:
                raise OSError(28, "No space left on device")
            return self.handle.write(data)

    monkeypatch.setattr(atomic_files.os, "fdopen", lambda fd, mode: FillsUp(real_fdopen(fd, mode)))
    with pytest.raises(CheckpointError, match="keep.pth could not be written.*disk full.*unchanged"):
        save_checkpoint(target, load_model(target, device="cpu"), class_names=["c", "d"])
    assert target.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["keep.pth"]


def test_saved_checkpoints_follow_the_umask_and_keep_an_overwritten_files_mode(tmp_path):
    """mkstemp's 0600 once made every saved checkpoint readable by its owner only."""
    old_umask = os.umask(0o022)
    try:
        fresh = save_app_checkpoint(tmp_path / "fresh.pth", class_names=["a", "b"])
        assert fresh.stat().st_mode & 0o777 == 0o644
        fresh.chmod(0o640)
        save_checkpoint(fresh, load_model(fresh, device="cpu"), class_names=["c", "d"])
        assert fresh.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_umask)


def test_class_names_stored_by_a_training_script_are_used(tmp_path, tv_state):
    names = [f"flower {i}" for i in range(6)]
    torch.save({"model_state_dict": tv_state, "classes": names, "epoch": 9}, tmp_path / "script.pth")
    loaded = load_model(tmp_path / "script.pth", device="cpu")
    assert loaded.class_names == names and loaded.labels_source == "checkpoint"


def test_half_precision_file_is_upcast_to_float32(tmp_path, tv_state):
    torch.save({k: v.half() if v.is_floating_point() else v for k, v in tv_state.items()}, tmp_path / "half.pth")
    loaded = load_model(tmp_path / "half.pth", device="cpu")
    assert {p.dtype for p in loaded.model.parameters()} == {torch.float32}
    torch.testing.assert_close(loaded.model.fc.weight, tv_state["fc.weight"].half().float())


def test_legacy_non_zip_serialization_loads(tmp_path, tv_state):
    torch.save({"state_dict": tv_state}, tmp_path / "old.pth", _use_new_zipfile_serialization=False)
    _assert_weights_equal(load_model(tmp_path / "old.pth", device="cpu"), tv_state)


def test_file_without_num_batches_tracked_loads(tmp_path, tv_state):
    """Files from before PyTorch 0.4.1 (and some ports) have no BatchNorm batch counters."""
    old = {k: v for k, v in tv_state.items() if not k.endswith("num_batches_tracked")}
    torch.save(old, tmp_path / "old.pth")
    loaded = load_model(tmp_path / "old.pth", device="cpu")
    assert int(loaded.model.conv1.bn.num_batches_tracked) == 0
    torch.testing.assert_close(loaded.model.conv1.bn.running_var, tv_state["conv1.bn.running_var"])
