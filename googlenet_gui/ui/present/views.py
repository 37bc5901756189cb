"""What presentation mode can show: one entry per view, in the order Left/Right steps through.

Each entry hands the stage the real widget of the desk window (the stage borrows it and
gives it back), so a view shows exactly what its tab shows, with no second copy to keep
in step.  A new view is one more line in :data:`VIEWS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from googlenet_gui.ui.window.main_window import MainWindow


@dataclass(frozen=True)
class PresentView:
    """``widget(window)`` returns the desk widget to borrow (built now if it was deferred);
    ``tab`` is the desk tab (``--tab`` name) it comes from, so a step that asks for a tab
    (the lesson) shows this view while presenting.  ``title`` is English, marked for the
    catalogue: the stage shows ``translate("PresentView", title)``."""

    key: str
    title: str
    widget: Callable[["MainWindow"], "QWidget"]
    tab: str


def _explain_page(index: int) -> Callable[["MainWindow"], "QWidget"]:
    """The Explain tab on one of its pages (0: CAM atlas, 1: ablation)."""

    def widget(window: "MainWindow") -> "QWidget":
        window.explain_panel().pages.setCurrentIndex(index)
        return window.explain_tab

    return widget


def _features_tab(window: "MainWindow") -> "QWidget":
    """The Features tab, its panel built first (it is deferred until first shown)."""
    window.features_panel()
    return window.features_tab


VIEWS: tuple[PresentView, ...] = (
    PresentView("explorer", QT_TRANSLATE_NOOP("PresentView", "Branch mosaics"), lambda window: window.explorer,
                "explorer"),
    PresentView("atlas", QT_TRANSLATE_NOOP("PresentView", "CAM atlas"), _explain_page(0), "explain"),
    PresentView("ablation", QT_TRANSLATE_NOOP("PresentView", "Ablation"), _explain_page(1), "explain"),
    PresentView("features", QT_TRANSLATE_NOOP("PresentView", "Feature visualisation"), _features_tab, "features"),
    PresentView("ops", QT_TRANSLATE_NOOP("PresentView", "Table 1"), lambda window: window.ops_view, "ops"),
    PresentView("finetune", QT_TRANSLATE_NOOP("PresentView", "Fine-tune curves"),
                lambda window: window.training_panel.charts, "finetune"),
)
VIEW_KEYS: tuple[str, ...] = tuple(view.key for view in VIEWS)


def view_of_tab(tab: str) -> int | None:
    """Position in :data:`VIEWS` of the first view of desk tab ``tab``; None for a tab with none (Model)."""
    return next((index for index, view in enumerate(VIEWS) if view.tab == tab), None)


def view_index(key: str) -> int:
    """Position of ``key`` in :data:`VIEWS` (a ValueError names the keys there are)."""
    if key not in VIEW_KEYS:
        raise ValueError(f"no presentation view {key!r}; choose one of {', '.join(VIEW_KEYS)}")
    return VIEW_KEYS.index(key)
