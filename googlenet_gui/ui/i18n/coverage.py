"""Which texts on screen are still English after a switch: the list a translator works from.

:func:`visible_texts` gathers what a user can read in a window — labels, buttons, tab
and group titles, tooltips, combo items, placeholders, table headings, menus, dock
titles, plot labels — and :func:`untranslated` keeps those that still hold an English
word once the words every language keeps (GoogLeNet, CAM, layer names, key names,
numbers and file names) are taken out.  The tests run it over the whole window in
Korean; a translator can run it on a screenshot session the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDockWidget, QGraphicsView, QGroupBox,
                               QLabel, QLineEdit, QMainWindow, QMenu, QTableView, QTabBar, QTextEdit, QTreeView,
                               QWidget)

from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.text_fit import where

#: Words a Korean (or any) interface keeps as they are: names, acronyms, units, keys.
KEPT_WORDS = frozenset("""
googlenet inception table cam grad gradcam onnx runtime ort cpu gpu cuda imagenet pytorch torch torchvision
relu sgd adam adamw batchnorm pool proj top json gui safetensors torchscript csv html pdf png jpeg jpg gif webp bmp tiff svg fps px pt ms kb mb gb
esc ctrl shift alt pgup pgdown pgdn space enter tab f1 f2 f5 f11 up down left right home end
aux stem conv maxpool avgpool fc dropout lrn softmax bn flops macs rgb url qt linux
viridis magma inferno plasma cividis gray grey turbo jet hot cool coolwarm
english stl lucent imagenet1k eager folded quick
""".split())
#: A run of Latin letters: the unit we judge (numbers, paths and names are removed first).
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_TAG = re.compile(r"<[^>]+>|&[a-z]+;")
#: Tokens that are not prose: contain a digit, a dot, a slash, an underscore or a backslash.
_NAME_LIKE = re.compile(r"\S*[0-9./_\\]\S*")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def plain(text: str) -> str:
    """``text`` without HTML tags, entities and menu mnemonics (``&File``)."""
    return _TAG.sub(" ", text).replace("&&", "&").replace("&", "")


def english_words(text: str, kept: Iterable[str] = ()) -> list[str]:
    """The English words left in ``text`` once names, numbers and kept words are removed."""
    kept_lower = KEPT_WORDS | {word.lower() for word in kept}
    prose = _NAME_LIKE.sub(" ", plain(text))
    return [word for word in _WORD.findall(prose) if word.lower() not in kept_lower and len(word) > 1]


def untranslated(texts: Iterable[tuple[str, str]], kept: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The ``(where, text)`` pairs whose text still holds English words; each text listed once."""
    kept = tuple(kept)
    seen: set[str] = set()
    found = []
    for place, text in texts:
        if text in seen or not english_words(text, kept):
            continue
        seen.add(text)
        found.append((place, text))
    return found


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def visible_texts(root: QWidget, shown_only: bool = False) -> list[tuple[str, str]]:
    """Every ``(where, text)`` a user can read in ``root`` and its menus.

    ``shown_only`` keeps widgets on screen now (and the menus, which pop up): a hidden panel
    may hold words from before a switch that nobody sees and that are redone when it shows.
    """
    found: list[tuple[str, str]] = []
    for widget in (root, *root.findChildren(QWidget)):
        if shown_only and not isinstance(widget, QMenu) and not (widget is root or widget.isVisibleTo(root)):
            continue
        name = where(widget)
        found.extend((name, text) for text in _widget_texts(widget) if text and text.strip())
    return found


def _widget_texts(widget: QWidget) -> Iterator[str]:
    yield widget.toolTip()
    if isinstance(widget, (QMainWindow, QDockWidget)) or widget.isWindow():
        yield widget.windowTitle()
    if isinstance(widget, (QLabel, ElidingLabel)):
        yield widget.text()
    elif isinstance(widget, QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield widget.tabText(index)
            yield widget.tabToolTip(index)
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield widget.itemText(index)
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QTextEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QAbstractSpinBox):
        yield from (getattr(widget, "prefix", lambda: "")(), getattr(widget, "suffix", lambda: "")(),
                    widget.specialValueText())
    elif isinstance(widget, (QTableView, QTreeView)):
        yield from _headings(widget)
    elif isinstance(widget, QMenu):
        yield widget.title()
        for action in widget.actions():
            yield action.text()
            yield action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
    yield from _plot_texts(widget)


def _headings(view: QTableView | QTreeView) -> Iterator[str]:
    """Column headings and their tooltips (row headings are data: layer names)."""
    model = view.model()
    if model is None:
        return
    for section in range(model.columnCount(QModelIndex())):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield value


def _plot_texts(widget: QWidget) -> Iterator[str]:
    """Axis labels, titles and text items of a pyqtgraph view (graphics items, not widgets)."""
    if not isinstance(widget, QGraphicsView) or widget.scene() is None:
        return
    for item in widget.scene().items():
        for attribute in ("labelText", "text"):
            value = getattr(item, attribute, None)
            if isinstance(value, str):
                yield value
        if hasattr(item, "toPlainText") and callable(item.toPlainText):
            yield item.toPlainText()
