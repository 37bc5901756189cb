"""``googlenet-gui info``: what a checkpoint file is, without running it."""

from __future__ import annotations

import argparse

from .common import add_json_flag


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="detected format, variant, classes and aux heads of a checkpoint")
    parser.add_argument("checkpoint", metavar="CHECKPOINT")
    add_json_flag(parser)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("info: being implemented")
