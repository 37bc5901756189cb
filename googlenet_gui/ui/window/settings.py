"""The window's layout and explorer choices, kept in QSettings between sessions.

Split out of :mod:`.window` to keep it small; ``--screenshot`` runs neither read nor
write them (``MainWindow(restore=False)``, ``persist_settings = False``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from googlenet_gui.ui.views.explorer import ExplorerPanel
    from googlenet_gui.ui.window.main_window import MainWindow


def restore_layout(window: "MainWindow") -> None:
    """Geometry, dock/splitter states, colormap, normalisation and layer from last time."""
    settings = QSettings()
    for key, restore in (("window/geometry", window.restoreGeometry), ("window/state", window.restoreState),
                         ("window/main_split", window.main_split.restoreState),
                         ("window/right_split", window.right.restoreState),
                         ("window/explorer_split", window.explorer.splitter.restoreState)):
        value = settings.value(key)
        if value is not None:
            restore(value)
    window.explorer.set_colormap(str(settings.value("explorer/colormap", "viridis")))
    window.explorer.normalisation.setCurrentText(str(settings.value("explorer/normalisation", "shared")))
    layer = settings.value("explorer/layer")
    if layer:
        window.explorer.set_layer(str(layer))


def remember_explorer_choices(explorer: "ExplorerPanel") -> None:
    """Save the layer, colormap and normalisation as the user changes them (read by :func:`restore_layout`)."""
    explorer.layer_changed.connect(lambda name: QSettings().setValue("explorer/layer", name))
    explorer.colormap.currentTextChanged.connect(lambda name: QSettings().setValue("explorer/colormap", name))
    explorer.normalisation.currentTextChanged.connect(lambda mode: QSettings().setValue("explorer/normalisation", mode))


def save_layout(window: "MainWindow") -> None:
    """What :func:`restore_layout` reads (the explorer choices are saved as they change)."""
    settings = QSettings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/main_split", window.main_split.saveState())
    settings.setValue("window/right_split", window.right.saveState())
    settings.setValue("window/explorer_split", window.explorer.splitter.saveState())
    settings.sync()
