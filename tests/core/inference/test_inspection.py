"""inspect(): one hooked pass gives every branch, the stem and every head, exactly."""

from __future__ import annotations

import io
import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.core.checkpoints.files import save_checkpoint
from googlenet_gui.core.accel.folded import prepare_for_inference
from googlenet_gui.core.images.decode import LoadedImage, preprocess
from googlenet_gui.core.inference.inspection import branch_statistics, inspect
from googlenet_gui.core.inference.torch_pass import inspect_tensor
from googlenet_gui.core.checkpoints.loading import LoadedModel, load_model
from googlenet_gui.core.network.model import GoogLeNet, build_model
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES, torchvision_spec
from googlenet_gui.core.inference import engine

SIZE = 96
PREP = Preprocessing(resize=SIZE, crop=SIZE)


def realistic_model(seed: int = 0, num_classes: int = 10) -> GoogLeNet:
    """Random weights scaled like a trained net (O(1) activations), BN with real statistics,
    so numerical comparisons are not trivially satisfied by near-zero outputs."""
    torch.manual_seed(seed)
    model = build_model(torchvision_spec(num_classes=num_classes))
    for module in model.modules():
        if isinstance(module, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
        elif isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.normal_(0, 0.2)
            module.running_var.uniform_(0.5, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.normal_(0, 0.2)
    return model.eval()


CLASSES = [f"c{i}" for i in range(10)]


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ckpt")
    model = realistic_model()
    return {state: save_checkpoint(folder / f"{state}.pt", model, class_names=CLASSES, preprocessing=PREP,
                                   transform_input=False, aux_state=state)
            for state in ("trained", "untrained")}


@pytest.fixture(scope="module")
def loaded(checkpoint) -> LoadedModel:
    return load_model(checkpoint["trained"], device="cpu")


@pytest.fixture(scope="module")
def picture() -> Image.Image:
    rng = np.random.default_rng(1)
    return Image.fromarray(rng.integers(0, 255, (120, 140, 3), dtype=np.uint8))


@pytest.fixture(scope="module")
def result(loaded, picture):
    return inspect(loaded, LoadedImage(picture, "noise.png", ["a note"]), top_k=3)


def _eager_outputs(model: GoogLeNet, batch: torch.Tensor) -> dict[str, torch.Tensor]:
    outputs = {}
    with torch.no_grad():
        x = batch
        for name in model.trunk_names:
            x = getattr(model, name)(x)
            outputs[name] = x.clone()
    return outputs


def test_every_module_has_four_branches_tiling_the_output(result):
    assert list(result.modules) == list(INCEPTION_NAMES)
    for name, module in result.modules.items():
        assert [b.name for b in module.branches] == list(BRANCH_NAMES)
        stop = 0
        for branch in module.branches:
            start, end = branch.channel_range
            assert start == stop and branch.maps.shape[0] == end - start
            np.testing.assert_array_equal(branch.maps, module.output[start:end])
            stop = end
        assert stop == module.output.shape[0]
        assert module.output.dtype == np.float32 and module.output.ndim == 3


def test_outputs_equal_the_eager_model(loaded, picture, result):
    batch = preprocess(picture, PREP).unsqueeze(0)
    eager = _eager_outputs(loaded.model, batch)
    for name in INCEPTION_NAMES:
        expected = eager[name][0].numpy()
        assert expected.std() > 0.1  # real signal, not near-zero noise
        np.testing.assert_allclose(result.modules[name].output, expected, atol=1e-4, rtol=1e-4)
    assert set(result.stem) == {"conv1", "maxpool1", "conv2", "conv3", "maxpool2"}
    for name, maps in result.stem.items():
        np.testing.assert_allclose(maps, eager[name][0].numpy(), atol=1e-4, rtol=1e-4)


def test_branch_maps_equal_the_eager_branch_modules(loaded, picture, result):
    batch = preprocess(picture, PREP).unsqueeze(0)
    module_input = _eager_outputs(loaded.model, batch)["maxpool3"]
    with torch.no_grad():
        branch3 = loaded.model.inception4a.branch3(module_input)[0].numpy()
    np.testing.assert_allclose(result.modules["inception4a"].branch("5x5").maps, branch3, atol=1e-4, rtol=1e-4)


def test_heads_equal_softmax_of_forward_heads_in_eval_mode(loaded, picture, result):
    loaded.model.train()
    try:
        with torch.no_grad():
            logits = loaded.model.eval().forward_heads(preprocess(picture, PREP).unsqueeze(0))
    finally:
        loaded.model.eval()
    assert set(result.heads) == {"main", "aux1", "aux2"}
    for name, head in result.heads.items():
        expected = torch.softmax(logits[name], dim=1)[0].numpy()
        np.testing.assert_allclose(head.probabilities, expected, atol=1e-5)
        assert len(head.top) == 3 and head.top[0].index == int(expected.argmax())
        assert head.top[0].label == f"c{head.top[0].index}"


def test_input_rgb_times_names_and_notes(result):
    assert result.input_rgb.shape == (SIZE, SIZE, 3) and result.input_rgb.dtype == np.uint8
    assert result.image == "noise.png" and "a note" in result.notes
    for name in ("conv1", "inception3a", "inception5b", "aux1", "aux2", "fc"):
        assert result.layer_times_ms[name] > 0


def test_untrained_aux_heads_are_flagged(checkpoint, picture):
    out = inspect(load_model(checkpoint["untrained"], device="cpu"), picture)
    assert out.heads["main"].trained and not out.heads["aux1"].trained and not out.heads["aux2"].trained
    assert any("aux" in note for note in out.notes)


def test_model_mode_restored_and_no_hooks_left(loaded, picture):
    fast = engine.folded_model(loaded)
    fast.train()
    try:
        inspect(loaded, picture)
        assert fast.training and all(m.training for m in fast.modules())
        assert all(not m._forward_hooks and not m._forward_pre_hooks for m in fast.modules())
    finally:
        fast.eval()


def test_accepts_bytes_and_paths(loaded, picture, tmp_path):
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    path = tmp_path / "pic.png"
    path.write_bytes(buffer.getvalue())
    from_bytes = inspect(loaded, buffer.getvalue())
    from_path = inspect(loaded, str(path))
    assert from_path.image.endswith("pic.png")
    np.testing.assert_allclose(from_bytes.heads["main"].probabilities, from_path.heads["main"].probabilities)


def test_stored_arrays_survive_later_passes(loaded, picture):
    fast = engine.folded_model(loaded)
    batch = preprocess(picture, PREP).unsqueeze(0)
    first = inspect_tensor(fast, batch)
    snapshot = first.activations["inception3a"].clone()
    inspect_tensor(fast, torch.randn_like(batch))
    torch.testing.assert_close(first.activations["inception3a"], snapshot)


def test_inspect_tensor_batches_and_model_without_aux(picture):
    model = prepare_for_inference(build_model(torchvision_spec(num_classes=5, aux_logits=False)))
    raw = inspect_tensor(model, torch.randn(2, 3, 64, 64))
    assert set(raw.logits) == {"main"} and raw.logits["main"].shape == (2, 5)
    assert raw.activations["inception4c"].shape == (2, 512, 4, 4)
    assert "aux1" not in raw.layer_times_ms


def test_branch_statistics_shares_sum_to_one(result):
    stats = branch_statistics(result.modules["inception4c"])
    assert [s["branch"] for s in stats] == list(BRANCH_NAMES)
    assert sum(s["channels"] for s in stats) == 512
    assert abs(sum(s["channel_share"] for s in stats) - 1) < 1e-9
    assert abs(sum(s["energy_share"] for s in stats) - 1) < 1e-9
    assert all(0 <= s["active"] <= 1 and s["max"] >= s["mean"] >= 0 for s in stats)


def test_input_from_view_equals_preprocess_exactly(picture):
    from googlenet_gui.core.images.decode import model_view
    from googlenet_gui.core.inference.inspection import input_from_view

    prep = Preprocessing()
    assert torch.equal(input_from_view(model_view(picture, prep), prep), preprocess(picture, prep))


def test_tutorial_variant_stem_without_conv3_and_true_5x5():
    from googlenet_gui.core.inference.inspection import module_maps
    from googlenet_gui.core.inference.torch_pass import stem_names
    from googlenet_gui.core.network.spec import tutorial_spec

    torch.manual_seed(0)
    model = prepare_for_inference(build_model(tutorial_spec(num_classes=4)))
    raw = inspect_tensor(model, torch.randn(1, 3, 224, 224))
    assert stem_names(model) == ["conv1", "maxpool1", "conv2", "maxpool2"]
    assert raw.activations["conv2"].shape == (1, 192, 56, 56)
    maps = module_maps(model, raw)["inception4a"]
    assert [b.channel_range for b in maps.branches] == [(0, 192), (192, 400), (400, 448), (448, 512)]
    assert set(raw.logits) == {"main", "aux1", "aux2"} and raw.logits["aux2"].shape == (1, 4)


def test_untrained_model_says_every_head_is_noise(tmp_path):
    """Random weights: the note must not suggest that only the aux heads are unreliable."""
    from PIL import Image

    from googlenet_gui.core.checkpoints.loading import load_model

    photo = tmp_path / "photo.png"
    Image.new("RGB", (64, 48), (200, 40, 40)).save(photo)
    result = inspect(load_model("untrained", device="cpu"), str(photo))
    assert any("every prediction is noise" in note for note in result.notes)
    assert not any("aux heads are not trained" in note for note in result.notes)


def test_allow_eager_serves_the_first_image_before_the_fast_copy_exists(checkpoint, picture):
    """The window's first image after a load skips building the BN-folded copy (~0.15 s)."""
    fresh = load_model(checkpoint["trained"], device="cpu")
    assert not engine.folded_ready(fresh)
    eager = inspect(fresh, LoadedImage(picture, "noise.png", []), top_k=3, allow_eager=True)
    assert not engine.folded_ready(fresh)  # still not built: the eager model served
    folded = inspect(fresh, LoadedImage(picture, "noise.png", []), top_k=3)
    assert engine.folded_ready(fresh)
    for name in INCEPTION_NAMES:
        np.testing.assert_allclose(eager.modules[name].output, folded.modules[name].output, atol=1e-4, rtol=1e-4)
    assert [e.label for e in eager.heads["main"].top] == [f.label for f in folded.heads["main"].top]
    np.testing.assert_allclose([e.probability for e in eager.heads["aux2"].top],
                               [f.probability for f in folded.heads["aux2"].top], atol=1e-5)
    assert all(p.requires_grad for p in fresh.model.parameters())  # the trainable model is untouched
    again = inspect(fresh, LoadedImage(picture, "noise.png", []), top_k=3, allow_eager=True)
    np.testing.assert_array_equal(again.modules["inception5b"].output, folded.modules["inception5b"].output)
