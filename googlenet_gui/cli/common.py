"""Flags shared by several sub-commands (model selection, device, output format)."""

from __future__ import annotations

import argparse


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


def load_model_from_args(args: argparse.Namespace, device: str | None = None):
    """``load_model`` from the shared flags; warnings go to stderr so ``--json`` stdout stays clean.

    ``device`` overrides ``--device`` for commands that have no such flag (``info``).
    """
    import sys

    from googlenet_gui.core.loading import load_model

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
