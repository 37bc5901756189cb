"""``googlenet-gui lesson``: the guided walkthrough of the paper, read in a terminal.

The same steps the window's Help > Lesson panel shows, with the loaded model's own
numbers (``--weights``, default as everywhere), in English or Korean (``--lang``); with an
IMAGE, the aux-heads step says what each head predicts for it (exit 1 when it cannot be read);
``--json`` prints ``Lesson.to_json()``: ``{"lang", "steps": [{"key", "title", "body",
"columns", "rows", "target", "numbers"}]}``.
"""

from __future__ import annotations

import argparse
import json


def add_parser(subparsers, name: str) -> None:
    from googlenet_gui.core.lesson.text import LANGUAGES

    parser = subparsers.add_parser(name, help="the paper, step by step, on the model's own numbers (en or ko)")
    parser.add_argument("--weights", metavar="W", default=None,
                        help="checkpoint path, 'official' or 'untrained'; default: official if cached or "
                             "downloadable, else untrained")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the lesson (default en)")
    parser.add_argument("--json", action="store_true", help="machine-readable JSON on stdout")
    parser.add_argument("image", metavar="IMAGE", nargs="?", default=None,
                        help="an image whose predictions by the three heads the aux step shows")


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.cli.common import image_failed, load_model_from_args
    from googlenet_gui.core.inference.classify import classify
    from googlenet_gui.core.lesson.steps import lesson

    loaded = load_model_from_args(args, device="cpu")
    heads = None
    if args.image is not None:
        seen = next(classify(loaded, args.image))
        if seen.error is not None:
            return image_failed("lesson", args.image, seen.error, args.json)
        heads = seen.heads
    found = lesson(loaded, lang=args.lang, heads=heads)
    print(json.dumps(found.to_json(), indent=1, ensure_ascii=False) if args.json else found.to_text(), end="")
    if args.json:
        print()
    return 0
