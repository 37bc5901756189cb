"""The window's layout, explorer choices and recent files, kept in QSettings between sessions.

Every value is read through :func:`read_setting`, which checks its type: a settings file
edited by hand or by another version once aborted every launch with a traceback until it
was deleted.  ``--screenshot`` runs neither read nor write them (``MainWindow(restore=False)``,
``persist_settings = False``) and run under their own application name
(:data:`HEADLESS_APP_NAME`), so nothing they change reaches the next interactive session.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from googlenet_gui.ui.views.explorer import ExplorerPanel
    from googlenet_gui.ui.window.main_window import MainWindow


log = logging.getLogger(__name__)

#: The application name (and so the settings file) of headless ``--screenshot`` runs.
HEADLESS_APP_NAME = "googlenet-gui-headless"


def read_setting(key: str, kind: type, default: Any = None, settings: QSettings | None = None) -> Any:
    """The value stored under ``key`` if it is a ``kind``, else ``default`` and a logged warning.

    ``kind`` list means a list of strings: QSettings' INI files store a one-item list as
    a plain string, which once came back as one recent file per character.
    """
    value = (settings or QSettings()).value(key)
    if value is None:
        return default
    if kind is list:
        value = [value] if isinstance(value, str) else value
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
    elif isinstance(value, kind):
        return value
    log.warning("settings: %s ignored: expected %s, found %s", key, kind.__name__, type(value).__name__)
    return default


def combo_key(combo: "QComboBox") -> str:
    """The stored value of a combo's choice: its item data when it has a string key, else its text.

    WHY: a combo shown translated keeps its English key as item data; the setting must not
    change with the window's language.
    """
    data = combo.currentData()
    return data if isinstance(data, str) else combo.currentText()


def choose_key(combo: "QComboBox", key: str) -> None:
    """Select the item stored as ``key`` (by item data, else by text); an unknown key changes nothing."""
    index = combo.findData(key)
    if index < 0:
        index = combo.findText(key)
    if index >= 0:
        combo.setCurrentIndex(index)


def restore_layout(window: "MainWindow") -> None:
    """Geometry, dock/splitter states, colormap, normalisation and layer from last time."""
    settings = QSettings()
    for key, restore in (("window/geometry", window.restoreGeometry), ("window/state", window.restoreState),
                         ("window/main_split", window.main_split.restoreState),
                         ("window/right_split", window.right.restoreState),
                         ("window/explorer_split", window.explorer.splitter.restoreState)):
        value = read_setting(key, QByteArray, settings=settings)
        if value is not None:
            restore(value)  # a damaged state is refused by Qt itself (returns False)
    window.explorer.set_colormap(read_setting("explorer/colormap", str, "viridis", settings))
    choose_key(window.explorer.normalisation, read_setting("explorer/normalisation", str, "shared", settings))
    layer = read_setting("explorer/layer", str, None, settings)
    if layer:
        window.explorer.set_layer(layer)


def remember_explorer_choices(explorer: "ExplorerPanel") -> None:
    """Save the layer, colormap and normalisation as the user changes them (read by :func:`restore_layout`)."""
    explorer.layer_changed.connect(lambda name: QSettings().setValue("explorer/layer", name))
    explorer.colormap.currentTextChanged.connect(lambda name: QSettings().setValue("explorer/colormap", name))
    explorer.normalisation.currentIndexChanged.connect(
        lambda _index: QSettings().setValue("explorer/normalisation", combo_key(explorer.normalisation)))


def save_layout(window: "MainWindow") -> None:
    """What :func:`restore_layout` reads (the explorer choices are saved as they change)."""
    settings = QSettings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/main_split", window.main_split.saveState())
    settings.setValue("window/right_split", window.right.saveState())
    settings.setValue("window/explorer_split", window.explorer.splitter.saveState())
    settings.sync()
