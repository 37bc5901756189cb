"""Synthetic labelled images for the fine-tuning and calibration tests.

Horizontal stripes, vertical stripes and checkerboards with random period, phase and
tints: easy for a convolutional network to separate, made in milliseconds so tests need no downloaded data set.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

PATTERNS: tuple[str, ...] = ("checkers", "hstripes", "vstripes")
TINTS: dict[str, tuple[int, int, int]] = {"checkers": (0, 40, 120), "hstripes": (120, 20, 0), "vstripes": (0, 120, 20)}


def pattern_image(kind: str, rng: np.random.Generator, size: int = 64) -> Image.Image:
    """One RGB pattern image of ``kind`` with random period, phase, colours and noise."""
    period = int(rng.integers(8, 17))
    phase = int(rng.integers(0, period))
    yy, xx = np.mgrid[0:size, 0:size]
    rows = ((yy + phase) // (period // 2 or 1)) % 2
    cols = ((xx + phase) // (period // 2 or 1)) % 2
    mask = {"hstripes": rows, "vstripes": cols, "checkers": rows ^ cols}[kind].astype(bool)
    tint = np.array(TINTS[kind])  # each class also has its own hue, so random features separate it
    a = rng.integers(0, 60) + 0.3 * tint
    b = rng.integers(120, 180) + 0.6 * tint
    pixels = np.where(mask[..., None], a, b).astype(np.float32)
    pixels += rng.normal(0, 12, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def make_pattern_dataset(root: Path, kinds: tuple[str, ...] = ("checkers", "hstripes"), per_class: int = 24,
                         size: int = 64, seed: int = 0) -> Path:
    """``root/<kind>/<kind>_NN.png`` for every kind; returns ``root``."""
    rng = np.random.default_rng(seed)
    for kind in kinds:
        folder = root / kind
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            pattern_image(kind, rng, size).save(folder / f"{kind}_{i:02d}.png")
    return root


def make_source_checkpoint(path: Path, data_root: Path, image_size: int = 64, num_classes: int = 5,
                           aux: bool = True, seed: int = 0) -> Path:
    """A stand-in for pretrained weights (which tests cannot download): a random torchvision-
    variant GoogLeNet whose BatchNorm statistics were measured on ``data_root``'s images.

    With torchvision's init (std 0.01) and identity BN statistics the activations of a
    random network shrink to ~1e-13 by inception5b; measured statistics give it unit-scale
    random features, which (like real pretrained features) a new head can learn from.
    """
    import torch

    from googlenet_gui.core.training.augment import val_transform
    from googlenet_gui.core.checkpoints.files import save_checkpoint
    from googlenet_gui.core.network.model import GoogLeNet
    from googlenet_gui.core.images.preprocessing import Preprocessing
    from googlenet_gui.core.network.spec import torchvision_spec

    torch.manual_seed(seed)
    model = GoogLeNet(torchvision_spec(num_classes, aux_logits=aux))
    transform = val_transform(image_size, Preprocessing())
    images = [np.array(Image.open(p).convert("RGB")) for p in sorted(data_root.rglob("*.png"))]
    batch = torch.stack([transform(torch.from_numpy(im).permute(2, 0, 1)) for im in images])
    bns = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    for bn in bns:
        bn.reset_running_stats()
        bn.momentum = None  # cumulative average: one pass sets the statistics exactly
    model.train()
    with torch.no_grad():
        model.forward_heads(batch)
    for bn in bns:
        bn.momentum = 0.1
    model.eval()
    names = [f"imagenet-ish {i}" for i in range(num_classes)]
    prep = Preprocessing(resize=round(image_size * 256 / 224), crop=image_size)
    return save_checkpoint(path, model, class_names=names, preprocessing=prep, transform_input=False,
                           aux_state="untrained")


#: One fine-tuning run shared by every test module of a session (training is the slow part).
_SHARED_RUN: dict[str, object] = {}


def shared_finetune_run(tmp_path_factory) -> dict[str, object]:
    """Run the reference job once per session: 2 classes x 24 images, 64 px, ``last:2``,
    SGD lr 0.005, paper augmentation, 6 epochs, seed 0.  Returns paths and all events."""
    if not _SHARED_RUN:
        from googlenet_gui.core.checkpoints.loading import load_model
        from googlenet_gui.core.training.finetune import FinetuneConfig, finetune

        root = tmp_path_factory.mktemp("finetune")
        data = make_pattern_dataset(root / "data", per_class=24)
        source = make_source_checkpoint(root / "source.pth", data)
        loaded = load_model(source, device="cpu")
        config = FinetuneConfig(out=root / "tuned.pth", data_dir=data, epochs=6, batch_size=8, lr=0.005,
                                train="last:2", image_size=64, seed=0)
        events = list(finetune(config, loaded))
        _SHARED_RUN.update(root=root, data=data, source=source, out=root / "tuned.pth", config=config,
                           events=events, source_bytes=source.read_bytes())
    return _SHARED_RUN
