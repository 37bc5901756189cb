"""Hidden tabs build their plots on first view or first data, never losing an update."""

from __future__ import annotations

from googlenet_gui.ui.widgets.deferred import Deferred


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
    from googlenet_gui.core.training.events import EpochResult

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


def _pieces_build(log: list[str]):
    """A build in three pieces that records each one."""
    from PySide6.QtWidgets import QLabel

    def build():
        for piece in ("a", "b", "c"):
            log.append(piece)
            yield
        return QLabel("".join(log))
    return build


def test_a_build_in_pieces_lets_the_event_loop_run_between_them(qtbot):
    """WHY: the Fine-tune charts in one go froze the window for ~140 ms."""
    from PySide6.QtCore import QTimer

    log: list[str] = []
    ticks: list[int] = []
    holder = Deferred(_pieces_build(log))
    qtbot.addWidget(holder)
    holder.build_in_slices(then=lambda: log.append("then"))
    timer = QTimer(holder)
    timer.timeout.connect(lambda: ticks.append(len(log)))
    timer.start(0)
    assert log == [] and not holder.is_built  # nothing runs inside the call
    qtbot.waitUntil(lambda: holder.is_built and "then" in log)
    timer.stop()
    assert log == ["a", "b", "c", "then"]
    assert holder.content().text() == "abc"
    assert len(set(ticks) & {1, 2}) >= 1  # the event loop ran between pieces


def test_content_finishes_a_build_in_pieces_at_once_and_only_once(qtbot):
    log: list[str] = []
    holder = Deferred(_pieces_build(log))
    qtbot.addWidget(holder)
    built: list[object] = []
    holder.built.connect(built.append)
    holder.build_in_slices()
    widget = holder.content()  # data arrived before the slices ran
    assert log == ["a", "b", "c"] and holder.is_built
    qtbot.wait(50)  # the queued slice finds nothing left to do
    assert log == ["a", "b", "c"] and built == [widget]


def test_showing_a_holder_builds_it_in_pieces(qtbot):
    log: list[str] = []
    holder = Deferred(_pieces_build(log))
    qtbot.addWidget(holder)
    holder.show()
    assert not holder.is_built
    qtbot.waitUntil(lambda: holder.is_built)
    assert log == ["a", "b", "c"]


def test_an_idle_window_builds_and_lays_out_its_hidden_tabs(qtbot, window):
    """Opening the Fine-tune or Compare tab later costs only its paint: built and laid out while hidden."""
    from PySide6.QtCore import QEvent

    from tests.ui.helpers import EventCounter

    window.prebuild._timer.setInterval(0)
    window.schedule()
    qtbot.waitUntil(lambda: window.training_panel.charts.is_built, timeout=20_000)
    plot = window.training_panel.curves.loss_plot  # a pyqtgraph view deep in the page
    resized = EventCounter(plot, QEvent.Type.Resize)
    qtbot.waitUntil(window.prebuild.finished, timeout=20_000)
    assert window.compare_view.columns.is_built and window.training_panel.charts.is_built
    assert window.tabs.currentWidget() is not window.training_panel  # nothing was shown to the user
    assert set(window.training_panel.curves.curves) >= {("loss", "main", "val"), ("acc", "aux2", "train")}
    assert len(window.compare_view.charts[1]) == 3
    for page in (window.ops_view, window.training_panel, window.compare_view):
        assert page.size() == window.tabs.currentWidget().size()  # laid out at the size it will have
    assert resized.count >= 1 and not plot.isVisible()  # its first resize happened while hidden
    resized.count = 0
    window.tabs.setCurrentWidget(window.training_panel)
    qtbot.wait(100)
    assert plot.isVisible() and resized.count == 0  # opening the tab had nothing left to lay out


def test_pieces_wait_while_the_window_is_busy(qtbot):
    """A piece run while the worker holds the interpreter lock took twice as long: wait instead."""
    log: list[str] = []
    busy = [True]
    holder = Deferred(_pieces_build(log))
    qtbot.addWidget(holder)
    holder.build_in_slices(ready=lambda: not busy[0])
    qtbot.wait(300)
    assert log == [] and not holder.is_built
    busy[0] = False
    qtbot.waitUntil(lambda: holder.is_built, timeout=3000)
    assert log == ["a", "b", "c"]


def test_after_first_paint_waits_the_delay_after_the_paint(qtbot):
    """The Fine-tune warm-up starts once the plots' follow-up repaints are done."""
    import time

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QLabel

    from googlenet_gui.ui.widgets.deferred import after_first_paint

    class PaintClock(QObject):
        def eventFilter(self, watched, event):  # noqa: N802, ANN001, ANN201
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    label = QLabel("paint me")
    qtbot.addWidget(label)
    painted: list[float] = []
    called: list[float] = []
    clock = PaintClock(label)
    label.installEventFilter(clock)
    after_first_paint(label, lambda: called.append(time.perf_counter()), fallback_ms=5000, delay_ms=150)
    label.show()
    qtbot.waitUntil(lambda: bool(called), timeout=3000)
    assert painted and called[0] - painted[0] >= 0.14


def test_curves_are_built_one_curve_per_piece():
    """A plot's six curves and legend entries at once were a ~25 ms piece; one is ~4 ms."""
    from googlenet_gui.ui.training.charts import CurvesView

    view = CurvesView()
    counts = [len(view.curves) for _ in view.build_pieces()]
    assert counts[-1] == 12
    assert all(later - earlier <= 1 for earlier, later in zip([0, *counts], counts))
    view.deleteLater()
