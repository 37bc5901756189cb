"""load_image: every PIL mode, EXIF, animation, tiny images and each bad input's message."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.core.errors import ImageError
from googlenet_gui.core.images.decode import ANIMATED_NOTE, load_image


def _save(image: Image.Image, path: Path, **kwargs) -> Path:
    image.save(path, **kwargs)
    return path


def _pixel(loaded, xy=(0, 0)) -> tuple[int, int, int]:
    assert loaded.image.mode == "RGB"
    return loaded.image.getpixel(xy)


# ------------------------------------------------------------------ modes -> RGB
def test_rgba_transparent_pixels_become_white_and_half_alpha_blends(tmp_path):
    rgba = Image.new("RGBA", (4, 2), (255, 0, 0, 0))
    rgba.putpixel((1, 0), (255, 0, 0, 255))
    rgba.putpixel((2, 0), (0, 0, 0, 128))
    loaded = load_image(_save(rgba, tmp_path / "a.png"))
    assert _pixel(loaded, (0, 0)) == (255, 255, 255)
    assert _pixel(loaded, (1, 0)) == (255, 0, 0)
    assert _pixel(loaded, (2, 0)) == (127, 127, 127)


def test_la_transparent_is_white_opaque_keeps_grey(tmp_path):
    la = Image.new("LA", (2, 1), (40, 255))
    la.putpixel((1, 0), (40, 0))
    loaded = load_image(_save(la, tmp_path / "la.png"))
    assert _pixel(loaded, (0, 0)) == (40, 40, 40)
    assert _pixel(loaded, (1, 0)) == (255, 255, 255)


def test_palette_without_and_with_transparency(tmp_path):
    palette = Image.new("P", (2, 1))
    palette.putpalette([10, 20, 30, 200, 100, 50] + [0] * 762)
    palette.putpixel((1, 0), 1)
    plain = load_image(_save(palette, tmp_path / "p.png"))
    assert (_pixel(plain, (0, 0)), _pixel(plain, (1, 0))) == ((10, 20, 30), (200, 100, 50))
    keyed = load_image(_save(palette, tmp_path / "pt.gif", transparency=0))
    assert (_pixel(keyed, (0, 0)), _pixel(keyed, (1, 0))) == ((255, 255, 255), (200, 100, 50))


def test_cmyk_pure_inks(tmp_path):
    cmyk = Image.new("CMYK", (4, 1))
    for x, ink in enumerate([(255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0), (0, 0, 0, 255)]):
        cmyk.putpixel((x, 0), ink)
    loaded = load_image(_save(cmyk, tmp_path / "c.tif"))
    assert [_pixel(loaded, (x, 0)) for x in range(4)] == [
        (0, 255, 255), (255, 0, 255), (255, 255, 0), (0, 0, 0)]


def test_16bit_png_gradient_is_scaled_not_clipped(tmp_path):
    ramp = np.linspace(0, 65535, 256).round().astype(np.uint16)[None, :].repeat(3, axis=0)
    loaded = load_image(_save(Image.fromarray(ramp), tmp_path / "g16.png"))
    row = np.asarray(loaded.image)[0, :, 0]
    assert row[0] == 0 and row[-1] == 255
    assert np.all(np.diff(row.astype(int)) >= 0)
    assert len(np.unique(row)) > 250  # kept its range instead of saturating at 255
    assert np.array_equal(np.asarray(loaded.image)[..., 0], np.asarray(loaded.image)[..., 2])


def test_one_bit_and_greyscale(tmp_path):
    bits = Image.new("1", (2, 1), 0)
    bits.putpixel((1, 0), 1)
    loaded = load_image(_save(bits, tmp_path / "b.png"))
    assert (_pixel(loaded, (0, 0)), _pixel(loaded, (1, 0))) == ((0, 0, 0), (255, 255, 255))
    grey = load_image(_save(Image.new("L", (3, 3), 77), tmp_path / "l.jpg", quality=100))
    assert all(abs(c - 77) <= 1 for c in _pixel(grey, (1, 1)))


def test_int32_and_float_images(tmp_path):
    int_img = Image.fromarray(np.array([[0, 32896, 65535]], dtype=np.int32), mode="I")
    loaded = load_image(_save(int_img, tmp_path / "i.tif"))
    assert [_pixel(loaded, (x, 0))[0] for x in range(3)] == [0, 128, 255]
    unit = Image.fromarray(np.array([[0.0, 0.5, 1.0]], dtype=np.float32), mode="F")
    loaded = load_image(_save(unit, tmp_path / "f.tif"))
    assert [_pixel(loaded, (x, 0))[0] for x in range(3)] == [0, 128, 255]
    wide = Image.fromarray(np.array([[-10.0, 0.0, 10.0]], dtype=np.float32), mode="F")
    loaded = load_image(_save(wide, tmp_path / "w.tif"))
    assert [_pixel(loaded, (x, 0))[0] for x in range(3)] == [0, 128, 255]
    assert any("stretched" in note for note in loaded.notes)


def test_exif_orientation_is_applied(tmp_path):
    picture = Image.new("RGB", (4, 2), (0, 0, 255))
    picture.putpixel((0, 0), (255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored rotated: viewers turn it 90 degrees clockwise
    loaded = load_image(_save(picture, tmp_path / "r.png", exif=exif))
    assert loaded.image.size == (2, 4)
    assert _pixel(loaded, (1, 0)) == (255, 0, 0)  # top-left moved to top-right


@pytest.mark.parametrize("suffix", [".gif", ".webp", ".png"])
def test_animated_files_use_first_frame_and_say_so(tmp_path, suffix):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    path = tmp_path / f"anim{suffix}"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0,
                   **({"lossless": True} if suffix == ".webp" else {}))
    loaded = load_image(path)
    assert ANIMATED_NOTE in loaded.notes
    red, green, blue = _pixel(loaded, (4, 4))
    assert red > 200 and blue < 50


@pytest.mark.parametrize("suffix", [".jpg", ".webp", ".png", ".tif"])
def test_the_picture_outlives_its_file(tmp_path, suffix):
    """No copy is made after decoding, so the returned picture must not need the file again:
    every operation the app makes works once the file is closed and deleted, and no file
    descriptor is left open (animated and multi-page files keep theirs for seeking)."""
    from googlenet_gui.core.images.decode import model_view

    frames = [Image.new("RGB", (300, 200), colour) for colour in ((250, 10, 10), (10, 10, 250))]
    path = tmp_path / f"p{suffix}"
    frames[0].save(path, save_all=suffix != ".jpg", append_images=frames[1:], exif=_rotated_exif())
    fds = _open_fds()
    loaded = load_image(path)
    path.unlink()
    assert _open_fds() == fds
    assert loaded.image.size == (200, 300)  # EXIF orientation applied in place
    copy, small = loaded.image.copy(), loaded.image.resize((20, 30))
    copy.thumbnail((10, 10))
    assert np.asarray(small).shape == (30, 20, 3) and small.getpixel((10, 15))[0] > 200
    assert model_view(loaded.image).shape == (224, 224, 3)


def _open_fds() -> int:
    folder = Path("/proc/self/fd")
    return len(list(folder.iterdir())) if folder.is_dir() else 0  # Linux; elsewhere not checked


def _rotated_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6
    return exif


def test_still_image_has_no_notes(tmp_path):
    assert load_image(_save(Image.new("RGB", (5, 5)), tmp_path / "s.png")).notes == []


@pytest.mark.parametrize("size", [(1, 1), (3, 5)])
def test_tiny_images_load(tmp_path, size):
    loaded = load_image(_save(Image.new("RGB", size, (1, 2, 3)), tmp_path / "t.png"))
    assert loaded.image.size == size and _pixel(loaded) == (1, 2, 3)


def test_raw_bytes_with_and_without_name():
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), (9, 8, 7)).save(buffer, "PNG")
    assert load_image(buffer.getvalue(), name="clipboard.png").name == "clipboard.png"
    assert _pixel(load_image(buffer.getvalue())) == (9, 8, 7)
    with pytest.raises(ImageError, match="'pasted image' is empty"):
        load_image(b"")


# ---------------------------------------------------------------- refused inputs
def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` (a decompression bomb)."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = bytes(data[12:16]) + struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(ihdr) & 0xFFFFFFFF)
    return bytes(data)


@pytest.mark.parametrize("side", [11_000, 40_000])  # 121 MP (our limit) and 1600 MP (PIL's too)
def test_decompression_bomb_is_refused(tmp_path, side):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_claiming(side, side))
    with pytest.raises(ImageError, match=r"'.*bomb\.png' is too large to decode safely"):
        load_image(path)


def test_pixel_limit_is_a_parameter(tmp_path):
    path = _save(Image.new("RGB", (40, 30)), tmp_path / "big.png")
    with pytest.raises(ImageError, match="1,200 pixels; the limit is 1,000"):
        load_image(path, max_pixels=1000)


def test_truncated_jpeg(tmp_path):
    buffer = io.BytesIO()
    noise = np.random.default_rng(0).integers(0, 255, (64, 64, 3), dtype=np.uint8)
    Image.fromarray(noise).save(buffer, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImageError, match=r"'.*cut\.jpg' is truncated or corrupt"):
        load_image(path)


@pytest.mark.parametrize(("filename", "content", "message"), [
    ("empty.jpg", b"", "is empty"),
    ("notes.jpg", b"just some text, not a picture\n", "is not an image"),
    ("model.pth", b"PK\x03\x04" + bytes(200), "is not an image"),
])
def test_bad_files_name_the_file(tmp_path, filename, content, message):
    path = tmp_path / filename
    path.write_bytes(content)
    with pytest.raises(ImageError, match=message) as info:
        load_image(path)
    assert filename in str(info.value)


def test_missing_file_and_folders(tmp_path):
    with pytest.raises(ImageError, match=r"'.*missing\.png' does not exist"):
        load_image(tmp_path / "missing.png")
    with pytest.raises(ImageError, match="is a folder, not an image file and holds no image files"):
        load_image(tmp_path)
    _save(Image.new("RGB", (2, 2)), tmp_path / "x.png")
    with pytest.raises(ImageError, match="is a folder, not an image file$"):
        load_image(tmp_path)


def test_bomb_guard_leaves_pil_and_warning_filters_as_they_were(tmp_path):
    import warnings

    filters_before, limit_before = list(warnings.filters), Image.MAX_IMAGE_PIXELS
    path = tmp_path / "big_but_allowed.png"
    path.write_bytes(_png_claiming(9_500, 9_500))  # 90 MP: above PIL's warning, below our limit
    with pytest.raises(ImageError, match="is truncated or corrupt"):  # no warning escaped as an error
        load_image(path)
    assert list(warnings.filters) == filters_before and Image.MAX_IMAGE_PIXELS == limit_before


def test_a_device_file_is_not_called_empty():
    """/dev/zero reported "is empty (0 bytes)"; it is not a file at all."""
    import os

    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    with pytest.raises(ImageError, match="'/dev/zero' is not a regular file"):
        load_image("/dev/zero")


def test_a_multi_page_tiff_is_pages_not_an_animation(tmp_path):
    from googlenet_gui.core.images.decode import MULTIPAGE_NOTE

    path = tmp_path / "scan.tif"
    pages = [Image.new("RGB", (32, 32), colour) for colour in ("red", "blue")]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    loaded = load_image(path)
    assert loaded.notes == [MULTIPAGE_NOTE] and loaded.image.getpixel((0, 0)) == (255, 0, 0)
