"""Issue 23: does ``finetune`` learn as well, and as fast, as a plain torchvision loop?

``python -m benchmarks.finetune_parity [--data shapes|digits] [--start scratch|trained]
[--epochs 15] [--size 128] ...`` writes an image set with a held-out part kept aside

* ``shapes`` (default): the generated shapes set (``benchmarks/shapes.py``: 40 training
  images a class at 128 px, 12 held out);
* ``digits``: a real set, scikit-learn's ``load_digits`` (``benchmarks/digits.py``: 8 x 8
  handwritten digits upscaled to 64 px, 30 training and 30 held-out images a class);

and picks the starting weights

* ``scratch`` (default): an untrained GoogLeNet, ``--train all``;
* ``trained``: an app checkpoint trained from scratch by ``finetune`` on the *other* set
  (``--backbone FILE`` reuses or keeps it), new heads for this set's classes and
  ``finetune``'s own default ``--train`` (``heads``) unless ``--train`` is given;

then trains on the same data, seed and budget

* plain: ``torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True,
  num_classes=N)`` (for ``trained`` loaded with the backbone's weights, fresh heads),
  images resized to ``--size``, flips only, main + 0.3 x (aux1 + aux2), SGD momentum 0.9 at
  0.01 (0.001 for a trained network trained whole, as PyTorch's transfer-learning tutorial;
  ``--plain-optimizer adam``: Adam at a tenth of those), the same layers trained as ours
  (the rest ``requires_grad=False``, the model in ``train()`` as a plain loop leaves it),
  all training images;
* ours: ``googlenet_gui.core.training.finetune`` from the same weights with its defaults
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

from .digits import make_digits
from .shapes import make_shapes

MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)


#: Per set: its maker and the defaults of --per-class, --held-out, --size, --epochs.
DATA = {"shapes": (make_shapes, 40, 12, 128, 15), "digits": (make_digits, 30, 30, 64, 10)}
#: The set a ``trained`` start's backbone is trained on: the other one.
OTHER = {"shapes": "digits", "digits": "shapes"}


def _classes(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


def _tensors(folder: Path, size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Every image of ``folder/<class>/`` resized to ``size`` and normalised, with labels."""
    images, labels = [], []
    for label, kind in enumerate(_classes(folder)):
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

    from googlenet_gui.core.training.steps import REPLACED_HEAD_PREFIXES, trainable_children

    torch.manual_seed(args.seed)
    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True,
                                         num_classes=len(_classes(train)))
    if args.backbone_model is not None:  # the trained start: its backbone, fresh heads
        state = {k: v for k, v in args.backbone_model.state_dict().items()
                 if not k.startswith(REPLACED_HEAD_PREFIXES)}
        model.load_state_dict(state, strict=False)
    trainable = trainable_children(model, args.train)
    for name, child in model.named_children():
        child.requires_grad_(name in trainable)
    params = [p for p in model.parameters() if p.requires_grad]
    x, y = _tensors(train, args.size)
    hx, hy = _tensors(held_out, args.size)
    if args.plain_optimizer == "adam":
        optimizer: torch.optim.Optimizer = torch.optim.Adam(params, lr=args.plain_lr)
    else:
        optimizer = torch.optim.SGD(params, lr=args.plain_lr, momentum=0.9)
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
        trained = time.perf_counter()
        accuracy = _accuracy(model, hx, hy, args.batch)
        record = {"epoch": epoch, "held_out": accuracy, "seconds": time.perf_counter() - start,
                  "train_seconds": trained - start, "images": len(x)}
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
    loaded = load_model(args.backbone if args.backbone_model is not None else "untrained", device="cpu")
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
            stats, _ = evaluate(run.model, loader, run.device, run.memory_format, len(plan.class_names))
            accuracy = stats.summary()[2]["main"]
            _say(f"ours   epoch {event.epoch:2d}: val {event.val_accuracy:.2f}  held-out {accuracy:.2f}  "
                 f"({event.seconds:.1f} s){'  *' if event.saved_best else ''}")
            yield {"epoch": event.epoch, "val": event.val_accuracy, "held_out": accuracy,
                   "seconds": event.seconds, "saved": event.saved_best, "images": len(run.train_loader.dataset)}
        elif type(event).__name__ == "TrainingNote":
            _say(f"ours   {event}")


def train_backbone(data: str, path: Path, args: argparse.Namespace, tmp: Path) -> None:
    """An app checkpoint trained from scratch by ``finetune`` (defaults, ``--train all``) on
    ``data``'s training images, written to ``path``: the ``trained`` start."""
    from googlenet_gui.core.checkpoints.loading import load_model
    from googlenet_gui.core.training.finetune import FinetuneConfig, finetune

    make, per_class, held_out, size, _ = DATA[data]
    train, _ = make(tmp / f"backbone-{data}", per_class, held_out, args.size, args.seed)
    config = FinetuneConfig(out=path, data_dir=train, epochs=args.backbone_epochs, batch_size=args.batch,
                            train="all", image_size=args.size, seed=args.seed)
    torch.manual_seed(args.seed)
    for event in finetune(config, load_model("untrained", device="cpu")):
        if type(event).__name__ == "EpochResult":
            _say(f"backbone ({data}) epoch {event.epoch:2d}: val {event.val_accuracy:.2f}  ({event.seconds:.1f} s)")


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
    # WHY also against the plain loop's training alone: its timed epoch includes the held-out
    # pass (30 images a class on digits), ours' only its validation split (20% of training).
    plain_train = statistics.median(r.get("train_seconds", r["seconds"]) for r in plain)
    plain_images, ours_images = plain[0].get("images"), mine[0].get("images")
    return {"plain_last_held_out": plain_last, "ours_best_epoch": best, "ours_best_held_out": ours_best,
            "held_out_ratio": ours_best / plain_last if plain_last else float("nan"),
            "plain_tail_held_out": plain_tail, "ours_tail_held_out": ours_tail,
            "tail_ratio": ours_tail / plain_tail if plain_tail else float("nan"),
            "plain_s_per_epoch": plain_time, "ours_s_per_epoch": ours_time, "time_ratio": ours_time / plain_time,
            "plain_train_s_per_epoch": plain_train, "time_ratio_vs_plain_training": ours_time / plain_train,
            "speed_per_image_ratio": (plain_train / plain_images) / (ours_time / ours_images)
            if plain_images and ours_images else float("nan")}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", choices=tuple(DATA), default="shapes")
    parser.add_argument("--start", choices=("scratch", "trained"), default="scratch")
    parser.add_argument("--backbone", type=Path, default=None,
                        help="trained start: this app checkpoint (trained on the other set and written here if missing)")
    parser.add_argument("--backbone-epochs", dest="backbone_epochs", type=int, default=15)
    parser.add_argument("--epochs", type=int, default=None, help="default: 15 shapes, 10 digits")
    parser.add_argument("--size", type=int, default=None, help="default: 128 shapes, 64 digits")
    parser.add_argument("--per-class", dest="per_class", type=int, default=None, help="default: 40 shapes, 30 digits")
    parser.add_argument("--held-out", dest="held_out", type=int, default=None, help="default: 12 shapes, 30 digits")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--train", default=None,
                        help="both runs' --train (default: all from scratch, finetune's default for a trained start)")
    parser.add_argument("--augment", default=None, help="ours' --augment (default: finetune's default)")
    parser.add_argument("--optimizer", default="sgd", help="ours' --optimizer")
    parser.add_argument("--lr", type=float, default=None, help="ours' --lr (default: finetune's default)")
    parser.add_argument("--val-split", dest="val_split", type=float, default=None)
    parser.add_argument("--plain-optimizer", dest="plain_optimizer", choices=("sgd", "adam"), default="sgd")
    parser.add_argument("--plain-lr", dest="plain_lr", type=float, default=None,
                        help="default: SGD 0.01 / Adam 0.001, a tenth of that for a trained network trained whole")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's own)")
    parser.add_argument("--out", type=Path, default=None, help="write every number to this JSON file")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    make, *defaults = DATA[args.data]
    for key, value in zip(("per_class", "held_out", "size", "epochs"), defaults):
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.train is None:
        from googlenet_gui.core.training.events import FinetuneConfig

        args.train = "all" if args.start == "scratch" else FinetuneConfig(out="").train
    if args.plain_lr is None:
        args.plain_lr = (0.01 if args.plain_optimizer == "sgd" else 1e-3) / (
            10 if args.start == "trained" and args.train == "all" else 1)
    args.backbone_model = None
    with tempfile.TemporaryDirectory(prefix="parity-") as tmp:
        if args.start == "trained":
            from googlenet_gui.core.checkpoints.loading import load_model

            args.backbone = args.backbone or Path(tmp) / "backbone.pth"
            if not args.backbone.exists():
                train_backbone(OTHER[args.data], args.backbone, args, Path(tmp))
            args.backbone_model = load_model(args.backbone, device="cpu").model
        train, held_out = make(Path(tmp) / args.data, args.per_class, args.held_out, args.size, args.seed)
        pairs = zip(plain_loop(train, held_out, args), ours(train, held_out, args, Path(tmp) / "ours.pth"))
        plain, mine = (list(curve) for curve in zip(*pairs))  # epochs interleaved: noise hits both alike
    summary = summarise(plain, mine)
    print("\nepoch  plain held-out  ours val  ours held-out  plain s  ours s")
    for p, o in zip(plain, mine):
        print(f"{p['epoch']:5d}  {p['held_out']:14.2f}  {o['val']:8.2f}  {o['held_out']:13.2f}  "
              f"{p['seconds']:7.1f}  {o['seconds']:6.1f}{'  *' if o['saved'] else ''}")
    print(json.dumps(summary, indent=1))
    record = {"args": {k: str(v) for k, v in vars(args).items() if k != "backbone_model"},
              "plain": plain, "ours": mine, "summary": summary}
    if args.out:
        args.out.write_text(json.dumps(record, indent=1))
    return record


if __name__ == "__main__":
    main()
