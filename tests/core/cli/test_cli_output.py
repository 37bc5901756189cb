"""What is left on stdout and on disk when a command is stopped part-way: Ctrl+C during
``classify --json``, a full disk during ``inspect --save-maps``."""

from __future__ import annotations

import errno
import json

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.cli.main import main
from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.factories import save_app_checkpoint

SMALL = Preprocessing(resize=72, crop=64)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    return save_app_checkpoint(tmp_path_factory.mktemp("ckpt") / "m.pt", class_names=["a", "b", "c"],
                               preprocessing=SMALL)


@pytest.fixture
def images(tmp_path):
    rng = np.random.default_rng(0)
    for name in ("one.png", "two.png", "three.png"):
        Image.fromarray(rng.integers(0, 255, (50, 60, 3), dtype=np.uint8)).save(tmp_path / name)
    return tmp_path


def test_ctrl_c_during_classify_json_leaves_a_closed_array(capsys, monkeypatch, checkpoint, images):
    import googlenet_gui.core.inference.classify as classify_module

    real = classify_module.classify

    def interrupted_after_one(*args, **kwargs):
        results = real(*args, **kwargs)
        yield next(results)
        raise KeyboardInterrupt

    monkeypatch.setattr(classify_module, "classify", interrupted_after_one)
    code = main(["classify", "--weights", str(checkpoint), "--device", "cpu", "--json", str(images)])
    out, err = capsys.readouterr()
    assert code == 130 and err == "googlenet-gui classify: interrupted\n"
    rows = json.loads(out)
    assert len(rows) == 1 and rows[0]["image"].endswith("one.png")


def _full_disk_on_write(monkeypatch, nth: int) -> None:
    """The ``nth`` PNG save writes a few bytes, then fails as a full disk does."""
    real_save = Image.Image.save
    calls = {"n": 0}

    def save(self, fp, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth:
            if hasattr(fp, "write"):  # the temp file's handle (atomic_write)
                fp.write(b"\x89PNG\r\n\x1a\n")
            else:
                with open(fp, "wb") as handle:
                    handle.write(b"\x89PNG\r\n\x1a\n")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, fp, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "save", save)


def test_failed_map_write_is_one_line_and_keeps_earlier_pngs(capsys, monkeypatch, checkpoint, images, tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    names = ["inception3a_1x1.png", "inception3a_3x3.png", "inception3a_5x5.png"]
    for name in names:  # the PNGs of an earlier run
        Image.new("RGB", (4, 4), (255, 0, 0)).save(maps / name)
    _full_disk_on_write(monkeypatch, nth=3)
    code = main(["inspect", "--weights", str(checkpoint), "--device", "cpu", "--save-maps", str(maps),
                 str(images / "one.png")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == f"googlenet-gui inspect: error: cannot write '{maps / names[2]}': No space left on device\n"
    assert sorted(p.name for p in maps.iterdir()) == names  # no temp files left behind
    sizes = {}
    for name in names:  # every file still decodes whole
        with Image.open(maps / name) as png:
            png.load()
            sizes[name] = png.size
    old = (4, 4)  # two new maps were written, then the failed write left the old third one
    assert sizes[names[0]] != old and sizes[names[1]] != old and sizes[names[2]] == old
