"""Cyclic garbage (which may hold Qt wrappers) is collected on the GUI thread only."""

from __future__ import annotations

import gc

from googlenet_gui.ui.gc_guard import GuiThreadCollector, ensure_gui_thread_gc
from googlenet_gui.ui.jobs import JobRunner


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_job_runner_moves_collection_to_the_gui_thread(qapp):
    runner = JobRunner()
    try:
        assert not gc.isenabled()
        assert qapp.findChild(GuiThreadCollector) is ensure_gui_thread_gc()  # installed once
    finally:
        runner.shutdown()


def test_collector_collects_when_the_counters_say_so(qapp):
    collector = ensure_gui_thread_gc()
    gc.collect()
    finalised = []

    class Tracked(_Cycle):
        def __del__(self) -> None:
            finalised.append(True)

    Tracked()
    for _ in range(collector.thresholds[0] + 10):  # allocations push generation 0 past its threshold
        _Cycle()
    collector.collect_if_due()
    assert finalised == [True]


def test_collector_is_not_installed_from_a_worker_thread(qapp):
    import threading

    results = []
    thread = threading.Thread(target=lambda: results.append(ensure_gui_thread_gc()))
    thread.start()
    thread.join()
    assert results == [None]
