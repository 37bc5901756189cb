"""Which device runs the model, and what happens when the GPU runs out of memory.

``--device`` accepts ``auto``, ``cpu``, ``cuda`` and ``cuda:N``; a request the machine
cannot honour is an error the user can act on (not a silent CPU fallback), while a
CUDA out-of-memory during work is recoverable: memory is released, the model moves to
the CPU and the work is retried, with a message saying so.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable
from typing import Any, TypeVar

import torch

from googlenet_gui.core.errors import GoogLeNetGuiError

T = TypeVar("T")

DEVICE_CHOICES = "auto, cpu, cuda or cuda:N"


def resolve_device(name: str | torch.device | None = "auto") -> torch.device:
    """``auto`` -> CUDA when present, else CPU; explicit requests are checked, not guessed."""
    if isinstance(name, torch.device):
        name = str(name)
    text = (name or "auto").strip().lower()
    if text == "auto":
        return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")
    if text == "cpu":
        return torch.device("cpu")
    match = re.fullmatch(r"cuda(?::(\d+))?", text)
    if match is None:
        raise GoogLeNetGuiError(f"Unknown device {name!r}; use {DEVICE_CHOICES}.")
    if not torch.cuda.is_available():
        raise GoogLeNetGuiError(f"Device {name!r} was requested but CUDA is not available on this machine "
                                "(no NVIDIA GPU or a CPU-only PyTorch); use --device cpu or auto.")
    if match.group(1) is None:
        return torch.device("cuda")
    index, count = int(match.group(1)), torch.cuda.device_count()
    if index >= count:
        raise GoogLeNetGuiError(f"Device {name!r} does not exist: this machine has {count} CUDA device"
                                f"{'s' if count != 1 else ''} (cuda:0{f' to cuda:{count - 1}' if count > 1 else ''}).")
    return torch.device("cuda", index)


def device_label(device: torch.device) -> str:
    """``"cuda:0 (NVIDIA H100)"`` or ``"cpu"``, for status bars and ``info``."""
    if device.type == "cuda" and torch.cuda.is_available():
        index = device.index if device.index is not None else torch.cuda.current_device()
        return f"cuda:{index} ({torch.cuda.get_device_name(index)})"
    return str(device)


def run_with_oom_fallback(fn: Callable[[], T], loaded: Any,
                          on_message: Callable[[str], None] | None = None) -> T:
    """Call ``fn()``; on CUDA out-of-memory release memory, move ``loaded`` to the CPU, retry once.

    ``fn`` must read ``loaded.model``/``loaded.device`` when called (not capture them
    before), so the retry runs on the CPU.  The message goes to ``on_message`` if given,
    else into ``loaded.warnings`` so the caller still shows it.
    """
    try:
        return fn()
    except torch.cuda.OutOfMemoryError:
        pass  # leave the except block first: its traceback pins the failed attempt's GPU tensors
    previous = loaded.device
    loaded.to("cpu")
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    message = (f"The GPU ({previous}) ran out of memory; memory was released and the work is "
               "running on the CPU instead (slower). Use a smaller batch to stay on the GPU.")
    if on_message is not None:
        on_message(message)
    else:
        loaded.warnings.append(message)
    return fn()
