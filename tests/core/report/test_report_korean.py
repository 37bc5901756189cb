"""The report in Korean (``--lang ko``): the window's language or the CLI's choice (issue #28)."""

from __future__ import annotations

import re

import pytest

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.lesson.text import LANGUAGES
from googlenet_gui.core.report.wording import PHRASES

FIELD = re.compile(r"\{[a-z_]+\}")


@pytest.fixture(scope="module")
def korean_page(loaded, image):
    from googlenet_gui.core.report.build import build_report

    return build_report(loaded, image, lang="ko")


def test_every_phrase_has_both_languages_with_the_same_fields():
    for key, texts in PHRASES.items():
        assert set(texts) == set(LANGUAGES), key
        assert sorted(FIELD.findall(texts["en"])) == sorted(FIELD.findall(texts["ko"])), key


def test_the_korean_page_has_korean_headings_and_the_same_pictures(korean_page, page):
    assert '<html lang="ko">' in korean_page
    for heading in ("세 분류기의 상위 5개 예측", "inception4c의 브랜치 특성 맵", "메인 분류기가 보는 곳",
                    "브랜치 중요도", "Table 1: 이 모델과 논문 비교"):
        assert heading in korean_page
    for english in ("Where the main head looks", "Branch importance", "three heads", "main head"):
        assert english not in korean_page
    assert korean_page.count("data:image/png;base64,") == page.count("data:image/png;base64,")
    assert 'id="table1"' in korean_page and 'data-head="aux2"' in korean_page


def test_an_unknown_language_is_one_sentence(loaded, image):
    from googlenet_gui.core.report.build import build_report

    with pytest.raises(GoogLeNetGuiError, match="unknown report language 'fr'"):
        build_report(loaded, image, lang="fr")
