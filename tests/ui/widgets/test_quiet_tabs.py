"""QuietTabWidget: a caption changing on a page repaints the caption, not the page; layout still follows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from googlenet_gui.ui.widgets.quiet_tabs import QuietTabWidget
from tests.ui.helpers import EventCounter


def _tabs_with_caption(qtbot, tab_class: type[QTabWidget]) -> tuple[QTabWidget, QLabel, QLabel]:
    """A tab widget whose page holds a short caption next to a stretch, above a large sibling."""
    tabs = tab_class()
    page = QWidget()
    column = QVBoxLayout(page)
    row = QHBoxLayout()
    caption = QLabel("shared scale 0 … 1")
    row.addWidget(caption)
    row.addStretch(1)
    column.addLayout(row)
    sibling = QLabel("a large plot")
    sibling.setMinimumSize(300, 200)
    column.addWidget(sibling)
    tabs.addTab(page, "Explorer")
    tabs.addTab(QWidget(), "Ops")
    qtbot.addWidget(tabs)
    tabs.resize(500, 320)
    tabs.show()
    qtbot.waitExposed(tabs)
    qtbot.wait(50)
    return tabs, caption, sibling


def _paints_of_sibling_after_new_captions(qtbot, tab_class: type[QTabWidget]) -> int:
    tabs, caption, sibling = _tabs_with_caption(qtbot, tab_class)
    counter = EventCounter(sibling, QEvent.Type.Paint)
    for step in range(4):  # each text is wider than the last: the caption's size hint changes every time
        caption.setText(f"shared scale 0 … {1.2345 * 10 ** -step:.3g}" + " " * step + "x" * step)
        qtbot.wait(30)
    assert caption.width() >= caption.sizeHint().width()  # the caption itself was laid out anew
    return counter.count


@pytest.mark.parametrize("tab_class, repaints", [(QTabWidget, True), (QuietTabWidget, False)])
def test_a_changing_caption_repaints_the_page_only_with_a_plain_tab_widget(qtbot, tab_class, repaints) -> None:
    """The plain QTabWidget is the control: it repaints the whole page on every new caption."""
    assert (_paints_of_sibling_after_new_captions(qtbot, tab_class) > 0) is repaints


def test_the_tab_bar_and_pages_are_still_laid_out(qtbot) -> None:
    tabs, _caption, sibling = _tabs_with_caption(qtbot, QuietTabWidget)
    bar_width = tabs.tabBar().width()
    tabs.setTabText(1, "Ops (Table 1), a much longer title")
    qtbot.waitUntil(lambda: tabs.tabBar().width() > bar_width, timeout=2000)
    page_width = tabs.currentWidget().width()
    tabs.resize(700, 320)
    qtbot.waitUntil(lambda: tabs.currentWidget().width() > page_width, timeout=2000)


def test_a_page_that_needs_more_room_still_tells_the_parent_layout(qtbot) -> None:
    holder = QWidget()
    tabs, caption, sibling = _tabs_with_caption(qtbot, QuietTabWidget)
    QVBoxLayout(holder).addWidget(tabs)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    caption.setText("a request the tab widget answers quietly, at its final size")
    qtbot.wait(30)
    minimum = holder.minimumSizeHint().width()  # cached by the holder's layout until invalidated
    sibling.setMinimumWidth(800)
    qtbot.waitUntil(lambda: holder.minimumSizeHint().width() >= 800 > minimum, timeout=2000)
