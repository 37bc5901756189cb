"""The text checker the presentation tests rely on: it must see clipping, elision and overlap."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.text_fit import check_text


def _shown(qtbot, widget: QWidget, width: int = 300, height: int = 200) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_text_that_fits_is_not_reported(qtbot):
    root = QWidget()
    layout = QVBoxLayout(root)
    layout.addWidget(QLabel("short"))
    layout.addWidget(ElidingLabel("also short"))
    wrapped = QLabel("a longer sentence that wraps onto a second line in a narrow box")
    wrapped.setWordWrap(True)
    layout.addWidget(wrapped)
    report = check_text(_shown(qtbot, root))
    assert report.failures == [] and report.elided == []


def test_a_deliberately_clipped_label_is_caught(qtbot):
    root = QWidget()
    label = QLabel("a label far too long for the forty pixels it was given", root)
    label.setGeometry(0, 0, 40, 30)
    report = check_text(_shown(qtbot, root))
    assert [problem.text for problem in report.clipped] == [label.text()]


def test_text_cut_by_a_scroll_areas_viewport_is_caught(qtbot):
    """The channel statistics once sat in a pane too narrow for them, scrolled sideways."""
    content = QLabel("statistics&nbsp;that&nbsp;never&nbsp;wrap&nbsp;and&nbsp;need&nbsp;room")
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    report = check_text(_shown(qtbot, scroll, 120, 80))
    assert len(report.clipped) == 1 and "cut by" in report.clipped[0].where


def test_overlapping_sibling_labels_are_caught(qtbot):
    root = QWidget()
    first, second = QLabel("caption", root), QLabel("size 14×14", root)
    first.setGeometry(0, 0, 120, 30)
    second.setGeometry(10, 10, 120, 30)  # drawn over the first
    report = check_text(_shown(qtbot, root))
    assert len(report.overlaps) == 1 and "caption" in report.overlaps[0].text


def test_elision_is_counted_not_failed(qtbot):
    root = QWidget()
    label = ElidingLabel("a class name much too long for its place", root)
    label.setGeometry(0, 0, 60, 30)
    report = check_text(_shown(qtbot, root))
    assert report.failures == [] and [problem.text for problem in report.elided] == [label.text()]


def test_narrow_table_cells_and_sideways_scrolling_are_caught(qtbot):
    table = QTableWidget(2, 6)
    for column in range(6):
        table.setItem(0, column, QTableWidgetItem("112×112×64"))
        table.setColumnWidth(column, 30)
    report = check_text(_shown(qtbot, table, 150, 120))
    assert any("cell (0, 0)" in problem.where for problem in report.clipped)
    table.resizeColumnsToContents()
    assert check_text(table).scrolls
