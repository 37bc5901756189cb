"""What was detected in the loaded checkpoint, its warnings, and the device switch."""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from googlenet_gui.core.training.summary import training_summary

from googlenet_gui.ui.i18n import Retranslatable, translate

#: (info key, its label in English; the panel shows ``translate("ModelPanel", label)``).
DETAIL_FIELDS = (
    ("name", QT_TRANSLATE_NOOP("ModelPanel", "Model")), ("source", QT_TRANSLATE_NOOP("ModelPanel", "Source")),
    ("format", QT_TRANSLATE_NOOP("ModelPanel", "Format")), ("container", QT_TRANSLATE_NOOP("ModelPanel", "Container")),
    ("variant", QT_TRANSLATE_NOOP("ModelPanel", "Variant")),
    ("variant_description", QT_TRANSLATE_NOOP("ModelPanel", "Architecture")),
    ("num_classes", QT_TRANSLATE_NOOP("ModelPanel", "Classes")),
    ("labels_source", QT_TRANSLATE_NOOP("ModelPanel", "Class names from")),
    ("class_names_sample", QT_TRANSLATE_NOOP("ModelPanel", "First class names")),
    ("aux_heads", QT_TRANSLATE_NOOP("ModelPanel", "Aux heads")), ("transform_input", "transform_input"),
    ("parameters", QT_TRANSLATE_NOOP("ModelPanel", "Parameters")),
    ("preprocessing", QT_TRANSLATE_NOOP("ModelPanel", "Preprocessing")),
    ("device", QT_TRANSLATE_NOOP("ModelPanel", "Device")), ("backend", QT_TRANSLATE_NOOP("ModelPanel", "Runs on")),
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
    if key == "aux_heads" and isinstance(value, str):
        return translate("AuxState", value)
    if key == "preprocessing" and isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def info_html(info: dict) -> str:
    """The detection report as a small HTML table plus warnings and notes."""
    rows = "".join(
        f"<tr><td><b>{translate('ModelPanel', label)}</b></td><td>{html.escape(format_value(key, info[key]))}</td></tr>"
        for key, label in DETAIL_FIELDS if info.get(key) not in (None, "", [])
    )
    parts = [f"<table cellspacing='4'>{rows}</table>"]
    for key, title, color in (("warnings", translate("ModelPanel", "Warnings"), "#8a5a00"),
                              ("notes", translate("ModelPanel", "Notes"), "#333")):
        items = info.get(key) or []
        if items:
            bullets = "".join(f"<li>{html.escape(str(item))}</li>" for item in items)
            parts.append(f"<p style='color:{color}'><b>{title}</b></p><ul style='color:{color}'>{bullets}</ul>")
    summary = training_summary(info.get("training"))
    if summary:
        parts.append("<p><b>" + translate("ModelPanel", "Training") + "</b></p><p>" + "<br>".join(html.escape(line) for line in summary) + "</p>")
    return "".join(parts)


class ModelPanel(Retranslatable, QWidget):
    """Emits ``device_requested(name)``, ``load_requested()`` and ``builtin_requested(weights)``."""

    device_requested = Signal(str)
    load_requested = Signal()
    builtin_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: dict | None = None  # the shown model's detection report
        self._cuda: list[str] | None = None
        self.device = QComboBox()
        self._fill_devices()
        self.device.activated.connect(lambda _index: self.device_requested.emit(self.device.currentData()))
        self.load, self.official, self.untrained = load, official, untrained = QPushButton(), QPushButton(), QPushButton()
        load.clicked.connect(self.load_requested)
        official.clicked.connect(lambda: self.builtin_requested.emit("official"))
        untrained.clicked.connect(lambda: self.builtin_requested.emit("untrained"))
        self.device_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.device_label)
        row.addWidget(self.device)
        row.addStretch(1)
        for button in (load, official, untrained):
            row.addWidget(button)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.details, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.load.setText(self.tr("Load checkpoint…"))
        self.official.setText(self.tr("Official ImageNet weights"))
        self.official.setToolTip(self.tr("torchvision's GoogLeNet_Weights.IMAGENET1K_V1 (needs the cache or a download)"))
        self.untrained.setText(self.tr("Untrained model"))
        self.untrained.setToolTip(self.tr("Random weights: useful offline to explore the architecture"))
        self.device_label.setText(self.tr("Device:"))
        self._name_devices()
        self.details.setHtml(info_html(self.info) if self.info is not None else
                             "<p>" + self.tr("No model loaded yet.") + "</p>")

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
            item.setEnabled(bool(cuda))
            model.appendRow(item)
        self.device.setModel(model)
        self._cuda = cuda
        self._devices_probed = cuda is not None
        self._name_devices()

    def _name_devices(self) -> None:
        """Why the GPU entry is greyed out, in the current language."""
        cuda, model = self._cuda, self.device.model()
        if not cuda and model.rowCount() > 1:
            model.item(1).setToolTip(self.tr("Checking for CUDA…") if cuda is None else
                                     self.tr("CUDA is not available on this machine (no GPU or a CPU-only PyTorch)"))
        self.device.setToolTip(self.tr("GPU: CUDA is not available on this machine") if cuda == [] else "")

    def show_info(self, info: dict) -> None:
        # Probing CUDA costs nothing once torch is loaded, but importing it here would freeze the
        # window for seconds (the start-up quick path shows a model before torch is imported).
        if not self._devices_probed and "torch" in sys.modules:
            self._fill_devices(cuda_devices())
        self.info = info
        self.details.setHtml(info_html(info))
        device = str(info.get("device", "cpu"))
        index = self.device.findData(device if device.startswith("cuda") else "cpu", 256)
        if index >= 0:
            self.device.setCurrentIndex(index)
