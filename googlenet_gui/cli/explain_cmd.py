"""``googlenet-gui explain``: where a head looks for a class (CAM, Grad-CAM or occlusion).

``--out FILE.npy`` writes the map at the crop's resolution (float32, [0, 1]); ``--out
FILE.png`` the overlay on the crop with the peak marked; ``--json`` the record of
:meth:`Explanation.to_json` (image, method, layer, head, class, map size, peak).  Exit 0
on success, 1 when the image cannot be read, 2 for usage, layer or model errors.
"""

from __future__ import annotations

import argparse
import json

from googlenet_gui.cli.common import add_json_flag, add_model_args, non_negative_int, positive_int


def add_parser(subparsers, name: str) -> None:
    from googlenet_gui.core.viz.colormaps import COLORMAP_NAMES

    parser = subparsers.add_parser(name, help="class activation maps: where a head looks for a class",
                                   description="CAM (main head), Grad-CAM (any head, any module or branch) "
                                   "or occlusion sensitivity for one image.")
    add_model_args(parser)
    parser.add_argument("--method", choices=["cam", "gradcam", "occlusion"], required=True)
    parser.add_argument("--layer", metavar="LAYER", default=None,
                        help="module (inception4c, conv2, ...) or MODULE.BRANCH (inception4c.3x3); "
                             "default: the last module that feeds the head")
    parser.add_argument("--head", choices=["main", "aux1", "aux2"], default="main")
    parser.add_argument("--class", dest="class_index", type=non_negative_int, default=None, metavar="K",
                        help="class index to explain (default: the head's top-1)")
    parser.add_argument("--patch", type=positive_int, default=None, metavar="PX",
                        help="occlusion patch size in crop pixels (default crop/7)")
    parser.add_argument("--out", metavar="FILE", default=None, help="FILE.png (overlay) or FILE.npy (map)")
    parser.add_argument("--colormap", choices=COLORMAP_NAMES, default="magma", help="overlay colormap")
    add_json_flag(parser)
    parser.add_argument("image", metavar="IMAGE")


def run(args: argparse.Namespace) -> int:
    from googlenet_gui.cli.common import check_out_path, image_failed, load_model_from_args
    from googlenet_gui.core.errors import ImageError
    from googlenet_gui.core.explain.methods import explain
    from googlenet_gui.core.viz.overlay import MAP_SUFFIXES, save_map

    if args.out:
        check_out_path(args.out)
        if not args.out.lower().endswith(MAP_SUFFIXES):
            from googlenet_gui.core.errors import GoogLeNetGuiError

            raise GoogLeNetGuiError(f"{args.out}: --out must end in .png (overlay) or .npy (the map)")
    loaded = load_model_from_args(args)
    try:
        result = explain(loaded, args.image, method=args.method, layer=args.layer, head=args.head,
                         class_index=args.class_index, patch=args.patch)
    except ImageError as error:
        return image_failed("explain", args.image, error, args.json)
    data = result.to_json()
    if args.out:
        save_map(args.out, result.input_rgb, result.map.heatmap, result.map.peak, args.colormap)
        data["out"] = str(args.out)
    print(json.dumps(data, indent=1) if args.json else _text(data))
    return 0


def _text(data: dict) -> str:
    cls = data["class"]
    lines = [f"image: {data['image']}",
             f"{data['method']} of {data['head']} at {data['layer']}: class {cls['index']} ({cls['label']}, "
             f"{cls['probability']:.1%})",
             f"map {data['map_size'][0]}x{data['map_size'][1]}, peak at row {data['peak']['row']}, "
             f"col {data['peak']['col']} of the {data['crop_size'][0]}x{data['crop_size'][1]} crop"]
    if "out" in data:
        lines.append(f"saved {data['out']}")
    return "\n".join(lines)
