"""The main window's arrangement: thumbnails | (predictions over the tabs), under the banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget


def assemble(window: QMainWindow, banner: QWidget, thumbnails: QWidget, predictions: QWidget,
             tabs: QWidget) -> tuple[QSplitter, QSplitter]:
    """Lay the views out in ``window``; returns (right splitter, main splitter) for saved layouts."""
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(predictions)
    right.addWidget(tabs)
    right.setSizes([230, 620])
    main_split = QSplitter(Qt.Orientation.Horizontal)
    main_split.addWidget(thumbnails)
    main_split.addWidget(right)
    main_split.setSizes([190, 1110])
    main_split.setStretchFactor(1, 1)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(4, 4, 4, 0)
    layout.addWidget(banner)
    layout.addWidget(main_split, 1)
    window.setCentralWidget(central)
    return right, main_split
