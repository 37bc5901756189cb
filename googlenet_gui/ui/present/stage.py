"""The full-screen stage: the image and the heads strip on top, the chosen view below.

The view is the desk window's own widget, borrowed: :class:`Borrowed` takes it out of
its tab, splitter or layout and puts it back exactly where it was (same index, same
tab text, same current tab) when the stage moves on or presentation mode ends.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QSizePolicy, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout,
                               QWidget)

from googlenet_gui.ui.i18n import Retranslatable
from googlenet_gui.ui.present.pointer import PointerOverlay
from googlenet_gui.ui.present.strip import HeadsStrip
from googlenet_gui.ui.views.thumbnails import pixmap_from_rgb
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold, muted

#: The image's side as a share of the stage's height.
IMAGE_SHARE = 0.19
SHORT_KEY_HINT = "←/→ ↑/↓ N/P L C Esc"


class Borrowed:
    """A widget taken from its place in the desk window, with how to put it back."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.give_back = _restorer(widget)


def _restorer(widget: QWidget) -> Callable[[], None]:
    """A function that puts ``widget`` back where it is now (a tab, a splitter pane or a layout slot)."""
    parent = widget.parentWidget()
    if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
        tabs: QTabWidget = parent.parentWidget()
        index, current = tabs.indexOf(widget), tabs.currentIndex()
        text, tip = tabs.tabText(index), tabs.tabToolTip(index)

        def back_to_tab() -> None:
            tabs.insertTab(index, widget, text)
            tabs.setTabToolTip(index, tip)
            tabs.setCurrentIndex(current)

        return back_to_tab
    if isinstance(parent, QSplitter):
        splitter, index, sizes = parent, parent.indexOf(widget), parent.sizes()

        def back_to_splitter() -> None:
            splitter.insertWidget(index, widget)
            splitter.setSizes(sizes)
            widget.show()

        return back_to_splitter
    layout = parent.layout()
    index = layout.indexOf(widget)
    stretch = layout.stretch(index)

    def back_to_layout() -> None:
        layout.insertWidget(index, widget, stretch)
        widget.show()

    return back_to_layout


class Stage(Retranslatable, QWidget):
    """Emits ``resized(width, height)`` so the fonts can follow the stage's size."""

    resized = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.borrowed: Borrowed | None = None
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._rgb: np.ndarray | None = None
        self.title = ElidingLabel("")
        bold(self.title)
        self.caption = ElidingLabel("")  # the image's name and the model's, whole in the tooltip
        muted(self.caption)
        self.strip = HeadsStrip()
        self.hint = ElidingLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        muted(self.hint)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self._build_layout()
        self.pointer = PointerOverlay(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The key hint and the no-image text (the title and caption are the presenter's)."""
        self.hint.setText(self.tr("←/→ view · ↑/↓ layer · N/P image · L pointer · C columns · Esc leave"),
                          short=SHORT_KEY_HINT)
        if self._rgb is None:
            self.image.setText(self.tr("no image"))

    def _build_layout(self) -> None:
        heading = QHBoxLayout()
        heading.addWidget(self.title)  # its whole title; the key hint takes the rest
        heading.addWidget(self.hint, 1)
        side = QVBoxLayout()
        side.setSpacing(2)
        side.addLayout(heading)
        side.addWidget(self.caption)
        side.addWidget(self.strip)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.image, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)

    # ------------------------------------------------------------------ public
    def present(self, widget: QWidget, title: str) -> None:
        """Give the previous view back and borrow ``widget`` into the body."""
        self.give_back()
        self.borrowed = Borrowed(widget)
        self.body.addWidget(widget)
        widget.show()
        self.title.setText(title)
        self.pointer.raise_()

    def give_back(self) -> None:
        if self.borrowed is not None:
            borrowed, self.borrowed = self.borrowed, None
            self.body.removeWidget(borrowed.widget)
            borrowed.give_back()

    def show_image(self, rgb: np.ndarray | None, caption: str) -> None:
        """The network's input crop (what the heads saw), scaled to the stage."""
        self._rgb = rgb
        self.caption.setText(caption)
        self._draw_image()

    # ---------------------------------------------------------------- internal
    def _draw_image(self) -> None:
        side = max(64, int(self.height() * IMAGE_SHARE))
        self.image.setFixedSize(side, side)
        if self._rgb is None:
            self.image.setPixmap(QPixmap())
            self.image.setText(self.tr("no image"))
            return
        pixmap = pixmap_from_rgb(self._rgb)
        self.image.setPixmap(pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._draw_image()
        if self.pointer.is_on:
            self.pointer.setGeometry(self.rect())
        self.resized.emit(event.size().width(), event.size().height())
