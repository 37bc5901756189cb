"""The window's longest event-loop gap while the Features tab works (issue 25: under 50 ms).

Opens the real window offscreen on a checkpoint, an image and a folder, shows the Features
tab and measures, with a 5 ms timer on the GUI thread (``app_probe.TickMonitor``), the
longest gap while (1) the tab is built (and half a second after), one channel's picture is made with its live
previews, (2) the same picture opens again from the cache, (3) a branch's mosaic fills
(stopped after ``TILES`` tiles), (4) a folder's examples pass runs and the channel's crops are
read, and (5) the current image's semantic dictionary is listed with every row's picture and
crops.  Run from the repository root:
``python -m benchmarks.features_window CHECKPOINT IMAGE FOLDER [STEPS]``; with
``FEATURES_WINDOW_PREBUILT=1`` the tab is first built by the window's idle prebuild.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GOOGLENET_GUI_CACHE", tempfile.mkdtemp(prefix="features-window-"))  # a cold cache

from benchmarks.explain_window import open_window, until  # noqa: E402

TILES = 24


def main(checkpoint: str, image: str, folder: str, steps: int = 48) -> dict:
    from benchmarks.app_probe import TickMonitor

    app, window = open_window(checkpoint, image)
    if os.environ.get("FEATURES_WINDOW_PREBUILT"):  # as a user meets it: hidden tabs built while the window idled
        until(app, lambda: window.prebuild.finished() and not window.runner.is_busy())
    monitor, gaps, seconds = TickMonitor(), {}, {}
    monitor.start()
    started = time.perf_counter()
    until(app, lambda: time.perf_counter() > started + 0.5)  # the window's own idle work: not a noise floor
    gaps["before_ms"] = monitor.stop()
    monitor.start()
    started = time.perf_counter()
    window.tabs.setCurrentWidget(window.features_tab)
    until(app, lambda: window.features_tab.is_built)
    until(app, lambda: time.perf_counter() > started + 0.5)  # its first layout and paint
    gaps["build_ms"] = monitor.stop()
    monitor.start()
    started = time.perf_counter()
    panel = window.features_panel()
    card = panel.card
    card.steps.setValue(steps)
    panel.open_channel("inception4c.3x3", 12)
    card.visualize.click()
    until(app, lambda: card.status.text().startswith("Done"))
    gaps["picture_ms"], seconds["picture_s"] = monitor.stop(), time.perf_counter() - started
    monitor.start()
    started = time.perf_counter()
    card.visualize.click()
    until(app, lambda: card.status.text().startswith("From the cache"))
    gaps["cached_ms"], seconds["cached_s"] = monitor.stop(), time.perf_counter() - started
    monitor.start()
    card.steps.setValue(max(1, steps // 4))
    panel.open_channel("inception3a.5x5", 0)
    card.whole_branch.click()
    until(app, lambda: len(panel.mosaic.filled) >= TILES)
    window.cancel_work()
    until(app, lambda: not window.runner.is_busy())
    gaps["mosaic_ms"] = monitor.stop()
    card.steps.setValue(steps)
    monitor.start()
    started = time.perf_counter()
    panel.open_channel("inception4c.3x3", 12)
    panel.examples.choose_folder(folder)
    until(app, lambda: panel.examples.crops.pictures and not window.runner.is_busy())
    gaps["examples_ms"], seconds["examples_s"] = monitor.stop(), time.perf_counter() - started
    monitor.start()
    started = time.perf_counter()
    panel.pages.setCurrentWidget(panel.dictionary)
    until(app, lambda: panel.dictionary.rows and all(not r.button.icon().isNull() and r.examples.count()
                                                      for r in panel.dictionary.rows.values()), timeout_s=900)
    gaps["dictionary_ms"], seconds["dictionary_s"] = monitor.stop(), time.perf_counter() - started
    window.close()
    return {**{k: round(v, 1) for k, v in gaps.items()}, **{k: round(v, 2) for k, v in seconds.items()}}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], sys.argv[3], *(int(a) for a in sys.argv[4:5]))))
