"""Column widths that show every heading whole, in every language.

WHY: ``resizeColumnsToContents`` sizes a column from Qt's heading size hint, which came out
narrower than the heading's own text for Korean headings drawn in a fallback font (Table 1's
"깊이" was cut to "깊0", the lesson's "수용 영역" lost its last glyph).  :func:`fit_columns`
widens such a column to what :mod:`.text_fit`'s check measures.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from googlenet_gui.ui.widgets.text_fit import CELL_PADDING, SLACK


def fit_columns(table: QTableView) -> None:
    """Columns sized to their cells, then widened where a heading needs more room."""
    table.resizeColumnsToContents()
    model = table.model()
    if model is None:
        return
    metrics = QFontMetrics(table.horizontalHeader().font())
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        needed = max((metrics.horizontalAdvance(line) for line in title.split("\n")), default=0) + CELL_PADDING + SLACK
        if table.columnWidth(column) < needed:
            table.setColumnWidth(column, needed)
