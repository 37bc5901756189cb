"""Core tests run without Qt: fail early if anything here pulled it in."""

from __future__ import annotations

import sys

import pytest
import torch

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _no_qt_in_core_tests():
    yield
    leaked = [name for name in ("PySide6", "pyqtgraph", "shiboken6") if name in sys.modules]
    if leaked and not any(m.startswith("googlenet_gui.ui") for m in sys.modules):
        pytest.fail(f"a core code path imported {', '.join(leaked)}")
