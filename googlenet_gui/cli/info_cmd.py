"""``googlenet-gui info``: what a checkpoint file is, without running it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from googlenet_gui.cli.common import add_json_flag
from googlenet_gui.core.training.summary import training_summary


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="detected format, variant, classes and aux heads of a checkpoint")
    # WHY both: the README promises ``--weights W`` on every command; the positional stays for old scripts.
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("checkpoint", metavar="CHECKPOINT", nargs="?", default=None,
                        help="checkpoint path, 'official' or 'untrained'")
    source.add_argument("--weights", metavar="W", default=None, help="the same as CHECKPOINT")
    parser.add_argument("--labels", metavar="F", default=None, help="text file with one class name per line")
    add_json_flag(parser)


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.core.checkpoints.loading import load_model

    loaded = load_model(args.checkpoint or args.weights, device="cpu", labels=args.labels, progress=not args.json)
    info = loaded.info()
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        print(format_info(info))
    return 0


AUX_MEANING = {
    "trained": "present, trained",
    "untrained": "present, NOT trained (predictions are not meaningful)",
    "calibrated": "present, calibrated on unlabelled images by distilling the main head (calibrate-aux)",
    "absent": "absent",
}


def format_info(info: dict[str, Any]) -> str:
    """Aligned ``key: value`` lines for people (``--json`` is for scripts)."""
    prep = info["preprocessing"]
    sample = ", ".join(info["class_names_sample"])
    more = " ..." if info["num_classes"] > len(info["class_names_sample"]) else ""
    rows = [
        ("file", info["source"]),
        ("format", f"{info['format']} ({info['container']})"),
        ("variant", info["variant_description"]),
        ("classes", f"{info['num_classes']} ({info['labels_source']}): {sample}{more}"),
        ("aux heads", AUX_MEANING.get(info["aux_heads"], info["aux_heads"])),
        ("transform_input", "on" if info["transform_input"] else "off"),
        ("parameters", f"{info['parameters']:,}"),
        ("preprocessing", f"resize {prep['resize']}, crop {prep['crop']}, mean {_floats(prep['mean'])}, "
                          f"std {_floats(prep['std'])}, {prep['interpolation']}"),
    ]
    provenance = info.get("provenance") or {}
    if provenance.get("created"):
        rows.append(("created", f"{provenance['created']} (googlenet-gui {provenance.get('app_version', '?')})"))
    rows += [("training", line) for line in training_summary(info.get("training"))]
    rows += [("note", note) for note in info["notes"]] + [("warning", w) for w in info["warnings"]]
    width = max(len(key) for key, _ in rows)
    return "\n".join(f"{key + ':':<{width + 1}} {value}" for key, value in rows)


def _floats(values: list[float]) -> str:
    return "(" + ", ".join(f"{v:.3f}" for v in values) + ")"
