"""Which text on screen does not fit: clipped, elided or overlapping (a check for tests and screenshots).

WHY: at 1024x768 in presentation mode text was cut at a pane's edge, drawn over other
text, or lost its percentage, and nobody saw it until a teacher did.  :func:`check_text`
walks a widget tree the way it is laid out now and reports, per text widget:

* ``clipped``: the text needs more room than its widget has, or an ancestor (a scroll
  area's viewport, a splitter pane) cuts it; a table cell narrower than its text;
* ``elided``: an :class:`ElidingLabel` (or a tab) showing "…" (allowed, but counted);
* ``overlap``: two sibling text widgets whose rectangles intersect;
* ``scrolls``: a table that needs its horizontal scroll bar.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt namespace
from PySide6.QtWidgets import (QAbstractButton, QCheckBox, QLabel, QPushButton, QRadioButton, QTableView, QToolButton,
                               QWidget)

from googlenet_gui.ui.widgets.eliding_label import ElidingLabel

#: Pixels of slack before text counts as not fitting (font rounding).
SLACK = 2
#: A table cell's padding around its text (Fusion draws 3-4 px each side).
CELL_PADDING = 8


@dataclass(frozen=True)
class TextProblem:
    kind: str
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}: {self.text!r}"


@dataclass
class TextReport:
    clipped: list[TextProblem] = field(default_factory=list)
    elided: list[TextProblem] = field(default_factory=list)
    overlaps: list[TextProblem] = field(default_factory=list)
    scrolls: list[TextProblem] = field(default_factory=list)

    @property
    def failures(self) -> list[TextProblem]:
        """What must never happen (elision is allowed: the whole text is in the tooltip)."""
        return [*self.clipped, *self.overlaps, *self.scrolls]


def check_text(root: QWidget) -> TextReport:
    """Every visible text widget under ``root`` (and ``root``) checked against its room."""
    report = TextReport()
    widgets = [w for w in (root, *root.findChildren(QWidget)) if _shown(w, root)]
    texts = [w for w in widgets if _text_of(w)]
    for widget in texts:
        _check_widget(widget, root, report)
    for table in (w for w in widgets if isinstance(w, QTableView)):
        _check_table(table, report)
    _check_overlaps(texts, report)
    return report


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget is root or (widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0)


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, ElidingLabel):
        return widget.text()
    if isinstance(widget, QLabel):
        return "" if widget.pixmap() is not None and not widget.pixmap().isNull() else widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    return ""


def where(widget: QWidget) -> str:
    """``Parent > Widget`` names: enough to find the widget in a failing test's message."""
    names, node = [], widget
    while node is not None and len(names) < 4:
        names.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return " < ".join(names)


# ------------------------------------------------------------------ text widgets
def _check_widget(widget: QWidget, root: QWidget, report: TextReport) -> None:
    text = _text_of(widget)
    if isinstance(widget, ElidingLabel):
        shown = widget.displayed_text()
        if shown.endswith("…") and shown != text:
            report.elided.append(TextProblem("elided", where(widget), text))
        needed = QRect(0, 0, QFontMetrics(widget.font()).horizontalAdvance(shown), widget.fontMetrics().height())
    elif isinstance(widget, QLabel):
        needed = _label_needs(widget)
    else:
        needed = _button_needs(widget)
    room = widget.contentsRect()
    if needed.width() > room.width() + SLACK or needed.height() > room.height() + SLACK:
        report.clipped.append(TextProblem("clipped", where(widget), text))
        return
    box = _aligned(needed, room, _alignment(widget)).translated(widget.mapTo(root, QPoint(0, 0)))
    cut_by = _cutting_ancestor(widget, root, box)
    if cut_by is not None:
        report.clipped.append(TextProblem("clipped", f"{where(widget)} (cut by {type(cut_by).__name__})", text))


def _label_needs(label: QLabel) -> QRect:
    """The rectangle the label's text takes at its current width (wrapped if it wraps)."""
    room = label.contentsRect()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text()))
    if rich:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(label.font())
        document.setHtml(label.text())
        if label.wordWrap():
            document.setTextWidth(room.width())
        return QRect(0, 0, int(document.idealWidth()), int(document.size().height()))
    flags = int(Qt.TextFlag.TextWordWrap) if label.wordWrap() else 0
    bounds = QRect(0, 0, room.width() if label.wordWrap() else 100_000, 100_000)
    return QRect(0, 0, *label.fontMetrics().boundingRect(bounds, flags, label.text()).size().toTuple())


def _button_needs(button: QWidget) -> QRect:
    """Check boxes and push buttons: their size hint (indicator, padding); tool buttons: text and a margin."""
    if isinstance(button, (QCheckBox, QRadioButton, QPushButton)):
        hint = button.sizeHint()
        return QRect(0, 0, hint.width() - (button.width() - button.contentsRect().width()), 1)
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    extra = 6 + (button.iconSize().width() if isinstance(button, QToolButton) and not button.icon().isNull() else 0)
    return QRect(0, 0, button.fontMetrics().horizontalAdvance(text) + extra, button.fontMetrics().height())


def _alignment(widget: QWidget) -> Qt.AlignmentFlag:
    return widget.alignment() if isinstance(widget, QLabel) else Qt.AlignmentFlag.AlignCenter


def _aligned(needed: QRect, room: QRect, alignment: Qt.AlignmentFlag) -> QRect:
    """Where in ``room`` text of ``needed``'s size is drawn."""
    width, height = min(needed.width(), room.width()), min(needed.height(), room.height())
    x = room.left()
    if alignment & Qt.AlignmentFlag.AlignHCenter:
        x += (room.width() - width) // 2
    elif alignment & Qt.AlignmentFlag.AlignRight:
        x += room.width() - width
    y = room.top() + (room.height() - height) // 2
    if alignment & Qt.AlignmentFlag.AlignTop:
        y = room.top()
    elif alignment & Qt.AlignmentFlag.AlignBottom:
        y = room.bottom() + 1 - height
    return QRect(x, y, width, height)


def _cutting_ancestor(widget: QWidget, root: QWidget, box: QRect) -> QWidget | None:
    """The first ancestor (up to ``root``) whose rectangle does not hold ``box`` (root coordinates)."""
    node = widget.parentWidget()
    inner = box.adjusted(SLACK, SLACK, -SLACK, -SLACK)
    while node is not None:
        area = QRect(node.mapTo(root, QPoint(0, 0)), node.size())
        if not area.contains(inner):
            return node
        if node is root:
            return None
        node = node.parentWidget()
    return None


# ------------------------------------------------------------------------ tables
def _check_table(table: QTableView, report: TextReport) -> None:
    model, header = table.model(), table.horizontalHeader()
    if model is None:
        return
    name = where(table)
    if table.horizontalScrollBar().isVisible():
        report.scrolls.append(TextProblem("scrolls", name, "horizontal scroll bar"))
    metrics = QFontMetrics(table.font())
    header_metrics = QFontMetrics(header.font())
    rows = [r for r in range(model.rowCount()) if _row_on_screen(table, r)]
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        width = table.columnWidth(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if max((header_metrics.horizontalAdvance(line) for line in title.split("\n")), default=0) \
                + CELL_PADDING > width + SLACK:
            report.clipped.append(TextProblem("clipped", f"{name} header", title))
        for row in rows:
            text = str(model.index(row, column).data() or "")
            if text and metrics.horizontalAdvance(text) + CELL_PADDING > width + SLACK:
                report.clipped.append(TextProblem("clipped", f"{name} cell ({row}, {column})", text))
    for row in rows:
        if table.rowHeight(row) + SLACK < metrics.height():
            report.clipped.append(TextProblem("clipped", f"{name} row {row} height", str(table.rowHeight(row))))


def _row_on_screen(table: QTableView, row: int) -> bool:
    top = table.rowViewportPosition(row)
    return 0 <= top and top + table.rowHeight(row) <= table.viewport().height() + SLACK


# ---------------------------------------------------------------------- overlaps
def _check_overlaps(texts: list[QWidget], report: TextReport) -> None:
    """Sibling text widgets (same parent) whose rectangles share more than a sliver."""
    by_parent: dict[int, list[QWidget]] = {}
    for widget in texts:
        by_parent.setdefault(id(widget.parentWidget()), []).append(widget)
    for siblings in by_parent.values():
        for index, first in enumerate(siblings):
            for second in siblings[index + 1:]:
                shared = first.geometry().intersected(second.geometry())
                if shared.width() > SLACK and shared.height() > SLACK:
                    report.overlaps.append(TextProblem(
                        "overlap", f"{where(first)} / {type(second).__name__}", f"{_text_of(first)} | {_text_of(second)}"))
