"""The image being optimised: a Fourier spectrum, decorrelated colours, then a sigmoid.

WHY not plain pixels: gradient ascent on pixels fills the image with high-frequency
patterns that the network reacts to but nobody can read.  Here the optimiser moves a 2-D
spectrum scaled by 1/frequency, so every frequency band changes at a like rate in image
space (natural images have a 1/f spectrum); the three channels it moves are mapped to RGB
through the Cholesky factor of ImageNet's colour covariance, so they are uncorrelated
where raw RGB is not; and a sigmoid keeps each pixel in (0, 1) without clipping, which
would stop gradients.  This is the parameterisation of Lucid (Olah et al., "Feature
Visualization", Distill 2017), written here from its description.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import Tensor

from googlenet_gui.core.images.preprocessing import Preprocessing

#: ImageNet's RGB covariance ([0, 1] pixels) as principal components: the eigenvalues and
#: eigenvectors (columns) that AlexNet's colour augmentation made well known.
IMAGENET_EIGENVALUES: tuple[float, float, float] = (0.2175, 0.0188, 0.0045)
IMAGENET_EIGENVECTORS: tuple[tuple[float, float, float], ...] = (
    (-0.5675, 0.7192, 0.4009),
    (-0.5808, -0.0045, -0.8140),
    (-0.5836, -0.6948, 0.4203),
)
#: Spread of the random start spectrum: a near-grey image, as Lucid starts from.
INIT_SD = 0.01
#: Divides the inverse transform (Lucid's choice too): keeps the first steps' pixels near grey.
PIXEL_DIVISOR = 4.0


def colour_matrix() -> Tensor:
    """(3, 3) lower-triangular L with L Lᵀ = ImageNet's colour covariance, largest column norm 1.

    WHY the norm: it keeps the decorrelated values on the scale the sigmoid expects, so
    one learning rate suits the spectrum whatever the covariance's overall size.
    """
    vectors = torch.tensor(IMAGENET_EIGENVECTORS, dtype=torch.float64)
    covariance = vectors @ torch.diag(torch.tensor(IMAGENET_EIGENVALUES, dtype=torch.float64)) @ vectors.T
    factor = torch.linalg.cholesky(covariance)
    return (factor / factor.norm(dim=0).max()).float()


def frequency_scale(size: int) -> Tensor:
    """(size, size // 2 + 1): 1 / frequency of each rFFT bin (cycles per pixel), the DC bin as the lowest."""
    rows = torch.fft.fftfreq(size).reshape(-1, 1)
    cols = torch.fft.rfftfreq(size).reshape(1, -1)
    frequency = torch.sqrt(rows * rows + cols * cols)
    return 1.0 / frequency.clamp(min=1.0 / size)


class FourierImage:
    """``images`` square RGB images of ``size`` pixels, parameterised by one spectrum tensor.

    ``spectrum`` is the leaf the optimiser moves; :meth:`rgb` renders it to (N, 3, H, W)
    in (0, 1).  The random start comes from ``generator``, so a seed fixes it.
    """

    def __init__(self, images: int, size: int, generator: torch.Generator, device: torch.device) -> None:
        self.size = size
        start = torch.randn(images, 3, size, size // 2 + 1, 2, generator=generator) * INIT_SD
        self.spectrum = start.to(device).requires_grad_()
        self.scale = frequency_scale(size).to(device)
        self.colours = colour_matrix().to(device)

    def rgb(self) -> Tensor:
        """The images, (N, 3, H, W) in (0, 1), differentiable with respect to ``spectrum``."""
        spectrum = torch.view_as_complex(self.spectrum) * self.scale
        decorrelated = torch.fft.irfft2(spectrum, s=(self.size, self.size), norm="ortho") / PIXEL_DIVISOR
        return torch.sigmoid(torch.einsum("ij,njhw->nihw", self.colours, decorrelated))

    def pixels(self) -> np.ndarray:
        """The images now as (N, H, W, 3) uint8, for previews and files."""
        with torch.no_grad():
            rgb = self.rgb()
        return as_uint8(rgb)


def as_uint8(rgb: Tensor) -> np.ndarray:
    """(N, 3, H, W) in [0, 1] -> (N, H, W, 3) uint8 on the CPU."""
    scaled = (rgb.detach().clamp(0, 1) * 255.0).round().to(torch.uint8)
    return scaled.permute(0, 2, 3, 1).cpu().numpy()


def normalized(rgb: Tensor, prep: Preprocessing) -> Tensor:
    """The network input for (N, 3, H, W) pixels in [0, 1]: the model's own mean and std, as classify uses."""
    mean = torch.tensor(prep.mean, dtype=rgb.dtype, device=rgb.device).reshape(1, 3, 1, 1)
    std = torch.tensor(prep.std, dtype=rgb.dtype, device=rgb.device).reshape(1, 3, 1, 1)
    return (rgb - mean) / std
