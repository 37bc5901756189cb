"""Fixtures shared by the view tests."""

from __future__ import annotations

import pytest

from tests.ui.helpers import drop, url_mime


@pytest.fixture
def shown(qtbot, window, images):
    """The window with one image classified and its views drawn."""
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    return window


@pytest.fixture
def explaining(qtbot, window, images):
    """The window on the Explain tab with an image: the atlas computed for the main head."""
    window.tabs.setCurrentWidget(window.explain_tab)
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    qtbot.waitUntil(lambda: window.explain_panel().atlas is not None and not window.runner.is_busy(),
                    timeout=60_000)
    return window
