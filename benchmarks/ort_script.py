"""What an ONNX Runtime user runs as a whole process: ``python -m benchmarks.ort_script MODEL.onnx FOLDER``.

The CLI's fair peer: start-up, imports and session creation count, as they do for
``googlenet-gui classify``.  ``--export-from CHECKPOINT`` is the same user's first run
of a checkpoint: import torch and torchvision, load it (``weights_only=True``), export it
with ``torch.onnx.export`` to MODEL.onnx, then classify: the peer of the CLI's first run,
which must also import torch to read a checkpoint safely.  Preprocessing is PIL + NumPy (no torch to import):
resize the short side to 256 with PIL's antialiased bilinear filter (what torchvision's
``Resize`` does on PIL images), centre-crop 224, normalise with ImageNet's mean/std.
Prints the number of images classified.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
from PIL import Image

BATCH = 16
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32).reshape(3, 1, 1)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32).reshape(3, 1, 1)


def preprocess(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        image = image.convert("RGB")
        width, height = image.size
        size = (256, int(256 * height / width)) if width <= height else (int(256 * width / height), 256)
        image = image.resize(size, Image.Resampling.BILINEAR)
        left, top = int(round((size[0] - 224) / 2.0)), int(round((size[1] - 224) / 2.0))
        image = image.crop((left, top, left + 224, top + 224))
    array = np.asarray(image, dtype=np.float32).transpose(2, 0, 1) / 255.0
    return (array - MEAN) / STD


def export_checkpoint(checkpoint: str, model_path: str) -> None:
    """The ORT user's one-off step: the torchvision model with these weights, as ONNX."""
    from benchmarks.contenders import onnx_model_bytes, torchvision_model

    Path(model_path).write_bytes(onnx_model_bytes(torchvision_model({"weights": checkpoint})))


def main(model_path: str, folder: str) -> int:
    session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    paths = sorted(Path(folder).glob("*.jpg"))
    for first in range(0, len(paths), BATCH):
        batch = np.stack([preprocess(p) for p in paths[first:first + BATCH]]).astype(np.float32)
        logits = session.run(None, {"input": batch})[0]
        np.argsort(-logits, axis=1)[:, :5]
    print(len(paths))
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--export-from":
        export_checkpoint(sys.argv[2], sys.argv[3])
        sys.exit(main(sys.argv[3], sys.argv[4]))
    sys.exit(main(sys.argv[1], sys.argv[2]))
