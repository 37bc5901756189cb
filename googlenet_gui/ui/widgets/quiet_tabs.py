"""A QTabWidget that repaints its pages only when its own layout really changes.

WHY: QTabWidget answers every ``LayoutRequest`` by laying out its tab bar and page
stack again and then calling ``update()`` on itself, which repaints the current page
and every widget on it.  Such a request reaches it whenever any widget on the page
asks for a new size: a caption whose text changes (a colour scale, "128 ch · energy
56%") invalidates its layout, and the layouts pass that up to the tab widget.  The
window's Inception explorer changes a few captions with every image, so every image
repainted the whole explorer (its layer picker's 34 buttons and labels, four mosaic
plots, the channel view) twice on top of what changed, ~220 widget paints a drop.

The tab bar's and the pages' geometry depends only on what :meth:`_layout_key`
collects; when that is unchanged the request is answered with ``updateGeometry()``
alone (what QTabWidget does besides laying out and repainting, so a changed minimum
size still reaches the splitter), and everything else goes to QTabWidget as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTabWidget, QWidget


class QuietTabWidget(QTabWidget):
    """QTabWidget without the full repaint on layout requests that change nothing it lays out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._laid_out_for: tuple | None = None

    def event(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            key = self._layout_key()
            unchanged, self._laid_out_for = key == self._laid_out_for, key
            if unchanged:
                self.updateGeometry()
                return True
        return super().event(event)

    def _layout_key(self) -> tuple:
        """Everything QTabWidget's own layout (tab bar, page stack, corner widgets) is computed from."""
        corners = tuple(self._size_hint(self.cornerWidget(corner))
                        for corner in (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner,
                                       Qt.Corner.BottomLeftCorner, Qt.Corner.BottomRightCorner))
        bar = self.tabBar()
        return (self.size().toTuple(), self.isVisible(), self.count(), self.tabPosition(), self.tabShape(),
                self.documentMode(), bar.isVisible(), bar.sizeHint().toTuple(), self.style().name(), corners)

    @staticmethod
    def _size_hint(widget: QWidget | None) -> tuple | None:
        return widget.sizeHint().toTuple() if widget is not None and widget.isVisible() else None
