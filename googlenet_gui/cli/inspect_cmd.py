"""``googlenet-gui inspect``: predictions plus per-branch activation statistics.

One hooked forward pass (``core.inspection.inspect``) gives every head's top-k and,
for every Inception module, each branch's share of the output channels and of the
activation energy, its mean, max and fraction of active units; layer wall times come
from the same pass.  ``--save-maps DIR`` writes one PNG mosaic per branch
(``inception4c_3x3.png``), per module output (``inception4c_output.png``) and per stem
layer, with one colour scale (up to the 99.5th percentile, so one hot unit does not wash
out the rest) shared by a module's four branches and its output.
Exit 0 on success, 1 when the image cannot be read, 2 for usage or model errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from googlenet_gui.cli.common import add_ablate_flag, add_json_flag, add_model_args

#: Enlarge small maps in PNGs so a 7x7 tile is still visible (tiles of at least this many px).
MIN_TILE_PX = 28


def add_parser(subparsers, name: str) -> None:
    from googlenet_gui.core.viz.colormaps import COLORMAP_NAMES

    parser = subparsers.add_parser(name, help="look inside every Inception branch for one image")
    add_model_args(parser)
    parser.add_argument("--top-k", dest="top_k", type=int, default=5, metavar="K")
    add_json_flag(parser)
    parser.add_argument("--save-maps", dest="save_maps", metavar="DIR", default=None,
                        help="write one PNG mosaic per branch into DIR")
    parser.add_argument("--colormap", choices=COLORMAP_NAMES, default="viridis",
                        help="colormap of the --save-maps PNGs (default viridis)")
    add_ablate_flag(parser)
    parser.add_argument("image", metavar="IMAGE")


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.core.errors import GoogLeNetGuiError, ImageError
    from googlenet_gui.core.inference.inspection import inspect

    from googlenet_gui.cli.common import ablation_for, load_model_from_args

    if args.top_k < 1:
        raise GoogLeNetGuiError("--top-k must be at least 1.")
    maps_dir = _prepare_dir(args.save_maps) if args.save_maps else None
    loaded = load_model_from_args(args)
    with ablation_for(args, loaded) as ablations:
        try:
            result = inspect(loaded, args.image, top_k=args.top_k)
        except ImageError as error:
            _report_image_error(args, str(error))
            return 1
    saved = save_maps(result, maps_dir, args.colormap) if maps_dir else []
    if args.json:
        data = inspection_json(result, loaded, saved)
        if ablations:
            data["ablation"] = [a.to_json() for a in ablations]
        print(json.dumps(data, indent=1))
    else:
        text = format_inspection(result, loaded, saved)
        print(text if not ablations else text + "\nablated: " + ", ".join(a.spec for a in ablations))
    return 0


def _prepare_dir(path: str) -> Path:
    from googlenet_gui.core.errors import GoogLeNetGuiError

    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GoogLeNetGuiError(f"cannot create the --save-maps folder '{folder}': {error.strerror}") from None
    return folder


def _report_image_error(args: argparse.Namespace, message: str) -> None:
    if args.json:
        print(json.dumps({"image": args.image, "error": message}, indent=1))
    else:
        print(f"googlenet-gui inspect: error: {message}", file=sys.stderr)


# ------------------------------------------------------------------ maps
def save_maps(result, folder: Path, colormap: str = "viridis") -> list[str]:
    """One PNG per branch, per module output and per stem layer; returns the paths written.

    Raises ``GoogLeNetGuiError`` naming the file when one cannot be written (exit 2).
    """
    from googlenet_gui.core.viz.colormaps import DIVERGING
    from googlenet_gui.core.viz.mosaic import mosaic, shared_levels

    symmetric = colormap in DIVERGING
    written: list[str] = []
    for name, module in result.modules.items():
        levels = shared_levels([module.output], percentile=99.5, symmetric=symmetric)
        scale = max(1, MIN_TILE_PX // module.output.shape[1])
        for branch in module.branches:
            path = folder / f"{name}_{branch.name}.png"
            written.append(_replace_png(path, mosaic(branch.maps), levels, colormap, scale))
        written.append(_replace_png(folder / f"{name}_output.png", mosaic(module.output), levels, colormap, scale))
    for name, maps in result.stem.items():
        levels = shared_levels([maps], percentile=99.5, symmetric=symmetric)
        written.append(_replace_png(folder / f"{name}.png", mosaic(maps), levels, colormap, 1))
    return written


def _replace_png(path: Path, tiles, levels, colormap: str, scale: int) -> str:
    """Write one mosaic (atomically: ``save_mosaic_png``); a failed write is one sentence naming it."""
    from googlenet_gui.core.errors import GoogLeNetGuiError
    from googlenet_gui.core.viz.mosaic import save_mosaic_png

    try:
        save_mosaic_png(path, tiles, levels, colormap, scale)
    except OSError as error:
        raise GoogLeNetGuiError(f"cannot write '{path}': {error.strerror or error}") from None
    return str(path)


# ------------------------------------------------------------------ JSON
def inspection_json(result, loaded, saved: list[str]) -> dict[str, Any]:
    """Predictions (the classify contract's shape), per-branch statistics, stem, times."""
    from googlenet_gui.core.inference.inspection import branch_statistics

    data: dict[str, Any] = {
        "image": result.image,
        "model": {"name": loaded.name, "variant": loaded.spec.name, "classes": loaded.num_classes,
                  "device": str(loaded.device)},
        "predictions": {name: [p.to_dict() for p in head.top] for name, head in result.heads.items()},
    }
    if loaded.has_aux:
        data["aux_trained"] = bool(loaded.aux_trained)
    data["modules"] = {
        name: {"shape": list(module.output.shape), "branches": {s["branch"]: s for s in branch_statistics(module)}}
        for name, module in result.modules.items()
    }
    data["stem"] = {name: _array_stats(maps) for name, maps in result.stem.items()}
    data["layer_times_ms"] = {name: round(ms, 3) for name, ms in result.layer_times_ms.items()}
    data["notes"] = list(result.notes)
    if saved:
        data["saved_maps"] = saved
    return data


def _array_stats(maps) -> dict[str, Any]:
    import numpy as np

    return {"shape": list(maps.shape), "mean": float(maps.mean(dtype=np.float64)), "max": float(maps.max()),
            "active": float(np.count_nonzero(maps > 0) / maps.size)}


# ------------------------------------------------------------------ text
def format_inspection(result, loaded, saved: list[str]) -> str:
    """Heads side by side, then one line per branch, then where the time went."""
    from googlenet_gui.core.inference.inspection import branch_statistics

    lines = [f"image: {result.image}", f"model: {loaded.name} ({loaded.spec.name} variant) on {loaded.device}"]
    lines += [f"note: {note}" for note in result.notes]
    for name, head in result.heads.items():
        flag = "" if head.trained else " (untrained: noise)"
        lines.append(f"{name}{flag}: " + ", ".join(f"{p.label} {p.probability:.1%}" for p in head.top))
    lines += ["", f"{'module':<12} {'branch':<9} {'channels':>9} {'ch share':>9} {'energy':>8} "
              f"{'mean':>8} {'max':>8} {'active':>7}"]
    for name, module in result.modules.items():
        for stat in branch_statistics(module):
            lines.append(f"{name:<12} {stat['branch']:<9} {stat['channels']:>9} {stat['channel_share']:>9.1%} "
                         f"{stat['energy_share']:>8.1%} {stat['mean']:>8.3g} {stat['max']:>8.3g} {stat['active']:>7.1%}")
    lines += ["", "layer times (ms): " + ", ".join(f"{n} {ms:.1f}" for n, ms in _top_level_times(result))]
    if saved:
        lines.append(f"saved {len(saved)} PNG mosaics to {Path(saved[0]).parent}")
    return "\n".join(lines)


def _top_level_times(result) -> list[tuple[str, float]]:
    return [(n, ms) for n, ms in result.layer_times_ms.items() if "." not in n]
