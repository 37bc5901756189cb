"""``googlenet-gui finetune``: train new heads (and optionally more) on a folder of classes."""

from __future__ import annotations

import argparse

from .common import add_json_flag


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="fine-tune on DATA_DIR (one sub-folder per class)")
    parser.add_argument("data_dir", metavar="DATA_DIR")
    parser.add_argument("--out", required=True, metavar="CKPT")
    parser.add_argument("--weights", metavar="W", default=None)
    parser.add_argument("--device", metavar="D", default="auto")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", dest="batch_size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=None)
    parser.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
    parser.add_argument("--train", default="heads", metavar="heads|last:N|all")
    parser.add_argument("--image-size", dest="image_size", type=int, default=224)
    parser.add_argument("--val-split", dest="val_split", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    add_json_flag(parser)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("finetune: being implemented")
