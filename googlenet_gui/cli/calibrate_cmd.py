"""``googlenet-gui calibrate-aux``: distil the main head into untrained aux heads.

No labels are needed: any folder of images (searched recursively) works.  The
held-out agreement of each aux head with the main head is printed before and after.
"""

from __future__ import annotations

import argparse
import json

from googlenet_gui.cli.common import ProgressLine, int_at_least, positive_float, positive_int


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="train aux1/aux2 to agree with the main head (no labels needed)")
    parser.add_argument("image_dir", metavar="IMAGE_DIR")
    parser.add_argument("--out", required=True, metavar="CKPT")
    parser.add_argument("--weights", metavar="W", default=None)
    parser.add_argument("--device", metavar="D", default="auto")
    parser.add_argument("--epochs", type=positive_int, default=3)
    parser.add_argument("--batch-size", dest="batch_size", type=int_at_least(2), default=32,
                        help="default 32; at least 2 (the aux heads' BatchNorm skips batches of one)")
    parser.add_argument("--lr", type=positive_float, default=1e-3, help="Adam learning rate (default 0.001)")
    parser.add_argument("--temperature", type=positive_float, default=2.0,
                        help="distillation temperature, > 0 (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")


def _agreement(values: dict[str, float]) -> str:
    return ", ".join(f"{head} {value:.1%}" for head, value in values.items())


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.core.training.calibration import calibrate_aux

    from googlenet_gui.cli.finetune_cmd import ctrl_c_cancels, load_for_job

    loaded, token = load_for_job(args)
    finished = None
    with ProgressLine() as progress, ctrl_c_cancels(token, progress):
        for event in calibrate_aux(loaded, args.image_dir, args.epochs, token, out=args.out,
                                   batch_size=args.batch_size, lr=args.lr, temperature=args.temperature,
                                   seed=args.seed):
            finished = _report(event, args.json, progress) or finished
    return 130 if finished is not None and finished.cancelled else 0


def _report(event, as_json: bool, progress: ProgressLine):
    kind = type(event).__name__
    if kind == "CalibrationProgress" and not as_json:
        extra = f" loss {event.loss:.4f}" if event.stage == "training" else ""
        progress.show(f"{event.stage} {event.done}/{event.total}{extra}   ")
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
            progress.end()
            print(f"agreement before: {_agreement(event.agreement_before)}")
            print(f"agreement after:  {_agreement(event.agreement_after)}")
            print(f"saved to {event.out_path}" if event.out_path else "nothing saved.")
            for line in event.skipped_files:
                print(f"skipped: {line}")
        return event
    return None
