"""The semantic dictionary: the strongest channels at one map position, as a direct sort gives them."""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.features.dictionary import layer_maps, semantic_dictionary, strongest_at
from googlenet_gui.core.inference.inspection import inspect


@pytest.mark.parametrize("layer", ["inception4c", "inception4c.5x5", "conv3"])
def test_the_strongest_channels_at_a_spot_match_the_inspected_maps(loaded, photo, layer):
    inspection = inspect(loaded, photo)
    module, _, branch = layer.partition(".")
    maps = inspection.stem[module] if module in inspection.stem else (
        inspection.modules[module].branch(branch).maps if branch else inspection.modules[module].output)
    row, col = maps.shape[1] // 2, maps.shape[2] - 1
    entries = semantic_dictionary(loaded, photo, layer, row, col, count=6)
    expected = np.argsort(-maps[:, row, col], kind="stable")[:6]
    assert [e.channel for e in entries] == expected.tolist()
    np.testing.assert_allclose([e.activation for e in entries], maps[expected, row, col], rtol=1e-4, atol=1e-5)
    assert entries == strongest_at(layer_maps(loaded, photo, layer), row, col, 6)


def test_a_spot_outside_the_map_is_clear(loaded, photo):
    with pytest.raises(ExplainError, match="outside the 4x4 map"):
        semantic_dictionary(loaded, photo, "inception4c", 4, 0)
