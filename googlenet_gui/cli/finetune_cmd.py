"""``googlenet-gui finetune``: train new heads (and optionally more) on a folder of classes.

Ctrl+C cancels at the next batch and keeps the best checkpoint written so far (a
second Ctrl+C aborts at once).  ``--json`` prints one JSON line per epoch and a final
summary line on stdout, while the class balance, the settings ``auto`` chose and the
progress line go to stderr, so a script sees the job is alive before the first epoch ends.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator

from googlenet_gui.core.training.events import AUGMENTATIONS, PAPER_AUGMENT_MIN_PER_CLASS
from googlenet_gui.cli.common import (
    MAX_IMAGE_SIZE, ProgressLine, add_json_flag, check_out_path, image_size, int_at_least, non_negative_int,
    positive_float, positive_int,
)
from googlenet_gui.cli.interrupts import sigint_handled_by


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="fine-tune on DATA_DIR (one sub-folder per class)")
    parser.add_argument("data_dir", metavar="DATA_DIR")
    parser.add_argument("--out", required=True, metavar="CKPT")
    parser.add_argument("--weights", metavar="W", default=None)
    parser.add_argument("--device", metavar="D", default="auto")
    parser.add_argument("--epochs", type=positive_int, default=5)
    parser.add_argument("--batch-size", dest="batch_size", type=int_at_least(2), default=16,
                        help="default 16; at least 2 (BatchNorm needs two images per batch)")
    parser.add_argument("--lr", type=positive_float, default=None,
                        help="default: 0.01 for sgd, 0.001 for adam; a fifth of that for pretrained weights "
                             "with --train all")
    parser.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
    parser.add_argument("--train", default="heads", metavar="heads|last:N|all")
    parser.add_argument("--image-size", dest="image_size", type=image_size, default=224,
                        help=f"training crop in pixels (default 224; 32 to {MAX_IMAGE_SIZE})")
    parser.add_argument("--val-split", dest="val_split", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--augment", choices=list(AUGMENTATIONS), default="auto",
                        help="training augmentation: auto (default: flips only below "
                             f"{PAPER_AUGMENT_MIN_PER_CLASS} training images a class, else paper; the log says "
                             "which), the paper's crops+flips+colour jitter, flips only, or none")
    parser.add_argument("--workers", type=non_negative_int, default=0,
                        help="DataLoader worker processes for augmentation (default 0: on CPU the training "
                             "step dominates; on a GPU 2-4 can help)")
    add_json_flag(parser)


@contextlib.contextmanager
def ctrl_c_cancels(token, progress: ProgressLine | None = None) -> Iterator[None]:
    """First Ctrl+C sets ``token`` (the job stops at its next step); a second one aborts.

    ``progress``: its open line is ended first, so the notice gets a line of its own.
    """
    def handler(signum, frame):  # noqa: ARG001 - signal signature
        if token.cancelled:
            raise KeyboardInterrupt
        token.cancel()
        if progress is not None:
            progress.end()
        else:
            print(file=sys.stderr)
        print("cancelling after this batch (Ctrl+C again to abort)...", file=sys.stderr)

    with sigint_handled_by(handler):
        yield


def _fmt_time(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _human(event, epochs: int, progress: ProgressLine, log=None) -> None:
    """Print one event for people; ``log``: where the lines before training go (stdout unless --json)."""
    kind = type(event).__name__
    if kind == "DatasetSummary":
        progress.end()
        print(f"{len(event.class_names)} classes, {event.train_images} training / {event.val_images} "
              f"validation images:", file=log)
        width = max(len(n) for n in event.class_names)
        for name, (train, val) in event.counts.items():
            print(f"  {name:<{width}}  {train:5d} train  {val:5d} val", file=log)
    elif kind == "TrainingNote":
        progress.end()
        print(str(event), file=sys.stderr if event.warning else log)
    elif kind == "PreparingProgress":
        progress.show(f"{event.stage} {event.done}/{event.total}")
    elif kind == "DecodedSummary" and event.skipped:
        progress.end()
        print(f"{len(event.skipped)} unreadable file(s) left out (listed at the end): training on "
              f"{event.train_images} / validating on {event.val_images} images", file=log)
    elif kind == "BatchProgress":
        progress.show(f"epoch {event.epoch}/{epochs}  batch {event.batch}/{event.batches}  loss {event.loss:.4f}  "
                      f"{event.images_per_s:.1f} img/s  ETA {_fmt_time(event.eta_s)}   ")
    elif kind == "EpochResult":
        heads = "  ".join(f"{h} {a:.1%}" for h, a in event.val_accuracies.items())
        star = "  * saved" if event.saved_best else ""
        print(f"\repoch {event.epoch}/{epochs}: train loss {event.train_loss:.4f}, val loss {event.val_loss:.4f}, "
              f"val accuracy {heads}, lr {event.lr:g} ({event.seconds:.1f} s){star}" + " " * 10)
    elif kind == "Finished":
        progress.end()  # on a terminal this also leaves a blank line above the summary
        _human_finished(event)


def _human_finished(event) -> None:
    """Best epoch and confusion matrix, or why nothing was saved; then skipped files."""
    if event.out_path:
        print(f"best epoch {event.best_epoch}: validation accuracy {event.best_val_accuracy:.1%}, "
              f"saved to {event.out_path}")
        names = event.class_names
        width = max(len(n) for n in names)
        print("confusion matrix (rows: true class, columns: predicted):")
        for name, row in zip(names, event.confusion_matrix):
            print(f"  {name:<{width}}  " + " ".join(f"{int(v):5d}" for v in row))
    elif event.cancelled:
        print("no checkpoint was saved (cancelled before the first epoch ended).")
    else:
        print("no checkpoint was saved.")
    if event.cancelled and event.out_path:  # else the line above already said what happened
        print("cancelled: kept the best checkpoint so far.")
    if event.skipped_files:
        print(f"skipped {len(event.skipped_files)} unreadable file(s):")
        for line in event.skipped_files:
            print(f"  {line}")


def load_for_job(args: argparse.Namespace):
    """The model named by ``--weights``/``--device`` (warnings to stderr) and a fresh cancel token.

    ``--out`` is checked before the (slow) load and again after it, against the file loaded.
    """
    from googlenet_gui.core.jobs import CancelToken
    from googlenet_gui.core.checkpoints.loading import load_model

    check_out_path(args.out)
    loaded = load_model(args.weights, device=args.device, progress=not args.json)
    check_out_path(args.out, loaded.source)
    for warning in loaded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return loaded, CancelToken()


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.core.training.finetune import FinetuneConfig, finetune
    from googlenet_gui.core.training.steps import parse_train_mode

    parse_train_mode(args.train)  # a typo in --train fails now, not after every image is decoded
    config = FinetuneConfig(out=args.out, data_dir=args.data_dir, epochs=args.epochs, batch_size=args.batch_size,
                            lr=args.lr, optimizer=args.optimizer, train=args.train, image_size=args.image_size,
                            val_split=args.val_split, seed=args.seed, augment=args.augment, workers=args.workers)
    loaded, token = load_for_job(args)
    finished = None
    with ProgressLine() as progress, ctrl_c_cancels(token, progress):
        for event in finetune(config, loaded, token):
            kind = type(event).__name__
            if args.json and kind in ("EpochResult", "Finished"):
                progress.end()
                print(json.dumps(event.to_json()), flush=True)
            elif args.json:
                _human(event, config.epochs, progress, log=sys.stderr)
            else:
                _human(event, config.epochs, progress)
            if kind == "Finished":
                finished = event
    return 130 if finished is not None and finished.cancelled else 0
