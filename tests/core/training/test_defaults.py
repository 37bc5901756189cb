"""What ``auto`` chooses (issue 23): augmentation from the data, learning rate from the start,
a warning for frozen random features, and a from-scratch run that learns with the defaults."""

from __future__ import annotations

import time

import pytest
import torch

from benchmarks.shapes import make_shapes
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.training.augment import view_transform
from googlenet_gui.core.training.datasets import TensorImageDataset, decode_all, plan_dataset, result_of
from googlenet_gui.core.training.defaults import (
    PRETRAINED_ALL_LR, choose_augment, choose_lr, looks_untrained, resolve_auto,
)
from googlenet_gui.core.training.events import (
    DEFAULT_LR, PAPER_AUGMENT_MIN_PER_CLASS, EpochResult, FinetuneConfig, TrainingNote,
)
from googlenet_gui.core.training.finetune import finetune
from googlenet_gui.core.training.steps import evaluate
from tests.core.finetune_data import shared_finetune_run


def test_auto_augmentation_is_flips_for_small_sets_and_the_paper_for_imagenet_sized_ones():
    kind, reason = choose_augment({"a": (40, 10), "b": (32, 8)})
    assert kind == "flip" and "32 training images" in reason and "--augment paper" in reason
    many = PAPER_AUGMENT_MIN_PER_CLASS
    assert choose_augment({"a": (many, 0), "b": (many + 5, 0)})[0] == "paper"
    assert choose_augment({"a": (many, 0), "b": (many - 1, 0)})[0] == "flip"  # the smallest class decides


@pytest.mark.parametrize(("optimizer", "train", "scratch", "expected"), [
    ("sgd", "all", True, DEFAULT_LR["sgd"]), ("adam", "all", True, DEFAULT_LR["adam"]),
    ("sgd", "all", False, PRETRAINED_ALL_LR["sgd"]), ("adam", "all", False, PRETRAINED_ALL_LR["adam"]),
    ("sgd", "heads", False, DEFAULT_LR["sgd"]), ("sgd", "last:2", False, DEFAULT_LR["sgd"]),
])
def test_auto_learning_rate_by_start(optimizer, train, scratch, expected):
    assert choose_lr(optimizer, train, scratch)[0] == expected
    assert PRETRAINED_ALL_LR["sgd"] == pytest.approx(0.002)


def test_untrained_backbones_are_recognised_by_format_and_by_their_weights(tmp_path_factory):
    untrained = load_model("untrained", device="cpu")
    assert looks_untrained(untrained)
    trained = load_model(shared_finetune_run(tmp_path_factory)["out"], device="cpu")
    assert not looks_untrained(trained)


def test_resolve_auto_notes_every_choice_and_warns_for_heads_on_an_untrained_backbone():
    loaded = load_model("untrained", device="cpu")
    config, notes = resolve_auto(FinetuneConfig(out="x.pth", train="heads"), loaded, {"a": (10, 2), "b": (9, 2)})
    assert (config.augment, config.lr) == ("flip", DEFAULT_LR["sgd"])
    assert config.settings()["augment"] == "flip"
    texts = [str(note) for note in notes]
    assert texts[0].startswith("note: augmentation auto: flips only")
    assert texts[1] == "note: learning rate auto: 0.01 for sgd (an untrained start)."
    assert notes[2].warning and "--train heads on an untrained backbone" in texts[2]
    given, notes = resolve_auto(FinetuneConfig(out="x.pth", train="all", lr=0.02, augment="none"), loaded,
                                {"a": (10, 2), "b": (9, 2)})
    assert (given.augment, given.lr, notes) == ("none", 0.02, [])


def _held_out_accuracy(checkpoint, folder) -> float:
    """The saved checkpoint's main-head accuracy on ``folder``, seen as classification sees it."""
    from torch.utils.data import DataLoader

    loaded = load_model(checkpoint, device="cpu")
    plan = plan_dataset(folder, val_split=0.0)
    decoded = result_of(decode_all(plan.train, loaded.preprocessing.resize))
    loader = DataLoader(TensorImageDataset(decoded, view_transform(loaded.preprocessing)), batch_size=16)
    stats, _ = evaluate(loaded.model, loader, torch.device("cpu"), torch.contiguous_format, len(plan.class_names))
    return stats.summary()[2]["main"]



@pytest.mark.slow
def test_from_scratch_with_the_defaults_learns_the_shapes_task(tmp_path):
    """Issue 23: the paper's crops left this task near chance; with ``auto`` it is learnt."""
    train, held_out = make_shapes(tmp_path / "shapes", per_class=32, held_out=10, size=96)
    config = FinetuneConfig(out=tmp_path / "out.pth", data_dir=train, epochs=10, batch_size=8, train="all",
                            image_size=96)
    start = time.perf_counter()
    torch.manual_seed(0)
    events = list(finetune(config, load_model("untrained", device="cpu")))
    seconds = time.perf_counter() - start
    notes = [str(e) for e in events if isinstance(e, TrainingNote)]
    assert notes[0].startswith("note: augmentation auto: flips only") and len(notes) == 2
    curve = [round(e.val_accuracy, 2) for e in events if isinstance(e, EpochResult)]
    accuracy = _held_out_accuracy(config.out, held_out)
    assert accuracy >= 0.9, (accuracy, curve, seconds, notes)  # time: benchmarks/finetune_parity, not here
