"""The fine-tuning options form; its fields mirror ``googlenet-gui finetune`` flags."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLineEdit, QSpinBox, QWidget,
)

from googlenet_gui.core.training.events import AUGMENTATIONS, DEFAULT_LR, FinetuneConfig

TRAIN_CHOICES: dict[str, str] = {"heads": "Heads only (fc + aux)", "last": "Heads + last N Inception modules",
                                 "all": "Everything"}


def _spin(low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    return box


class OptionsForm(QWidget):
    """Epochs, batch, learning rate, optimiser, what to train, image size, split, seed, output."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.epochs = _spin(1, 1000, 5)
        self.batch_size = _spin(2, 512, 16)
        self.optimizer = QComboBox()
        self.optimizer.addItems(["sgd", "adam"])
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(5)
        self.lr.setRange(0.0, 1.0)  # 0 shows "auto": chosen from the starting point, as --lr's default
        self.lr.setSpecialValueText("auto")
        self.lr.setSingleStep(0.001)
        self.lr.setValue(0.0)
        self.lr.setToolTip(f"auto: {DEFAULT_LR['sgd']:g} for sgd, {DEFAULT_LR['adam']:g} for adam; a tenth "
                           "of that for pretrained weights with everything trained")
        self.train = QComboBox()
        for key, text in TRAIN_CHOICES.items():
            self.train.addItem(text, key)
        self.last_n = _spin(1, 9, 2)
        self.last_n.setPrefix("N = ")
        self.last_n.setEnabled(False)
        self.train.currentIndexChanged.connect(lambda _: self.last_n.setEnabled(self.train.currentData() == "last"))
        train_row = QHBoxLayout()
        train_row.addWidget(self.train, 1)
        train_row.addWidget(self.last_n)
        self.image_size = _spin(32, 512, 224)
        self.image_size.setSingleStep(32)
        self.val_split = QDoubleSpinBox()
        self.val_split.setRange(0.0, 0.9)
        self.val_split.setSingleStep(0.05)
        self.val_split.setValue(0.2)
        self.seed = _spin(0, 2**31 - 1, 0)
        self.augment = QComboBox()
        self.augment.addItems(list(AUGMENTATIONS))
        self.out = QLineEdit(str(Path.home() / "googlenet-finetuned.pth"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field in (("Epochs", self.epochs), ("Batch size", self.batch_size), ("Optimiser", self.optimizer),
                             ("Learning rate", self.lr), ("Train", train_row), ("Image size", self.image_size),
                             ("Validation split", self.val_split), ("Seed", self.seed),
                             ("Augmentation", self.augment), ("Save to", self.out)):
            form.addRow(label, field)

    def train_mode(self) -> str:
        mode = self.train.currentData()
        return f"last:{self.last_n.value()}" if mode == "last" else mode

    def config(self, data_dir: str | None, class_files) -> FinetuneConfig:  # noqa: ANN001
        return FinetuneConfig(out=self.out.text().strip(), data_dir=data_dir, class_files=class_files,
                              epochs=self.epochs.value(), batch_size=self.batch_size.value(),
                              lr=self.lr.value() or None,
                              optimizer=self.optimizer.currentText(), train=self.train_mode(),
                              image_size=self.image_size.value(), val_split=self.val_split.value(),
                              seed=self.seed.value(), augment=self.augment.currentText())

    def set_for_model(self, crop: int) -> None:
        """Default the image size to what the loaded model was trained at."""
        self.image_size.setValue(int(crop))
