"""load_model's sources (official, default, untrained), flags, and LoadedModel behaviour."""

from __future__ import annotations

import hashlib

import pytest
import torch
from factories import make_torchvision_state_dict, save_app_checkpoint, save_torchvision_checkpoint

from googlenet_gui.core.errors import JobCancelled, WeightsUnavailableError
from googlenet_gui.core.checkpoints.loading import LoadedModel, load_model
from googlenet_gui.core.checkpoints.official import download_to_cache, official_cache_path, official_filename


@pytest.fixture
def torch_home(tmp_path, monkeypatch):
    """An empty torch cache of our own, so the user's real cache is never read or written."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    return tmp_path / "torch"


def _place_official_file(torch_home) -> None:
    cache = torch_home / "hub" / "checkpoints"
    cache.mkdir(parents=True)
    torch.save(make_torchvision_state_dict(num_classes=1000, seed=9), cache / official_filename())


def test_official_offline_and_not_cached_says_where_to_put_the_file(torch_home, monkeypatch):
    monkeypatch.setenv("GOOGLENET_GUI_OFFLINE", "1")
    with pytest.raises(WeightsUnavailableError) as info:
        load_model("official", device="cpu")
    message = str(info.value)
    expected = torch_home / "hub" / "checkpoints" / "googlenet-1378be20.pth"
    assert official_cache_path() == expected
    assert str(expected) in message and "googlenet-1378be20.pth" in message and "--weights PATH" in message


def test_default_without_cached_weights_is_untrained_with_a_plain_warning(torch_home):
    loaded = load_model(device="cpu")
    assert (loaded.format, loaded.aux_state, loaded.num_classes) == ("untrained", "untrained", 1000)
    assert loaded.class_names[0] == "tench" and loaded.labels_source == "ImageNet"
    assert len(loaded.warnings) == 1 and "untrained GoogLeNet" in loaded.warnings[0]
    assert "googlenet-1378be20.pth" in loaded.warnings[0]


def test_default_uses_cached_official_weights_offline(torch_home):
    _place_official_file(torch_home)
    loaded = load_model(device="cpu")
    assert loaded.format == "official" and loaded.warnings == []
    assert loaded.transform_input and loaded.model.transform_input and loaded.aux_state == "untrained"
    assert loaded.name == "official ImageNet weights"
    assert loaded.provenance["weights"] == "torchvision GoogLeNet_Weights.IMAGENET1K_V1"
    assert not any(p.name.endswith(".partial") for p in (torch_home / "hub" / "checkpoints").iterdir())


def test_transform_input_flag_overrides_the_file(tmp_path, torch_home):
    _place_official_file(torch_home)
    assert load_model("official", device="cpu", transform_input=False).model.transform_input is False
    plain = save_torchvision_checkpoint(tmp_path / "tv.pth", num_classes=3)
    assert load_model(plain, device="cpu").transform_input is False
    forced = load_model(plain, device="cpu", transform_input=True)
    assert forced.transform_input and forced.model.transform_input


def test_untrained_is_reproducible_in_shape_and_meta():
    loaded = load_model("untrained", device="cpu")
    assert isinstance(loaded, LoadedModel) and loaded.warnings == []
    assert loaded.spec.name == "torchvision" and loaded.has_aux and not loaded.aux_trained
    assert loaded.name == "untrained GoogLeNet"


def test_labels_file_names_the_classes(tmp_path):
    path = save_app_checkpoint(tmp_path / "a.pth", class_names=["a", "b", "c"])
    (tmp_path / "labels.txt").write_text("red\ngreen\nblue\n\n", encoding="utf-8")
    loaded = load_model(path, device="cpu", labels=tmp_path / "labels.txt")
    assert loaded.class_names == ["red", "green", "blue"] and loaded.label(1) == "green"
    assert loaded.label(7) == "class 7"


def test_info_describes_the_model(tmp_path):
    loaded = load_model(save_torchvision_checkpoint(tmp_path / "tv.pth", num_classes=3, aux=False), device="cpu")
    info = loaded.info()
    assert info["format"] == "torchvision" and info["variant"] == "torchvision"
    assert info["num_classes"] == 3 and info["class_names_sample"] == ["class 0", "class 1", "class 2"]
    assert info["aux_heads"] == "absent" and info["transform_input"] is False
    assert info["parameters"] == sum(p.numel() for p in loaded.model.parameters()) > 5_000_000
    assert info["preprocessing"]["crop"] == 224 and info["device"] == "cpu"
    assert "3x3 in the 5x5 slot" in info["variant_description"]


def test_download_to_cache_reports_progress_and_renames_only_a_verified_file(tmp_path):
    source = tmp_path / "remote.bin"
    source.write_bytes(bytes(range(256)) * 1000)
    prefix = hashlib.sha256(source.read_bytes()).hexdigest()[:8]
    seen: list[tuple[int, int]] = []
    dest = tmp_path / "cache" / "weights-x.pth"
    download_to_cache(source.as_uri(), dest, lambda done, total: seen.append((done, total)), prefix,
                      chunk_size=50_000)
    assert dest.read_bytes() == source.read_bytes()
    assert seen[-1] == (256_000, 256_000) and len(seen) == 6
    assert sorted(p.name for p in dest.parent.iterdir()) == ["weights-x.pth"]


def test_download_with_wrong_hash_or_cancel_leaves_nothing(tmp_path):
    source = tmp_path / "remote.bin"
    source.write_bytes(b"x" * 200_000)
    dest = tmp_path / "cache" / "weights-y.pth"
    with pytest.raises(RuntimeError, match="checksum"):
        download_to_cache(source.as_uri(), dest, lambda done, total: None, "00000000")

    def cancel(done, total):
        raise JobCancelled()

    with pytest.raises(JobCancelled):
        download_to_cache(source.as_uri(), dest, cancel, None, chunk_size=1000)
    assert list(dest.parent.iterdir()) == []


def test_official_download_with_progress_callback_end_to_end(tmp_path, torch_home, monkeypatch):
    """The GUI's download path, with the official URL pointed at a local file:// copy."""
    from googlenet_gui.core.checkpoints import official as weights

    staging = tmp_path / "staging.pth"
    torch.save(make_torchvision_state_dict(num_classes=1000, seed=9), staging)
    prefix = hashlib.sha256(staging.read_bytes()).hexdigest()[:8]
    served = staging.rename(tmp_path / f"googlenet-{prefix}.pth")
    monkeypatch.setattr(weights, "official_url", lambda: served.as_uri())
    monkeypatch.delenv("GOOGLENET_GUI_OFFLINE", raising=False)
    seen: list[tuple[int, int]] = []
    loaded = load_model("official", device="cpu", progress_callback=lambda d, t: seen.append((d, t)))
    assert loaded.format == "official" and loaded.transform_input
    assert seen[-1][0] == seen[-1][1] == served.stat().st_size
    assert (torch_home / "hub" / "checkpoints" / served.name).read_bytes() == served.read_bytes()


def test_official_download_failure_is_weights_unavailable(tmp_path, torch_home, monkeypatch):
    from googlenet_gui.core.checkpoints import official as weights

    monkeypatch.setattr(weights, "official_url", lambda: (tmp_path / "gone" / "googlenet-1378be20.pth").as_uri())
    monkeypatch.delenv("GOOGLENET_GUI_OFFLINE", raising=False)
    with pytest.raises(WeightsUnavailableError, match="the download failed") as info:
        load_model("official", device="cpu", progress_callback=lambda d, t: None)
    assert str(torch_home / "hub" / "checkpoints" / "googlenet-1378be20.pth") in str(info.value)
    assert load_model(device="cpu", progress_callback=lambda d, t: None).format == "untrained"
