"""The tensor kernels training augmentation needs, written against torch alone.

WHY not ``torchvision.transforms.v2``: importing torchvision pulls in ``torch._dynamo``,
sympy and triton (about 2.4 s here).  In the app that import ran on the training worker
when the user pressed Start, held the GIL in chunks of up to 250 ms (the window froze)
and delayed the first batch by seconds.  These kernels follow torchvision's
definitions (resize, centre crop, the random-resized-crop sampler, colour jitter's
four adjustments; the HSV conversion is ported from torchvision, BSD-3-Clause), and
``tests/core/training/test_image_ops.py`` checks each one against torchvision itself.

Images are ``uint8`` CHW tensors for the geometric kernels and float CHW in [0, 1] for
the colour ones, as in the pipelines of :mod:`.augment`.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor

# ---------------------------------------------------------------- geometry (uint8)


def resize(image: Tensor, height: int, width: int) -> Tensor:
    """Bilinear, antialiased, uint8 in and out (torch's native uint8 kernel, as torchvision uses)."""
    if tuple(image.shape[-2:]) == (height, width):
        return image
    batch = image.unsqueeze(0)
    dtype = image.dtype
    native = dtype.is_floating_point or (dtype == torch.uint8 and image.device.type == "cpu")
    if not native:
        batch = batch.float()
    out = F.interpolate(batch, size=[height, width], mode="bilinear", align_corners=False, antialias=True)
    return out[0] if native else out[0].round_().clamp_(0, 255).to(dtype)


def resize_short_side(image: Tensor, size: int) -> Tensor:
    """Short side to ``size``, aspect kept (the long side is truncated, as torchvision does)."""
    height, width = image.shape[-2:]
    short, long = (height, width) if height <= width else (width, height)
    new_short, new_long = size, int(size * long / short)
    new_height, new_width = (new_short, new_long) if height <= width else (new_long, new_short)
    return resize(image, new_height, new_width)


def center_crop(image: Tensor, size: int) -> Tensor:
    """The central ``size`` x ``size`` window, zero-padding an image smaller than that."""
    height, width = image.shape[-2:]
    if size > height or size > width:
        pad_left, pad_top = max(0, (size - width) // 2), max(0, (size - height) // 2)
        pad_right, pad_bottom = max(0, (size - width + 1) // 2), max(0, (size - height + 1) // 2)
        image = F.pad(image, [pad_left, pad_right, pad_top, pad_bottom], value=0)
        height, width = image.shape[-2:]
    top = int(round((height - size) / 2.0))
    left = int(round((width - size) / 2.0))
    return image[..., top:top + size, left:left + size]


def random_resized_crop_box(height: int, width: int, scale: tuple[float, float],
                            ratio: tuple[float, float]) -> tuple[int, int, int, int]:
    """``(top, left, h, w)`` of a crop covering ``scale`` of the area with aspect in ``ratio``.

    Ten tries at a random area and log-uniform aspect, then the central crop clamped to
    ``ratio`` (torchvision's sampler, drawing from torch's RNG in the same order, so a
    seeded run samples the same boxes).
    """
    area = height * width
    log_ratio = torch.log(torch.tensor(ratio))
    for _ in range(10):
        target_area = area * torch.empty(1).uniform_(scale[0], scale[1]).item()
        aspect = math.exp(torch.empty(1).uniform_(float(log_ratio[0]), float(log_ratio[1])).item())
        w = int(round(math.sqrt(target_area * aspect)))
        h = int(round(math.sqrt(target_area / aspect)))
        if 0 < w <= width and 0 < h <= height:
            top = int(torch.randint(0, height - h + 1, size=(1,)).item())
            left = int(torch.randint(0, width - w + 1, size=(1,)).item())
            return top, left, h, w
    in_ratio = width / height
    if in_ratio < min(ratio):
        w, h = width, int(round(width / min(ratio)))
    elif in_ratio > max(ratio):
        h, w = height, int(round(height * max(ratio)))
    else:
        w, h = width, height
    return (height - h) // 2, (width - w) // 2, h, w


# ---------------------------------------------------------------- colour (float in [0, 1])


def to_float(image: Tensor) -> Tensor:
    """uint8 [0, 255] to float32 [0, 1]."""
    return image.to(torch.float32).div_(255.0) if image.dtype == torch.uint8 else image.to(torch.float32)


def normalize(image: Tensor, mean: tuple[float, ...], std: tuple[float, ...]) -> Tensor:
    mean_t = torch.tensor(mean, dtype=image.dtype).view(-1, 1, 1)
    std_t = torch.tensor(std, dtype=image.dtype).view(-1, 1, 1)
    return (image - mean_t) / std_t


def _blend(image: Tensor, other: Tensor, ratio: float) -> Tensor:
    return image.mul(ratio).add_(other, alpha=1.0 - ratio).clamp_(0.0, 1.0)


def grayscale(image: Tensor) -> Tensor:
    """ITU-R 601 luma, one channel (the weights torchvision and PIL use)."""
    r, g, b = image.unbind(-3)
    return r.mul(0.2989).add_(g, alpha=0.587).add_(b, alpha=0.114).unsqueeze(-3)


def adjust_brightness(image: Tensor, factor: float) -> Tensor:
    return _blend(image, torch.zeros_like(image), factor)


def adjust_contrast(image: Tensor, factor: float) -> Tensor:
    mean = torch.mean(grayscale(image), dim=(-3, -2, -1), keepdim=True)
    return _blend(image, mean, factor)


def adjust_saturation(image: Tensor, factor: float) -> Tensor:
    return _blend(image, grayscale(image), factor)


def adjust_hue(image: Tensor, factor: float) -> Tensor:
    """Rotate hue by ``factor`` turns (-0.5..0.5) in HSV space."""
    if factor == 0:
        return image
    h, s, v = _rgb_to_hsv(image).unbind(-3)
    return _hsv_to_rgb(torch.stack((h.add(factor).remainder_(1.0), s, v), dim=-3))


def _rgb_to_hsv(image: Tensor) -> Tensor:
    r, g, _ = image.unbind(dim=-3)
    minc, maxc = torch.aminmax(image, dim=-3)
    eqc = maxc == minc  # grey pixels: S and H are 0, and no division by zero below
    channels_range = maxc - minc
    ones = torch.ones_like(maxc)
    s = channels_range / torch.where(eqc, ones, maxc)
    divisor = torch.where(eqc, ones, channels_range).unsqueeze_(dim=-3)
    rc, gc, bc = ((maxc.unsqueeze(dim=-3) - image) / divisor).unbind(dim=-3)
    maxc_neq_r = maxc != r
    maxc_eq_g = maxc == g
    hg = rc.add(2.0).sub_(bc).mul_(maxc_eq_g & maxc_neq_r)
    hr = bc.sub_(gc).mul_(~maxc_neq_r)
    hb = gc.add_(4.0).sub_(rc).mul_(maxc_neq_r.logical_and_(maxc_eq_g.logical_not_()))
    h = hr.add_(hg).add_(hb).mul_(1.0 / 6.0).add_(1.0).fmod_(1.0)
    return torch.stack((h, s, maxc), dim=-3)


def _hsv_to_rgb(image: Tensor) -> Tensor:
    h, s, v = image.unbind(dim=-3)
    h6 = h.mul(6)
    sector = torch.floor(h6)
    f = h6.sub_(sector)
    sector = sector.to(dtype=torch.int32).remainder_(6)
    sxf = s * f
    one_minus_s = 1.0 - s
    q = (1.0 - sxf).mul_(v).clamp_(0.0, 1.0)
    t = sxf.add_(one_minus_s).mul_(v).clamp_(0.0, 1.0)
    p = one_minus_s.mul_(v).clamp_(0.0, 1.0)
    vpqt = torch.stack((v, p, q, t), dim=-3)
    select = torch.tensor([[0, 2, 1, 1, 3, 0], [3, 0, 0, 2, 1, 1], [1, 1, 3, 0, 0, 2]], dtype=torch.long,
                          device=image.device)[:, sector]
    return vpqt.gather(-3, select)
