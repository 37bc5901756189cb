"""Fixtures of the Features tab tests: a fresh feature cache per test, the tab open on the window."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    """Each test its own cache: a picture made by one test must not answer another."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOOGLENET_GUI_CACHE", str(folder))
    return folder / "features"


@pytest.fixture
def features(window):
    """The window on the Features tab (built), with tiny settings: 64 px pictures, a few steps."""
    window.tabs.setCurrentWidget(window.features_tab)
    panel = window.features_panel()
    panel.card.size_spin.setValue(64)
    panel.card.steps.setValue(16)
    return window
