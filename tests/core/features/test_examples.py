"""Dataset examples: the ranking is each image's own maximum, memory stays bounded, bad files are skipped."""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.core.errors import ExplainError, GoogLeNetGuiError, JobCancelled
from googlenet_gui.core.explain.receptive import trunk_geometry
from googlenet_gui.core.features.dictionary import layer_maps
from googlenet_gui.core.features.examples import ExampleIndex, ExamplesProgress, examples, iter_examples
from googlenet_gui.core.jobs import CancelToken, result_of
from googlenet_gui.core.network.spec import BRANCH_NAMES
from tests.core.features.conftest import noise_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return noise_folder(tmp_path_factory.mktemp("noise") / "photos", 8)


@pytest.mark.parametrize("layer,channel", [("inception4a.3x3", 17), ("conv2", 5), ("inception3b", 200),
                                           ("maxpool3", 9), ("inception5b.pool_proj", 3)])
def test_the_ranking_is_each_images_own_maximum(loaded, folder, layer, channel):
    result = examples(loaded, folder, layer, channel, k=5)
    direct = []
    for path in sorted(folder.iterdir()):
        channel_map = layer_maps(loaded, str(path), layer)[channel]
        row, col = np.unravel_index(int(np.argmax(channel_map)), channel_map.shape)
        direct.append((float(channel_map.max()), str(path), int(row), int(col)))
    direct.sort(reverse=True)
    assert [e.image for e in result.examples] == [name for _, name, _, _ in direct[:5]]
    np.testing.assert_allclose([e.activation for e in result.examples], [v for v, *_ in direct[:5]], rtol=1e-4,
                               atol=1e-5)
    geometry = trunk_geometry(loaded.model)[layer]
    for example, (_, _, row, col) in zip(result.examples, direct):
        assert (example.row, example.col) == (row, col)
        assert example.box == geometry.region(row, col, 64)
    assert result.images == 8 and result.skipped == [] and not result.cached


def test_only_k_are_kept_per_channel_over_a_folder_of_many_images(loaded, tmp_path):
    many = noise_folder(tmp_path / "many", 40, size=(24, 24))
    progress = []
    events = list(iter_examples(loaded, many, keep=3, batch_size=16, on_progress=lambda d, t: progress.append(d)))
    index = events[-1]
    assert isinstance(index, ExampleIndex) and len(index.images) == 40
    assert progress == [16, 32, 40] and [e.done for e in events if isinstance(e, ExamplesProgress)] == progress
    assert set(index.layers) == set(loaded.model.trunk_names)
    for name, record in index.layers.items():
        channels = record.values.shape[0]
        assert record.values.shape == record.images.shape == record.positions.shape == (channels, 3), name
        assert np.all(np.diff(record.values, axis=1) <= 0)  # strongest first
        assert record.images.min() >= 0 and record.images.max() < 40
    assert index.layers["inception4c"].values.shape == (512, 3)


def test_a_small_folder_fills_what_it_can(loaded, tmp_path):
    two = noise_folder(tmp_path / "two", 2)
    index = result_of(iter_examples(loaded, two, keep=4))
    record = index.layers["conv1"]
    assert np.all(np.isneginf(record.values[:, 2:])) and np.all(record.images[:, 2:] == -1)
    assert len(index.top("conv1", 0, 4)) == 2


def test_a_bad_file_is_reported_by_name_and_skipped(loaded, tmp_path):
    mixed = noise_folder(tmp_path / "mixed", 4)
    (mixed / "broken.jpg").write_bytes(b"not a jpeg at all")
    (mixed / "empty.png").write_bytes(b"")
    result = examples(loaded, mixed, "inception3a", 0, k=9)
    assert result.images == 4 and len(result.examples) == 4
    assert len(result.skipped) == 2
    assert any("broken.jpg" in message for message in result.skipped)
    assert any("empty.png" in message and "empty" in message for message in result.skipped)
    assert all("broken" not in e.image and "empty" not in e.image for e in result.examples)


def test_the_folder_record_is_cached_and_a_changed_folder_misses(loaded, tmp_path, cache_folder):
    photos = noise_folder(tmp_path / "c", 3)
    first = examples(loaded, photos, "inception4b.5x5", 2, k=3)
    again = examples(loaded, photos, "inception4e", 100, k=3)  # another layer: the same record
    assert not first.cached and again.cached and len(list(cache_folder.rglob("*.npz"))) == 1
    assert examples(loaded, photos, "inception4b.5x5", 2, k=3).to_json() == {**first.to_json(), "cached": True}
    spelled = photos / ".." / "c"  # the same folder by another path: a hit, named as asked
    renamed = examples(loaded, spelled, "inception4b.5x5", 2, k=3)
    assert renamed.cached and [e.image for e in renamed.examples] == \
        [str(spelled / e.image[len(str(photos)) + 1:]) for e in first.examples]
    noise_folder(photos, 4, seed=1)  # rewrites three files and adds one
    changed = examples(loaded, photos, "inception4b.5x5", 2, k=3)
    assert not changed.cached and changed.images == 4


def test_branch_channels_are_their_modules_channel_range(loaded, folder):
    offset = 0
    for branch in BRANCH_NAMES:
        ours = examples(loaded, folder, f"inception4d.{branch}", 1, k=3)
        whole = examples(loaded, folder, "inception4d", offset + 1, k=3)
        assert [e.to_json()["image"] for e in ours.examples] == [e.to_json()["image"] for e in whole.examples]
        offset += layer_maps(loaded, str(next(folder.iterdir())), f"inception4d.{branch}").shape[0]


def test_cancel_stops_before_the_next_batch(loaded, tmp_path, cache_folder):
    token = CancelToken()
    photos = noise_folder(tmp_path / "cancel", 6)
    with pytest.raises(JobCancelled):
        for event in iter_examples(loaded, photos, batch_size=2, cancel=token):
            token.cancel()
    assert event.done == 2 and not list(cache_folder.rglob("*.npz"))


def test_clear_errors(loaded, tmp_path, folder):
    with pytest.raises(GoogLeNetGuiError, match="not a folder"):
        examples(loaded, tmp_path / "missing", "conv1", 0)
    (tmp_path / "blank").mkdir()
    with pytest.raises(GoogLeNetGuiError, match="no image files"):
        examples(loaded, tmp_path / "blank", "conv1", 0)
    with pytest.raises(ExplainError, match="not the main head"):
        examples(loaded, folder, "main", 0)
    with pytest.raises(ExplainError, match="0 to 63"):
        examples(loaded, folder, "conv1", 64)
