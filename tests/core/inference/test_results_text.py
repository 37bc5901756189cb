"""Probabilities as text: small ones must not print as "0%"."""

from __future__ import annotations

import pytest

from googlenet_gui.core.inference.results import percent_text


@pytest.mark.parametrize(("fraction", "text"), [
    (0.987, "99%"), (0.45, "45%"), (0.1, "10%"), (0.0999, "10%"), (0.045, "4.5%"), (0.001, "0.1%"),
    (0.0004, "<0.1%"), (0.0, "0%"), (0.996, ">99%"), (1.0, "100%"),
])
def test_percent_text_never_rounds_a_real_probability_to_zero_or_one(fraction, text):
    assert percent_text(fraction) == text


@pytest.mark.parametrize(("fraction", "text"), [(0.83, "83.0%"), (0.0006, "0.1%"), (0.00004, "<0.1%"),
                                                (0.9996, ">99.9%")])
def test_one_decimal_for_the_head_charts(fraction, text):
    assert percent_text(fraction, decimals=1) == text
