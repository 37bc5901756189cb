"""``googlenet-gui classify``: top-k of every head for images and folders.

Human output is one small table per image (main head, then aux1/aux2 side by side,
marked "(untrained)" when their weights never learned anything); ``--json`` prints a
JSON array with one ``Classification.to_json()`` object per image, streamed so a folder
of thousands of photos does not pile up in memory.  Exit 0 when every input was
classified, 1 when some failed (the others are still printed), 2 for usage or model
errors (raised as ``GoogLeNetGuiError`` and printed by ``cli.main``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from googlenet_gui.cli.common import add_ablate_flag, add_json_flag, add_model_args

LABEL_WIDTH = 20


def add_parser(subparsers, name: str) -> None:
    parser = subparsers.add_parser(name, help="classify images and folders",
                                   description="Top-k predictions of the main and auxiliary heads. "
                                   "Folders are searched recursively for image files (hidden files skipped).")
    add_model_args(parser)
    parser.add_argument("--top-k", dest="top_k", type=int, default=5, metavar="K")
    parser.add_argument("--batch-size", dest="batch_size", type=int, default=16, metavar="N",
                        help="images per forward pass (default 16)")
    add_json_flag(parser)
    add_ablate_flag(parser)
    parser.add_argument("inputs", nargs="+", metavar="IMAGE_OR_FOLDER")


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.core.errors import GoogLeNetGuiError
    from googlenet_gui.core.inference import engine

    if args.top_k < 1 or args.batch_size < 1:
        raise GoogLeNetGuiError("--top-k and --batch-size must be at least 1.")
    if args.ablate:  # an ablated run needs the eager model: never the cached torch-free path
        return _run_ablated(args)
    fingerprint, prepared = engine.torch_free_classifier(args)  # once: it hashes the checkpoint file
    if prepared is not None:  # an earlier run of this file left all we need: torch is never imported
        return _run_prepared(args, prepared)
    from googlenet_gui.cli.common import load_model_from_args
    from googlenet_gui.core.inference.classify import classify

    loaded = load_model_from_args(args)
    results = classify(loaded, args.inputs, top_k=args.top_k, batch_size=args.batch_size)
    failed = _print(args, results, loaded, _model_line(loaded))
    engine.remember_run(fingerprint, loaded, _model_line(loaded))
    return 1 if failed else 0


def _run_ablated(args: argparse.Namespace) -> int:
    from googlenet_gui.cli.common import ablation_for, load_model_from_args
    from googlenet_gui.core.inference.classify import classify

    loaded = load_model_from_args(args)
    with ablation_for(args, loaded) as ablations:
        results = classify(loaded, args.inputs, top_k=args.top_k, batch_size=args.batch_size)
        failed = _print(args, results, loaded, _model_line(loaded), [a.to_json() for a in ablations])
    return 1 if failed else 0


def _run_prepared(args: argparse.Namespace, prepared) -> int:  # noqa: ANN001 - (CachedModel, session)
    from googlenet_gui.core.inference import engine

    cached = prepared[0]
    for warning in cached.warnings:
        print(f"googlenet-gui: warning: {warning}", file=sys.stderr)
    results = engine.classify_prepared(prepared, args.inputs, args.top_k, args.batch_size)
    return 1 if _print(args, results, cached, cached.model_line) else 0


def _print(args: argparse.Namespace, results, model, model_line: str,  # noqa: ANN001
           ablation: list[dict[str, Any]] | None = None) -> int:
    """JSON array or tables; ``model`` needs ``has_aux`` and ``aux_trained``. Returns failures."""
    if args.json:
        return _print_json(results, model, sys.stdout, ablation)
    print(model_line)
    if ablation:
        print("ablated: " + ", ".join(a["spec"] for a in ablation))
    return _print_tables(results, sys.stdout)


def _json_object(result, loaded, ablation: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The contract object, plus additive fields: ``aux_trained``, ``notes`` and (with --ablate) ``ablation``."""
    data = result.to_json()
    if result.error is None and loaded.has_aux:
        data["aux_trained"] = bool(loaded.aux_trained)
    if result.notes:
        data["notes"] = list(result.notes)
    if ablation:
        data["ablation"] = ablation
    return data


def _print_json(results, loaded, out: TextIO, ablation: list[dict[str, Any]] | None = None) -> int:
    """Stream a JSON array; returns how many inputs failed.

    On Ctrl+C the array is closed before the interrupt goes on to ``cli.main`` (exit 130),
    so a script reading stdout gets valid JSON with the images done so far.
    """
    failed = 0
    out.write("[")
    try:
        for count, result in enumerate(results):
            failed += result.error is not None
            out.write(("," if count else "") + "\n  " + json.dumps(_json_object(result, loaded, ablation)))
            out.flush()
    finally:  # Ctrl+C or an error: each object went out in one write, so the array closes cleanly
        out.write("\n]\n")
        out.flush()
    return failed


def _model_line(loaded) -> str:
    aux = {"absent": "no aux heads", "untrained": "aux heads untrained"}.get(loaded.aux_state,
                                                                           f"aux heads {loaded.aux_state}")
    return f"model: {loaded.name} ({loaded.spec.name} variant, {loaded.num_classes} classes, {aux}) on {loaded.device}"


def _print_tables(results, out: TextIO) -> int:
    """Tables on ``out``, failures on stderr; returns how many inputs failed."""
    failed = 0
    for result in results:
        if result.error is not None:  # on stderr, in sequence, so stdout stays a list of tables
            failed += 1
            out.flush()
            print(f"googlenet-gui classify: error: {result.error}", file=sys.stderr, flush=True)
            continue
        out.write("\n" + format_table(result))
        for note in result.notes:
            out.write(f"  note: {note}\n")
        out.flush()
    return failed


def format_table(result) -> str:
    """One image: a rank column, then one ``label  prob%`` column per head."""
    heads = list(result.heads.values())
    titles = [h.name + ("" if h.trained else " (untrained)") for h in heads]
    cell = LABEL_WIDTH + 8
    lines = [result.image, "   #  " + "".join(t.ljust(cell) for t in titles).rstrip()]
    for rank in range(max(len(h.top) for h in heads)):
        cells = [_cell(h.top[rank]) if rank < len(h.top) else "" for h in heads]
        lines.append(f"  {rank + 1:>2}  " + "".join(c.ljust(cell) for c in cells).rstrip())
    return "\n".join(lines) + "\n"


def _cell(prediction) -> str:
    """``label  prob%``; a tiny probability reads "<0.1%", never "0.0%" (``percent_text``)."""
    from googlenet_gui.core.inference.results import percent_text

    label = prediction.label
    if len(label) > LABEL_WIDTH:
        label = label[: LABEL_WIDTH - 1] + "~"
    return f"{label:<{LABEL_WIDTH}} {percent_text(prediction.probability, decimals=1):>6}"
