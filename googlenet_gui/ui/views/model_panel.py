"""What was detected in the loaded checkpoint, its warnings, and the device switch."""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from googlenet_gui.core.training.summary import training_summary

DETAIL_FIELDS = (
    ("name", "Model"), ("source", "Source"), ("format", "Format"), ("container", "Container"),
    ("variant", "Variant"), ("variant_description", "Architecture"), ("num_classes", "Classes"),
    ("labels_source", "Class names from"), ("class_names_sample", "First class names"),
    ("aux_heads", "Aux heads"), ("transform_input", "transform_input"), ("parameters", "Parameters"),
    ("preprocessing", "Preprocessing"), ("device", "Device"), ("backend", "Runs on"),
)


def cuda_devices() -> list[str]:
    """``cuda`` / ``cuda:N`` names when CUDA is usable here, else an empty list."""
    import torch

    if not torch.cuda.is_available():
        return []
    return ["cuda"] + [f"cuda:{i}" for i in range(torch.cuda.device_count())]


def format_value(key: str, value: object) -> str:
    if key == "parameters" and isinstance(value, int):
        return f"{value:,}"
    if key == "preprocessing" and isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def info_html(info: dict) -> str:
    """The detection report as a small HTML table plus warnings and notes."""
    rows = "".join(
        f"<tr><td><b>{label}</b></td><td>{html.escape(format_value(key, info[key]))}</td></tr>"
        for key, label in DETAIL_FIELDS if info.get(key) not in (None, "", [])
    )
    parts = [f"<table cellspacing='4'>{rows}</table>"]
    for key, title, color in (("warnings", "Warnings", "#8a5a00"), ("notes", "Notes", "#333")):
        items = info.get(key) or []
        if items:
            bullets = "".join(f"<li>{html.escape(str(item))}</li>" for item in items)
            parts.append(f"<p style='color:{color}'><b>{title}</b></p><ul style='color:{color}'>{bullets}</ul>")
    summary = training_summary(info.get("training"))
    if summary:
        parts.append("<p><b>Training</b></p><p>" + "<br>".join(html.escape(line) for line in summary) + "</p>")
    return "".join(parts)


class ModelPanel(QWidget):
    """Emits ``device_requested(name)``, ``load_requested()`` and ``builtin_requested(weights)``."""

    device_requested = Signal(str)
    load_requested = Signal()
    builtin_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.device = QComboBox()
        self._fill_devices()
        self.device.activated.connect(lambda _index: self.device_requested.emit(self.device.currentData()))
        load = QPushButton("Load checkpoint…")
        load.clicked.connect(self.load_requested)
        official = QPushButton("Official ImageNet weights")
        official.setToolTip("torchvision's GoogLeNet_Weights.IMAGENET1K_V1 (needs the cache or a download)")
        official.clicked.connect(lambda: self.builtin_requested.emit("official"))
        untrained = QPushButton("Untrained model")
        untrained.setToolTip("Random weights: useful offline to explore the architecture")
        untrained.clicked.connect(lambda: self.builtin_requested.emit("untrained"))
        row = QHBoxLayout()
        row.addWidget(QLabel("Device:"))
        row.addWidget(self.device)
        row.addStretch(1)
        for button in (load, official, untrained):
            row.addWidget(button)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setHtml("<p>No model loaded yet.</p>")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.details, 1)

    def _fill_devices(self, cuda: list[str] | None = None) -> None:
        """CPU plus the GPUs; ``None`` means "not probed yet".

        Probing CUDA imports torch (seconds), so the window shows first with a disabled
        placeholder and the real list arrives with the first loaded model, when torch is
        already in memory.
        """
        model = QStandardItemModel(self.device)
        cpu = QStandardItem("CPU")
        cpu.setData("cpu", 256)
        model.appendRow(cpu)
        for name in cuda or ["cuda"]:
            item = QStandardItem(f"GPU ({name})")
            item.setData(name, 256)
            if not cuda:
                item.setEnabled(False)
                item.setToolTip("Checking for CUDA…" if cuda is None else
                                "CUDA is not available on this machine (no GPU or a CPU-only PyTorch)")
            model.appendRow(item)
        self.device.setModel(model)
        self.device.setToolTip("GPU: CUDA is not available on this machine" if cuda == [] else "")
        self._devices_probed = cuda is not None

    def show_info(self, info: dict) -> None:
        # Probing CUDA costs nothing once torch is loaded, but importing it here would freeze the
        # window for seconds (the start-up quick path shows a model before torch is imported).
        if not self._devices_probed and "torch" in sys.modules:
            self._fill_devices(cuda_devices())
        self.details.setHtml(info_html(info))
        device = str(info.get("device", "cpu"))
        index = self.device.findData(device if device.startswith("cuda") else "cpu", 256)
        if index >= 0:
            self.device.setCurrentIndex(index)
