"""A model's weights as a hash: what on-disk caches are keyed by.

WHY by content, not by file: a model fine-tuned in memory, or a file replaced under the
same name, must never be served a result computed from other weights.  Hashing
GoogLeNet's 7-13 M weights costs about 50 ms.
"""

from __future__ import annotations

import hashlib
from typing import Any

from torch import nn


def feed_weights(digest: Any, model: nn.Module) -> None:
    """Every state-dict tensor into ``digest`` (a hashlib object): its name, dtype, shape and bytes."""
    import torch

    for name, tensor in model.state_dict().items():
        flat = tensor.detach().cpu().contiguous().reshape(-1)
        digest.update(f"{name}:{tensor.dtype}:{tuple(tensor.shape)}".encode())
        digest.update(flat.view(torch.uint8).numpy().tobytes() if flat.numel() else b"")


def weights_hash(model: nn.Module) -> str:
    """SHA-256 (40 hex digits) of the model's architecture and weights."""
    digest = hashlib.sha256()
    digest.update(repr(getattr(model, "spec", None)).encode())
    feed_weights(digest, model)
    return digest.hexdigest()[:40]
