"""A PNG with huge text chunks is an image, not "truncated or corrupt" (issue #27)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from googlenet_gui.core.errors import ImageError
from googlenet_gui.core.images.decode import load_image


def _png_with_text(path, add) -> str:  # noqa: ANN001
    info = PngImagePlugin.PngInfo()
    add(info)
    Image.fromarray(np.full((40, 30, 3), 7, np.uint8)).save(path, pnginfo=info)
    return str(path)


@pytest.mark.parametrize("add", [
    pytest.param(lambda info: info.add_text("comment", "x" * 3_000_000, zip=True), id="zTXt over MAX_TEXT_CHUNK"),
    pytest.param(lambda info: info.add_itxt("XML:com.adobe.xmp", "y" * 3_000_000, zip=True), id="iTXt over it"),
    pytest.param(lambda info: [info.add_text(f"c{i}", "z" * 1_000_000) for i in range(70)], id="70 MB of tEXt"),
])
def test_huge_text_chunks_are_skipped_and_the_pixels_decoded(tmp_path, add):
    loaded = load_image(_png_with_text(tmp_path / "text.png", add))
    assert loaded.image.size == (30, 40) and np.asarray(loaded.image).max() == 7


def test_a_png_cut_inside_its_pixels_is_still_refused(tmp_path):
    path = _png_with_text(tmp_path / "text.png", lambda info: info.add_text("comment", "x" * 3_000_000, zip=True))
    data = Path(path).read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) - 30])
    with pytest.raises(ImageError, match="truncated or corrupt"):
        load_image(tmp_path / "cut.png")
