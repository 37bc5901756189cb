"""Explain features against their references, measured in the same run (issue 24).

    python -m benchmarks.explain [--reps 15] [--threads N]

Cases (ratios = median of ours / median of the reference, both timed in this process,
in alternating order so a noisy neighbour hurts both alike):
  gradcam-layer   Grad-CAM at inception4c from the kept module inputs (the inspect pass
                  already ran) vs one pytorch-grad-cam ``GradCAM`` call on the same model;
                  also "cold" = the trunk pass + Grad-CAM.  Target <= 0.6x.
  atlas           all 9 modules x (4 branches + output), one backward, vs one
                  pytorch-grad-cam call.  Target <= 1.5x.
  ablation        one branch of inception4a switched off, every head recomputed from 4a on,
                  vs a full eager forward of every head.  Target <= 0.5x.
Without pytorch-grad-cam (``pip install grad-cam``) the reference is a plain full
forward + backward of the main logit, and the output says so.  Random-init weights:
speed does not depend on the values.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import torch

from benchmarks.timing import parse_with_threads
from googlenet_gui.core.explain.ablation import ablated_logits, parse_ablations
from googlenet_gui.core.explain.cam import cam_atlas, grad_cam
from googlenet_gui.core.explain.targets import Target
from googlenet_gui.core.explain.trunk import trunk_pass
from googlenet_gui.core.network.model import build_model


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000.0


def _paired(ours: Callable[[], object], reference: Callable[[], object], reps: int) -> tuple[float, float]:
    """Medians (ms) of ours and the reference, alternating, after one warm-up each."""
    ours(), reference()
    a, b = [], []
    for _ in range(reps):
        a.append(_time(ours))
        b.append(_time(reference))
    return statistics.median(a), statistics.median(b)


def _reference(model: torch.nn.Module, batch: torch.Tensor, class_index: int) -> tuple[str, Callable[[], object]]:
    try:
        from pytorch_grad_cam import GradCAM
        from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget
    except ImportError:
        def plain() -> None:
            batch.requires_grad_(False)
            model.zero_grad(set_to_none=True)
            model(batch)[0, class_index].backward()

        return "plain forward+backward (pytorch-grad-cam not installed)", plain
    cam = GradCAM(model=model, target_layers=[model.inception4c])
    targets = [ClassifierOutputTarget(class_index)]
    return "pytorch-grad-cam GradCAM call", lambda: cam(input_tensor=batch, targets=targets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=15)
    args = parse_with_threads(parser)
    torch.manual_seed(0)
    model = build_model()
    batch = torch.randn(1, 3, 224, 224)
    base = trunk_pass(model, batch)
    name, reference = _reference(model, batch, 1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.reps} reps; reference: {name}")

    def full_forward() -> None:
        with torch.inference_mode():
            model.forward_heads(batch)

    ablations = parse_ablations(model, ["inception4a.3x3"])
    cases = [
        ("gradcam-layer (warm)", lambda: grad_cam(model, base, Target("inception4c"), "main", 1), reference, 0.6),
        ("gradcam-layer (cold)", lambda: grad_cam(model, trunk_pass(model, batch), Target("inception4c"), "main", 1),
         reference, None),
        ("atlas", lambda: cam_atlas(model, base, "main", 1), reference, 1.5),
        ("ablation toggle 4a", lambda: ablated_logits(model, base, ablations), full_forward, 0.5),
    ]
    print(f"{'case':<22} {'ours ms':>8} {'ref ms':>8} {'ratio':>6}  target")
    for label, ours, ref, target in cases:
        mine, theirs = _paired(ours, ref, args.reps)
        bound = f"<= {target}x" if target else "(context)"
        print(f"{label:<22} {mine:8.1f} {theirs:8.1f} {mine / theirs:6.2f}  {bound}")


if __name__ == "__main__":
    main()
