"""The real window in a fresh process, driven like a user: ``python -m benchmarks.app_probe MODE MANIFEST``.

MODE ``startup`` prints the wall-clock times the window was shown and every view showed
the first dropped image; MODE ``window`` measures the longest gap between ticks of a
5 ms QTimer on the GUI thread while images are inspected and while a fine-tuning job
runs on a JobRunner, and the time from a drop event to every view updated.
Prints ``PROBE {json}``.  Needs QT_QPA_PLATFORM=offscreen on headless machines.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


def _wait_for(app, signal, timeout_s: float) -> float:  # noqa: ANN001
    """Spin the event loop until ``signal`` fires; returns perf_counter() at the emission."""
    from PySide6.QtCore import QEventLoop, QTimer

    fired: list[float] = []
    loop = QEventLoop()

    def on_signal(*_args) -> None:
        if not fired:
            fired.append(time.perf_counter())
        loop.quit()
    signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(on_signal)
    if not fired:
        raise TimeoutError(f"no {signal} within {timeout_s} s")
    return fired[0]


class TickMonitor:
    """A 5 ms QTimer on the GUI thread; the longest gap between ticks is the stall users feel."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> float:
        """Longest gap in ms since :meth:`start`."""
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        return max((b - a) * 1000.0 for a, b in zip(self.ticks, self.ticks[1:]))


def drop(window, paths: list[str]) -> None:  # noqa: ANN001
    """Deliver a real QDropEvent with file URLs, as a file manager does."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def open_app(manifest: dict):  # noqa: ANN201
    """The launcher's own ``open_window`` (official weights from the cache, CPU)."""
    from PySide6.QtWidgets import QApplication

    from googlenet_gui.ui.window.launch import open_window, parse_app_args

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = open_window(parse_app_args(["--weights", "official", "--device", "cpu"]))
    app.processEvents()
    return app, window


def startup(manifest: dict) -> dict:
    app, window = open_app(manifest)
    shown = time.time()
    monitor = TickMonitor()  # the window's longest freeze until the model is loaded (torch's import)
    monitor.start()
    drop(window, [manifest["photo"]])
    _wait_for(app, window.views_updated, 120)
    predicted, quick = time.time(), window.bundle is None  # answered before the model loaded
    _wait_until(app, lambda: window.bundle is not None, 120)
    loaded, gap = time.time(), monitor.stop()
    window.close()
    return {"shown_wall": shown, "first_prediction_wall": predicted, "model_loaded_wall": loaded, "quick": quick,
            "gui_gap_ms": gap}


def prepare(manifest: dict) -> dict:
    """An untimed session that serves the weights until their graph is exported and recorded."""
    app, window = open_app(manifest)
    drop(window, [manifest["photo"]])
    _wait_for(app, window.views_updated, 120)
    _wait_until(app, lambda: window.bundle is not None and window.graphs.stage == "done"
                and not window.runner.is_busy(), 300)
    note = window.graphs.note
    window.close()
    return {"backend": note}


def _finetune_job(window, images: list[str], epochs: int):  # noqa: ANN001
    """What the Fine-tune tab runs: ``core.training.finetune`` on the window's model.

    Two classes made from the benchmark's JPEGs, 96 px, every layer trained; the job
    copies the loaded model, decodes the images, trains and saves, like a user's job.
    """
    import tempfile

    from googlenet_gui.core.training.events import FinetuneConfig

    half = len(images) // 2
    out = Path(tempfile.mkdtemp(prefix="gg_probe_")) / "finetuned.pth"
    config = FinetuneConfig(out=out, class_files={"first": images[:half], "second": images[half:]},
                            epochs=epochs, batch_size=8, image_size=96, train="all", val_split=0.25)
    loaded = window.current_model()

    def job(cancel):  # noqa: ANN001, ANN202 - as the panel does: training code imported on the worker
        from googlenet_gui.core.training.finetune import finetune

        return (yield from finetune(config, loaded, cancel))
    return job


def window_case(manifest: dict, drops: int, train_steps: int) -> dict:
    from googlenet_gui.ui.work.runner import JobRunner

    app, window = open_app(manifest)
    drop(window, [manifest["photo"]])
    _wait_for(app, window.views_updated, 120)  # warm: model loaded, first image shown
    # The views' first paint (pyqtgraph's first render of every plot, once per session) is
    # reported on its own; then what follows the first image in the background: Table 1,
    # the BN-folded inference copy and, with a graph cache and onnxruntime, the ONNX graph
    # (written on the worker) and its session, and the hidden tabs' charts (in slices).
    paint_start = time.perf_counter()
    app.processEvents()
    first_paint_ms = (time.perf_counter() - paint_start) * 1000.0
    monitor = TickMonitor()
    monitor.start()
    graph_start = time.perf_counter()
    from googlenet_gui.core.inference import engine  # already imported by the window

    _wait_until(app, lambda: (window.bundle is not None and engine.folded_ready(window.current_model())
                              and not window.runner.is_busy() and window.graphs.stage == "done"
                              and window.prebuild.finished()), 120)
    graph_s, graph_gap = time.perf_counter() - graph_start, monitor.stop()
    images = sorted(str(p) for p in Path(manifest["folder"]).glob("*.jpg"))[:drops]
    monitor.start()
    _spin(app, 1.0)
    idle_gap = monitor.stop()  # the machine's own noise floor: no work at all
    update_ms = _time_view_updates(window)
    monitor.start()
    latencies = []
    for path in images:
        start = time.perf_counter()
        drop(window, [path])
        latencies.append((_wait_for(app, window.views_updated, 60) - start) * 1000.0)
    inference_gap = monitor.stop()
    # As a user does: open the Fine-tune tab (it prepares the training code on the panel's
    # worker, ~2 s of torch._dynamo import that torch's first optimizer triggers), then Start.
    monitor.start()
    window.tabs.setCurrentWidget(window.training_panel)
    _wait_until(app, lambda: window.training_panel.warm_state == "warm", 120)
    tab_gap = monitor.stop()
    runner = JobRunner()
    monitor.start()
    all_images = sorted(str(p) for p in Path(manifest["folder"]).glob("*.jpg"))[:32]
    runner.start(_finetune_job(window, all_images, epochs=max(1, train_steps // 3)), "benchmark fine-tune")
    _wait_for(app, runner.finished, 600)
    training_gap = monitor.stop()
    runner.shutdown()
    window.close()
    return {"drop_to_views_ms": statistics.median(latencies), "drop_to_views_max_ms": max(latencies),
            "gui_gap_inference_ms": inference_gap, "gui_gap_finetune_ms": training_gap,
            "gui_gap_finetune_tab_ms": tab_gap,
            "gui_gap_idle_ms": idle_gap, "gui_view_update_ms": max(update_ms) if update_ms else None,
            "first_paint_ms": first_paint_ms,
            "after_first_image_s": graph_s, "gui_gap_after_first_image_ms": graph_gap,
            "backend": window.graphs.note}


def _wait_until(app, condition, timeout_s: float) -> None:  # noqa: ANN001
    """Spin the event loop until ``condition()`` holds."""
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"condition not met within {timeout_s} s")
        _spin(app, 0.02)


def _spin(app, seconds: float) -> None:  # noqa: ANN001
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _time_view_updates(window) -> list[float]:  # noqa: ANN001
    """Wrap the window's result slot to record how long the GUI thread spends showing a result."""
    durations: list[float] = []
    original = window._inspected

    def timed(view: object) -> None:
        start = time.perf_counter()
        original(view)
        durations.append((time.perf_counter() - start) * 1000.0)
    window._inspected = timed
    return durations


def main(argv: list[str]) -> int:
    mode, manifest_path = argv[:2]
    manifest = json.loads(Path(manifest_path).read_text())
    if len(argv) > 2 and argv[2] != "auto":
        import torch

        torch.set_num_threads(int(argv[2]))
    else:  # what launch() does before opening the window
        from googlenet_gui.core.inference.threads import apply_thread_policy

        apply_thread_policy(gui=True)
    if mode == "startup":
        result = startup(manifest)
    elif mode == "prepare":
        result = prepare(manifest)
    else:
        result = window_case(manifest, drops=int(argv[3]) if len(argv) > 3 else 5,
                             train_steps=int(argv[4]) if len(argv) > 4 else 3)
    print("PROBE " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
