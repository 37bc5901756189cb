"""``googlenet-gui classify``: top-k of every head for images and folders."""

from __future__ import annotations

import argparse

from .common import add_json_flag, add_model_args


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="classify images and folders",
                                   description="Top-k predictions of the main and auxiliary heads.")
    add_model_args(parser)
    parser.add_argument("--top-k", dest="top_k", type=int, default=5, metavar="K")
    add_json_flag(parser)
    parser.add_argument("inputs", nargs="+", metavar="IMAGE_OR_FOLDER")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("classify: being implemented")
