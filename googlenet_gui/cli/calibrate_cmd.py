"""``googlenet-gui calibrate-aux``: distil the main head into untrained aux heads.

No labels are needed: any folder of images (searched recursively) works.  The
held-out agreement of each aux head with the main head is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="train aux1/aux2 to agree with the main head (no labels needed)")
    parser.add_argument("image_dir", metavar="IMAGE_DIR")
    parser.add_argument("--out", required=True, metavar="CKPT")
    parser.add_argument("--weights", metavar="W", default=None)
    parser.add_argument("--device", metavar="D", default="auto")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", dest="batch_size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--temperature", type=float, default=2.0, help="distillation temperature (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")


def _agreement(values: dict[str, float]) -> str:
    return ", ".join(f"{head} {value:.1%}" for head, value in values.items())


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.core.calibration import calibrate_aux

    from .finetune_cmd import ctrl_c_cancels, load_for_job

    loaded, token = load_for_job(args)
    finished = None
    with ctrl_c_cancels(token):
        for event in calibrate_aux(loaded, args.image_dir, args.epochs, token, out=args.out,
                                   batch_size=args.batch_size, lr=args.lr, temperature=args.temperature,
                                   seed=args.seed):
            finished = _report(event, args.json) or finished
    return 130 if finished is not None and finished.cancelled else 0


def _report(event, as_json: bool):
    kind = type(event).__name__
    if kind == "CalibrationProgress" and not as_json:
        extra = f" loss {event.loss:.4f}" if event.stage == "training" else ""
        print(f"\r{event.stage} {event.done}/{event.total}{extra}   ", end="", file=sys.stderr, flush=True)
    elif kind == "CalibrationEpoch":
        if as_json:
            print(json.dumps({"epoch": event.epoch, "loss": event.loss, "agreement": event.agreement,
                              "saved": event.saved}), flush=True)
        else:
            print(f"\repoch {event.epoch}: distillation loss {event.loss:.4f}, held-out top-1 agreement "
                  f"with the main head: {_agreement(event.agreement)}" + (" * saved" if event.saved else ""))
    elif kind == "CalibrationFinished":
        if as_json:
            print(json.dumps(event.to_json()), flush=True)
        else:
            print(f"agreement before: {_agreement(event.agreement_before)}")
            print(f"agreement after:  {_agreement(event.agreement_after)}")
            print(f"saved to {event.out_path}" if event.out_path else "nothing saved.")
            for line in event.skipped_files:
                print(f"skipped: {line}")
        return event
    return None
