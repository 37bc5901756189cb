"""googlenet-gui: classify with GoogLeNet, look inside every Inception branch, count its ops.

The Python API (no Qt needed) lives in :mod:`googlenet_gui.api` and is re-exported here
lazily, so ``import googlenet_gui`` stays cheap and never imports torch or Qt by itself::

    import googlenet_gui as gg
    loaded = gg.load_model("my_finetune.pth")          # or "official" / "untrained"
    for result in gg.classify(loaded, ["cat.jpg"]):
        print(result.to_json())
    inspection = gg.inspect(loaded, "cat.jpg")          # branch maps as NumPy arrays
    table = gg.count_ops(loaded.model)                  # Table 1 for this model
    cam = gg.explain(loaded, "cat.jpg", method="gradcam", layer="inception4a.3x3", head="aux1")
    with gg.ablation(loaded, ["inception4c.3x3", "inception4e:0-15"]):
        print(gg.inspect(loaded, "cat.jpg").heads["main"].top)  # predictions with those switched off
    picture = gg.visualize(loaded, "inception4c.3x3", 7)  # an image that excites channel 7 (cached)
    top = gg.examples(loaded, "photos/", "inception4c.3x3", 7, k=9)  # the photos that excite it most
    gg.report(loaded, "cat.jpg", layer="inception4c", out="cat-report.html")  # one self-contained HTML page
    print(gg.lesson(loaded, lang="ko").to_text())       # the paper, step by step, on this model's numbers
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

__all__ = ["load_model", "classify", "inspect", "count_ops", "save_checkpoint", "load_image", "explain", "ablation",
           "visualize", "examples", "semantic_dictionary", "report", "lesson", "__version__"]


def __getattr__(name: str) -> Any:
    if name in __all__ and name != "__version__":
        return getattr(import_module("googlenet_gui.api"), name)
    raise AttributeError(f"module 'googlenet_gui' has no attribute {name!r}")
