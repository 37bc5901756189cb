"""``googlenet-gui inspect``: predictions plus per-branch activation statistics."""

from __future__ import annotations

import argparse

from .common import add_json_flag, add_model_args


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="look inside every Inception branch for one image")
    add_model_args(parser)
    parser.add_argument("--top-k", dest="top_k", type=int, default=5, metavar="K")
    add_json_flag(parser)
    parser.add_argument("--save-maps", dest="save_maps", metavar="DIR", default=None,
                        help="write one PNG mosaic per branch into DIR")
    parser.add_argument("image", metavar="IMAGE")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("inspect: being implemented")
