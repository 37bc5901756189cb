"""Cyclic garbage (which may hold Qt wrappers) is collected on the GUI thread only."""

from __future__ import annotations

import gc
import time

from googlenet_gui.ui.work.gc_guard import GuiThreadCollector, ensure_gui_thread_gc
from googlenet_gui.ui.work.runner import JobRunner


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
    collector.freeze_after_imports()  # a freeze is due after the suite's imports; not the point here
    finalised = []

    class Tracked(_Cycle):
        def __del__(self) -> None:
            finalised.append(True)

    Tracked()
    for _ in range(collector.thresholds[0] + 10):  # allocations push generation 0 past its threshold
        _Cycle()
    collector.collect_if_due()
    assert finalised == [True]


def test_a_burst_of_imports_is_frozen_and_later_garbage_still_collected(qapp, monkeypatch):
    """Full collections with torch._dynamo loaded took 220 ms on the GUI thread; after a
    freeze they walk only new objects, and new cycles are still reclaimed."""
    import sys
    import types

    from googlenet_gui.ui.work.gc_guard import IMPORT_BURST

    collector = ensure_gui_thread_gc()
    collector.freeze_after_imports()  # whatever the suite imported so far
    frozen_before = gc.get_freeze_count()
    assert not collector.freeze_after_imports()  # no new modules: nothing to do
    for index in range(IMPORT_BURST):
        monkeypatch.setitem(sys.modules, f"_gc_guard_burst_{index}", types.ModuleType(f"burst{index}"))
    kept = [_Cycle() for _ in range(100)]
    assert collector.freeze_after_imports()
    assert gc.get_freeze_count() >= frozen_before + len(kept)
    started = time.perf_counter()
    gc.collect()
    young_collection_s = time.perf_counter() - started
    gc.unfreeze()
    started = time.perf_counter()
    gc.collect()
    full_collection_s = time.perf_counter() - started
    gc.freeze()  # leave the suite as the collector would
    assert young_collection_s < full_collection_s
    finalised = []

    class Tracked(_Cycle):
        def __del__(self) -> None:
            finalised.append(True)

    Tracked()
    gc.collect()
    assert finalised == [True]


def test_collector_is_not_installed_from_a_worker_thread(qapp):
    import threading

    results = []
    thread = threading.Thread(target=lambda: results.append(ensure_gui_thread_gc()))
    thread.start()
    thread.join()
    assert results == [None]
