"""Case 3: a folder of JPEGs classified end to end (decode included), images per second."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import torch

from . import contenders as c
from .timing import Unavailable, peak_rss_mb, run_measured

BATCH = 16


def case3(variant: str, manifest: dict[str, str], iters: int) -> dict[str, Any]:
    """``iters`` is unused: one pass over the folder is the measurement (repetitions give spread)."""
    folder = manifest["folder"]
    count = len(list(Path(folder).glob("*.jpg")))
    if variant in ("cli", "cli-no-cache"):
        return _cli(manifest, folder, count, cache=variant == "cli")
    if variant in ("onnxruntime-process", "onnxruntime-process-first"):
        return _ort_process(manifest, folder, count, first=variant == "onnxruntime-process-first")
    if variant == "torchvision-script":
        model = c.torchvision_model(manifest)
        with torch.no_grad():
            seconds = _plain_script(folder, lambda batch: model(batch).softmax(1).topk(5))
    elif variant == "onnxruntime-batched":
        session = c.onnx_session(c.torchvision_model(manifest))
        seconds = _plain_script(folder, lambda batch: session.run(None, {"input": batch.numpy()}))
    elif variant in ("inprocess", "inprocess-onnx"):
        from googlenet_gui.core.inference.classify import classify

        loaded, _ = c.our_loaded(manifest)
        if variant == "inprocess-onnx":  # the session classify uses, exported before the timing starts
            from googlenet_gui.core.accel.onnx_backend import inspector_for
            from googlenet_gui.core.inference import engine

            if inspector_for(engine.folded_model(loaded), loaded.preprocessing.crop, outputs="heads") is None:
                raise Unavailable("onnxruntime not installed (pip install googlenet-gui[bench])")
        start = time.perf_counter()
        results = list(classify(loaded, [folder], batch_size=BATCH))
        seconds = time.perf_counter() - start
        if any(r.error for r in results):
            raise RuntimeError(next(r.error for r in results if r.error))
    else:
        raise Unavailable(f"unknown variant {variant}")
    return {"images_per_s": count / seconds, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}


def _plain_script(folder: str, forward) -> float:
    """What a torchvision user writes: PIL decode, standard transforms, batches of 16, in order."""
    from PIL import Image
    from torchvision import transforms

    prep = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                               transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    paths = sorted(Path(folder).glob("*.jpg"))
    start = time.perf_counter()
    for first in range(0, len(paths), BATCH):
        tensors = []
        for path in paths[first:first + BATCH]:
            with Image.open(path) as image:
                tensors.append(prep(image.convert("RGB")))
        forward(torch.stack(tensors))
    return time.perf_counter() - start


def _ort_process(manifest: dict[str, str], folder: str, count: int, first: bool = False) -> dict[str, Any]:
    """The CLI's fair peer: an ONNX Runtime script as its own process (imports and session count).

    The .onnx file is exported once per work folder, outside the timing: an ORT user has it.
    ``first``: the user's first run of the checkpoint, which exports it inside the timing
    (torch's import and ``torch.onnx.export``), the peer of the CLI's first run.
    """
    model_path = Path(manifest["torch_home"]).parent / "googlenet_main.onnx"
    if not model_path.exists() and not first:
        session_bytes = c.onnx_model_bytes(c.torchvision_model(manifest))
        model_path.write_bytes(session_bytes)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    env.pop("OMP_NUM_THREADS", None)  # ORT sizes its own pool, as in a user's shell
    script = [sys.executable, "-m", "benchmarks.ort_script"]
    if first:
        model_path = model_path.with_name("googlenet_main_first.onnx")
        script += ["--export-from", manifest["weights"]]
    done, seconds, peak_mb = run_measured([*script, str(model_path), folder], env)
    if done.returncode != 0 or done.stdout.strip() != str(count):
        raise RuntimeError(f"ort script exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return {"images_per_s": count / seconds, "seconds": seconds, "peak_rss_mb": peak_mb}


def _cli(manifest: dict[str, str], folder: str, count: int, cache: bool) -> dict[str, Any]:
    """The real command in a fresh process: start-up, model load, decode and forward all count.

    ``cache``: exported ONNX graphs are kept in the work folder, as in a user's cache after
    their first run (the first repetition exports); otherwise every run exports afresh.
    """
    exe = shutil.which("googlenet-gui")
    command = [exe] if exe else [sys.executable, "-m", "googlenet_gui"]
    command += ["classify", "--weights", manifest["weights"], "--device", "cpu", "--json", folder]
    cache_folder = str(Path(manifest["torch_home"]).parent / "onnx_cache") if cache else "off"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]), GOOGLENET_GUI_CACHE=cache_folder)
    done, seconds, peak_mb = run_measured(command, env)
    if done.returncode != 0:
        raise RuntimeError(f"classify exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return {"images_per_s": count / seconds, "seconds": seconds, "peak_rss_mb": peak_mb,
            "impl": " ".join(command[:3])}


