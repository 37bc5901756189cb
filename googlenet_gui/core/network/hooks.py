"""Forward hooks as a context manager: capture named submodules' outputs and wall times.

Why a context manager: hooks that outlive a pass slow every later forward and keep
tensors alive; ReLU runs in place, so a stored output that is not a copy can change
after the hook fired; and an inspection must not leave a model in eval mode when the
caller was training it.  :func:`capture_activations` handles all three in one place:
detached clones, every handle removed in ``finally``, every module's mode restored.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import Tensor, nn


@dataclass
class Capture:
    """What one or more forward passes inside the context produced.

    ``outputs`` holds the latest output of each captured module (a detached copy when
    ``clone`` was requested); ``times_ms`` the summed wall time of every timed module.
    """

    outputs: dict[str, Any] = field(default_factory=dict)
    times_ms: dict[str, float] = field(default_factory=dict)


def _copy_output(value: Any, clone: bool) -> Any:
    """Detach (and copy, keeping the memory layout) every tensor in a module output.

    The copy keeps the source's layout (``preserve_format``): the inference copies run
    channels-last, and a same-layout copy costs about 1 ms for every stem and Inception
    output of a 224 px pass, where converting to NCHW costs about 20 ms on this 2-core
    CPU.  Consumers that need C-ordered arrays convert only what they display.
    """
    if isinstance(value, Tensor):
        detached = value.detach()
        return detached.clone(memory_format=torch.preserve_format) if clone else detached
    if isinstance(value, (tuple, list)):
        return type(value)(_copy_output(v, clone) for v in value)
    if isinstance(value, dict):
        return {k: _copy_output(v, clone) for k, v in value.items()}
    return value


def _first_tensor(values: Any) -> Tensor | None:
    if isinstance(values, Tensor):
        return values
    if isinstance(values, (tuple, list)):
        for value in values:
            found = _first_tensor(value)
            if found is not None:
                return found
    return None


def _sync_if_cuda(values: Any) -> None:
    """Wall times of CUDA work are meaningless without waiting for the queued kernels."""
    tensor = _first_tensor(values)
    if tensor is not None and tensor.is_cuda:
        torch.cuda.synchronize(tensor.device)


def resolve_modules(model: nn.Module, names: Iterable[str]) -> dict[str, nn.Module]:
    """``{"inception3a.branch1": module, ...}``; an unknown name is a clear ``KeyError``."""
    available = dict(model.named_modules())
    resolved: dict[str, nn.Module] = {}
    for name in names:
        if name not in available:
            raise KeyError(f"the model has no submodule named {name!r}")
        resolved[name] = available[name]
    return resolved


def _register(module: nn.Module, name: str, capture: Capture, store: bool, clone: bool,
              timed: bool, starts: dict[str, float]) -> list[torch.utils.hooks.RemovableHandle]:
    """Pre-hook (start clock) and hook (stop clock, store output) for one module."""
    handles = []
    if timed:
        def pre_hook(_module: nn.Module, inputs: Any) -> None:
            _sync_if_cuda(inputs)
            starts[name] = time.perf_counter()

        handles.append(module.register_forward_pre_hook(pre_hook))

    def hook(_module: nn.Module, _inputs: Any, output: Any) -> None:
        if timed:
            _sync_if_cuda(output)
            elapsed = (time.perf_counter() - starts.pop(name)) * 1000.0
            capture.times_ms[name] = capture.times_ms.get(name, 0.0) + elapsed
        if store:
            capture.outputs[name] = _copy_output(output, clone)

    handles.append(module.register_forward_hook(hook))
    return handles


@contextmanager
def capture_activations(
    model: nn.Module,
    names: Iterable[str],
    clone: bool = True,
    timings: bool = True,
    timed: Iterable[str] = (),
    eval_mode: bool = True,
) -> Iterator[Capture]:
    """Capture the outputs of the submodules ``names`` during the forward passes in the block.

    ``timed`` names extra modules whose wall time is wanted without storing their
    output (pools, heads).  With ``eval_mode`` the whole model is put in eval mode for
    the block (dropout off, BatchNorm running statistics) and every module's own
    train/eval flag is restored afterwards, even when the forward raises.
    """
    names = list(dict.fromkeys(names))
    timed_names = list(dict.fromkeys([*names, *timed])) if timings else []
    modules = resolve_modules(model, dict.fromkeys([*names, *timed_names]))
    modes = {m: m.training for m in model.modules()}
    capture = Capture()
    starts: dict[str, float] = {}
    handles: list[torch.utils.hooks.RemovableHandle] = []
    try:
        for name, module in modules.items():
            handles += _register(module, name, capture, name in names, clone, name in timed_names, starts)
        if eval_mode:
            model.eval()
        yield capture
    finally:
        for handle in handles:
            handle.remove()
        for module, training in modes.items():
            module.training = training


@contextmanager
def forward_hooks(hooks: Iterable[tuple[nn.Module, Any]], pre: bool = False) -> Iterator[None]:
    """Register ``(module, hook)`` forward hooks (pre-hooks with ``pre``) for the block only.

    Ablation and Grad-CAM hooks change or keep outputs; one left behind would edit every
    later pass of the model, so every handle is removed in ``finally``.
    """
    handles: list[torch.utils.hooks.RemovableHandle] = []
    try:
        for module, hook in hooks:
            register = module.register_forward_pre_hook if pre else module.register_forward_hook
            handles.append(register(hook))
        yield
    finally:
        for handle in handles:
            handle.remove()


@contextmanager
def frozen_eval(model: nn.Module) -> Iterator[nn.Module]:
    """The model in eval mode with every parameter's ``requires_grad`` off, both restored after.

    Explain passes want gradients with respect to activations only: frozen weights make the
    backward skip every weight gradient, and eval mode makes the aux heads and dropout
    deterministic.  A model being fine-tuned gets its training state back untouched.
    """
    modes = {m: m.training for m in model.modules()}
    grads = {p: p.requires_grad for p in model.parameters()}
    try:
        model.eval()
        for parameter in grads:
            parameter.requires_grad_(False)
        yield model
    finally:
        for parameter, wanted in grads.items():
            parameter.requires_grad_(wanted)
        for module, training in modes.items():
            module.training = training
