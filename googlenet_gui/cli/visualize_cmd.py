"""``googlenet-gui visualize``: an image optimised to excite one channel (feature visualisation).

``--layer`` is a module or ``MODULE.BRANCH`` as ``explain`` takes it, or a head (``main``,
``aux1``, ``aux2``) with ``--channel`` a class index.  ``--out FILE.png`` gets the image
(with ``--diversity N``, the N images side by side); ``--json`` the record of
:meth:`Visualization.to_json` plus ``out``.  Results are cached: the same request again
opens at once (``cached`` true).  Exit 0 on success, 2 for usage, layer, channel, model
or output errors, 130 on Ctrl+C.
"""

from __future__ import annotations

import argparse
import json

from googlenet_gui.cli.common import add_json_flag, add_model_args, image_size, int_at_least, non_negative_int, \
    positive_int


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="feature visualisation: an image that excites one channel",
                                   description="Optimise an image (Fourier parameterisation, decorrelated colours, "
                                   "random jitter/scale/rotation, Adam) to excite one channel of a module or "
                                   "branch, or one class logit of a head. Seeded and cached.")
    add_model_args(parser)
    parser.add_argument("--layer", metavar="LAYER", required=True,
                        help="module (inception4c, conv2, ...), MODULE.BRANCH (inception4c.3x3), or a head "
                             "(main, aux1, aux2) whose class logit --channel is")
    parser.add_argument("--channel", metavar="C", type=non_negative_int, required=True,
                        help="channel of the layer, or class index of the head")
    parser.add_argument("--steps", metavar="N", type=positive_int, default=256, help="optimisation steps (256)")
    parser.add_argument("--size", metavar="S", type=image_size, default=128, help="image size in pixels (128)")
    parser.add_argument("--seed", metavar="N", type=non_negative_int, default=0, help="random seed (0)")
    parser.add_argument("--negative", action="store_true", help="minimise instead: what switches the channel off")
    parser.add_argument("--diversity", metavar="N", type=int_at_least(1, 64), default=1,
                        help="make N images that differ from each other (default 1)")
    parser.add_argument("--out", metavar="FILE.png", required=True, help="where the image is saved (PNG)")
    add_json_flag(parser)


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.cli.common import ProgressLine, check_out_path, load_model_from_args
    from googlenet_gui.core.errors import GoogLeNetGuiError
    from googlenet_gui.core.features.visualize import VisualizeProgress, VisualizeSettings, iter_visualize
    from googlenet_gui.core.viz.overlay import save_png

    check_out_path(args.out)
    if not args.out.lower().endswith(".png"):
        raise GoogLeNetGuiError(f"{args.out}: --out must end in .png")
    loaded = load_model_from_args(args)
    settings = VisualizeSettings(args.steps, args.size, args.seed, args.negative, args.diversity)
    result = None
    with ProgressLine() as progress:
        for event in iter_visualize(loaded, args.layer, args.channel, settings):
            if isinstance(event, VisualizeProgress):
                if not args.json:
                    progress.show(f"step {event.done}/{event.total}, objective {event.objective:.4g}   ")
            else:
                result = event
    save_png(args.out, result.strip())
    data = {**result.to_json(), "out": str(args.out)}
    print(json.dumps(data, indent=1) if args.json else _text(data))
    return 0


def _text(data: dict) -> str:
    direction = "minimised" if data["negative"] else "maximised"
    how = "from the cache" if data["cached"] else f"{data['steps']} steps in {data['seconds']:.1f} s"
    return "\n".join([f"{data['layer']} channel {data['channel']} {direction} ({how}, {data['size']} px, "
                      f"seed {data['seed']})",
                      f"objective {data['objective_start']:.4g} -> {data['objective_end']:.4g}",
                      f"saved {data['out']}"])
