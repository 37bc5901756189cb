"""Lever measurements for the inference fast path: ``python -m benchmarks.levers [--rounds N]``.

In one process, interleaved (A B C ..., A B C ...) so load changes hit every lever alike:
eager vs BN-folded, channels-last, no_grad vs inference_mode, hooks vs direct branch
outputs, 1 vs all threads, mkldnn layout, torch.compile, ONNX Runtime with and without
branch outputs.  Prints medians in ms and writes them as JSON (``--out``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import torch

from . import contenders as c
from .fixtures import build_workdir
from .timing import cpu_threads


def candidates(manifest: dict, with_compile: bool) -> dict[str, Callable[[], object]]:
    """Each lever as a zero-argument step on the same 224x224 input."""
    from googlenet_gui.core.accel.folded import forward_with_maps, prepare_for_inference
    from googlenet_gui.core.inference.torch_pass import inspect_tensor

    loaded, _ = c.our_loaded(manifest)
    eager = loaded.model
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(0))
    xc = x.contiguous(memory_format=torch.channels_last)
    folded_cl = prepare_for_inference(eager)
    folded = prepare_for_inference(eager, channels_last=False)
    tv = c.torchvision_model(manifest)

    def no_grad(fn):
        def step():
            with torch.no_grad():
                return fn()
        return step

    def inference(fn):
        def step():
            with torch.inference_mode():
                return fn()
        return step

    steps = {
        "torchvision eager, no_grad": no_grad(lambda: tv(x)),
        "torchvision eager, inference_mode": inference(lambda: tv(x)),
        "ours eager heads (unfolded, NCHW)": inference(lambda: eager.forward_heads(x)),
        "ours folded NCHW heads": inference(lambda: folded.forward_heads(x)),
        "ours folded channels_last heads": inference(lambda: folded_cl.forward_heads(xc)),
        "inspect_tensor (hooks) folded CL": lambda: inspect_tensor(folded_cl, xc),
        "inspect_tensor (hooks) folded CL, no timings": lambda: inspect_tensor(folded_cl, xc, timings=False),
        "forward_with_maps folded CL": inference(lambda: forward_with_maps(folded_cl, xc)),
    }
    try:
        from torch.utils import mkldnn as mkldnn_utils

        dense = prepare_for_inference(eager, channels_last=False)
        mk = mkldnn_utils.to_mkldnn(dense)
        xm = x.to_mkldnn()
        step = inference(lambda: {k: v.to_dense() if v.is_mkldnn else v for k, v in mk.forward_heads(xm).items()})
        step()  # raises here if a layer (torch.cat) has no mkldnn kernel
        steps["mkldnn layout heads (to_dense out)"] = step
    except Exception as error:  # noqa: BLE001 - lever not available on this build
        print(f"mkldnn lever unavailable: {error}")
    try:
        session = c.onnx_session(tv)
        steps["onnxruntime main head only"] = lambda: session.run(None, {"input": x.numpy()})
        from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector

        heads = build_onnx_inspector(eager, threads=cpu_threads(), outputs="heads")
        modules = build_onnx_inspector(eager, threads=cpu_threads())
        modules_nchw = build_onnx_inspector(eager, threads=cpu_threads(), blocked_maps=False)
        branches = build_onnx_inspector(eager, threads=cpu_threads(), outputs="branches")
        # Between the two: what the aux heads cost (vs main head only) and what the maps cost.
        steps["onnxruntime main + aux heads, no maps"] = lambda: heads.run(x)
        steps["onnxruntime inspect (modules+stem+aux outputs)"] = lambda: modules.inspect_tensor(x)
        # onnx_blocked: maps left in ONNX Runtime's blocked layout, vs reordered by it, vs all read by us.
        steps["onnxruntime inspect, ORT reorders every map"] = lambda: modules_nchw.run(x)
        steps["onnxruntime inspect, blocked maps, none read"] = lambda: modules.run(x)
        steps["onnxruntime inspect, blocked maps, all read"] = lambda: dict(modules.run(x))
        steps["onnxruntime inspect (36 branch outputs)"] = lambda: branches.run(x)
    except Exception as error:  # noqa: BLE001
        print(f"onnxruntime levers unavailable: {error}")
    if with_compile:
        start = time.perf_counter()
        # Hooks cannot be attached through the compiled wrapper, so compile the hook-free pass.
        compiled = torch.compile(lambda batch: forward_with_maps(folded_cl, batch))
        with torch.inference_mode():
            compiled(xc)
        print(f"torch.compile warm-up: {time.perf_counter() - start:.1f} s")
        steps["torch.compile forward_with_maps folded CL"] = inference(lambda: compiled(xc))
    return steps


def measure(steps: dict[str, Callable[[], object]], rounds: int, per_round: int, warm: int = 0) -> dict[str, float]:
    """Median ms of each step over ``rounds`` interleaved rounds of ``per_round`` calls.

    ``warm`` calls are made and not counted each time the round moves to a step: the
    step before has just filled the caches with its own weights.
    """
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for step in steps.values():
        step()
    for _ in range(rounds):
        for name, step in steps.items():
            for _ in range(warm):
                step()
            for _ in range(per_round):
                start = time.perf_counter()
                step()
                samples[name].append((time.perf_counter() - start) * 1000.0)
    return {name: statistics.median(values) for name, values in samples.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.levers")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=3)
    parser.add_argument("--threads", default="all", help="'all', '1', or e.g. '1,all' to compare")
    parser.add_argument("--compile", action="store_true", help="also try torch.compile (slow warm-up)")
    parser.add_argument("--warm", type=int, default=0, help="uncounted calls each time a round moves to a step")
    parser.add_argument("--only", default="", help="only the steps whose name holds this text (e.g. onnxruntime)")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    manifest = build_workdir(Path("/tmp/googlenet_gui_bench_levers"), 1)
    results: dict[str, dict[str, float]] = {}
    for threads in args.threads.split(","):
        count = cpu_threads() if threads == "all" else int(threads)
        torch.set_num_threads(count)
        steps = {name: step for name, step in candidates(manifest, args.compile).items() if args.only in name}
        results[f"{count} threads"] = measure(steps, args.rounds, args.per_round, args.warm)
    for label, medians in results.items():
        print(f"\n{label}")
        for name, value in medians.items():
            print(f"  {value:8.1f} ms  {name}")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
