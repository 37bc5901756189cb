"""Text the views show for small values: a difference is never written as "(-0%)"."""

from __future__ import annotations

import pytest

from googlenet_gui.core.opcount.display import signed_pct


@pytest.mark.parametrize(("diff", "pct", "text"), [
    (-338_000, -4.9, "-338K (-5%)"), (-338_000, -0.3, "-338K (-0.3%)"), (512, 0.004, "+512 (+<0.1%)"),
    (-3, -0.001, "-3 (-<0.1%)"), (0, 0.0, "0 (0%)"), (5, None, "+5"),
])
def test_signed_percentages_keep_small_differences_visible(diff, pct, text):
    assert signed_pct(diff, pct) == text
