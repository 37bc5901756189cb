"""Settings shared by every test layer.

Qt runs offscreen so the suite needs no display, and torch uses one thread so the
numbers tests compare are deterministic and tests do not fight over the two cores.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GOOGLENET_GUI_OFFLINE", "1")  # tests never try to download the official weights
# The optional ONNX Runtime path costs an export (~1 s) per new model; tests that check it
# switch it on themselves (tests/core/accel/test_onnx_parity.py, test_onnx_paths.py).
os.environ.setdefault("GOOGLENET_GUI_BACKEND", "torch")
# The log file (core/logfile.py) of in-process CLI runs goes to a temp folder, never the user's.
if "GOOGLENET_GUI_LOG_DIR" not in os.environ:
    import tempfile as _tempfile

    os.environ["GOOGLENET_GUI_LOG_DIR"] = _tempfile.mkdtemp(prefix="googlenet_gui_test_log_")
# Exported ONNX graphs are cached on disk (core/accel/graph_cache.py); never in the user's cache.
if "GOOGLENET_GUI_CACHE" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["GOOGLENET_GUI_CACHE"] = tempfile.mkdtemp(prefix="googlenet_gui_test_cache_")
    atexit.register(shutil.rmtree, os.environ["GOOGLENET_GUI_CACHE"], True)


@pytest.fixture
def onnx_on(monkeypatch, tmp_path):
    """The ONNX Runtime backend switched on (it is off by default here), with its own graph cache."""
    monkeypatch.delenv("GOOGLENET_GUI_BACKEND", raising=False)
    monkeypatch.setenv("GOOGLENET_GUI_CACHE", str(tmp_path / "graph_cache"))
