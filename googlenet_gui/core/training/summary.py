"""A checkpoint's training record told in words, for ``info`` and the window's Model tab.

WHY: both showed the raw record (``str(dict)`` cut at 400 characters in the window), which
ended mid-number and hid what people ask first: how good is it, was the run finished, on
what data and with which settings.  Plain Python on the JSON record (no torch, no Qt).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

AUGMENT_WORDS = {"paper": "the paper's crops, flips and colour jitter", "flip": "flips only", "none": "none"}


def training_summary(training: Mapping[str, Any] | None) -> list[str]:
    """Sentences describing ``training`` (a checkpoint's record); empty when there is none."""
    if not training:
        return []
    lines = [line for line in (_result(training), _data(training), _settings(training.get("settings") or {}))
             if line]
    calibration = training.get("aux_calibration")
    if isinstance(calibration, Mapping):
        lines.append(_calibration(calibration))
    return lines


def _result(training: Mapping[str, Any]) -> str:
    best, accuracy = training.get("best_epoch"), training.get("best_val_accuracy")
    if best is None:
        return ""
    planned = (training.get("settings") or {}).get("epochs")
    run = training.get("epochs_run")
    text = f"Best epoch {best}" + (f" of {run}" if run else "")
    text += f": validation accuracy {accuracy:.1%}." if isinstance(accuracy, (int, float)) else "."
    status = training.get("status")
    if status == "cancelled":
        text += f" Cancelled after {run} of {planned} epochs." if run and planned else " Cancelled."
    elif status == "finished":
        text += f" Finished all {planned} epochs." if planned else " Finished."
    return text


def _data(training: Mapping[str, Any]) -> str:
    counts = training.get("class_counts")
    if not isinstance(counts, Mapping) or not counts:
        return ""
    train = sum(int(t) for t, _ in counts.values())
    val = sum(int(v) for _, v in counts.values())
    each = ", ".join(f"{name} {int(t)}/{int(v)}" for name, (t, v) in counts.items())
    return f"{len(counts)} classes, {train} training / {val} validation images ({each})."


def _settings(settings: Mapping[str, Any]) -> str:
    if not settings:
        return ""
    parts = [f"trained {settings['train']}" if "train" in settings else ""]
    if "optimizer" in settings:
        parts.append(f"{settings['optimizer']}" + (f" lr {settings['lr']:g}" if "lr" in settings else ""))
    for key, words in (("batch_size", "batch {}"), ("image_size", "{} px"), ("val_split", "validation split {}"),
                       ("seed", "seed {}")):
        if key in settings:
            parts.append(words.format(settings[key]))
    if "augment" in settings:
        parts.append("augmentation " + AUGMENT_WORDS.get(settings["augment"], str(settings["augment"])))
    return "Settings: " + ", ".join(p for p in parts if p) + "."


def _calibration(record: Mapping[str, Any]) -> str:
    history = record.get("history") or []
    epochs = f" for {len(history)} epoch{'s' if len(history) != 1 else ''}" if history else ""
    return f"Aux heads calibrated on unlabelled images{epochs} (distilled from the main head)."
