"""``googlenet-gui ops``: Table 1 (params and multiply-adds) for a model, against the paper.

With no flags it counts torchvision's architecture without loading or downloading any
weights (counting needs only the structure); ``--arch`` picks another family and
``--weights`` counts the model a checkpoint implies (its classes, aux heads, kernels) at
its own input size (the preprocessing's crop: a 64 px model is not counted at 224 px).
``--json`` prints ``OpsTable.to_json()``: rows keyed by module name with integer
``params`` and ``macs``, the paper's values and ``naive_macs`` where they apply, totals.
"""

from __future__ import annotations

import argparse
import json

from googlenet_gui.cli.common import MAX_IMAGE_SIZE, add_json_flag, image_size


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="per-layer parameters and multiply-adds vs the paper's Table 1")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--weights", metavar="W", default=None,
                        help="count the model of this checkpoint (a path, 'official' or 'untrained')")
    source.add_argument("--arch", choices=["torchvision", "paper", "tutorial"], default=None,
                        help="count an architecture family without weights (default torchvision)")
    parser.add_argument("--image-size", dest="image_size", type=image_size, default=None, metavar="S",
                        help=f"input size in pixels, 32 to {MAX_IMAGE_SIZE} (default: the checkpoint's crop with "
                             "--weights, else 224, the paper's); counting runs a forward pass whose memory grows "
                             "with the square of the size")
    add_json_flag(parser)


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.core.opcount.table import count_ops, format_ops_table

    model, crop = _model_or_spec(args)
    table = count_ops(model, image_size=args.image_size or crop)
    print(json.dumps(table.to_json(), indent=1) if args.json else format_ops_table(table))
    return 0


def _model_or_spec(args: argparse.Namespace):
    """``(model, input size)``: the loaded checkpoint's model (on the CPU) and its preprocessing
    crop, or the named family's spec and the paper's 224."""
    from googlenet_gui.core.network.spec import spec_for_arch

    if args.weights is not None:
        from googlenet_gui.core.checkpoints.loading import load_model

        loaded = load_model(weights=args.weights, device="cpu", progress=True)
        return loaded.model, int(loaded.preprocessing.crop)
    return spec_for_arch(args.arch or "torchvision"), 224
