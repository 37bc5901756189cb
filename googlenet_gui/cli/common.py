"""What several sub-commands share: model flags, checked option types, the progress line, the --out check."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path

from googlenet_gui.core.images.preprocessing import MAX_IMAGE_SIZE  # one limit for flags and files (no torch)


def add_model_args(parser: argparse.ArgumentParser, labels: bool = True) -> None:
    """``--weights``, ``--device``, ``--labels`` and ``--transform-input``: how to get the model."""
    parser.add_argument("--weights", metavar="W", default=None,
                        help="checkpoint path, 'official' (torchvision ImageNet weights) or 'untrained'; "
                             "default: official if cached or downloadable, else untrained")
    parser.add_argument("--device", metavar="D", default="auto",
                        help="auto, cpu, cuda or cuda:N (default: auto = CUDA when present)")
    if labels:
        parser.add_argument("--labels", metavar="F", default=None,
                            help="text file with one class name per line")
    parser.add_argument("--transform-input", dest="transform_input", action="store_true", default=None,
                        help="force torchvision's transform_input on")
    parser.add_argument("--no-transform-input", dest="transform_input", action="store_false",
                        help="force torchvision's transform_input off")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable JSON on stdout")


def add_ablate_flag(parser: argparse.ArgumentParser) -> None:
    """``--ablate SPEC`` (repeatable) for ``classify`` and ``inspect``."""
    parser.add_argument("--ablate", action="append", default=[], metavar="SPEC",
                        help="switch off a tensor for this run (repeatable): MODULE, MODULE.BRANCH, "
                             "MODULE:CHANNELS or MODULE.BRANCH:CHANNELS, e.g. inception4c.3x3:0-15,40; "
                             "runs on the PyTorch eager model")


def ablation_for(args: argparse.Namespace, loaded):  # noqa: ANN001, ANN201 - (LoadedModel) -> context manager
    """The ablation context of ``--ablate`` (a no-op context without it)."""
    import contextlib

    if not getattr(args, "ablate", None):
        return contextlib.nullcontext([])
    from googlenet_gui.core.explain.ablation import ablation

    return ablation(loaded, args.ablate)


def image_failed(command: str, image: str, error: Exception, as_json: bool) -> int:
    """Say that ``image`` could not be read (a JSON record or one stderr line); returns exit code 1."""
    import json

    if as_json:
        print(json.dumps({"image": image, "error": str(error)}, indent=1))
    else:
        print(f"googlenet-gui {command}: error: {error}", file=sys.stderr)
    return 1


def load_model_from_args(args: argparse.Namespace, device: str | None = None):
    """``load_model`` from the shared flags; warnings go to stderr so ``--json`` stdout stays clean.

    ``device`` overrides ``--device`` for commands that have no such flag (``info``).
    """
    from googlenet_gui.core.checkpoints.loading import load_model

    loaded = load_model(
        weights=getattr(args, "weights", None),
        device=device or getattr(args, "device", "auto"),
        labels=getattr(args, "labels", None),
        transform_input=getattr(args, "transform_input", None),
        progress=True,
    )
    for warning in loaded.warnings:
        print(f"googlenet-gui: warning: {warning}", file=sys.stderr)
    return loaded


# ------------------------------------------------------------------ numeric option types
def _number(text: str, kind: type) -> float:
    """``text`` as ``kind`` (int or float), or an argparse error naming what was expected."""
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {'an integer' if kind is int else 'a number'}, "
                                         f"got {text!r}") from None
    if kind is float and not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, got {text!r}")
    return value


def positive_float(text: str) -> float:
    """``type=`` for learning rates and temperatures: finite and > 0.

    WHY at parse time: a negative rate made torch raise a ValueError traceback, and NaN
    or zero were accepted and trained a model that learns nothing (or only NaNs).
    """
    value = _number(text, float)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {text!r}")
    return value


def int_at_least(low: int, high: int | None = None, unit: str = "") -> Callable[[str], int]:
    """A ``type=`` for an integer in ``[low, high]``; the error says which bound was crossed.

    WHY a factory: epochs, batch sizes, workers and image sizes each have their own
    bounds, and one helper keeps their messages alike (``must be at least 1, got '0'``).
    """
    suffix = f" {unit}" if unit else ""

    def parse(text: str) -> int:
        value = int(_number(text, int))
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}{suffix}, got {text!r}")
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(f"must be at most {high}{suffix}, got {text!r}")
        return value

    return parse


positive_int = int_at_least(1)
non_negative_int = int_at_least(0)
image_size = int_at_least(32, MAX_IMAGE_SIZE, "pixels")


# ------------------------------------------------------------------ progress line
class ProgressLine:
    """A status line redrawn in place with ``\\r`` on stderr, ended before anything else.

    WHY: the redraws print no newline, so an error or summary printed next landed on the
    same line (``decoding images 12/12googlenet-gui finetune: error: ...``).  Use it as a
    context manager: leaving the block (normally, on an error or on Ctrl+C) ends the line
    before ``cli.main`` prints the error.
    """

    def __init__(self) -> None:
        self.pending = False

    def show(self, text: str) -> None:
        print("\r" + text, end="", file=sys.stderr, flush=True)
        self.pending = True

    def end(self) -> None:
        """Newline to stderr if a progress line is still open (no blank line otherwise)."""
        if self.pending:
            self.pending = False
            print(file=sys.stderr, flush=True)

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(self, *exc_info) -> None:
        self.end()


# ------------------------------------------------------------------ --out checks
def check_out_path(out: str, source: str | None = None) -> Path:
    """Refuse an unusable ``--out`` before any image is decoded (see ``check_save_path``)."""
    from googlenet_gui.core.checkpoints.files import check_save_path

    return check_save_path(out, source)
