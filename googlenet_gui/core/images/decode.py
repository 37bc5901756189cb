"""Images in, network input out: decoding every file a user drops, safely, into RGB.

Users bring phone photos (EXIF-rotated), scans (CMYK, 1-bit), screenshots with
transparency, 16-bit microscope PNGs, animated GIFs and the occasional text file
renamed ``.jpg``.  :func:`load_image` turns each into an upright 8-bit RGB picture or
raises :class:`ImageError` with one sentence naming the file, so a batch can carry on.
:func:`preprocess` then reproduces torchvision's ``IMAGENET1K_V1`` transforms exactly
(same functions, same order), because a checkpoint's accuracy depends on it.
"""

from __future__ import annotations

import io
import os
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from googlenet_gui.core.errors import ImageError
from googlenet_gui.core.images.files import IMAGE_EXTENSIONS, images_in_folder, iter_image_paths  # noqa: F401 - re-exported
from googlenet_gui.core.images.preprocessing import INTERPOLATIONS, Preprocessing

if TYPE_CHECKING:
    import torch

#: Suffixes picked up when a folder is expanded (files named explicitly are always tried).

#: Refuse images above this many pixels: a 100 MP picture needs ~300 MB decoded, and a
#: crafted header can claim far more (a "decompression bomb").
DEFAULT_MAX_PIXELS = 100_000_000

ANIMATED_NOTE = "animated image: first frame used"
MULTIPAGE_NOTE = "multi-page image: first page used"
PASTED_NAME = "pasted image"

_ALPHA_MODES = frozenset({"RGBA", "RGBa", "LA", "La", "PA"})
_HIGH_DEPTH_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I", "F"})
# Image.open runs PIL's bomb check, which warns through the process-wide warnings
# filters; this lock keeps our short ``catch_warnings`` blocks from interleaving when
# the classify thread pool opens several files at once.
_OPEN_LOCK = threading.Lock()


def _skip_oversized_png_text() -> None:
    """Make PIL skip a PNG text chunk over its size limits instead of failing the whole image.

    WHY: a PNG whose zTXt/iTXt comment inflates past ``MAX_TEXT_CHUNK`` (or whose comments
    together pass ``MAX_TEXT_MEMORY``) was refused as "truncated or corrupt", which it is
    not; the app never uses the text.  The limits still stop the memory bomb: the text is
    dropped, not decompressed further.  The chunk's raw bytes are read again for PIL's CRC check.
    """
    from PIL import PngImagePlugin

    stream = PngImagePlugin.PngStream
    if getattr(stream, "_googlenet_gui_lenient", False):
        return
    for name in ("chunk_tEXt", "chunk_zTXt", "chunk_iTXt"):
        original = getattr(stream, name, None)
        if original is not None:
            setattr(stream, name, _lenient_text_chunk(original))
    stream._googlenet_gui_lenient = True


def _lenient_text_chunk(original):  # noqa: ANN001, ANN202 - a PngStream chunk method
    def read(self, pos: int, length: int) -> bytes:  # noqa: ANN001
        start = self.fp.tell()
        try:
            return original(self, pos, length)
        except ValueError as error:
            if "MAX_TEXT" not in str(error):
                raise
            self.fp.seek(start)
            return ImageFile._safe_read(self.fp, length)

    return read


_skip_oversized_png_text()


class _UnsupportedMode(ValueError):
    """A PIL mode with no RGB conversion; :func:`_decode` adds the file name."""


@dataclass
class LoadedImage:
    """An upright 8-bit RGB picture plus what happened on the way (``notes``)."""

    image: Image.Image
    name: str
    notes: list[str] = field(default_factory=list)


def load_image(source: str | os.PathLike | bytes, name: str | None = None, *,
               max_pixels: int = DEFAULT_MAX_PIXELS) -> LoadedImage:
    """Decode a file path or raw bytes (pasted/dragged data) into RGB.

    EXIF orientation is applied, every PIL mode becomes RGB (transparency composited
    on white, 16-bit and float data scaled rather than clipped), animated files give
    their first frame.  Raises :class:`ImageError` naming the file for anything else.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = name or PASTED_NAME
        data = bytes(source)
        if not data:
            raise ImageError(f"'{label}' is empty (0 bytes)")
        return _decode(io.BytesIO(data), label, max_pixels)
    path = Path(source)
    label = name or str(source)
    _check_path(path, label)
    try:
        with open(path, "rb") as handle:
            return _decode(handle, label, max_pixels)
    except PermissionError:
        raise ImageError(f"'{label}' cannot be read: permission denied") from None


def _check_path(path: Path, label: str) -> None:
    """Fail early with a precise sentence for the things that are not files at all."""
    if path.is_dir():
        detail = "" if images_in_folder(path) else " and holds no image files"
        raise ImageError(f"'{label}' is a folder, not an image file{detail}")
    if not path.exists():
        raise ImageError(f"'{label}' does not exist")
    if not path.is_file():  # /dev/zero, a FIFO: their size reads 0, but "empty" would be wrong
        raise ImageError(f"'{label}' is not a regular file (a device, pipe or socket), so not an image")
    if path.stat().st_size == 0:
        raise ImageError(f"'{label}' is empty (0 bytes)")


def _decode(handle, label: str, max_pixels: int) -> LoadedImage:
    """Decode from ``handle``, which the caller closes; the returned picture needs it no more.

    WHY not ``with Image.open(...)``: closing a PIL image discards its pixels, so the
    picture had to be copied first (1 ms for a 640x480 photo, an eighth of decoding one
    in a batch job).  Once ``load()`` has run, the pixels live in memory and the image
    only refers to a file object we own.
    """
    try:
        image = _open_guarded(handle, label)
        _check_size(image, label, max_pixels)
        notes = [_frames_note(image)] if _is_animated(image) else []
        image.load()
        return LoadedImage(_to_rgb(_upright(image, notes), notes), label, notes)
    except ImageError:
        raise
    except _UnsupportedMode as mode:
        raise ImageError(f"'{label}' uses colour mode {mode}, which cannot be converted to RGB") from None
    except MemoryError:
        raise ImageError(f"'{label}' is too large to decode in the available memory") from None
    except Exception as error:  # noqa: BLE001 - PIL plugins raise many types for corrupt data
        raise ImageError(f"'{label}' is truncated or corrupt ({_reason(error)})") from None


def _open_guarded(handle, label: str) -> Image.Image:
    """``Image.open`` with PIL's bomb check turned into :class:`ImageError`.

    PIL's own warning threshold (~89 MP) is silenced only inside this block; our
    ``max_pixels`` check then applies, and PIL's hard error (2x its limit) still fires.
    """
    try:
        with _OPEN_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(handle)
    except UnidentifiedImageError:
        raise ImageError(f"'{label}' is not an image (Pillow does not recognise its format)") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f"'{label}' is too large to decode safely (a possible decompression bomb)") from None


def _check_size(image: Image.Image, label: str, max_pixels: int) -> None:
    width, height = image.size
    if width * height > max_pixels:
        raise ImageError(f"'{label}' is too large to decode safely ({width}x{height} = "
                         f"{width * height:,} pixels; the limit is {max_pixels:,})")


def _is_animated(image: Image.Image) -> bool:
    return bool(getattr(image, "is_animated", False)) or getattr(image, "n_frames", 1) > 1


def _frames_note(image: Image.Image) -> str:
    """A multi-page TIFF (a scan, a stack) is pages, not an animation."""
    return MULTIPAGE_NOTE if image.format == "TIFF" else ANIMATED_NOTE


def _upright(image: Image.Image, notes: list[str]) -> Image.Image:
    """Apply the EXIF orientation tag (phones store pictures sideways and tag them), in place."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception:  # noqa: BLE001 - a broken EXIF block should not lose the picture
        notes.append("EXIF orientation unreadable: used as stored")
    return image


def _to_rgb(image: Image.Image, notes: list[str]) -> Image.Image:
    """Every PIL mode -> 8-bit RGB, the way a person would expect to see it."""
    if image.mode in _HIGH_DEPTH_MODES:
        image = _high_depth_to_l(image, notes)
    if image.mode in _ALPHA_MODES or "transparency" in image.info:
        return _on_white(image.convert("RGBA"))
    if image.mode == "RGB":
        return image
    try:
        return image.convert("RGB")
    except ValueError:
        raise _UnsupportedMode(image.mode) from None


def _on_white(rgba: Image.Image) -> Image.Image:
    """Transparent pixels become white, as viewers show them (black would read as 'night')."""
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert("RGB")


def _high_depth_to_l(image: Image.Image, notes: list[str]) -> Image.Image:
    """16-bit, 32-bit integer and float greyscale -> 8-bit, scaled (PIL's convert clips)."""
    values = np.asarray(image).astype(np.float64)
    values = np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
    if image.mode.startswith("I;16") or (image.mode == "I" and low >= 0 and 255 < high <= 65535):
        scaled = values / 257.0  # 65535 -> 255 exactly
    elif image.mode == "F" and low >= 0 and high <= 1:
        scaled = values * 255.0
    elif low >= 0 and high <= 255:
        scaled = values
    else:
        span = (high - low) or 1.0
        scaled = (values - low) * (255.0 / span)
        notes.append(f"pixel values stretched from [{low:g}, {high:g}] to 0-255")
    return Image.fromarray(np.clip(np.rint(scaled), 0, 255).astype(np.uint8), mode="L")


def _reason(error: BaseException) -> str:
    text = str(error).strip().rstrip(".")
    return text if text else type(error).__name__


# --------------------------------------------------------------------- network input
#: ``Preprocessing.interpolation`` names -> PIL filters (torchvision's InterpolationMode values).
_PIL_FILTERS = {name: Image.Resampling[name.upper()] for name in INTERPOLATIONS}


def _resized_crop(image: Image.Image, prep: Preprocessing) -> Image.Image:
    """torchvision's ``Resize(short side)`` + ``CenterCrop`` on a PIL image, without torchvision.

    Importing torchvision costs about 1.6 s (it loads its models and ops), which is most
    of the app's time to first prediction; for PIL input its transforms are exactly these
    PIL calls (same size rounding, same crop offsets, zero padding), and a test compares
    the result with torchvision's own ``IMAGENET1K_V1.transforms()`` bit for bit.
    """
    width, height = image.size
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = prep.resize, int(prep.resize * long / short)
    size = (new_short, new_long) if width <= height else (new_long, new_short)
    if size[0] * size[1] > MAX_RESIZED_PIXELS and prep.crop <= prep.resize:
        return _resized_centre_only(image, size, prep)
    if size != image.size:
        image = image.resize(size, _PIL_FILTERS[prep.interpolation])
    return _center_crop(image, prep.crop)


#: Above this many pixels after the short-side resize, only the centre crop is resampled.
MAX_RESIZED_PIXELS = 16_000_000


def _resized_centre_only(image: Image.Image, size: tuple[int, int], prep: Preprocessing) -> Image.Image:
    """The centre crop of the resized image, resampling only the source region it comes from.

    WHY: a 40000x1 strip resized to a short side of 256 is a 10-gigapixel image (a 144-byte
    PNG took 5.9 GB and stopped a whole batch with MemoryError).  PIL's ``box`` resamples the
    source rectangle that maps onto the crop at the same scale, so the pixels match the full
    resize's crop within one grey level (tested on strips small enough to resize whole).
    """
    scale_x, scale_y = image.width / size[0], image.height / size[1]
    left, top = int(round((size[0] - prep.crop) / 2.0)), int(round((size[1] - prep.crop) / 2.0))
    box = (left * scale_x, top * scale_y, (left + prep.crop) * scale_x, (top + prep.crop) * scale_y)
    return image.resize((prep.crop, prep.crop), _PIL_FILTERS[prep.interpolation], box=box)


def _center_crop(image: Image.Image, crop: int) -> Image.Image:
    width, height = image.size
    if crop > width or crop > height:  # torchvision pads with zeros, centred, first
        padded = Image.new(image.mode, (max(crop, width), max(crop, height)))
        padded.paste(image, ((padded.width - width) // 2, (padded.height - height) // 2))
        image, (width, height) = padded, padded.size
    top, left = int(round((height - crop) / 2.0)), int(round((width - crop) / 2.0))
    return image.crop((left, top, left + crop, top + crop))


def normalized_array(view: np.ndarray, prep: Preprocessing) -> np.ndarray:
    """(H, W, 3) uint8 -> (3, H, W) float32: scale to [0, 1], subtract mean, divide by std.

    torchvision's ``ToTensor`` + ``Normalize`` arithmetic, operation for operation (so the
    same float32 results), written into one contiguous array in three passes instead of five.
    """
    array = np.empty((3, *view.shape[:2]), dtype=np.float32)
    np.divide(view.transpose(2, 0, 1), np.float32(255.0), out=array, dtype=np.float32)
    np.subtract(array, np.asarray(prep.mean, dtype=np.float32).reshape(3, 1, 1), out=array)
    return np.divide(array, np.asarray(prep.std, dtype=np.float32).reshape(3, 1, 1), out=array)


def normalize_view(view: np.ndarray, prep: Preprocessing) -> torch.Tensor:
    """:func:`normalized_array` as a tensor (the torch-free CLI path uses the array itself)."""
    import torch  # here, not at import: a warm cached ``classify`` never loads torch (cached_classify)

    return torch.from_numpy(normalized_array(view, prep))


def preprocess(image: Image.Image, prep: Preprocessing | None = None) -> torch.Tensor:
    """RGB picture -> normalised (3, crop, crop) float tensor.

    Equal to ``GoogLeNet_Weights.IMAGENET1K_V1.transforms()`` for the default settings
    (tested against torchvision).
    """
    import torch  # here, not at import: a warm cached ``classify`` never loads torch (cached_classify)

    return torch.from_numpy(preprocessed_array(image, prep))


def preprocessed_array(image: Image.Image, prep: Preprocessing | None = None) -> np.ndarray:
    """:func:`preprocess` as a NumPy array, without torch (the batch jobs' decoders use it)."""
    prep = prep or Preprocessing()
    return normalized_array(np.asarray(_resized_crop(_as_rgb(image), prep)), prep)


def model_view(image: Image.Image, prep: Preprocessing | None = None) -> np.ndarray:
    """The crop the network sees, as (crop, crop, 3) uint8, for overlays in the window."""
    prep = prep or Preprocessing()
    return np.array(_resized_crop(_as_rgb(image), prep), dtype=np.uint8)


def _as_rgb(image: Image.Image) -> Image.Image:
    return image if image.mode == "RGB" else _to_rgb(image, [])
