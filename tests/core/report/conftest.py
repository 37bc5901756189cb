"""One small model, one image and its report, built once for the report tests (64 px crops: fast)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.core.report.report_data import CLASSES
from tests.factories import save_app_checkpoint


@pytest.fixture(scope="package")
def loaded(tmp_path_factory):
    from googlenet_gui.core.checkpoints.loading import load_model

    path = save_app_checkpoint(tmp_path_factory.mktemp("report") / "pets.pth", class_names=CLASSES,
                               preprocessing=Preprocessing(resize=72, crop=64))
    return load_model(weights=str(path), device="cpu", progress=False)


@pytest.fixture(scope="package")
def image(tmp_path_factory):
    path = tmp_path_factory.mktemp("report_img") / "photo.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (70, 80, 3), dtype=np.uint8)).save(path)
    return path


@pytest.fixture(scope="package")
def page(loaded, image):
    """The report's HTML."""
    from googlenet_gui.core.report.build import build_report

    return build_report(loaded, image)
