"""Mosaic layout, click-to-channel geometry, normalisation, colormaps and PNG output."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.core.viz.colormaps import COLORMAP_NAMES, apply_colormap, colormap_lut
from googlenet_gui.core.viz.mosaic import (
    mosaic,
    normalize_per_channel,
    normalize_shared,
    save_mosaic_png,
    shared_levels,
)


def _numbered_maps(channels: int, h: int = 3, w: int = 4) -> np.ndarray:
    """Channel i is filled with the value i, so every pixel tells which channel it came from."""
    return np.arange(channels, dtype=np.float32)[:, None, None] * np.ones((1, h, w), np.float32)


def test_layout_and_nan_padding():
    tiles = mosaic(_numbered_maps(10), columns=4, pad=1)
    assert tiles.grid == (3, 4)
    assert tiles.image.shape == (3 * 4 - 1, 4 * 5 - 1)
    assert np.isnan(tiles.image[3, :]).all()  # padding row between grid rows
    assert np.isnan(tiles.image[8:, 10:]).all()  # empty grid cells after channel 9
    image, (rows, columns) = tiles
    assert (rows, columns) == (3, 4) and image is tiles.image


def test_every_pixel_maps_back_to_its_channel():
    maps = _numbered_maps(13, h=5, w=2)
    tiles = mosaic(maps, pad=2)
    for r in range(tiles.image.shape[0]):
        for c in range(tiles.image.shape[1]):
            channel = tiles.channel_at(r + 0.5, c + 0.5)
            value = tiles.image[r, c]
            assert (channel is None) == bool(np.isnan(value))
            if channel is not None:
                assert channel == value
    assert tiles.channel_at(-1, 0) is None and tiles.channel_at(0, 10_000) is None


def test_tile_rect_round_trip():
    maps = np.random.default_rng(0).random((7, 6, 6), dtype=np.float32)
    tiles = mosaic(maps)
    assert tiles.columns == 3
    for channel in range(7):
        top, left, h, w = tiles.tile_rect(channel)
        np.testing.assert_array_equal(tiles.image[top:top + h, left:left + w], maps[channel])
        assert tiles.channel_at(top, left) == channel
    with pytest.raises(IndexError):
        tiles.tile_rect(7)


def test_single_channel_and_bad_shape():
    tiles = mosaic(np.ones((1, 4, 4)), pad=1)
    assert tiles.image.shape == (4, 4) and tiles.grid == (1, 1)
    with pytest.raises(ValueError, match="C, H, W"):
        mosaic(np.ones((4, 4)))


def test_normalisation():
    maps = np.stack([np.zeros((2, 2)), np.array([[0, 1], [2, 4]]), np.full((2, 2), 3.0)]).astype(np.float32)
    per_channel = normalize_per_channel(maps)
    assert per_channel[0].max() == 0 and per_channel[2].max() == 0  # constant channels
    np.testing.assert_allclose(per_channel[1], [[0, 0.25], [0.5, 1]])
    shared = normalize_shared(maps, (0.0, 2.0))
    assert shared.max() == 1.0 and shared[1, 0, 1] == 0.5
    assert shared_levels([maps, np.array([np.nan, -1.0])]) == (-1.0, 4.0)
    assert shared_levels([maps], symmetric=True) == (-4.0, 4.0)
    assert shared_levels([np.zeros(3)]) == (0.0, 1.0)


def test_colormaps_are_256x3_uint8_and_monotone_where_expected():
    for name in COLORMAP_NAMES:
        lut = colormap_lut(name)
        assert lut.shape == (256, 3) and lut.dtype == np.uint8
    luminance = colormap_lut("viridis").astype(float) @ [0.2126, 0.7152, 0.0722]
    assert np.all(np.diff(luminance) > -1.0)  # perceptually ordered: brighter with the value
    assert tuple(colormap_lut("viridis")[-1]) == (253, 231, 37)
    cool = colormap_lut("coolwarm")
    assert cool[0, 2] > cool[0, 0] and cool[-1, 0] > cool[-1, 2]  # blue low, red high
    assert apply_colormap(np.array([[0, 255]]), "gray").tolist() == [[[0, 0, 0], [255, 255, 255]]]
    with pytest.raises(ValueError, match="unknown colormap"):
        colormap_lut("jet")


#: Ends and middle of each map as its authors publish them (matplotlib's _cm_listed, Kovesi's CET tables).
PUBLISHED = {"viridis": ("440154", "21918c", "fde725"), "magma": ("000004", "b73779", "fcfdbf"),
             "inferno": ("000004", "bc3754", "fcffa4"), "plasma": ("0d0887", "cc4778", "f0f921"),
             "cividis": ("00224e", "7d7c78", "fee838"), "coolwarm": ("3b4cc0", "dddcdc", "b40426")}


def test_colormaps_are_the_published_tables_not_fits():
    for name, expected in PUBLISHED.items():
        lut = colormap_lut(name)
        assert tuple("%02x%02x%02x" % tuple(lut[i]) for i in (0, 128, 255)) == expected, name


def test_save_png_is_readable_with_background_padding(tmp_path):
    tiles = mosaic(_numbered_maps(5), pad=1)
    path = save_mosaic_png(tmp_path / "m.png", tiles, levels=(0.0, 4.0), colormap="magma", scale=2)
    with Image.open(path) as image:
        assert image.mode == "RGB" and image.size == (tiles.image.shape[1] * 2, tiles.image.shape[0] * 2)
        pixels = np.asarray(image)
    assert tuple(pixels[0, 0]) == tuple(colormap_lut("magma")[0])
    pad_row = tiles.tile_height * 2  # first padding row after scaling
    assert tuple(pixels[pad_row, 0]) == (255, 255, 255)


def test_strided_channels_last_maps_and_zero_padding():
    rng = np.random.default_rng(2)
    nhwc = rng.random((5, 6, 11), dtype=np.float32)  # (H, W, C) memory, like a channels-last tensor
    strided = nhwc.transpose(2, 0, 1)  # (C, H, W) view with channel stride 1
    assert not strided.flags["C_CONTIGUOUS"]
    np.testing.assert_array_equal(mosaic(strided).image, mosaic(np.ascontiguousarray(strided)).image)
    tight = mosaic(strided, columns=11, pad=0)
    assert tight.image.shape == (5, 66) and not np.isnan(tight.image).any()
    np.testing.assert_array_equal(tight.image[:, 6:12], strided[1])
