"""The image parameterisation and the random views: the pieces the optimisation loop is built from."""

from __future__ import annotations

import torch

from googlenet_gui.core.features.param import (
    IMAGENET_EIGENVALUES, IMAGENET_EIGENVECTORS, FourierImage, colour_matrix, frequency_scale, normalized,
)
from googlenet_gui.core.features.transforms import Robustness, random_views
from googlenet_gui.core.images.preprocessing import Preprocessing


def test_the_colour_matrix_is_the_cholesky_factor_of_imagenets_covariance():
    vectors = torch.tensor(IMAGENET_EIGENVECTORS, dtype=torch.float64)
    covariance = vectors @ torch.diag(torch.tensor(IMAGENET_EIGENVALUES, dtype=torch.float64)) @ vectors.T
    factor = colour_matrix().double()
    assert torch.equal(factor, factor.tril())  # lower triangular
    scale = covariance[0, 0] / (factor @ factor.T)[0, 0]
    torch.testing.assert_close(factor @ factor.T * scale, covariance, rtol=1e-5, atol=1e-7)
    assert abs(factor.norm(dim=0).max().item() - 1) < 1e-6  # the largest column has norm 1


def test_low_frequencies_are_scaled_up():
    scale = frequency_scale(64)
    assert scale.shape == (64, 33)
    assert scale[0, 0] == scale[0, 1] == 64  # DC is clamped to the lowest frequency
    assert scale[0, 1] > scale[0, 8] > scale[32, 32]


def test_a_seeded_image_starts_near_grey_in_range_and_repeats():
    def image(seed: int) -> torch.Tensor:
        return FourierImage(2, 48, torch.Generator().manual_seed(seed), torch.device("cpu")).rgb()

    first = image(3)
    assert first.shape == (2, 3, 48, 48) and first.min() > 0 and first.max() < 1
    assert (first - 0.5).abs().max() < 0.05
    assert torch.equal(first, image(3)) and not torch.equal(first, image(4))


def test_the_image_is_normalised_with_the_models_own_mean_and_std():
    prep = Preprocessing(mean=(0.5, 0.25, 0.0), std=(0.5, 0.25, 2.0))
    grey = torch.full((1, 3, 4, 4), 0.5)
    torch.testing.assert_close(normalized(grey, prep)[0, :, 0, 0], torch.tensor([0.0, 1.0, 0.25]))


def test_views_move_at_random_but_repeat_with_the_seed_and_keep_still_when_asked():
    pixels = torch.rand(2, 3, 32, 32, generator=torch.Generator().manual_seed(0))
    still = random_views(pixels, torch.Generator().manual_seed(1), Robustness(0.0, (1.0, 1.0), 0.0))
    torch.testing.assert_close(still, pixels, atol=1e-5, rtol=0)
    moved = random_views(pixels, torch.Generator().manual_seed(1))
    assert (moved - pixels).abs().mean() > 0.05
    assert torch.equal(moved, random_views(pixels, torch.Generator().manual_seed(1)))
