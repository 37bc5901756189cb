"""Case 1 (single image, model only) and case 2 (1 MP JPEG to predictions + all branch maps)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import torch

from . import contenders as c
from .timing import Unavailable, median_ms, paired_ratio, peak_rss_mb

INPUT = (1, 3, 224, 224)
FIRST_LAYER = "inception4c"  # the explorer's first layer (ui.viewdata.DEFAULT_LAYER)
#: Case 1's variants on our ONNX Runtime graph, and what each one times (``_onnx_display``).
ONNX_KINDS = {"ours-onnx": "modules", "ours-onnx-allmaps": "allmaps", "ours-onnx-heads": "heads"}


def _input() -> torch.Tensor:
    return torch.randn(*INPUT, generator=torch.Generator().manual_seed(0))


def case1(variant: str, manifest: dict[str, str], iters: int) -> dict[str, Any]:
    """Latency of one 224x224 forward; ours includes every branch map and both aux heads.

    Ours on ONNX Runtime is also timed against the peer in the same process, in alternating
    blocks (``x_peer_same_process``): the headline ``latency_ms`` stays the standalone median.
    ``ours-onnx-heads`` is our graph without any map (main and both aux heads): the floor
    the aux heads alone set.
    """
    if variant in ONNX_KINDS:
        step, impl = _onnx_step(manifest, ONNX_KINDS[variant])
        return {"latency_ms": median_ms(step, iters), "impl": impl} | _against_peer_here(step, manifest, iters)
    return _case1_on_torch(variant, manifest, iters)


def _onnx_step(manifest: dict[str, str], kind: str) -> tuple[Callable[[], object], str]:
    """Our ONNX Runtime inspector's pass up to what the window draws first, and how it was built.

    ``kind``: ``modules`` (the window's graph), ``allmaps`` (the same, every map read as
    NCHW) or ``heads`` (the graph without maps).
    """
    loaded, how = c.our_loaded(manifest)
    inspector = c.onnx_inspector(loaded, outputs="heads" if kind == "heads" else "modules")
    x = _input().numpy()
    return (lambda: _onnx_display(inspector.run(x), kind)), f"{how}+blocked maps: {len(inspector.blocked)}"


def _against_peer_here(step: Callable[[], object], manifest: dict[str, str], iters: int) -> dict[str, float]:
    session = c.onnx_session(c.torchvision_model(manifest))
    feed = {"input": _input().numpy()}
    mine, peer, ratio = paired_ratio(step, lambda: session.run(None, feed), iters)
    return {"same_process_ms": mine, "peer_same_process_ms": peer, "x_peer_same_process": ratio}


def _case1_on_torch(variant: str, manifest: dict[str, str], iters: int) -> dict[str, Any]:
    x = _input()
    if variant == "torchvision":
        model = c.torchvision_model(manifest)
        with torch.no_grad():
            return {"latency_ms": median_ms(lambda: model(x), iters)}
    if variant == "onnxruntime":
        session = c.onnx_session(c.torchvision_model(manifest))
        feed = {"input": x.numpy()}
        return {"latency_ms": median_ms(lambda: session.run(None, feed), iters)}
    loaded, how = c.our_loaded(manifest)
    xc = x.contiguous(memory_format=torch.channels_last)
    if variant in ("ours", "ours-notimings", "ours-unfolded"):
        from googlenet_gui.core.inference.torch_pass import inspect_tensor

        model = getattr(loaded, "model", loaded) if variant == "ours-unfolded" else c.fast_model(loaded)
        batch = x if variant == "ours-unfolded" else xc
        timings = variant != "ours-notimings"
        return {"latency_ms": median_ms(lambda: inspect_tensor(model, batch, timings=timings), iters),
                "impl": f"{how}+torch_pass.inspect_tensor"}
    if variant == "ours-direct":
        from googlenet_gui.core.accel.folded import forward_with_maps

        model = c.fast_model(loaded)
        with torch.inference_mode():
            return {"latency_ms": median_ms(lambda: c.maps_to_numpy(*forward_with_maps(model, xc)), iters),
                    "impl": f"{how}+fastpath.forward_with_maps"}
    raise Unavailable(f"unknown variant {variant}")


def _onnx_display(outputs: Mapping[str, np.ndarray], kind: str) -> dict[str, np.ndarray]:
    """What the window needs before it draws: each head's softmax and the layer it shows first.

    The other maps stay in ONNX Runtime's blocked layout until the user picks them
    (``onnx_blocked``: about 0.04 ms an Inception module); ``kind="allmaps"`` converts them
    all as well, which is what an eager NCHW result would have cost; ``"heads"`` has no maps.
    """
    from googlenet_gui.core.inference.predictions import softmax

    shown = {head: softmax(outputs[head]) for head in ("main", "aux1", "aux2") if head in outputs}
    if kind == "allmaps":
        shown.update((name, outputs[name]) for name in outputs if name not in shown)
    elif kind != "heads":
        shown[FIRST_LAYER] = outputs[FIRST_LAYER]
    return shown


def case2(variant: str, manifest: dict[str, str], iters: int) -> dict[str, Any]:
    """Drop-to-answer: decode the 1 MP JPEG, preprocess, predict, and build every branch mosaic."""
    photo = manifest["photo"]
    loaded, how = c.our_loaded(manifest)
    if variant == "torchvision-predict":
        step = _torchvision_predict_step(manifest, photo)
    elif variant in ("ours", "ours-onnx"):
        step, impl = _our_drop_step(loaded, photo, use_onnx=variant == "ours-onnx")
        how = f"{how}+{impl}"
    else:
        raise Unavailable(f"unknown variant {variant}")
    with torch.inference_mode():
        latency = median_ms(step, iters, warmup=2)
    return {"latency_ms": latency, "peak_rss_mb": peak_rss_mb(), "impl": how}


def _torchvision_predict_step(manifest: dict[str, str], photo: str):
    """Context only: what a plain torchvision user runs to get the main head's top-5."""
    from PIL import Image
    from torchvision import transforms

    model = c.torchvision_model(manifest)
    prep = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                               transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])

    def step():
        with Image.open(photo) as image:
            x = prep(image.convert("RGB")).unsqueeze(0)
        return torch.softmax(model(x), 1).topk(5)
    return step


def _our_drop_step(loaded: Any, photo: str, use_onnx: bool):
    """The app's path: ``inspect(path)`` then one mosaic per branch (``core.mosaic``)."""
    from googlenet_gui.core.viz.mosaic import mosaic

    if not use_onnx:
        from googlenet_gui.core.inference.inspection import inspect

        def step():
            result = inspect(loaded, photo)
            return [mosaic(b.maps) for m in result.modules.values() for b in m.branches]
        return step, "core.inspection.inspect"
    from googlenet_gui.core.images.decode import load_image, model_view
    from googlenet_gui.core.inference.inspection import input_from_view

    from googlenet_gui.core.inference.inspection import module_maps

    inspector = c.onnx_inspector(loaded)
    model = loaded.model

    def onnx_step():
        view = model_view(load_image(photo).image, loaded.preprocessing)
        raw = inspector.inspect_tensor(input_from_view(view, loaded.preprocessing).unsqueeze(0))
        probabilities = {h: torch.softmax(v, 1) for h, v in raw.logits.items()}
        assert probabilities
        return [mosaic(b.maps) for m in module_maps(model, raw).values() for b in m.branches]
    return onnx_step, "onnx_backend"
