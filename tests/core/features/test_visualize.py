"""Feature visualisation: it excites its channel, repeats with its seed, caches, cancels, diversifies."""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.features.dictionary import layer_maps
from googlenet_gui.core.features.objectives import forward_to, parse_unit, response_source, similarity
from googlenet_gui.core.features.param import normalized
from googlenet_gui.core.features.visualize import (
    Visualization, VisualizeProgress, VisualizeSettings, is_cached, iter_branch, iter_visualize, visualize,
)
from googlenet_gui.core.images.decode import LoadedImage
from googlenet_gui.core.images.samples import sample_images
from googlenet_gui.core.jobs import CancelToken
from tests.core.explain.explain_models import no_hooks_left

LAYER, CHANNEL = "inception3a", 3
FAST = dict(steps=48, size=64)


def channel_mean(loaded, picture: np.ndarray | str, layer: str = LAYER, channel: int = CHANNEL) -> float:
    """The channel's mean activation (after its ReLU, as inspect shows it) for a picture or a photo file."""
    image = LoadedImage(Image.fromarray(picture), "picture", []) if isinstance(picture, np.ndarray) else picture
    return float(layer_maps(loaded, image, layer)[channel].mean())


def test_the_picture_excites_its_channel_far_above_the_sample_photos(loaded):
    result = visualize(loaded, LAYER, CHANNEL, **FAST)
    photos = [channel_mean(loaded, str(path)) for path in sample_images()]
    assert len(photos) >= 5
    assert channel_mean(loaded, result.image) > 5 * max(photos) > 0
    assert result.objective_end[0] > result.objective_start[0]
    assert result.images.shape == (1, 64, 64, 3) and result.images.dtype == np.uint8
    assert not result.cached and not result.cancelled and result.steps_done == 48


def test_negative_direction_lowers_the_activation(loaded):
    result = visualize(loaded, LAYER, CHANNEL, negative=True, **FAST)
    assert result.objective_end[0] < result.objective_start[0] - 0.5
    photos = [channel_mean(loaded, str(path)) for path in sample_images()]
    assert channel_mean(loaded, result.image) <= min(photos)


def test_a_head_logit_rises(loaded):
    result = visualize(loaded, "main", 2, **FAST)
    assert result.objective_end[0] > result.objective_start[0] + 1.0


def test_the_same_seed_gives_the_same_picture_and_another_seed_another(loaded):
    first = visualize(loaded, LAYER, CHANNEL, steps=8, size=48, seed=5, use_cache=False)
    again = visualize(loaded, LAYER, CHANNEL, steps=8, size=48, seed=5, use_cache=False)
    other = visualize(loaded, LAYER, CHANNEL, steps=8, size=48, seed=6, use_cache=False)
    assert np.array_equal(first.images, again.images) and first.objective_end == again.objective_end
    assert not np.array_equal(first.images, other.images)


def test_a_second_request_opens_from_the_cache_and_a_changed_setting_misses(loaded, cache_folder):
    first = visualize(loaded, LAYER, CHANNEL, steps=8, size=48)
    assert not first.cached and len(list(cache_folder.rglob("*.npz"))) == 1
    again = visualize(loaded, LAYER, CHANNEL, steps=8, size=48)
    assert again.cached and np.array_equal(again.images, first.images)
    assert again.objective_end == first.objective_end and again.seconds < first.seconds
    assert is_cached(loaded, LAYER, CHANNEL, VisualizeSettings(steps=8, size=48))
    for changed in (dict(steps=9, size=48), dict(steps=8, size=48, seed=1), dict(steps=8, size=48, negative=True),
                    dict(steps=8, size=56)):
        assert not visualize(loaded, LAYER, CHANNEL, **changed).cached, changed
    assert not visualize(loaded, LAYER, CHANNEL + 1, steps=8, size=48).cached


def test_a_broken_cache_file_is_computed_again(loaded, cache_folder):
    visualize(loaded, LAYER, CHANNEL, steps=4, size=48)
    (stored,) = cache_folder.rglob("*.npz")
    stored.write_bytes(b"not a zip")
    result = visualize(loaded, LAYER, CHANNEL, steps=4, size=48)
    assert not result.cached and result.images.shape == (1, 48, 48, 3)


def test_progress_previews_and_the_final_event(loaded):
    reported = []
    events = list(iter_visualize(loaded, LAYER, CHANNEL, VisualizeSettings(steps=10, size=48), on_progress=lambda d, t:
                                 reported.append((d, t)), preview_every=4))
    steps = [e for e in events if isinstance(e, VisualizeProgress)]
    assert [e.done for e in steps] == list(range(1, 11)) and reported == [(d, 10) for d in range(1, 11)]
    assert [e.done for e in steps if e.preview is not None] == [4, 8, 10]
    assert steps[-1].preview.shape == (1, 48, 48, 3)
    assert isinstance(events[-1], Visualization) and events[-1].steps_done == 10


def test_cancel_stops_within_a_step_and_returns_the_picture_so_far(loaded, cache_folder):
    token = CancelToken()
    settings = VisualizeSettings(steps=10_000, size=64)
    started = time.perf_counter()
    for event in iter_visualize(loaded, "inception4c", 5, settings, cancel=token):
        if isinstance(event, VisualizeProgress) and event.done == 3:
            token.cancel()
            cancelled_at = time.perf_counter()
    result = event
    assert isinstance(result, Visualization) and result.cancelled and result.steps_done == 3
    assert time.perf_counter() - cancelled_at < max(1.0, (cancelled_at - started))  # no further steps run
    assert result.images.shape == (1, 64, 64, 3)
    assert not list(cache_folder.rglob("*.npz"))  # a cancelled picture is not cached


def test_diversity_gives_pictures_that_differ(loaded):
    def gram_similarity(result) -> float:
        pixels = torch.from_numpy(result.images).permute(0, 3, 1, 2).float() / 255
        unit = parse_unit(loaded.model, LAYER, CHANNEL)
        source, _ = response_source(loaded.model, unit)
        with torch.no_grad():
            return float(similarity(forward_to(loaded.model, source, normalized(pixels, loaded.preprocessing))))

    plain = visualize(loaded, LAYER, CHANNEL, images=3, diversity=0.0, **FAST)
    diverse = visualize(loaded, LAYER, CHANNEL, images=3, **FAST)
    assert diverse.images.shape == (3, 64, 64, 3)
    assert gram_similarity(diverse) < gram_similarity(plain) - 0.05
    for i in range(3):
        for j in range(i):
            assert np.abs(diverse.images[i].astype(int) - diverse.images[j]).mean() > 10
    assert np.mean(diverse.objective_end) > np.mean(diverse.objective_start) + 0.5  # still excites the channel
    assert diverse.strip().shape == (64, 3 * 64 + 2 * 4, 3)


def test_visualise_a_branch_fills_every_channel_cached_ones_first(loaded):
    settings = VisualizeSettings(steps=1, size=32)
    layer = "inception3a.5x5"
    for channel in (9, 4):
        visualize(loaded, layer, channel, steps=1, size=32)
    done = []
    made = [e for e in iter_branch(loaded, layer, settings, on_progress=lambda d, t: done.append((d, t)))
            if isinstance(e, Visualization)]
    assert [r.channel for r in made] == [4, 9, *[c for c in range(32) if c not in (4, 9)]]
    assert [r.cached for r in made[:3]] == [True, True, False]
    assert done[-1] == (32, 32)


@pytest.mark.parametrize("layer,channel,message", [("inception4z", 0, "'inception4z'"),
                                                   ("inception3a.7x7", 0, "pool_proj"),
                                                   ("inception3a", 256, "0 to 255"),
                                                   ("inception3a.1x1", 64, "0 to 63"),
                                                   ("main", 5, "classes 0 to 4")])
def test_bad_layers_and_channels_are_clear(loaded, layer, channel, message):
    with pytest.raises(ExplainError, match=message):
        visualize(loaded, layer, channel, steps=1, size=32)


def test_the_model_is_left_as_it_was(loaded):
    model = loaded.model
    model.train()
    model.inception4a.requires_grad_(False)
    try:
        for event in iter_visualize(loaded, "aux1", 1, VisualizeSettings(steps=3, size=96)):
            if isinstance(event, VisualizeProgress):  # between steps, too: the window shares the model
                assert model.training and model.conv1.conv.weight.requires_grad
        assert model.training and all(m.training for m in model.modules())
        assert model.conv1.conv.weight.requires_grad and not model.inception4a.branch1.conv.weight.requires_grad
        assert no_hooks_left(model)
    finally:
        model.eval()
        model.requires_grad_(True)
