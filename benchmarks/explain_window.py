"""The window's longest event-loop gap while explain work runs (issue 24: under 50 ms).

Opens the real window offscreen on a checkpoint and an image, shows the Explain tab and
measures, with a 5 ms timer on the GUI thread, the longest gap while (1) the CAM atlas is
computed and drawn, (2) two ablation toggles are recomputed, (3) branch importance runs to
the end; and (4) for two seconds after, while the window does its own idle work (hidden tabs
laid out, the ONNX Runtime graph prepared): not a noise floor.  Run from the
repository root: ``python -m benchmarks.explain_window CHECKPOINT IMAGE [SETTLE_S]``.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def until(app, done, timeout_s: float = 300.0) -> None:  # noqa: ANN001
    end = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.001)


def open_window(checkpoint: str, image: str):  # noqa: ANN201 - (QApplication, MainWindow)
    """The real window offscreen at 1400x900, the model loaded and ``image`` shown: where both window benchmarks start."""
    from PySide6.QtWidgets import QApplication

    from googlenet_gui.ui.window.main_window import MainWindow
    from googlenet_gui.ui.work.jobs import ImageSource

    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(restore=False)
    window.persist_settings = False
    window.resize(1400, 900)
    window.show()
    window.load_model(checkpoint)
    until(app, lambda: window.bundle is not None and not window.runner.is_busy())
    window.add_images([ImageSource.path(image)])
    until(app, lambda: window.view is not None and not window.runner.is_busy())
    return app, window


def main(checkpoint: str, image: str, settle_s: float = 0.0) -> dict:
    """``settle_s``: seconds the window idles before the tab is opened (its hidden tabs and the
    ONNX graph prepared, as when a user looks at the image first); 0 opens it at once (cold)."""
    from benchmarks.app_probe import TickMonitor

    app, window = open_window(checkpoint, image)
    end = time.perf_counter() + settle_s
    until(app, lambda: time.perf_counter() > end and not window.runner.is_busy())
    monitor, gaps = TickMonitor(), {}
    monitor.start()
    window.tabs.setCurrentWidget(window.explain_tab)
    until(app, lambda: window.explain_tab.is_built and window.explain_panel().atlas is not None
          and not window.runner.is_busy())  # is_built first: explain_panel() would build it at once
    gaps["atlas_ms"] = monitor.stop()
    ablation = window.explain_panel().ablation
    monitor.start()
    for spec in ("inception4a.3x3", "inception5a"):
        ablation.buttons[spec].setChecked(True)
        until(app, lambda spec=spec: spec in ablation.shown_specs and not window.runner.is_busy())
    gaps["ablation_ms"] = monitor.stop()
    importance = window.explain_panel().importance
    monitor.start()
    importance.run_button.click()
    until(app, lambda: window.runner.is_busy())
    until(app, lambda: importance.run_button.isEnabled() and not window.runner.is_busy())
    gaps["importance_ms"] = monitor.stop()
    monitor.start()
    end = time.perf_counter() + 2.0
    until(app, lambda: time.perf_counter() > end)
    gaps["after_ms"] = monitor.stop()
    window.close()
    return {k: round(v, 1) for k, v in gaps.items()}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)))
