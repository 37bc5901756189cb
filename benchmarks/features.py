"""Feature visualisation and dataset examples against their references, measured in the same run (issue 25).

    python -m benchmarks.features [--rounds 6] [--images 48] [--threads N]

Cases (``benchmarks.timing.paired_ratio``: ours and the reference in alternating blocks,
the ratio is the median of the per-round ratios of block medians):
  step LAYER      one visualisation step at 128 px (render the Fourier image, random view,
                  forward to LAYER, backward to the spectrum, Adam) vs a plain forward +
                  backward of the whole eager model at 128 px (main logit, gradient with
                  respect to the input, weights frozen as the step has them).  Target <= 1.2x.
                  "step main" optimises a class logit: the whole network, the worst case.
  plain+weights   (context) the same plain pass with weight gradients, as a training step has.
  examples pass   images/s of the dataset pass (every channel of every trunk module, top 16
                  each, locations) over a folder of 640x480 JPEGs vs ``classify`` on the same
                  folder with the PyTorch backend (GOOGLENET_GUI_BACKEND=torch), both with the
                  BatchNorm-folded copy already built.  Target >= 0.8x.
The feature cache is off for the run (``GOOGLENET_GUI_CACHE=off``).  Random-init weights:
speed does not depend on the values.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ["GOOGLENET_GUI_CACHE"] = "off"  # every pass computes; set before the app reads it
os.environ["GOOGLENET_GUI_BACKEND"] = "torch"

import torch  # noqa: E402

from benchmarks.fixtures import FOLDER_SIZE, smooth_photo  # noqa: E402
from benchmarks.timing import paired_ratio, parse_with_threads  # noqa: E402


def _folder(root: Path, count: int) -> Path:
    from PIL import Image

    folder = root / "folder"
    folder.mkdir()
    for index in range(count):
        Image.fromarray(smooth_photo(100 + index, FOLDER_SIZE)).save(folder / f"img_{index:04d}.jpg", quality=90)
    return folder


def _steps(loaded, rounds: int) -> None:
    from googlenet_gui.core.features.objectives import parse_unit
    from googlenet_gui.core.features.visualize import VisualizationRun, VisualizeSettings
    from googlenet_gui.core.network.hooks import frozen_eval

    model = loaded.model
    batch = torch.randn(1, 3, 128, 128, generator=torch.Generator().manual_seed(0))

    def plain(weights: bool = False) -> None:
        x = batch.clone().requires_grad_()
        if weights:
            model.zero_grad(set_to_none=True)
            model.eval()
            model(x)[0, 1].backward()
            return
        with frozen_eval(model):
            model(x)[0, 1].backward()

    print(f"{'case':<22} {'ours ms':>8} {'ref ms':>8} {'ratio':>6}  target")
    for layer in ("inception3b", "inception4c", "inception5b", "main"):
        run = VisualizationRun(loaded, parse_unit(model, layer, 1), VisualizeSettings(size=128))
        mine, theirs, ratio = paired_ratio(run.step, plain, iters=5, rounds=rounds)
        print(f"{'step ' + layer:<22} {mine:8.1f} {theirs:8.1f} {ratio:6.2f}  <= 1.2x")
    mine, theirs, ratio = paired_ratio(lambda: plain(True), plain, iters=5, rounds=rounds)
    print(f"{'plain+weights':<22} {mine:8.1f} {theirs:8.1f} {ratio:6.2f}  (context)")


def _dataset_pass(loaded, folder: Path, count: int, rounds: int) -> None:
    from googlenet_gui.core.features.examples import iter_examples
    from googlenet_gui.core.inference.classify import classify
    from googlenet_gui.core.inference.engine import folded_model
    from googlenet_gui.core.jobs import result_of

    folded_model(loaded)  # both run the folded copy; build it outside the timing
    mine, theirs, ratio = paired_ratio(lambda: result_of(iter_examples(loaded, folder)),
                                       lambda: list(classify(loaded, folder)), iters=1, rounds=rounds, warmup=1)
    print(f"{'examples pass':<22} {count / mine * 1000:7.1f}/s {count / theirs * 1000:7.1f}/s "
          f"{1 / ratio:6.2f}  >= 0.8x (images/s: ours, classify)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--images", type=int, default=48)
    args = parse_with_threads(parser)
    from googlenet_gui.core.checkpoints.loading import load_model

    torch.manual_seed(0)
    loaded = load_model(weights="untrained", device="cpu")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.rounds} rounds")
    _steps(loaded, args.rounds)
    with tempfile.TemporaryDirectory() as root:
        _dataset_pass(loaded, _folder(Path(root), args.images), args.images, max(2, args.rounds // 2))


if __name__ == "__main__":
    main()
