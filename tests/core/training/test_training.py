"""Fine-tuning end to end on synthetic patterns, plus the pieces that make it correct.

One reference job (shared per session, ~10 s on one thread) learns checkerboards vs
horizontal stripes; the other tests check what it produced and the parts in isolation.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from googlenet_gui.core.training.augment import val_transform
from googlenet_gui.core.checkpoints.files import read_checkpoint
from googlenet_gui.core.training.datasets import decode_for_training
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.spec import torchvision_spec
from googlenet_gui.core.training.finetune import (
    BatchProgress, DatasetSummary, EpochResult, Finished, FinetuneConfig, finetune,
)
from googlenet_gui.core.errors import CheckpointError
from googlenet_gui.core.training.steps import (
    AUX_WEIGHT, TrainingError, build_finetune_model, heads_loss, parse_train_mode, set_train_mode,
    trainable_children,
)
from tests.core.finetune_data import shared_finetune_run


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return shared_finetune_run(tmp_path_factory)


def _of(events, kind):
    return [e for e in events if isinstance(e, kind)]


def test_job_learns_patterns_to_90_percent(run):
    events = run["events"]
    assert isinstance(events[0], DatasetSummary)
    assert events[0].counts == {"checkers": (19, 5), "hstripes": (19, 5)}
    epochs = _of(events, EpochResult)
    assert [e.epoch for e in epochs] == [1, 2, 3, 4, 5, 6]
    finished = events[-1]
    assert isinstance(finished, Finished) and not finished.cancelled
    assert finished.best_val_accuracy >= 0.9
    assert finished.confusion_matrix.sum() == 10
    assert np.trace(finished.confusion_matrix) / 10 == pytest.approx(finished.best_val_accuracy)
    assert set(epochs[0].val_accuracies) == {"main", "aux1", "aux2"}
    assert set(epochs[0].train_losses) == {"main", "aux1", "aux2"}
    progress = _of(events, BatchProgress)
    assert len(progress) == 6 * 5  # 38 training images, batch 8 -> 5 batches per epoch
    assert all(p.images_per_s > 0 and p.eta_s >= 0 for p in progress) and progress[-1].eta_s == 0


def test_saved_checkpoint_is_the_best_epoch_and_classifies_validation_images(run):
    finished = run["events"][-1]
    loaded = load_model(run["out"], device="cpu")
    assert loaded.class_names == ["checkers", "hstripes"]
    assert loaded.aux_state == "trained"
    assert (loaded.preprocessing.resize, loaded.preprocessing.crop) == (73, 64)
    assert loaded.training["best_epoch"] == finished.best_epoch
    assert loaded.training["settings"]["train"] == "last:2"
    # the record is re-saved at the end with every epoch's history and the final status
    assert len(loaded.training["history"]) == 6 and loaded.training["status"] == "finished"
    # Same validation split, same transform: the reloaded model reproduces the best accuracy.
    from googlenet_gui.core.training.datasets import plan_dataset

    plan = plan_dataset(run["data"], val_split=0.2, seed=0)
    transform = val_transform(64, loaded.preprocessing)
    x = torch.stack([transform(decode_for_training(p, 73)) for p, _ in plan.val])
    with torch.inference_mode():
        pred = loaded.model(x).argmax(1)
    accuracy = (pred == torch.tensor([label for _, label in plan.val])).float().mean().item()
    assert accuracy == pytest.approx(finished.best_val_accuracy)


def test_frozen_parts_unchanged_trained_parts_changed(run):
    source = read_checkpoint(run["source"]).state_dict
    tuned = read_checkpoint(run["out"]).state_dict
    # last:2 trains inception5a/5b and the heads; inception4e (weights AND BN statistics) is frozen.
    for key in ("inception4e.branch1.conv.weight", "inception4e.branch1.bn.running_mean",
                "inception4e.branch1.bn.running_var", "conv1.conv.weight"):
        assert torch.equal(source[key], tuned[key]), key
    for key in ("inception5b.branch1.conv.weight", "inception5b.branch1.bn.running_mean"):
        assert not torch.equal(source[key], tuned[key]), key
    assert tuned["fc.weight"].shape == (2, 1024) and tuned["aux1.fc2.weight"].shape == (2, 1024)


def test_source_checkpoint_is_never_touched(run):
    assert run["source"].read_bytes() == run["source_bytes"]


def test_refuses_to_write_over_the_source_before_training(run):
    loaded = load_model(run["source"], device="cpu")
    config = FinetuneConfig(out=run["source"], data_dir=run["data"], image_size=64)
    with pytest.raises(CheckpointError, match="the checkpoint these weights were loaded from"):
        next(finetune(config, loaded))


def test_resume_from_our_checkpoint_keeps_classes_and_heads(run, tmp_path):
    loaded = load_model(run["out"], device="cpu")
    config = FinetuneConfig(out=tmp_path / "resumed.pth", data_dir=run["data"], epochs=1, batch_size=8,
                            lr=1e-4, train="heads", image_size=64, seed=0)
    job, events = finetune(config, loaded), []
    with pytest.raises(StopIteration) as stop:
        while True:
            events.append(next(job))
    assert stop.value.value is events[-1]  # the last event is also the return value (the window's runner uses it)
    first = _of(events, EpochResult)[0]
    # Heads were kept (same classes), so the very first epoch is already as good as the best one.
    assert first.val_accuracy >= 0.9
    resumed = load_model(tmp_path / "resumed.pth", device="cpu")
    assert resumed.class_names == ["checkers", "hstripes"]
    assert resumed.training["settings"]["train"] == "heads"


def test_aux_loss_weighting_is_main_plus_0_3_times_aux():
    target = torch.tensor([0, 1, 2])
    logits = {"main": torch.tensor([[2.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.5]]),
              "aux1": torch.tensor([[0.0, 3.0, 0.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]),
              "aux2": torch.tensor([[1.0, 0.0, 0.0], [0.0, 0.0, 4.0], [0.0, 2.0, 0.0]])}
    total, per_head = heads_loss(logits, target)
    expected = {h: F.cross_entropy(v, target).item() for h, v in logits.items()}
    assert AUX_WEIGHT == 0.3
    assert total.item() == pytest.approx(expected["main"] + 0.3 * (expected["aux1"] + expected["aux2"]))
    assert {h: v.item() for h, v in per_head.items()} == pytest.approx(expected)
    main_only, _ = heads_loss({"main": logits["main"]}, target)
    assert main_only.item() == pytest.approx(expected["main"])


def test_new_heads_for_new_classes_and_fresh_aux_heads_when_the_source_has_none():
    torch.manual_seed(0)
    source = GoogLeNet(torchvision_spec(5, aux_logits=False)).eval()
    model = build_finetune_model(source, [str(i) for i in range(5)], ["a", "b", "c"])
    assert model.has_aux and model.num_classes == 3
    assert model.fc.out_features == 3 and model.aux2.fc2.out_features == 3
    assert torch.equal(model.inception5b.branch1.conv.weight, source.inception5b.branch1.conv.weight)
    assert source.fc.out_features == 5  # the source is untouched
    kept = build_finetune_model(source, ["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e"])
    assert torch.equal(kept.fc.weight, source.fc.weight)


def test_train_modes_and_frozen_batchnorm_stays_in_eval():
    model = GoogLeNet(torchvision_spec(3)).eval()
    assert trainable_children(model, "heads") == {"fc", "aux1", "aux2"}
    assert trainable_children(model, "last:2") == {"fc", "aux1", "aux2", "inception5a", "inception5b"}
    assert trainable_children(model, "all") == {name for name, _ in model.named_children()}
    for bad in ("last:0", "last:10", "last:x", "everything"):
        with pytest.raises(TrainingError):
            parse_train_mode(bad)
    set_train_mode(model, trainable_children(model, "heads"))
    assert not model.inception4a.branch1.bn.training and not model.conv1.bn.training
    assert model.aux1.conv.bn.training and model.fc.training


def test_last_training_batch_of_one_is_dropped(tmp_path):
    from googlenet_gui.core.training.datasets import DecodedImages
    from googlenet_gui.core.images.preprocessing import Preprocessing
    from googlenet_gui.core.training.finetune import _loaders

    decoded = DecodedImages([torch.zeros(3, 40, 40, dtype=torch.uint8)] * 9, [0, 1] * 4 + [0])
    config = FinetuneConfig(out=tmp_path / "x.pth", batch_size=4, image_size=32, augment="flip")
    train, _ = _loaders(decoded, decoded, config, Preprocessing(), torch.device("cpu"))
    assert [len(y) for _, y in train] == [4, 4]  # 9 = 4 + 4 + 1: the batch of one would break BatchNorm


def test_cancel_mid_epoch_stops_within_one_batch_and_keeps_the_best(run, tmp_path):
    loaded = load_model(run["source"], device="cpu")
    config = FinetuneConfig(out=tmp_path / "cancelled.pth", data_dir=run["data"], epochs=3, batch_size=8,
                            lr=0.005, train="heads", image_size=64, seed=0)
    cancelled = [False]
    job = finetune(config, loaded, cancel=lambda: cancelled[0])
    after_cancel = []
    for event in job:
        if cancelled[0]:
            after_cancel.append(event)
        elif isinstance(event, BatchProgress) and event.epoch == 2 and event.batch == 2:
            cancelled[0] = True
    assert len(after_cancel) == 1 and isinstance(after_cancel[0], Finished)
    finished = after_cancel[0]
    assert finished.cancelled and finished.best_epoch == 1
    assert load_model(finished.out_path, device="cpu").training["best_epoch"] == 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_diverging_run_stops_and_never_saves_nan_weights(run, tmp_path):
    """With lr=1e6 a run once saved NaN weights as its best checkpoint and exited 0."""
    loaded = load_model(run["source"], device="cpu")
    out = tmp_path / "diverged.pth"
    config = FinetuneConfig(out=out, data_dir=run["data"], epochs=2, batch_size=8, lr=1e6, train="all",
                            image_size=64, seed=0)
    with pytest.raises(TrainingError, match=r"diverged in epoch 1: the loss became nan.*1e\+06.*nothing was saved"):
        list(finetune(config, loaded))
    assert not out.exists()


def test_interrupted_save_leaves_the_previous_checkpoint_readable(run, tmp_path, monkeypatch):
    """The second save dies half-way (as if the process were killed): epoch 1's file survives."""
    loaded = load_model(run["source"], device="cpu")
    out = tmp_path / "tuned.pth"
    config = FinetuneConfig(out=out, data_dir=run["data"], epochs=3, batch_size=8, lr=1e-6, optimizer="adam",
                            train="heads", image_size=64, seed=0)
    real_save = torch.save
    calls = [0]

    def dying_save(obj, handle, *args, **kwargs):
        calls[0] += 1
        if calls[0] == 1:
            return real_save(obj, handle, *args, **kwargs)
        handle.write(b"half a checkpoint")
        raise KeyboardInterrupt

    monkeypatch.setattr(torch, "save", dying_save)
    with pytest.raises(KeyboardInterrupt):
        list(finetune(config, loaded))
    monkeypatch.undo()
    assert calls[0] == 2
    survivor = load_model(out, device="cpu")
    assert survivor.training["best_epoch"] == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cuda_style_out_of_memory_stops_with_a_message_and_keeps_the_saved_file(run, tmp_path, monkeypatch):
    import googlenet_gui.core.training.finetune as training_run

    real_step = training_run.train_step
    steps = [0]

    def step_then_oom(*args):
        steps[0] += 1
        if steps[0] > 5:  # epoch 2
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return real_step(*args)

    monkeypatch.setattr(training_run, "train_step", step_then_oom)
    loaded = load_model(run["source"], device="cpu")
    out = tmp_path / "oom.pth"
    config = FinetuneConfig(out=out, data_dir=run["data"], epochs=2, batch_size=8, train="heads", image_size=64)
    with pytest.raises(TrainingError, match="ran out of CPU memory.*best checkpoint so far is in"):
        list(finetune(config, loaded))
    assert load_model(out, device="cpu").training["best_epoch"] == 1


def test_epoch_json_line_schema(run):
    line = _of(run["events"], EpochResult)[0].to_json()
    for key in ("epoch", "train_loss", "val_loss", "val_accuracy", "main_accuracy", "aux1_accuracy", "aux2_accuracy"):
        assert isinstance(line[key], (int, float)) and not (isinstance(line[key], float) and math.isnan(line[key]))
    assert set(line["head_accuracies"]) == {"main", "aux1", "aux2"}
    json.dumps(line)  # plain JSON: the epoch's confusion matrix is for the window, not the line
    assert "confusion_matrix" not in line and _of(run["events"], EpochResult)[0].confusion_matrix.sum() > 0
    final = run["events"][-1].to_json()
    assert final["finished"] is True and final["out"] == str(run["out"])
    assert final["confusion_matrix"] == run["events"][-1].confusion_matrix.tolist()


def test_json_lines_without_validation_images_say_null_not_nan():
    """``--val-split 0`` gave bare NaN in the --json lines, which is not JSON."""
    nan = float("nan")
    heads = {"main": nan, "aux1": nan, "aux2": nan}
    epoch = EpochResult(1, 0.7, nan, nan, {"main": 0.7}, {"main": 0.5}, heads, heads, 0.01, True, 1.0)
    line = json.loads(json.dumps(epoch.to_json(), allow_nan=False))
    assert line["val_loss"] is None and line["main_accuracy"] is None and line["train_loss"] == 0.7
