"""``googlenet-gui report IMAGE --out report.html [--lang en|ko]``: one self-contained HTML report of one image.

The page holds the image, the three heads' top-5, the chosen module's branch maps, Grad-CAM
and CAM of the main head, branch importance and Table 1 beside the paper's values; pictures
are embedded, so the file opens offline and prints.  ``--json`` prints ``{"out", "image",
"layer", "seconds"}``.  Exit 0 on success, 1 when the image cannot be read, 2 for usage,
layer, model or output errors.
"""

from __future__ import annotations

import argparse
import json
import time

from googlenet_gui.cli.common import add_json_flag, add_model_args

REPORT_SUFFIXES = (".html", ".htm")


def add_parser(subparsers, name: str) -> None:
    from googlenet_gui.core.lesson.text import LANGUAGES
    from googlenet_gui.core.network.spec import DEFAULT_LAYER

    parser = subparsers.add_parser(name, help="one self-contained HTML report of an image",
                                   description="Write one HTML file (pictures embedded, no network use, a print "
                                   "stylesheet): the image, the three heads' top-5, a module's branch maps, "
                                   "Grad-CAM and CAM, branch importance and Table 1 beside the paper.")
    add_model_args(parser)
    parser.add_argument("--layer", metavar="LAYER", default=DEFAULT_LAYER,
                        help=f"Inception module whose branches are shown (default {DEFAULT_LAYER})")
    parser.add_argument("--out", metavar="FILE.html", required=True, help="where to write the report")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the page (default en)")
    add_json_flag(parser)
    parser.add_argument("image", metavar="IMAGE")


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.cli.common import check_out_path, image_failed, load_model_from_args
    from googlenet_gui.core.errors import GoogLeNetGuiError, ImageError
    from googlenet_gui.core.report.build import build_report, write_report

    check_out_path(args.out)
    if not args.out.lower().endswith(REPORT_SUFFIXES):
        raise GoogLeNetGuiError(f"{args.out}: --out must end in .html")
    start = time.perf_counter()
    loaded = load_model_from_args(args)
    try:
        html = build_report(loaded, args.image, layer=args.layer, lang=args.lang)
    except ImageError as error:
        return image_failed("report", args.image, error, args.json)
    write_report(args.out, html)
    data = {"out": str(args.out), "image": args.image, "layer": args.layer,
            "seconds": round(time.perf_counter() - start, 2)}
    print(json.dumps(data, indent=1) if args.json else
          f"saved {data['out']} ({len(html) // 1024} KB): {args.image} at {args.layer} in {data['seconds']} s")
    return 0
