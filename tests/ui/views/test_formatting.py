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


def test_aux_notes_say_in_words_that_the_percentage_is_the_top5_overlap():
    """"top-1 ≠ main · 100%" read as if the 100% were about the top-1 (issue #26)."""
    import numpy as np

    from googlenet_gui.core.inference.results import HeadResult, Prediction
    from googlenet_gui.ui.views.predictions import aux_notes

    head = HeadResult("aux1", np.full(5, 0.2, dtype=np.float32), [Prediction(i, f"c{i}", 0.2) for i in range(5)])
    assert aux_notes("aux1", head, {"aux1_same_top1": False, "aux1_topk_overlap": 1.0}) == (
        "different top-1 from main · top-5 overlap with main 100%", "top-1 differs · top-5: 100% overlap")
    assert aux_notes("aux1", head, {"aux1_same_top1": True, "aux1_topk_overlap": 0.6})[1] == (
        "top-1 same · top-5: 60% overlap")
