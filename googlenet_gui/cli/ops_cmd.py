"""``googlenet-gui ops``: Table 1 (params and multiply-adds) for a model, against the paper."""

from __future__ import annotations

import argparse

from .common import add_json_flag


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="per-layer parameters and multiply-adds vs the paper's Table 1")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--weights", metavar="W", default=None)
    source.add_argument("--arch", choices=["torchvision", "paper", "tutorial"], default=None)
    add_json_flag(parser)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("ops: being implemented")
