"""Case 4: fine-tuning throughput, our training step vs a plain PyTorch loop like the seed's."""

from __future__ import annotations

import time
from typing import Any

import torch
import torch.nn.functional as F

from . import contenders as c
from .timing import Unavailable, peak_rss_mb

BATCH, IMAGE, CLASSES = 16, 96, 10  # the seed trains on 96x96 STL-10 images


def _data(steps: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    generator = torch.Generator().manual_seed(0)
    return [(torch.randn(BATCH, 3, IMAGE, IMAGE, generator=generator),
             torch.randint(0, CLASSES, (BATCH,), generator=generator)) for _ in range(steps)]


def case4(variant: str, manifest: dict[str, str], iters: int) -> dict[str, Any]:
    """Images/s over ``iters`` steps after 2 warm-up steps; whole network trained, SGD momentum 0.9."""
    batches = _data(iters + 2)
    if variant == "plain-loop":
        step = _plain_step(manifest)
    elif variant in ("ours", "ours-contiguous"):
        step = _our_step(manifest, channels_last=variant == "ours")
    else:
        raise Unavailable(f"unknown variant {variant}")
    for x, y in batches[:2]:
        step(x, y)
    start = time.perf_counter()
    for x, y in batches[2:]:
        step(x, y)
    seconds = time.perf_counter() - start
    return {"images_per_s": BATCH * iters / seconds, "peak_rss_mb": peak_rss_mb()}


def _plain_step(manifest: dict[str, str]):
    """The seed's loop: torchvision googlenet in train mode, loss = main + 0.3 (aux1 + aux2)."""
    model = c.torchvision_model(manifest)
    model.fc = torch.nn.Linear(1024, CLASSES)
    model.aux1.fc2 = torch.nn.Linear(1024, CLASSES)
    model.aux2.fc2 = torch.nn.Linear(1024, CLASSES)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step(x: torch.Tensor, y: torch.Tensor) -> None:
        out = model(x)
        loss = F.cross_entropy(out.logits, y) + 0.3 * (
            F.cross_entropy(out.aux_logits1, y) + F.cross_entropy(out.aux_logits2, y))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return step


def _our_step(manifest: dict[str, str], channels_last: bool):
    """``core.training_loop.train_step`` on the model ``build_finetune_model`` makes, as FinetuneRun does."""
    from googlenet_gui.core.training.steps import HeadStats, build_finetune_model, train_step

    loaded, _ = c.our_loaded(manifest)
    classes = [f"class{i}" for i in range(CLASSES)]
    model = build_finetune_model(loaded.model, list(loaded.class_names), classes)
    memory_format = torch.channels_last if channels_last else torch.contiguous_format
    model = model.to(memory_format=memory_format).train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    stats = HeadStats()

    def step(x: torch.Tensor, y: torch.Tensor) -> None:
        train_step(model, optimizer, x.contiguous(memory_format=memory_format), y, stats)
    return step
