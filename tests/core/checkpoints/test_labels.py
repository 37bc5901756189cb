"""Where class names come from: labels file, checkpoint, ImageNet, or ``class N``."""

from __future__ import annotations

import pytest

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.checkpoints.labels import imagenet_categories, read_labels_file, resolve_class_names


def test_imagenet_categories_come_from_torchvision_metadata():
    names = imagenet_categories()
    assert len(names) == 1000 and names[0] == "tench" and names[-1] == "toilet tissue"


def test_labels_file_with_bom_and_trailing_blank_lines(tmp_path):
    path = tmp_path / "labels.txt"
    path.write_bytes("\ufeffkatze\n hund \n\n".encode("utf-8"))
    assert read_labels_file(path) == ["katze", "hund"]


@pytest.mark.parametrize("content, match", [("", "is empty"), ("a\nb\n", "has 2 names but the model has 3 classes"),
                                            ("a\n\nc\n", "line 2 is blank")])
def test_bad_labels_files(tmp_path, content, match):
    path = tmp_path / "labels.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoogLeNetGuiError, match=match):
        resolve_class_names(3, None, path)


def test_missing_and_binary_labels_files(tmp_path):
    with pytest.raises(GoogLeNetGuiError, match="does not exist"):
        read_labels_file(tmp_path / "nope.txt")
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(GoogLeNetGuiError, match="not UTF-8"):
        read_labels_file(tmp_path / "bin.txt")


def test_precedence_file_then_checkpoint_then_imagenet_then_generic(tmp_path):
    (tmp_path / "l.txt").write_text("x\ny\n", encoding="utf-8")
    assert resolve_class_names(2, ["a", "b"], tmp_path / "l.txt")[0] == ["x", "y"]
    assert resolve_class_names(2, ["a", "b"]) == (["a", "b"], "checkpoint")
    assert resolve_class_names(3, ["a", "b"]) == (["class 0", "class 1", "class 2"], "generic")
    assert resolve_class_names(1000)[1] == "ImageNet"
    assert resolve_class_names(4) == (["class 0", "class 1", "class 2", "class 3"], "generic")
