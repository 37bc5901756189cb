"""The report's words in English and Korean, with ``{fields}`` for names and numbers.

The page is made in core (the CLI writes it without Qt), so its words live here beside
the lesson's rather than in the window's Qt catalogues; the window asks for the report
in the language it speaks.  Table 1 keeps the paper's own column headings in both
languages, as Korean courses show the table.
"""

from __future__ import annotations


#: key -> language -> text
PHRASES: dict[str, dict[str, str]] = {
    "title": {"en": "GoogLeNet report: {name}", "ko": "GoogLeNet 보고서: {name}"},
    "meta": {"en": "Image: {image} · model: {model} · module shown: {layer} · crop {width}×{height} px",
             "ko": "이미지: {image} · 모델: {model} · 보여 준 모듈: {layer} · 입력 크롭 {width}×{height} px"},
    "footer": {"en": "Made by googlenet-gui {version} on {when} UTC. One file: pictures and style are inside it; "
                     "nothing is fetched from the network.",
               "ko": "googlenet-gui {version}에서 {when} UTC에 만들었습니다. 파일 하나에 그림과 스타일이 모두 "
                     "들어 있어 네트워크에서 아무것도 가져오지 않습니다."},
    "crop_alt": {"en": "the crop the network saw", "ko": "네트워크가 본 입력 크롭"},
    "crop_caption": {"en": "The crop the network saw.", "ko": "네트워크가 본 입력 크롭."},
    "heads_title": {"en": "Image and the three heads' top-5", "ko": "이미지와 세 분류기의 상위 5개 예측"},
    "head_main": {"en": "main head", "ko": "메인 분류기"},
    "head_aux1": {"en": "aux1 (after 4a)", "ko": "보조 분류기 aux1 (4a 뒤)"},
    "head_aux2": {"en": "aux2 (after 4d)", "ko": "보조 분류기 aux2 (4d 뒤)"},
    "untrained": {"en": "not trained in these weights: noise", "ko": "이 가중치에서는 학습되지 않음: 잡음"},
    "col_class": {"en": "class", "ko": "클래스"},
    "branch_caption": {"en": "{branch}: {channels} channels ({channel_share} of the output), {energy_share} of the "
                             "energy",
                       "ko": "{branch}: 채널 {channels}개 (출력의 {channel_share}), 에너지의 {energy_share}"},
    "branch_alt": {"en": "{branch} branch maps", "ko": "{branch} 브랜치 특성 맵"},
    "branches_intro": {"en": "Every channel of each branch of {layer}, tiled; one colour scale (viridis, up to the "
                             "99.5th percentile) for all four, so their strengths compare.",
                       "ko": "{layer}의 각 브랜치의 모든 채널을 타일로 늘어놓았습니다. 네 브랜치 모두 같은 색 척도"
                             "(viridis, 99.5 백분위수까지)를 써서 세기를 비교할 수 있습니다."},
    "branches_title": {"en": "Branch maps of {layer}", "ko": "{layer}의 브랜치 특성 맵"},
    "cam_exact": {"en": "CAM (exact, last module)", "ko": "CAM (정확한 값, 마지막 모듈)"},
    "gradcam_at": {"en": "Grad-CAM at {layer}", "ko": "{layer}의 Grad-CAM"},
    "cam_caption": {"en": "{what}: main head, class {label} ({percent}); + marks the peak",
                    "ko": "{what}: 메인 분류기, 클래스 {label} ({percent}); +는 최댓값 위치"},
    "cam_title": {"en": "Where the main head looks", "ko": "메인 분류기가 보는 곳 (클래스 활성화 맵)"},
    "col_module": {"en": "module", "ko": "모듈"},
    "importance_intro": {"en": "How far the main head's probability of its top-1 class ({label}) drops when one "
                               "branch alone is switched off (percentage points; darker is more important).",
                         "ko": "브랜치 하나만 끄면 메인 분류기의 1순위 클래스({label}) 확률이 얼마나 떨어지는지"
                               "(퍼센트포인트, 진할수록 중요)."},
    "importance_title": {"en": "Branch importance", "ko": "브랜치 중요도 (브랜치 절제)"},
    "table1_title": {"en": "Table 1: this model beside the paper", "ko": "Table 1: 이 모델과 논문 비교"},
    "totals": {"en": "{architecture} counted at {size}×{size} px: {params} parameters and {macs} multiply-adds "
                     "({params_no_aux} / {macs_no_aux} without the aux heads). The paper (at 224×224): "
                     "{paper_params} / {paper_macs}. Paper values marked with a dotted underline are the paper's "
                     "own inconsistencies; differences over {large}% are red.",
               "ko": "{architecture}을(를) {size}×{size} px에서 센 값: 파라미터 {params}개, 곱셈-덧셈 {macs}번 "
                     "(보조 분류기 제외 {params_no_aux} / {macs_no_aux}). 논문(224×224): {paper_params} / "
                     "{paper_macs}. 점선 밑줄이 있는 논문 값은 논문 자체의 불일치이고, {large}%를 넘는 차이는 "
                     "빨간색입니다."},
}


def phrase(key: str, lang: str, **fields: object) -> str:
    """The text of ``key`` in ``lang`` with ``fields`` filled in."""
    return PHRASES[key][lang].format(**fields)
