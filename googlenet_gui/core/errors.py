"""Errors a user can act on.

``str(error)`` is one plain sentence that names the file and the problem; the CLI and
the window show it as it is, never a traceback.
"""

from __future__ import annotations


def shown(value: object) -> str:
    """``repr(value)`` cut to 40 characters: a forged value must not stretch a one-line message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class GoogLeNetGuiError(Exception):
    """Base class: something wrong with the user's input or environment, not a bug."""


class CheckpointError(GoogLeNetGuiError):
    """A checkpoint file cannot be used as a GoogLeNet (wrong format, broken, mismatched)."""


class WeightsUnavailableError(GoogLeNetGuiError):
    """Official weights are neither cached nor downloadable (offline machine)."""


class ImageError(GoogLeNetGuiError):
    """An input image cannot be decoded or is unsafe to decode."""


class DatasetError(GoogLeNetGuiError):
    """A training folder cannot be used (no images, one class, empty class...)."""


class ExplainError(GoogLeNetGuiError):
    """A layer, head, class or ablation that the loaded model does not have."""


class JobCancelled(Exception):
    """Raised inside long jobs when their cancel flag was set; not an error for the user."""
