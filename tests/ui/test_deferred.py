"""Hidden tabs build their plots on first view or first data, never losing an update."""

from __future__ import annotations

from googlenet_gui.ui.deferred import Deferred


def test_hidden_tabs_are_not_built_at_start_up(window):
    assert not window.compare_view.columns.is_built
    assert not window.training_panel.charts.is_built


def test_showing_a_tab_builds_its_content(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.compare_view)
    qtbot.waitUntil(lambda: window.compare_view.columns.is_built)
    assert len(window.compare_view.charts[0]) == 3
    window.tabs.setCurrentWidget(window.training_panel)
    qtbot.waitUntil(lambda: window.training_panel.charts.is_built)


def test_feeding_a_hidden_view_builds_it_and_keeps_the_data(window):
    from googlenet_gui.core.training_events import EpochResult

    panel = window.training_panel
    heads = {"main": 0.8, "aux1": 0.6, "aux2": 0.7}
    event = EpochResult(epoch=1, train_loss=1.0, val_loss=0.9, val_accuracy=0.8, train_losses=heads,
                        train_accuracies=heads, val_losses=heads, val_accuracies=heads, lr=0.01,
                        saved_best=False, seconds=1.0)
    panel._on_event(event)  # the tab was never opened
    assert panel.charts.is_built
    assert panel.curves.history[("acc", "main", "val")] == [0.8]
    x, y = panel.curves.curves[("acc", "main", "val")].getData()
    assert list(x) == [1] and list(y) == [0.8]


def test_deferred_builds_once(qtbot):
    from PySide6.QtWidgets import QLabel

    built: list[QLabel] = []

    def build() -> QLabel:
        built.append(QLabel("content"))
        return built[-1]

    holder = Deferred(build)
    qtbot.addWidget(holder)
    assert not holder.is_built and built == []
    holder.show()
    assert holder.is_built and holder.content() is built[0]
    holder.hide()
    holder.show()
    assert len(built) == 1
