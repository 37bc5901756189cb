"""Live mode on this machine (issue 26): processed frames a second, dropped frames, the GUI thread's longest gap.

Opens the real window offscreen on a 224 px GoogLeNet (random weights: speed does not
depend on the values; ``--weights`` takes a checkpoint), waits until the window's own
start-up work is done (Table 1, the inference copy, the ONNX Runtime graph where the
``fast`` extra is installed), then runs the Live tab for ``--seconds`` on

* ``synthetic``: the app's 640x480 test pattern at 30 frames a second (frames cost
  nothing to make, so the numbers are the classification pipeline's), and
* ``video``: a 30 fps 640x480 clip played by QMediaPlayer into a QVideoSink (written
  with OpenCV when it is installed, the ``bench`` extra, else an animated GIF), where
  Qt Multimedia loads.

Each frame is classified with the three heads, inception4c's branch mosaics and the CAM
drawn.  The window's one-off start-up work (hidden tabs built and laid out) is over
before Live starts, as for a user who opens it after looking around; while Live streams
the window builds no hidden tab (``MainWindow._prebuild_ready``).  The GUI gap is measured as in :mod:`benchmarks.explain_window` (its ``until``, and
:class:`benchmarks.app_probe.TickMonitor`: a 5 ms timer on the GUI thread).  Run from the
repository root: ``python -m benchmarks.live [--seconds 10] [--weights W]``; prints one
JSON object per source.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FPS = 30
SIZE = (480, 640)


def write_video(folder: Path, seconds: float) -> Path:
    """A 30 fps 640x480 clip of the app's test pattern: MJPEG in AVI with OpenCV, else an animated GIF."""
    from googlenet_gui.ui.live.sources import SyntheticSource

    pattern = SyntheticSource(FPS, SIZE)
    frames = [pattern.next_frame() for _ in range(int(FPS * min(seconds, 4)))]  # the player loops it
    try:
        import cv2
    except ImportError:
        from PIL import Image

        path = folder / "clip.gif"  # GIF delays are in 10 ms steps: 30 ms, about 33 fps
        pictures = [Image.fromarray(frame) for frame in frames]
        pictures[0].save(path, save_all=True, append_images=pictures[1:], duration=30, loop=0)
        return path
    path = folder / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, (SIZE[1], SIZE[0]))
    for frame in frames:
        writer.write(frame[:, :, ::-1])
    writer.release()
    return path


def run_source(app, window, spec: str, seconds: float) -> dict:  # noqa: ANN001
    from benchmarks.app_probe import TickMonitor
    from benchmarks.explain_window import until

    passes: list[float] = []
    frames: list[float] = []
    live = window.open_live(spec)
    live.session.shown.connect(lambda data: (passes.append(data.frame.pass_ms), frames.append(data.frame.total_ms)))
    until(app, lambda: live.session.stats.processed >= 3, 120)  # first frames: caches warm, views sized
    live.session.stop()
    until(app, lambda: not live.session.runner.is_busy(), 30)
    live.use(spec)  # counts start again
    passes.clear()
    frames.clear()
    monitor = TickMonitor()
    monitor.start()
    end = time.perf_counter() + seconds
    until(app, lambda: time.perf_counter() > end, seconds + 60)
    gap = monitor.stop()
    ticks = monitor.ticks
    worst = max(range(1, len(ticks)), key=lambda i: ticks[i] - ticks[i - 1])
    stats = live.session.stats
    live.session.stop()
    until(app, lambda: not live.session.runner.is_busy(), 30)
    return {"source": spec if spec == "synthetic" else "video " + Path(spec).suffix, **stats.to_json(),
            "received_fps": round(stats.received / seconds, 1), "longest_gap_ms": round(gap, 1),
            "longest_gap_at_s": round(ticks[worst - 1] - ticks[0], 2),
            "pass_ms_median": round(statistics.median(passes), 1) if passes else None,
            "frame_ms_median": round(statistics.median(frames), 1) if frames else None,
            "target_fps": 20, "target_gap_ms": 50}


def main(argv: list[str]) -> list[dict]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.live")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--weights", default="untrained", help="checkpoint (default: random 1000-class weights, 224 px)")
    parser.add_argument("--sources", default="synthetic,video")
    args = parser.parse_args(argv)
    from googlenet_gui.core.inference.threads import apply_thread_policy

    apply_thread_policy(gui=True)  # as the app does: the GUI thread keeps a core
    from PySide6.QtWidgets import QApplication

    from benchmarks.explain_window import until
    from googlenet_gui.ui.live.sources import multimedia_problem
    from googlenet_gui.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(restore=False)
    window.persist_settings = False
    window.resize(1400, 900)
    window.show()
    window.load_model(args.weights)
    until(app, lambda: window.bundle is not None, 300)
    until(app, lambda: window.graphs.stage == "done" and not window.runner.is_busy(), 300)
    until(app, window.prebuild.finished, 300)  # the hidden tabs' one-off layout (measured in explain_window)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for source in args.sources.split(","):
            if source == "video":
                problem = multimedia_problem()
                if problem is not None:
                    results.append({"source": "video", "skipped": problem})
                    continue
                source = str(write_video(Path(folder), args.seconds))
            results.append(run_source(app, window, source, args.seconds))
        window.close()
    return results


if __name__ == "__main__":
    for result in main(sys.argv[1:]):
        print(json.dumps(result))
