"""Probabilities as text: small ones must not print as "0%"."""

from __future__ import annotations

import pytest

from googlenet_gui.core.results import percent_text


@pytest.mark.parametrize(("fraction", "text"), [
    (0.987, "99%"), (0.45, "45%"), (0.1, "10%"), (0.045, "4.5%"), (0.001, "0.1%"), (0.0004, "<0.1%"), (0.0, "0%"),
])
def test_percent_text_never_rounds_a_real_probability_to_zero(fraction, text):
    assert percent_text(fraction) == text
