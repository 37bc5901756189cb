"""The lesson's steps: the seeds' worked example, per-module arithmetic against core.opcount, GAP vs FC, both languages."""

from __future__ import annotations

import json
import re

import pytest
import torch

from googlenet_gui.cli.main import main
from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.lesson import numbers
from googlenet_gui.core.lesson.steps import Lesson, build_steps, check_lang
from googlenet_gui.core.lesson.text import LANGUAGES
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.spec import paper_spec, torchvision_spec
from googlenet_gui.core.opcount.table import count_ops
from tests.factories import save_app_checkpoint

HANGUL = re.compile("[\uac00-\ud7a3]")
KEYS = ("stem", "module", "every_module", "branches", "atlas", "receptive", "aux", "gap", "table1")


def _lesson(spec, size: int = 224):
    with torch.device("meta"):
        model = GoogLeNet(spec, init_weights=False).eval()
    table = count_ops(model, image_size=size)
    return Lesson(build_steps(model, table, {})), table


@pytest.fixture(scope="module")
def paper():
    return _lesson(paper_spec())


def test_seed_worked_example_exactly(paper):
    lesson, _ = paper
    step = lesson.step("module")
    assert step.numbers["example_naive"] == 14 * 14 * 480 * 48 * 5 * 5 == 112_896_000
    assert step.numbers["example_reduced"] == 14 * 14 * 480 * 16 + 14 * 14 * 16 * 48 * 5 * 5 == 5_268_480
    assert "112.9M" in step.body["en"] and "5.3M" in step.body["en"]
    assert "112.9M" in step.body["ko"] and "5.3M" in step.body["ko"]
    # The paper's inception 4a is the example: 14x14x480 in, #5x5 reduce 16, #5x5 48, true 5x5 kernels.
    assert (step.numbers["naive"], step.numbers["reduced"]) == (112_896_000, 5_268_480)


def test_every_module_matches_opcount(paper):
    lesson, table = paper
    found = numbers.module_reductions(table, numbers.module_inputs(table))
    assert [m.name for m in found] == [r.name for r in table.rows if r.type == "inception"]
    for m in found:
        row = table.row(m.name)
        assert m.reduced == row.macs == sum(row.branch_macs.values())
        assert m.naive == row.naive_macs
        h, w, c = m.input
        assert m.naive_5x5 == h * w * c * row.filters["n5x5"] * 25
        assert m.reduced_5x5 == h * w * (c * row.filters["n5x5_reduce"] + row.filters["n5x5_reduce"]
                                         * row.filters["n5x5"] * 25)
        assert m.naive_3x3 == h * w * c * row.filters["n3x3"] * 9
    step = lesson.step("every_module")
    assert len(step.rows) == 9
    assert step.numbers["total_reduced"] == sum(m.reduced for m in found)
    assert step.target.rows == tuple(m.name for m in found)


def test_gap_vs_fc_parameters(paper):
    lesson, table = paper
    step = lesson.step("gap")
    assert step.numbers["paper_fc_params"] == 7 * 7 * 1024 * 1024 + 1024 == 51_381_248
    assert step.numbers["model_fc_params"] == 51_381_248  # the paper's model at 224 px: the same 7x7x1024 map
    assert step.numbers["gap_params"] == 0
    assert step.numbers["classifier_params"] == table.row("fc").params == 1024 * 1000 + 1000
    assert "51,381,248" in step.body["en"] and "51,381,248" in step.body["ko"]


def test_aux_step_weight_and_heads(paper):
    lesson, _ = paper
    step = lesson.step("aux")
    assert step.numbers["weight"] == 0.3
    assert [row[1] for row in step.rows][1:] == ["inception4a", "inception4d"]
    assert step.target.head == "aux1"
    assert "0.3" in step.body["en"] and "0.3" in step.body["ko"]


def test_every_step_in_both_languages_and_drives_a_view(paper):
    lesson, _ = paper
    assert tuple(s.key for s in lesson.steps) == KEYS
    for step in lesson.steps:
        for lang in LANGUAGES:
            assert step.title[lang].strip() and step.body[lang].strip()
            assert len(step.columns[lang]) == len(step.rows[0])
            assert "{" not in step.body[lang]
        assert HANGUL.search(step.title["ko"]) and HANGUL.search(step.body["ko"])
        assert step.target.tab in ("explorer", "explain", "ops")
    for term in ("인셉션 모듈", "1×1 합성곱", "차원 축소", "보조 분류기", "전역 평균 풀링", "수용 영역"):
        assert any(term in s.body["ko"] for s in lesson.steps), term


def test_torchvision_at_a_small_size_uses_its_own_numbers():
    lesson, table = _lesson(torchvision_spec(num_classes=10), size=128)
    module = lesson.step("module")
    assert "3×3 kernels here" in module.body["en"]  # torchvision's 3x3 in the 5x5 slot
    assert module.numbers["naive"] == 8 * 8 * 480 * 48 * 9
    assert lesson.step("gap").numbers["model_fc_params"] == 4 * 4 * 1024 * 1024 + 1024
    assert numbers.last_map(table) == (4, 4, 1024)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(GoogLeNetGuiError, match="unknown lesson language 'fr'"):
        check_lang("fr")


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("lesson") / "pets.pth"
    return save_app_checkpoint(path, class_names=("cat", "dog", "bird"),
                               preprocessing=Preprocessing(resize=72, crop=64))


def test_cli_json_korean(capsys, checkpoint):
    code = main(["lesson", "--weights", str(checkpoint), "--lang", "ko", "--json"])
    out, _err = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["lang"] == "ko" and [s["key"] for s in data["steps"]] == list(KEYS)
    module = data["steps"][1]
    assert module["numbers"]["example_naive"] == 112_896_000 and module["numbers"]["example_reduced"] == 5_268_480
    assert all(HANGUL.search(s["body"]) for s in data["steps"])
    assert all(isinstance(cell, (str, int, float)) for s in data["steps"] for row in s["rows"] for cell in row)
    assert data["steps"][3]["target"] == {"tab": "explorer", "layer": "inception4c", "branch": None, "head": None,
                                          "rows": [], "unit_field": False}


def test_cli_text_english_and_bad_weights(capsys, checkpoint, tmp_path):
    assert main(["lesson", "--weights", str(checkpoint)]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("1/9  The input and the stem") and "9/9  Table 1 on this model" in out
    assert main(["lesson", "--weights", str(tmp_path / "missing.pth")]) == 2
    _, err = capsys.readouterr()
    assert "missing.pth" in err and "Traceback" not in err
    assert main(["lesson", "--lang", "fr"]) == 2


def test_cli_with_an_image_names_each_heads_prediction(capsys, checkpoint, tmp_path):
    from PIL import Image

    picture = tmp_path / "photo.png"
    Image.new("RGB", (80, 70), (200, 40, 40)).save(picture)
    assert main(["lesson", "--weights", str(checkpoint), "--json", str(picture)]) == 0
    aux = next(s for s in json.loads(capsys.readouterr()[0])["steps"] if s["key"] == "aux")
    assert "On the current image: main says" in aux["body"]
    assert main(["lesson", "--weights", str(checkpoint), str(tmp_path / "gone.png")]) == 1
    _, err = capsys.readouterr()
    assert "gone.png" in err and "Traceback" not in err


def test_api_lesson(checkpoint):
    import googlenet_gui as gg

    loaded = gg.load_model(str(checkpoint), device="cpu")
    found = gg.lesson(loaded, lang="ko")
    assert found.lang == "ko" and found.to_json()["steps"][0]["title"] == "입력과 스템(stem)"
