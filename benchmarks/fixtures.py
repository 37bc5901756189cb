"""Inputs shared by every benchmark process: weights, JPEGs and a fake torch hub cache.

WHY: the official weights cannot be downloaded here, so every contender loads the same
randomly initialised torchvision-format state dict; speed does not depend on the values.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

#: torchvision's file name for the official GoogLeNet weights (what load_model looks for).
OFFICIAL_FILENAME = "googlenet-1378be20.pth"
PHOTO_SIZE = (1152, 864)  # about one megapixel, like a phone photo scaled down
FOLDER_SIZE = (640, 480)


def smooth_photo(seed: int, size: tuple[int, int]) -> np.ndarray:
    """A deterministic photo-like RGB image (smooth blobs + grain) that JPEG compresses realistically."""
    rng = np.random.default_rng(seed)
    width, height = size
    coarse = rng.random((height // 32 + 2, width // 32 + 2, 3)).astype(np.float32)
    rows = np.linspace(0, coarse.shape[0] - 1.001, height)
    cols = np.linspace(0, coarse.shape[1] - 1.001, width)
    r0, c0 = rows.astype(int), cols.astype(int)
    fr, fc = (rows - r0)[:, None, None], (cols - c0)[None, :, None]
    top = coarse[r0][:, c0] * (1 - fc) + coarse[r0][:, c0 + 1] * fc
    bottom = coarse[r0 + 1][:, c0] * (1 - fc) + coarse[r0 + 1][:, c0 + 1] * fc
    image = (top * (1 - fr) + bottom * fr) * 220 + rng.normal(0, 8, (height, width, 3))
    return np.clip(image, 0, 255).astype(np.uint8)


def build_workdir(root: Path, folder_images: int) -> dict[str, str]:
    """Create (once) weights, the 1 MP photo, the JPEG folder and the hub cache under ``root``."""
    manifest_path = root / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("folder_images") == folder_images:
            return manifest
    import torch
    import torchvision
    from PIL import Image

    root.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True)
    weights = root / "googlenet_random.pth"
    torch.save(model.state_dict(), weights)
    hub = root / "torch_home" / "hub" / "checkpoints"
    hub.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), hub / OFFICIAL_FILENAME)
    photo = root / "photo_1mp.jpg"
    Image.fromarray(smooth_photo(1, PHOTO_SIZE)).save(photo, quality=90)
    folder = root / "folder"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.jpg"):
        old.unlink()
    for index in range(folder_images):
        Image.fromarray(smooth_photo(100 + index, FOLDER_SIZE)).save(folder / f"img_{index:04d}.jpg", quality=90)
    manifest = {"weights": str(weights), "torch_home": str(root / "torch_home"), "photo": str(photo),
                "folder": str(folder), "folder_images": folder_images}
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest
