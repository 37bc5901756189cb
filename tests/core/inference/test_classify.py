"""classify(): order, per-file errors, heads, batching, progress and cancel on a real small model."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.core.inference.classify import classify
from googlenet_gui.core.errors import GoogLeNetGuiError, JobCancelled
from googlenet_gui.core.images.decode import load_image, preprocess
from googlenet_gui.core.jobs import CancelToken
from googlenet_gui.core.checkpoints.loading import LoadedModel, load_model
from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.factories import save_app_checkpoint, save_tutorial_checkpoint

SMALL = Preprocessing(resize=72, crop=64)
CLASSES = ["apple", "bus", "cat", "dog", "egg"]


def _loaded(folder, aux: bool = True, aux_state: str = "trained") -> LoadedModel:
    """A real app checkpoint with 5 classes and 64x64 preprocessing, loaded the normal way."""
    path = save_app_checkpoint(folder / f"m_{aux}_{aux_state}.pt", class_names=CLASSES, aux=aux,
                               preprocessing=SMALL, aux_state=aux_state)
    return load_model(path, device="cpu")


@pytest.fixture(scope="module")
def with_aux(tmp_path_factory) -> LoadedModel:
    return _loaded(tmp_path_factory.mktemp("model"))


def _photo(path, seed: int, size=(90, 70)):
    pixels = np.random.default_rng(seed).integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)
    Image.fromarray(pixels).save(path)
    return path


@pytest.fixture
def folder(tmp_path):
    for index, name in enumerate(["a.png", "c.jpg", "sub/e.png"]):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        _photo(tmp_path / name, index)
    (tmp_path / "b_corrupt.jpg").write_bytes((tmp_path / "c.jpg").read_bytes()[:300])
    (tmp_path / "d_text.png").write_text("not an image")
    (tmp_path / "notes.txt").write_text("skipped: not an image suffix")
    return tmp_path


def test_folder_errors_only_for_bad_files_and_order_kept(with_aux, folder):
    results = list(classify(with_aux, [folder], top_k=3, batch_size=2))
    names = [r.image.removeprefix(str(folder) + "/") for r in results]
    assert names == ["a.png", "b_corrupt.jpg", "c.jpg", "d_text.png", "sub/e.png"]
    assert [r.error is None for r in results] == [True, False, True, False, True]
    assert "b_corrupt.jpg' is truncated or corrupt" in results[1].error
    assert "d_text.png' is not an image" in results[3].error
    for result in (results[0], results[2], results[4]):
        assert list(result.heads) == ["main", "aux1", "aux2"]
        assert [len(h.top) for h in result.heads.values()] == [3, 3, 3]
        assert result.heads["main"].top[0].label in CLASSES


def test_probabilities_match_the_eager_model_image_by_image(with_aux, folder):
    paths = [folder / "a.png", folder / "c.jpg"]
    results = list(classify(with_aux, paths, batch_size=4))
    for path, result in zip(paths, results):
        x = preprocess(load_image(path).image, SMALL)[None]
        with torch.no_grad():
            logits = with_aux.model.forward_heads(x)
        for head, value in logits.items():
            expected = torch.softmax(value, dim=-1)[0].numpy()
            np.testing.assert_allclose(result.heads[head].probabilities, expected, atol=1e-4)
        best = result.heads["main"].top
        assert best[0].probability >= best[1].probability and best[0].label == CLASSES[best[0].index]


def test_model_without_aux_heads_gives_main_only_and_json_has_no_aux(folder):
    loaded = _loaded(folder, aux=False)
    result = next(classify(loaded, [folder / "a.png"]))
    assert list(result.heads) == ["main"]
    assert list(result.to_json()["predictions"]) == ["main"]


def test_untrained_aux_heads_are_marked(folder):
    loaded = _loaded(folder, aux_state="untrained")
    heads = next(classify(loaded, [folder / "a.png"])).heads
    assert [heads[h].trained for h in ("main", "aux1", "aux2")] == [True, False, False]


def test_progress_after_every_batch_and_cancel_between_batches(with_aux, tmp_path):
    paths = [_photo(tmp_path / f"{i}.png", i, size=(40, 40)) for i in range(5)]
    calls = []
    assert len(list(classify(with_aux, paths, batch_size=2, on_progress=lambda *a: calls.append(a)))) == 5
    assert calls == [(2, 5), (4, 5), (5, 5)]
    token = CancelToken()
    produced = []
    with pytest.raises(JobCancelled):
        for result in classify(with_aux, paths, batch_size=2, cancel=token):
            produced.append(result)
            token.cancel()
    assert len(produced) == 2  # the first batch finished; nothing after the cancel


def test_bytes_pil_and_loaded_images_and_missing_paths(with_aux, tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), (200, 10, 10)).save(buffer, "PNG")
    decoded = load_image(buffer.getvalue(), name="clip.png")
    inputs = [buffer.getvalue(), decoded, Image.new("L", (3, 5), 9), tmp_path / "gone.jpg"]
    results = list(classify(with_aux, inputs))
    assert [r.image for r in results] == ["pasted image", "clip.png", "image", str(tmp_path / "gone.jpg")]
    assert [r.error is None for r in results] == [True, True, True, False]
    np.testing.assert_allclose(results[0].heads["main"].probabilities,
                               results[1].heads["main"].probabilities, atol=1e-6)
    assert "does not exist" in results[3].error


def test_animated_note_travels_with_the_result(with_aux, tmp_path):
    frames = [Image.new("RGB", (30, 30), c) for c in ((255, 0, 0), (0, 255, 0))]
    frames[0].save(tmp_path / "a.gif", save_all=True, append_images=frames[1:])
    result = next(classify(with_aux, tmp_path / "a.gif"))
    assert result.notes == ["animated image: first frame used"] and result.error is None


def test_a_model_that_cannot_take_the_crop_is_one_clear_error(tmp_path):
    loaded = load_model(save_tutorial_checkpoint(tmp_path / "seed.pt", num_classes=3), device="cpu")
    loaded.preprocessing = Preprocessing(resize=40, crop=32)  # too small for the seed's AvgPool2d(7)
    with pytest.raises(GoogLeNetGuiError, match="The model cannot classify 32x32 inputs"):
        list(classify(loaded, [_photo(tmp_path / "a.png", 0)]))


def test_stopping_early_leaves_no_decode_or_batch_threads(with_aux, tmp_path):
    import threading

    paths = [_photo(tmp_path / f"{i}.png", i, size=(40, 40)) for i in range(6)]
    results = classify(with_aux, paths, batch_size=2)
    assert next(results).error is None
    results.close()
    assert [t.name for t in threading.enumerate() if t.name.startswith(("decode", "classify"))] == []
