"""Dataset discovery, checks and splits: every fixable problem is refused before training."""

from __future__ import annotations

import pytest
import torch

from googlenet_gui.core.training.datasets import decode_all, plan_dataset, require_each_class, result_of
from googlenet_gui.core.errors import DatasetError
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.training.finetune import DatasetSummary, DecodedSummary, Finished, FinetuneConfig, finetune
from tests.core.finetune_data import make_pattern_dataset, shared_finetune_run



def test_missing_folder(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        plan_dataset(tmp_path / "nope")


def test_folder_without_images(tmp_path):
    (tmp_path / "cats").mkdir()
    (tmp_path / "dogs").mkdir()
    (tmp_path / "dogs" / "notes.txt").write_text("not an image")
    with pytest.raises(DatasetError, match="no images found"):
        plan_dataset(tmp_path)


def test_loose_images_without_class_folders(tmp_path):
    make_pattern_dataset(tmp_path, kinds=("checkers",), per_class=2)
    for image in (tmp_path / "checkers").iterdir():
        image.rename(tmp_path / image.name)
    (tmp_path / "checkers").rmdir()
    with pytest.raises(DatasetError, match="no class sub-folders.*2 loose images"):
        plan_dataset(tmp_path)


def test_single_class(tmp_path):
    make_pattern_dataset(tmp_path, kinds=("checkers",), per_class=3)
    with pytest.raises(DatasetError, match="only one class \\('checkers'\\)"):
        plan_dataset(tmp_path)


def test_empty_class_folder_is_named(tmp_path):
    make_pattern_dataset(tmp_path, per_class=3)
    (tmp_path / "zebras").mkdir()
    with pytest.raises(DatasetError, match="class folder 'zebras' has no images"):
        plan_dataset(tmp_path)


def test_seeded_stratified_split_keeps_every_class_in_validation(tmp_path):
    make_pattern_dataset(tmp_path, kinds=("checkers", "hstripes", "vstripes"), per_class=6)
    plan = plan_dataset(tmp_path, val_split=0.2, seed=3)
    assert plan.class_names == ["checkers", "hstripes", "vstripes"]
    assert plan.counts() == {"checkers": (5, 1), "hstripes": (5, 1), "vstripes": (5, 1)}
    assert plan.val == plan_dataset(tmp_path, val_split=0.2, seed=3).val
    assert plan.val != plan_dataset(tmp_path, val_split=0.2, seed=4).val
    assert not {p for p, _ in plan.train} & {p for p, _ in plan.val}


def test_explicit_class_bins(tmp_path):
    make_pattern_dataset(tmp_path, per_class=4)
    bins = {"left": sorted((tmp_path / "checkers").iterdir()), "right": sorted((tmp_path / "hstripes").iterdir())}
    plan = plan_dataset(class_files=bins, val_split=0.25)
    assert plan.class_names == ["left", "right"] and plan.counts() == {"left": (3, 1), "right": (3, 1)}
    with pytest.raises(DatasetError, match="class folder 'right' has no images"):
        plan_dataset(class_files={"left": bins["left"], "right": []})


def test_corrupt_files_are_skipped_and_listed(tmp_path):
    make_pattern_dataset(tmp_path, per_class=3)
    (tmp_path / "checkers" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (tmp_path / "hstripes" / "empty.jpg").write_bytes(b"")
    plan = plan_dataset(tmp_path, val_split=0.0)
    decoded = result_of(decode_all(plan.train, 73))
    assert len(decoded.images) == 6 and decoded.images[0].dtype == torch.uint8
    assert decoded.images[0].shape == (3, 64, 64)  # already below the 73 px short side: not resized
    assert sorted(s.split(":")[0].rsplit("/", 1)[-1] for s in decoded.skipped) == ["broken.png", "empty.jpg"]


def test_class_left_without_readable_images_is_an_error(tmp_path):
    make_pattern_dataset(tmp_path, kinds=("checkers",), per_class=2)
    (tmp_path / "ghosts").mkdir()
    (tmp_path / "ghosts" / "ghost.png").write_bytes(b"garbage")
    plan = plan_dataset(tmp_path, val_split=0.0)
    decoded = result_of(decode_all(plan.train, 73))
    with pytest.raises(DatasetError, match="class 'ghosts' has no readable training images"):
        require_each_class(decoded, plan.class_names, plan.source)


def test_finetune_reports_balance_first_and_skipped_files_last(tmp_path_factory, tmp_path):
    run = shared_finetune_run(tmp_path_factory)
    data = make_pattern_dataset(tmp_path / "data", per_class=5)
    (data / "hstripes" / "truncated.png").write_bytes((data / "hstripes" / "hstripes_00.png").read_bytes()[:60])
    loaded = load_model(run["source"], device="cpu")
    config = FinetuneConfig(out=tmp_path / "t.pth", data_dir=data, epochs=1, batch_size=4, image_size=64)
    events = list(finetune(config, loaded))
    assert isinstance(events[0], DatasetSummary) and events[0].counts == {"checkers": (4, 1), "hstripes": (5, 1)}
    decoded = next(e for e in events if isinstance(e, DecodedSummary))  # before the first batch, not at the end
    assert events.index(decoded) < next(i for i, e in enumerate(events) if type(e).__name__ == "BatchProgress")
    assert decoded.train_images + decoded.val_images == 10 and "truncated.png" in decoded.skipped[0]
    assert isinstance(events[-1], Finished)
    assert len(events[-1].skipped_files) == 1 and "truncated.png" in events[-1].skipped_files[0]


def test_bad_data_fails_before_any_model_work(tmp_path_factory, tmp_path):
    run = shared_finetune_run(tmp_path_factory)
    make_pattern_dataset(tmp_path, kinds=("checkers",), per_class=2)
    loaded = load_model(run["source"], device="cpu")
    with pytest.raises(DatasetError, match="only one class"):
        next(finetune(FinetuneConfig(out=tmp_path / "x.pth", data_dir=tmp_path, image_size=64), loaded))
