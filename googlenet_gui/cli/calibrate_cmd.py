"""``googlenet-gui calibrate-aux``: distil the main head into untrained aux heads."""

from __future__ import annotations

import argparse


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="train aux1/aux2 to agree with the main head (no labels needed)")
    parser.add_argument("image_dir", metavar="IMAGE_DIR")
    parser.add_argument("--out", required=True, metavar="CKPT")
    parser.add_argument("--weights", metavar="W", default=None)
    parser.add_argument("--device", metavar="D", default="auto")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("calibrate-aux: being implemented")
