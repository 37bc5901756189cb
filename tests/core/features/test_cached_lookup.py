"""The window's lookup of a stored picture: no hashing on its thread, and only what was stored."""

from __future__ import annotations

from googlenet_gui.core.features import cache
from googlenet_gui.core.features.visualize import VisualizeSettings, cached_visualization, visualize


def test_a_stored_picture_is_found_once_the_weights_hash_is_known_and_nothing_is_hashed_before(checkpoint):
    from googlenet_gui.core.checkpoints.loading import load_model

    loaded = load_model(weights=str(checkpoint), device="cpu")  # a fresh model: its hash not computed yet
    settings = VisualizeSettings(steps=3, size=64)
    assert cached_visualization(loaded, "inception3a.1x1", 4, settings) is None
    assert cache.known_model_key(loaded) is None  # the lookup did not hash the weights
    made = visualize(loaded, "inception3a.1x1", 4, steps=3, size=64)  # the worker's job: hashes and stores
    assert cache.known_model_key(loaded) == cache.model_key(loaded)
    found = cached_visualization(loaded, "inception3a.1x1", 4, settings)
    assert found is not None and found.cached and (found.images == made.images).all()
    assert cached_visualization(loaded, "inception3a.1x1", 5, settings) is None
    assert cached_visualization(loaded, "inception3a.1x1", 4, VisualizeSettings(steps=3, size=64, seed=1)) is None


def test_a_changed_model_is_not_known_until_hashed_again(loaded):
    visualize(loaded, "inception3a.1x1", 0, steps=2, size=64)
    assert cache.known_model_key(loaded) is not None
    loaded.revision += 1  # what loading new weights into it does
    try:
        assert cache.known_model_key(loaded) is None
        assert cached_visualization(loaded, "inception3a.1x1", 0, VisualizeSettings(steps=2, size=64)) is None
    finally:
        loaded.revision -= 1
