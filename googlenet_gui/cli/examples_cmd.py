"""``googlenet-gui examples``: the images of a folder that excite one channel most.

One pass over FOLDER records every channel's top images (cached: another channel of the
same folder and weights answers at once).  Prints the top K, strongest first, each with
its activation, the position of its maximum in the layer's map and the box of crop pixels
that position sees; ``--json`` the record of :meth:`ChannelExamples.to_json`.  Files that
cannot be read are skipped, each named on stderr (and in the JSON); exit 1 then, 0 when all
were read, 2 for usage, folder, layer, channel or model errors, 130 on Ctrl+C.
"""

from __future__ import annotations

import argparse
import json
import sys

from googlenet_gui.cli.common import add_json_flag, add_model_args, non_negative_int, positive_int


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="dataset examples: the images of a folder that excite a channel most",
                                   description="Run a folder of images through the model once and list, for one "
                                   "channel of a module or branch, the images that excite it most and where.")
    add_model_args(parser)
    parser.add_argument("--layer", metavar="LAYER", required=True,
                        help="module (inception4c, conv2, ...) or MODULE.BRANCH (inception4c.3x3)")
    parser.add_argument("--channel", metavar="C", type=non_negative_int, required=True, help="channel of the layer")
    parser.add_argument("-k", metavar="K", dest="k", type=positive_int, default=9, help="how many images (9)")
    add_json_flag(parser)
    parser.add_argument("folder", metavar="FOLDER")


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.cli.common import ProgressLine, load_model_from_args
    from googlenet_gui.core.features.examples import examples

    loaded = load_model_from_args(args)
    with ProgressLine() as progress:
        def show(done: int, total: int) -> None:
            if not args.json:
                progress.show(f"images {done}/{total}   ")

        result = examples(loaded, args.folder, args.layer, args.channel, k=args.k, on_progress=show)
    for message in result.skipped:
        print(f"googlenet-gui examples: skipped: {message}", file=sys.stderr)
    print(json.dumps(result.to_json(), indent=1) if args.json else _text(result))
    return 1 if result.skipped else 0


def _text(result) -> str:  # noqa: ANN001 - ChannelExamples
    lines = [f"{result.layer} channel {result.channel}: top {len(result.examples)} of {result.images} images"
             + (" (from the cache)" if result.cached else "")]
    for rank, example in enumerate(result.examples, 1):
        top, left, bottom, right = example.box
        lines.append(f"{rank:>3}. {example.activation:.4g}  {example.image}  at row {example.row}, col "
                     f"{example.col} (crop pixels {top}-{bottom} x {left}-{right})")
    return "\n".join(lines)
