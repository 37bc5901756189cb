"""The training record in words (issue 23): what ``info`` and the Model tab show."""

from __future__ import annotations

from googlenet_gui.cli.main import main
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.training.summary import training_summary
from tests.core.finetune_data import shared_finetune_run

RECORD = {
    "settings": {"epochs": 15, "batch_size": 16, "optimizer": "sgd", "train": "all", "image_size": 128,
                 "val_split": 0.2, "seed": 0, "augment": "flip", "lr": 0.01, "data": "shapes"},
    "history": [{"epoch": i} for i in range(1, 10)], "best_epoch": 7, "best_val_accuracy": 0.9583333333,
    "epochs_run": 9, "status": "cancelled", "class_counts": {"disc": [32, 8], "ring": [32, 8], "square": [30, 8]},
}


def test_summary_says_best_epoch_as_a_percentage_status_data_and_settings():
    assert training_summary(RECORD) == [
        "Best epoch 7 of 9: validation accuracy 95.8%. Cancelled after 9 of 15 epochs.",
        "3 classes, 94 training / 24 validation images (disc 32/8, ring 32/8, square 30/8).",
        "Settings: trained all, sgd lr 0.01, batch 16, 128 px, validation split 0.2, seed 0, augmentation flips only.",
    ]
    finished = training_summary({**RECORD, "status": "finished", "epochs_run": 15})
    assert finished[0] == "Best epoch 7 of 15: validation accuracy 95.8%. Finished all 15 epochs."


def test_summary_of_old_or_partial_records_never_fails():
    assert training_summary(None) == [] and training_summary({}) == []
    assert training_summary({"epochs": 1}) == []
    assert training_summary({"best_epoch": 2, "best_val_accuracy": None}) == ["Best epoch 2."]
    calibrated = training_summary({"aux_calibration": {"history": [{}, {}]}})
    assert calibrated == ["Aux heads calibrated on unlabelled images for 2 epochs (distilled from the main head)."]


def test_a_finished_run_records_its_status_and_info_prints_it_in_words(tmp_path_factory, capsys):
    run = shared_finetune_run(tmp_path_factory)
    training = load_model(run["out"], device="cpu").training
    assert training["status"] == "finished" and training["epochs_run"] == 6
    assert training["class_counts"] == {"checkers": [19, 5], "hstripes": [19, 5]}
    assert len(training["history"]) == 6
    assert main(["info", str(run["out"])]) == 0
    text = capsys.readouterr().out
    best = f"Best epoch {training['best_epoch']} of 6: validation accuracy {training['best_val_accuracy']:.1%}."
    assert best + " Finished all 6 epochs." in text
    assert "2 classes, 38 training / 10 validation images (checkers 19/5, hstripes 19/5)." in text
    assert "{" not in text
