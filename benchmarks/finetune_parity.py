"""Issue 23: does ``finetune`` learn as well, and as fast, as a plain torchvision loop?

``python -m benchmarks.finetune_parity [--epochs 15] [--size 128] ...`` generates the
shapes set (``benchmarks/shapes.py``: 40 training images a class, 12 held out), then trains
on the same data, seed and budget

* plain: ``torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True,
  num_classes=3)``, images resized to ``--size``, flips only, main + 0.3 x (aux1 + aux2),
  SGD lr 0.01 momentum 0.9 (``--plain-optimizer adam``: Adam lr 1e-3), all training images;
* ours: ``googlenet_gui.core.training.finetune`` from an untrained model with its defaults
  (or the flags given), held-out accuracy measured between epochs on the checkpoint's own
  view (its preprocessing's resize + centre crop, what classification uses);

and prints both learning curves, then the ratios of held-out accuracy (ours' saved best
epoch against the plain loop's last, and the means of the last three epochs) and of time
per epoch (training + its validation pass; medians). The two alternate epoch by epoch in
one process, so a busy neighbour slows both alike. ``--out FILE.json`` keeps every number.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from .shapes import SHAPES, make_shapes

MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)


def _tensors(folder: Path, size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Every image of ``folder/<shape>/`` resized to ``size`` and normalised, with labels."""
    images, labels = [], []
    for label, kind in enumerate(SHAPES):
        for path in sorted((folder / kind).glob("*.png")):
            image = Image.open(path).convert("RGB").resize((size, size), Image.Resampling.BILINEAR)
            images.append(torch.from_numpy(np.asarray(image).copy()).permute(2, 0, 1))
            labels.append(label)
    x = torch.stack(images).float() / 255
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    return x, torch.tensor(labels)


def _accuracy(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor, batch: int) -> float:
    model.eval()
    with torch.inference_mode():
        predicted = torch.cat([model(x[i:i + batch]).argmax(1) for i in range(0, len(x), batch)])
    return float((predicted == y).float().mean())


def plain_loop(train: Path, held_out: Path, args: argparse.Namespace) -> Iterator[dict[str, float]]:
    """The reference loop a PyTorch user writes; yields one record per epoch."""
    import torchvision

    torch.manual_seed(args.seed)
    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True,
                                         num_classes=len(SHAPES))
    x, y = _tensors(train, args.size)
    hx, hy = _tensors(held_out, args.size)
    if args.plain_optimizer == "adam":
        optimizer: torch.optim.Optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    generator = torch.Generator().manual_seed(args.seed)
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(len(x), generator=generator)
        for i in range(0, len(x), args.batch):
            index = order[i:i + args.batch]
            if len(index) < 2:
                continue
            xb = x[index]
            flip = torch.rand(len(index), generator=generator) < 0.5
            xb = torch.where(flip.view(-1, 1, 1, 1), xb.flip(-1), xb)
            out = model(xb)
            loss = F.cross_entropy(out.logits, y[index]) + 0.3 * (
                F.cross_entropy(out.aux_logits1, y[index]) + F.cross_entropy(out.aux_logits2, y[index]))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        accuracy = _accuracy(model, hx, hy, args.batch)
        record = {"epoch": epoch, "held_out": accuracy, "seconds": time.perf_counter() - start}
        _say(f"plain  epoch {epoch:2d}: held-out {accuracy:.2f}  ({record['seconds']:.1f} s)")
        yield record


def ours(train: Path, held_out: Path, args: argparse.Namespace, out: Path) -> Iterator[dict[str, Any]]:
    """``finetune`` as the CLI runs it; yields one record per epoch, with held-out accuracy
    read between epochs (not timed) and whether the epoch was saved as the best."""
    from torch.utils.data import DataLoader

    from googlenet_gui.core.checkpoints.loading import load_model
    from googlenet_gui.core.training.augment import view_transform
    from googlenet_gui.core.training.datasets import TensorImageDataset, decode_all, plan_dataset, result_of
    from googlenet_gui.core.training.finetune import FinetuneConfig, prepare_run
    from googlenet_gui.core.training.steps import evaluate

    torch.manual_seed(args.seed)
    loaded = load_model("untrained", device="cpu")
    options = {k: v for k, v in (("augment", args.augment), ("lr", args.lr), ("val_split", args.val_split))
               if v is not None}
    config = FinetuneConfig(out=out, data_dir=train, epochs=args.epochs, batch_size=args.batch,
                            optimizer=args.optimizer, train=args.train, image_size=args.size,
                            seed=args.seed, **options)
    cancel = lambda: False  # noqa: E731
    run = result_of(prepare_run(config, loaded, cancel))
    plan = plan_dataset(held_out, val_split=0.0)
    decoded = result_of(decode_all(plan.train, max(run.prep.resize, args.size)))
    loader = DataLoader(TensorImageDataset(decoded, view_transform(run.prep)), batch_size=args.batch)
    for event in run.epochs(cancel):
        if type(event).__name__ == "EpochResult":
            stats, _ = evaluate(run.model, loader, run.device, run.memory_format, len(SHAPES))
            accuracy = stats.summary()[2]["main"]
            _say(f"ours   epoch {event.epoch:2d}: val {event.val_accuracy:.2f}  held-out {accuracy:.2f}  "
                 f"({event.seconds:.1f} s){'  *' if event.saved_best else ''}")
            yield {"epoch": event.epoch, "val": event.val_accuracy, "held_out": accuracy,
                   "seconds": event.seconds, "saved": event.saved_best}



def _say(line: str) -> None:
    print(line, flush=True)


def summarise(plain: list[dict[str, float]], mine: list[dict[str, Any]]) -> dict[str, float]:
    """Held-out and time ratios (ours / plain) from one run's curves."""
    best = max((r["epoch"] for r in mine if r["saved"]), default=None)
    tail = min(3, len(plain))
    plain_last = plain[-1]["held_out"]
    ours_best = next(r["held_out"] for r in mine if r["epoch"] == best) if best else float("nan")
    plain_tail = statistics.mean(r["held_out"] for r in plain[-tail:])
    ours_tail = statistics.mean(r["held_out"] for r in mine[-tail:])
    plain_time = statistics.median(r["seconds"] for r in plain)
    ours_time = statistics.median(r["seconds"] for r in mine)
    return {"plain_last_held_out": plain_last, "ours_best_epoch": best, "ours_best_held_out": ours_best,
            "held_out_ratio": ours_best / plain_last if plain_last else float("nan"),
            "plain_tail_held_out": plain_tail, "ours_tail_held_out": ours_tail,
            "tail_ratio": ours_tail / plain_tail if plain_tail else float("nan"),
            "plain_s_per_epoch": plain_time, "ours_s_per_epoch": ours_time, "time_ratio": ours_time / plain_time}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--per-class", dest="per_class", type=int, default=40)
    parser.add_argument("--held-out", dest="held_out", type=int, default=12)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--train", default="all", help="ours' --train (default all, as the plain loop)")
    parser.add_argument("--augment", default=None, help="ours' --augment (default: finetune's default)")
    parser.add_argument("--optimizer", default="sgd", help="ours' --optimizer")
    parser.add_argument("--lr", type=float, default=None, help="ours' --lr (default: finetune's default)")
    parser.add_argument("--val-split", dest="val_split", type=float, default=None)
    parser.add_argument("--plain-optimizer", dest="plain_optimizer", choices=("sgd", "adam"), default="sgd")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's own)")
    parser.add_argument("--out", type=Path, default=None, help="write every number to this JSON file")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory(prefix="parity-") as tmp:
        train, held_out = make_shapes(Path(tmp) / "shapes", args.per_class, args.held_out, args.size, args.seed)
        pairs = zip(plain_loop(train, held_out, args), ours(train, held_out, args, Path(tmp) / "ours.pth"))
        plain, mine = (list(curve) for curve in zip(*pairs))  # epochs interleaved: noise hits both alike
    summary = summarise(plain, mine)
    print("\nepoch  plain held-out  ours val  ours held-out  plain s  ours s")
    for p, o in zip(plain, mine):
        print(f"{p['epoch']:5d}  {p['held_out']:14.2f}  {o['val']:8.2f}  {o['held_out']:13.2f}  "
              f"{p['seconds']:7.1f}  {o['seconds']:6.1f}{'  *' if o['saved'] else ''}")
    print(json.dumps(summary, indent=1))
    record = {"args": {k: str(v) for k, v in vars(args).items()}, "plain": plain, "ours": mine, "summary": summary}
    if args.out:
        args.out.write_text(json.dumps(record, indent=1))
    return record


if __name__ == "__main__":
    main()
