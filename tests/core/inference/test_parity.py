"""Our one GoogLeNet must reproduce the original code's logits for each family's weights.

torchvision parity: a state_dict from torchvision's own ``googlenet`` loads with identical
main and aux logits (torchvision does not return aux logits in eval mode, so its aux heads
are called on the 4a/4d outputs captured with hooks).  Seed parity: the seed notes'
from-scratch implementation (tests/factories.py, verbatim) likewise, at 224 px because
its ``AvgPool2d(7)`` head needs it.
"""

from __future__ import annotations

import pytest
import torch
from factories import make_seed_model, make_torchvision_model

from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.checkpoints.official import official_filename
from googlenet_gui.core.inference import engine


def _reference_heads(model: torch.nn.Module, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Main logits from the original forward, aux logits from its own aux modules on 4a/4d."""
    captured: dict[str, torch.Tensor] = {}
    handles = [getattr(model, name).register_forward_hook(
        lambda _m, _i, out, key=key: captured.__setitem__(key, out))
        for key, name in (("aux1", "inception4a"), ("aux2", "inception4d"))]
    try:
        with torch.no_grad():
            main = model(x)
            return {"main": main, "aux1": model.aux1(captured["aux1"]), "aux2": model.aux2(captured["aux2"])}
    finally:
        for handle in handles:
            handle.remove()


def _assert_same_heads(ours: dict[str, torch.Tensor], reference: dict[str, torch.Tensor], atol: float) -> None:
    assert set(ours) == set(reference) == {"main", "aux1", "aux2"}
    for head, ref in reference.items():
        assert ref.abs().max() > 1e-3, f"{head} logits are trivially small; the comparison would prove nothing"
        torch.testing.assert_close(ours[head], ref, atol=atol, rtol=1e-5, msg=f"{head} logits differ")


def test_torchvision_state_dict_gives_identical_main_and_aux_logits(tmp_path):
    reference_model = make_torchvision_model(num_classes=7, seed=1)
    torch.save(reference_model.state_dict(), tmp_path / "tv.pth")
    loaded = load_model(tmp_path / "tv.pth", device="cpu")
    assert (loaded.format, loaded.spec.name, loaded.spec.bn_eps, loaded.spec.five_kernel) == ("torchvision", "torchvision", 1e-3, 3)
    assert loaded.transform_input is False and loaded.aux_state == "trained"
    x = torch.randn(2, 3, 64, 64, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        ours = loaded.model.forward_heads(x)
    _assert_same_heads(ours, _reference_heads(reference_model, x), atol=1e-5)


def test_official_file_in_torch_cache_matches_torchvision_with_transform_input(tmp_path, monkeypatch):
    """Exactly what a user copying the official file does; torchvision's official model uses transform_input."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    reference_model = make_torchvision_model(num_classes=1000, seed=2)
    reference_model.transform_input = True
    cache = tmp_path / "torch" / "hub" / "checkpoints"
    cache.mkdir(parents=True)
    torch.save(reference_model.state_dict(), cache / official_filename())
    loaded = load_model("official", device="cpu")
    assert loaded.format == "official" and loaded.transform_input is True
    assert loaded.aux_state == "untrained" and not loaded.aux_trained
    assert loaded.class_names[:2] == ["tench", "goldfish"]
    x = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        ours = loaded.model.forward_heads(x)
    _assert_same_heads(ours, _reference_heads(reference_model, x), atol=1e-5)


@pytest.mark.parametrize("aux", [True, False])
def test_seed_state_dict_gives_identical_logits(tmp_path, aux):
    seed_model = make_seed_model(num_classes=5, aux=aux, seed=3)
    torch.save(seed_model.state_dict(), tmp_path / "seed.pth")
    loaded = load_model(tmp_path / "seed.pth", device="cpu")
    spec = loaded.spec
    assert loaded.format == "tutorial" and spec.num_classes == 5 and spec.aux_logits is aux
    assert (spec.five_kernel, spec.stem_reduce, spec.conv_bias, spec.bn_eps) == (5, False, True, 1e-5)
    assert loaded.aux_state == ("trained" if aux else "absent")
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        ours = loaded.model.forward_heads(x)
        if aux:
            _assert_same_heads(ours, _reference_heads(seed_model, x), atol=1e-5)
        else:
            assert set(ours) == {"main"}
            torch.testing.assert_close(ours["main"], seed_model(x), atol=1e-5, rtol=1e-5)


def test_inference_copy_matches_eager_model(tmp_path):
    torch.save(make_torchvision_model(num_classes=4, seed=4).state_dict(), tmp_path / "tv.pth")
    loaded = load_model(tmp_path / "tv.pth", device="cpu")
    fast = engine.folded_model(loaded)
    assert fast is engine.folded_model(loaded), "the BN-folded copy is built once and cached"
    x = torch.randn(1, 3, 64, 64)
    with torch.inference_mode():
        torch.testing.assert_close(fast(x), loaded.model(x), atol=1e-4, rtol=1e-4)
    loaded.to("cpu")
    assert not engine.folded_ready(loaded), "moving the model drops the stale copy"
