"""Build each contender once per process: torchvision eager, ONNX Runtime, and ours.

Every builder takes the workdir manifest and returns something callable on a
preprocessed batch, so the cases only differ in what surrounds the forward pass.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

import numpy as np
import torch

from .timing import Unavailable, cpu_threads


def torchvision_model(manifest: dict[str, str]) -> torch.nn.Module:
    """The reference: torchvision's own googlenet class with the shared weights."""
    import torchvision

    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False)
    model.load_state_dict(torch.load(manifest["weights"], weights_only=True))
    return model.eval()


def onnx_session(model: torch.nn.Module, image_size: int = 224) -> Any:
    """An ONNX Runtime CPU session on ``model`` (main head only, dynamic batch), all cores."""
    try:
        import onnxruntime as ort
    except ImportError as error:
        raise Unavailable("onnxruntime not installed (pip install googlenet-gui[bench])") from error
    options = ort.SessionOptions()
    options.intra_op_num_threads = cpu_threads()
    options.inter_op_num_threads = 1
    return ort.InferenceSession(onnx_model_bytes(model, image_size), options, providers=["CPUExecutionProvider"])


def onnx_model_bytes(model: torch.nn.Module, image_size: int = 224) -> bytes:
    """``model`` (main head only, dynamic batch) exported to ONNX."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (torch.zeros(1, 3, image_size, image_size),), buffer, dynamo=False,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}}, opset_version=17)
    return buffer.getvalue()


def our_loaded(manifest: dict[str, str]) -> tuple[Any, str]:
    """Our model through the public ``load_model`` when it exists, else the bare GoogLeNet.

    Returns ``(loaded_or_model, how)``; ``how`` is recorded in the results so a fallback
    is never mistaken for the real path.
    """
    try:
        from googlenet_gui.core.checkpoints.loading import load_model

        return load_model(manifest["weights"], device="cpu", progress=False), "load_model"
    except (ImportError, NotImplementedError):
        from googlenet_gui.core.network.model import build_model

        model = build_model()
        model.load_state_dict(torch.load(manifest["weights"], weights_only=True))
        return model, "bare-model"


def fast_model(loaded: Any) -> torch.nn.Module:
    """The BN-folded channels-last copy (``engine.folded_model(LoadedModel)`` when available)."""
    from googlenet_gui.core.accel.folded import prepare_for_inference
    from googlenet_gui.core.inference import engine

    if hasattr(loaded, "revision"):  # a LoadedModel: the copy the engine seam keeps
        return engine.folded_model(loaded)
    return prepare_for_inference(getattr(loaded, "model", loaded))


def maps_to_numpy(heads: dict[str, torch.Tensor], maps: dict[str, torch.Tensor]) -> dict[str, np.ndarray]:
    """What the display needs: softmax per head and every map as contiguous float32 NumPy."""
    out = {name: torch.softmax(logits, 1).numpy() for name, logits in heads.items()}
    out.update({name: t.contiguous().numpy() for name, t in maps.items()})
    return out


def onnx_inspector(loaded: Any, outputs: str = "modules") -> Any:
    """Our optional ONNX Runtime inspection backend (all branch outputs as graph outputs;
    ``outputs="heads"``: the three heads only)."""
    from googlenet_gui.core.accel import onnx_backend

    if not onnx_backend.onnx_available():
        raise Unavailable("onnx/onnxruntime not installed (pip install googlenet-gui[bench])")
    return onnx_backend.build_onnx_inspector(getattr(loaded, "model", loaded), threads=cpu_threads(),
                                             outputs=outputs)
