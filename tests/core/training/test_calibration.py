"""calibrate-aux: aux heads learn to agree with the main head on held-out images, without labels."""

from __future__ import annotations

import pytest
import torch

from googlenet_gui.core.training.calibration import (
    CalibrationEpoch, CalibrationFinished, calibrate_aux, distillation_loss,
)
from googlenet_gui.core.checkpoints.files import save_checkpoint
from googlenet_gui.core.errors import DatasetError
from googlenet_gui.core.checkpoints.loading import load_model
from tests.core.finetune_data import make_pattern_dataset, shared_finetune_run


@pytest.fixture(scope="module")
def scrambled(tmp_path_factory):
    """The fine-tuned model with its aux heads re-initialised: a trained main head, noisy aux heads
    (the situation of the official torchvision weights)."""
    run = shared_finetune_run(tmp_path_factory)
    loaded = load_model(run["out"], device="cpu")
    torch.manual_seed(1)
    for head in (loaded.model.aux1, loaded.model.aux2):
        for module in head.modules():
            if isinstance(module, (torch.nn.Linear, torch.nn.Conv2d)):
                torch.nn.init.trunc_normal_(module.weight, std=0.01, a=-0.02, b=0.02)  # torchvision init
    path = run["root"] / "scrambled.pth"
    save_checkpoint(path, loaded, aux_state="untrained", training=loaded.training)
    return run, path


def test_calibration_raises_agreement_and_saves_calibrated_heads(scrambled, tmp_path):
    run, path = scrambled
    loaded = load_model(path, device="cpu")
    assert loaded.aux_state == "untrained"
    main_before = loaded.model.fc.weight.clone()
    out = tmp_path / "calibrated.pth"
    unlabelled = make_pattern_dataset(tmp_path / "photos" / "nested", per_class=32, seed=5).parent.parent
    events = list(calibrate_aux(loaded, unlabelled, epochs=8, out=out, batch_size=16))
    finished = events[-1]
    assert isinstance(finished, CalibrationFinished) and not finished.cancelled
    assert len([e for e in events if isinstance(e, CalibrationEpoch)]) == 8
    assert finished.held_out_images == 16 and finished.train_images == 48  # 64 images found recursively
    before, after = finished.agreement_before, finished.agreement_after
    for head in ("aux1", "aux2"):
        assert after[head] > before[head], (before, after)
    assert sum(after.values()) / 2 >= 0.8 and sum(after.values()) >= sum(before.values()) + 0.3, (before, after)
    calibrated = load_model(out, device="cpu")
    assert calibrated.aux_state == "calibrated" and calibrated.aux_trained
    assert calibrated.class_names == ["checkers", "hstripes"]
    assert torch.equal(calibrated.model.fc.weight, main_before)  # main head frozen
    assert torch.equal(calibrated.model.inception5b.branch1.conv.weight, loaded.model.inception5b.branch1.conv.weight)
    assert not torch.equal(calibrated.model.aux1.fc2.weight, loaded.model.aux1.fc2.weight)
    assert calibrated.training["aux_calibration"]["history"][-1]["epoch"] >= 1
    assert calibrated.training["best_epoch"] == run["events"][-1].best_epoch  # fine-tuning record kept


def test_cancel_stops_calibration(scrambled):
    run, path = scrambled
    loaded = load_model(path, device="cpu")
    calls = [0]

    def cancel_after_a_few_checks():
        calls[0] += 1
        return calls[0] > 3

    events = list(calibrate_aux(loaded, run["data"], epochs=2, cancel=cancel_after_a_few_checks))
    assert events[-1].cancelled and events[-1].out_path is None


def test_a_diverging_calibration_stops_and_saves_nothing(scrambled, tmp_path):
    """``--temperature 0`` once wrote NaN aux heads and exited 0."""
    from googlenet_gui.core.training.steps import TrainingError

    run, path = scrambled
    out = tmp_path / "c0.pth"
    with pytest.raises(TrainingError, match="calibration diverged in epoch 1.*nothing was saved"):
        list(calibrate_aux(load_model(path, device="cpu"), run["data"], epochs=2, out=out, temperature=0.0))
    assert not out.exists()


def test_distillation_loss_is_zero_only_when_distributions_match():
    teacher = torch.tensor([[3.0, 0.0, -1.0], [0.0, 2.0, 0.0]])
    assert distillation_loss(teacher.clone(), teacher, 2.0).item() == pytest.approx(0.0, abs=1e-6)
    assert distillation_loss(teacher.flip(1), teacher, 2.0).item() > 0.1


def test_needs_images(tmp_path, scrambled):
    loaded = load_model(scrambled[1], device="cpu")
    with pytest.raises(DatasetError, match="at least 2 images"):
        next(calibrate_aux(loaded, tmp_path))
    with pytest.raises(DatasetError, match="does not exist"):
        next(calibrate_aux(loaded, tmp_path / "missing"))


def test_a_file_given_as_the_image_folder_is_called_a_file(scrambled, tmp_path):
    """It said "the image folder does not exist" about a file that does."""
    run, path = scrambled
    photo = tmp_path / "one.jpg"
    photo.write_bytes(b"x")
    with pytest.raises(DatasetError, match="one.jpg is a file; give the folder"):
        list(calibrate_aux(load_model(path, device="cpu"), photo, epochs=1))
