"""Cases 5 (GUI responsiveness, drop to views) and 6 (start-up): the real window in a child process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .timing import Unavailable

ROOT = Path(__file__).resolve().parents[1]


def _probe(manifest: dict[str, str], args: list[str], timeout: float,
           graph_cache: bool | str = False) -> tuple[dict[str, Any], float]:
    """Run ``benchmarks.app_probe`` offscreen with the fake hub cache; returns (result, wall start).

    ``graph_cache``: the window's ONNX graph cache lives in the work folder, as a user's
    cache does, so the first repetition writes the graph (on the app's worker)
    and later ones open it, like a second session of the app; otherwise it is off and
    the window stays on PyTorch.  A folder name instead of True: that folder, emptied
    first, so the window writes the graph itself (a user's first session).
    """
    work = Path(manifest["torch_home"]).parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TORCH_HOME=manifest["torch_home"],
               PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(work / "config"))
    if graph_cache:
        folder = work / (graph_cache if isinstance(graph_cache, str) else "gui_cache")
        if isinstance(graph_cache, str):
            shutil.rmtree(folder, ignore_errors=True)
        env["GOOGLENET_GUI_CACHE"] = str(folder)
    start = time.time()
    done = subprocess.run([sys.executable, "-m", "benchmarks.app_probe", *args], capture_output=True,
                          text=True, env=env, timeout=timeout, cwd=str(ROOT), check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    if not lines:
        raise RuntimeError(f"app probe exited {done.returncode}: {done.stderr.strip()[-400:]}")
    return json.loads(lines[-1][6:]), start


def case6(variant: str, manifest: dict[str, str], iters: int) -> dict[str, Any]:
    """Process start to window shown, and to every view showing the first dropped image.

    ``app-onnx``: a second session of a user with the ``fast`` extra.  An untimed first
    session serves the weights until its graph is exported and recorded; the timed one
    then answers the first image on that graph before importing torch (core/accel/quick_start.py).
    """
    if variant not in ("app", "app-onnx", "app-no-preload"):
        raise Unavailable(f"unknown variant {variant}")
    manifest_path = str(Path(manifest["torch_home"]).parent / "manifest.json")
    quick = variant == "app-onnx"
    if variant == "app-no-preload":  # torch loads its own libraries (core/accel/torch_preload.py off)
        os.environ["GOOGLENET_GUI_TORCH_PRELOAD"] = "off"
    if quick:
        from googlenet_gui.core.accel.onnx_backend import onnx_available

        if not onnx_available():
            raise Unavailable("onnxruntime is not installed (pip install '.[bench]')")
        _probe(manifest, ["prepare", manifest_path], 300, graph_cache=True)
    result, start = _probe(manifest, ["startup", manifest_path], 300, graph_cache=quick)
    return {"window_shown_s": result["shown_wall"] - start,
            "first_prediction_s": result["first_prediction_wall"] - start,
            "model_loaded_s": result["model_loaded_wall"] - start,
            "first_answer_on_recorded_graph": result["quick"],
            "gui_gap_until_model_loaded_ms": result["gui_gap_ms"]}


def case5(variant: str, manifest: dict[str, str], iters: int) -> dict[str, Any]:
    """``app`` uses the app's thread policy (a core left for the GUI); the others pin torch (levers).

    ``app-onnx``: a user with the ``fast`` extra whose graph is cached (from the first
    repetition on); ``app-onnx-first``: the same user's first session, the cache emptied
    each time, so the window's worker writes the graph while the timer ticks.
    """
    from .timing import cpu_threads

    threads = {"app": "auto", "app-onnx": "auto", "app-onnx-first": "auto", "app-1thread": "1",
               "app-all-threads": str(cpu_threads())}.get(variant)
    if threads is None:
        raise Unavailable(f"unknown variant {variant}")
    if variant.startswith("app-onnx"):
        from googlenet_gui.core.accel.onnx_backend import onnx_available

        if not onnx_available():
            raise Unavailable("onnxruntime is not installed (pip install '.[bench]')")
    manifest_path = str(Path(manifest["torch_home"]).parent / "manifest.json")
    args = ["window", manifest_path, threads, str(max(3, iters)), str(max(2, iters // 2))]
    cache = {"app-onnx": True, "app-onnx-first": "gui_cache_first"}.get(variant, False)
    result, _ = _probe(manifest, args, 590, graph_cache=cache)
    return result
