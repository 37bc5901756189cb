"""The fine-tuning options form; its fields mirror ``googlenet-gui finetune`` flags."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget,
)

from googlenet_gui.core.training.events import AUGMENTATIONS, DEFAULT_LR, FinetuneConfig
from googlenet_gui.ui.i18n import Retranslatable

#: What the Train choice can be (``--train``'s values; ``last`` takes N).
TRAIN_CHOICES: tuple[str, ...] = ("heads", "last", "all")


def _spin(low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    return box


class OptionsForm(Retranslatable, QWidget):
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
        self.lr.setSingleStep(0.001)
        self.lr.setValue(0.0)
        self.train = QComboBox()
        for key in TRAIN_CHOICES:
            self.train.addItem("", key)
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
        for key in AUGMENTATIONS:
            self.augment.addItem(key, key)  # worded in retranslate_ui; the key goes to the config
        self.out = QLineEdit(str(Path.home() / "googlenet-finetuned.pth"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        fields = (self.epochs, self.batch_size, self.optimizer, self.lr, train_row, self.image_size,
                  self.val_split, self.seed, self.augment, self.out)
        self.labels = [QLabel() for _ in fields]
        for label, field in zip(self.labels, fields):
            form.addRow(label, field)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        names = (self.tr("Epochs"), self.tr("Batch size"), self.tr("Optimiser"), self.tr("Learning rate"),
                 self.tr("Train"), self.tr("Image size"), self.tr("Validation split"), self.tr("Seed"),
                 self.tr("Augmentation"), self.tr("Save to"))
        for label, name in zip(self.labels, names):
            label.setText(name)
        self.lr.setSpecialValueText(self.tr("auto"))
        self.lr.setToolTip(self.tr("auto: {sgd:g} for sgd, {adam:g} for adam; a fifth of that for pretrained "
                                   "weights with everything trained").format(sgd=DEFAULT_LR["sgd"],
                                                                             adam=DEFAULT_LR["adam"]))
        choices = {"heads": self.tr("Heads only (fc + aux)"), "last": self.tr("Heads + last N Inception modules"),
                   "all": self.tr("Everything")}
        for index, key in enumerate(TRAIN_CHOICES):
            self.train.setItemText(index, choices[key])
        # Short names (a long item widens the whole form past a 1024-px window); the why in tooltips.
        augmentations = {"auto": (self.tr("auto"), self.tr("the paper's with enough images per class, else flips")),
                         "paper": (self.tr("paper"), self.tr("random crops, colour jitter and flips, as the paper")),
                         "flip": (self.tr("flip"), self.tr("mirror images only")),
                         "none": (self.tr("none"), self.tr("the images as they are"))}
        for index in range(self.augment.count()):
            name, why = augmentations[self.augment.itemData(index)]
            self.augment.setItemText(index, name)
            self.augment.setItemData(index, why, Qt.ItemDataRole.ToolTipRole)

    def train_mode(self) -> str:
        mode = self.train.currentData()
        return f"last:{self.last_n.value()}" if mode == "last" else mode

    def config(self, data_dir: str | None, class_files) -> FinetuneConfig:  # noqa: ANN001
        return FinetuneConfig(out=self.out.text().strip(), data_dir=data_dir, class_files=class_files,
                              epochs=self.epochs.value(), batch_size=self.batch_size.value(),
                              lr=self.lr.value() or None,
                              optimizer=self.optimizer.currentText(), train=self.train_mode(),
                              image_size=self.image_size.value(), val_split=self.val_split.value(),
                              seed=self.seed.value(), augment=self.augment.currentData())

    def set_for_model(self, crop: int) -> None:
        """Default the image size to what the loaded model was trained at."""
        self.image_size.setValue(int(crop))
