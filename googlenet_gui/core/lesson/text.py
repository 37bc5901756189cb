"""The lesson's words in English and Korean: a title and a body per step, with ``{fields}`` for the numbers.

Kept apart from the arithmetic so a teacher (or a translator) can change the wording
without reading code.  The Korean uses the terms Korean courses and the study notes in
the seeds use: 인셉션 모듈, 1x1 합성곱, 차원 축소, 보조 분류기, 전역 평균 풀링, 수용 영역.
Paragraphs are separated by a blank line; no markup, so the CLI prints them as they are.
"""

from __future__ import annotations

from googlenet_gui.core.errors import GoogLeNetGuiError

#: The languages the lesson and the report are written in.
LANGUAGES: tuple[str, ...] = ("en", "ko")


def check_lang(lang: str, what: str = "lesson") -> str:
    """``lang`` if the lesson (or ``what``: the report) is written in it; a clear error otherwise."""
    if lang not in LANGUAGES:
        raise GoogLeNetGuiError(f"unknown {what} language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang

#: step key -> language -> (title, body)
TEXT: dict[str, dict[str, tuple[str, str]]] = {
    "stem": {
        "en": ("The input and the stem",
               "The model sees a {size}×{size} colour image. Before any Inception module, a plain "
               "convolutional stem shrinks it fast: a 7×7 convolution with stride 2, a max pool, "
               "1×1 and 3×3 convolutions, another max pool.\n\n"
               "After the stem the feature map is {stem_out} and each of its units already sees "
               "{stem_rf}×{stem_rf} input pixels, {stem_jump} pixels apart. The paper keeps these low "
               "layers traditional for memory efficiency during training.\n\n"
               "The explorer shows conv1's maps on the current image: the table lists each stem "
               "layer's output, receptive field, parameters and multiply-adds in this model."),
        "ko": ("입력과 스템(stem)",
               "모델은 {size}×{size} 크기의 컬러 이미지를 입력으로 받습니다. 인셉션 모듈에 들어가기 전에 "
               "일반적인 합성곱 층으로 이루어진 스템이 이미지를 빠르게 줄입니다. 스트라이드 2의 7×7 합성곱, "
               "최대 풀링, 1×1 합성곱과 3×3 합성곱, 그리고 다시 최대 풀링을 거칩니다.\n\n"
               "스템을 지나면 특성 맵의 크기는 {stem_out}가 되고, 각 유닛의 수용 영역은 이미 입력 이미지의 "
               "{stem_rf}×{stem_rf} 픽셀이며 유닛 사이 간격은 {stem_jump}픽셀입니다. 논문은 학습 시 메모리를 "
               "효율적으로 쓰기 위해 낮은 층은 기존 CNN 방식 그대로 둡니다.\n\n"
               "인셉션 탐색기(Inception explorer) 탭에서 현재 이미지에 대한 conv1의 특성 맵을 볼 수 있고, 표에는 이 모델의 스템 각 층의 "
               "출력 크기, 수용 영역, 파라미터 수와 곱셈-덧셈 연산 수가 있습니다."),
    },
    "module": {
        "en": ("One Inception module: naive vs 1×1 reductions",
               "The paper's worked example: a 14×14×480 input into 48 filters of 5×5 costs "
               "14×14×48 × 5×5×480 = {example_naive} multiply-adds. A 1×1 convolution down to 16 channels "
               "first costs 14×14×16 × 1×1×480 = {example_reduce}, then the 5×5 on 16 channels "
               "14×14×48 × 5×5×16 = {example_conv}: {example_reduced} in all, {example_ratio}× less.\n\n"
               "That is exactly inception 4a's 5×5 branch in Table 1 (#5×5 reduce 16, #5×5 48). In this "
               "model, inception 4a reads {m_input}; its 5×5 branch ({m_kernel}×{m_kernel} kernels here) "
               "costs {m_naive} without the reduction and {m_reduced} with it.\n\n"
               "1×1 convolutions are the paper's dimension reduction: they cut the channels before the "
               "expensive 3×3 and 5×5 filters, and add a ReLU (more non-linearity) for free. The explorer "
               "shows inception 4a's four branches on the current image."),
        "ko": ("인셉션 모듈 하나: 나이브 버전 vs 1×1 차원 축소",
               "논문의 예시입니다. 14×14×480 입력에 5×5 필터 48개로 합성곱을 하면 "
               "14×14×48 × 5×5×480 = {example_naive}번의 곱셈-덧셈 연산이 필요합니다. 먼저 1×1 합성곱으로 "
               "채널을 16개로 줄이면 14×14×16 × 1×1×480 = {example_reduce}, 이어서 16채널에 5×5 합성곱을 하면 "
               "14×14×48 × 5×5×16 = {example_conv}이므로 모두 합쳐 {example_reduced}, 약 {example_ratio}배 "
               "줄어듭니다.\n\n"
               "이것은 Table 1의 인셉션 4a의 5×5 브랜치(#5×5 reduce 16, #5×5 48)와 정확히 같습니다. 이 모델에서 "
               "인셉션 4a의 입력은 {m_input}이고, 5×5 브랜치(이 모델에서는 {m_kernel}×{m_kernel} 커널)는 "
               "차원 축소 없이 {m_naive}, 차원 축소를 하면 {m_reduced}의 연산이 듭니다.\n\n"
               "1×1 합성곱은 논문에서 말하는 차원 축소입니다. 비싼 3×3, 5×5 필터 앞에서 채널 수를 줄이고, "
               "ReLU가 하나 더 붙어 비선형성도 늘어납니다. 인셉션 탐색기(Inception explorer) 탭에서 현재 이미지에 대한 인셉션 4a의 네 "
               "브랜치를 볼 수 있습니다."),
    },
    "every_module": {
        "en": ("The same arithmetic for every module",
               "The table repeats the calculation for each of this model's {modules} Inception modules: "
               "the 3×3 and 5×5 branches without and with their 1×1 reductions, and the whole module "
               "naive (Figure 2a) vs as built (Figure 2b).\n\n"
               "Summed over the modules: {total_naive} multiply-adds naive, {total_reduced} with the "
               "reductions, {total_saving} saved. The biggest saving is in {best} ({best_saving}).\n\n"
               "The Ops (Table 1) tab highlights the Inception rows; its chart draws the same two bars "
               "per module."),
        "ko": ("모든 모듈에 같은 계산 적용하기",
               "표는 이 모델의 인셉션 모듈 {modules}개 각각에 대해 같은 계산을 반복합니다. 3×3, 5×5 브랜치를 "
               "1×1 차원 축소 없이 계산한 값과 차원 축소를 한 값, 그리고 모듈 전체를 나이브 버전(그림 2a)과 "
               "실제 구조(그림 2b)로 비교합니다.\n\n"
               "모든 모듈을 합하면 나이브 버전은 {total_naive}, 차원 축소를 하면 {total_reduced}의 곱셈-덧셈 "
               "연산이 필요하므로 {total_saving}를 절약합니다. 가장 많이 줄어드는 모듈은 {best}({best_saving})"
               "입니다.\n\n"
               "연산량(표 1, Ops) 탭에서 인셉션 모듈 행이 강조되고, 아래 차트는 모듈마다 같은 두 막대를 "
               "보여 줍니다."),
    },
    "branches": {
        "en": ("The four branches and what they see",
               "Every Inception module runs four branches side by side on the same input and "
               "concatenates their outputs along the channels: a 1×1 convolution, a 1×1 reduction then "
               "a 3×3 convolution, a 1×1 reduction then a 5×5 convolution, and a 3×3 max pool followed "
               "by a 1×1 projection.\n\n"
               "Different filter sizes catch features at different scales: in {module} the branches "
               "see {rf_1x1}, {rf_3x3}, {rf_5x5} and {rf_pool} input pixels. Deeper modules give more "
               "channels to the 3×3 and 5×5 branches, because higher-level features are spread wider.\n\n"
               "The explorer shows {module}'s four branch maps and their concatenated output on the "
               "current image."),
        "ko": ("네 개의 브랜치와 각 브랜치가 보는 것",
               "모든 인셉션 모듈은 같은 입력에 네 개의 브랜치를 나란히 적용하고 그 출력을 채널 방향으로 "
               "이어 붙입니다(concatenate). 1×1 합성곱, 1×1 차원 축소 후 3×3 합성곱, 1×1 차원 축소 후 5×5 "
               "합성곱, 그리고 3×3 최대 풀링 후 1×1 합성곱(pool proj)입니다.\n\n"
               "필터 크기가 다르면 서로 다른 크기의 특징을 잡아냅니다. {module}에서 각 브랜치의 수용 영역은 "
               "{rf_1x1}, {rf_3x3}, {rf_5x5}, {rf_pool} 픽셀입니다. 깊은 모듈일수록 3×3, 5×5 브랜치에 더 많은 "
               "채널을 주는데, 높은 수준의 특징은 공간적으로 더 넓게 퍼져 있기 때문입니다.\n\n"
               "인셉션 탐색기(Inception explorer) 탭에서 현재 이미지에 대한 {module}의 네 브랜치 특성 맵과 이어 붙인 출력을 볼 수 "
               "있습니다."),
    },
    "atlas": {
        "en": ("Where each branch looks: the CAM atlas",
               "Grad-CAM asks, for the class the model predicts, which places in each module's and each "
               "branch's maps pushed that answer up. One backward pass gives a map for every module "
               "and branch.\n\n"
               "Early modules have small receptive fields and light up on edges and parts; from {whole} on "
               "a unit sees the whole {size}×{size} input, so the maps follow whole objects. The table "
               "gives each module's map size and its branches' receptive fields.\n\n"
               "The Explain tab shows the CAM atlas of the main head on the current image."),
        "ko": ("브랜치가 보는 곳: CAM 아틀라스",
               "Grad-CAM은 모델이 예측한 클래스에 대해, 각 모듈과 브랜치의 특성 맵에서 어느 위치가 그 예측을 "
               "높였는지 보여 줍니다. 한 번의 역전파로 모든 모듈과 브랜치의 맵을 얻습니다.\n\n"
               "앞쪽 모듈은 수용 영역이 작아 경계나 부분에 반응하고, {whole}부터는 한 유닛이 {size}×{size} 입력 "
               "전체를 보므로 맵이 물체 전체를 따라갑니다. 표에는 각 모듈의 맵 크기와 브랜치별 수용 영역이 "
               "있습니다.\n\n"
               "설명(Explain) 탭에서 현재 이미지에 대한 메인 분류기의 CAM 아틀라스를 볼 수 있습니다."),
    },
    "receptive": {
        "en": ("Receptive fields grow through the network",
               "A unit's receptive field is the patch of input pixels it can see. Each k×k layer widens it "
               "by (k−1) × the current spacing, and each stride multiplies the spacing between units.\n\n"
               "In this model it grows from {first_rf} pixels after conv1 to {stem_rf} after the stem, "
               "{mid_rf} at {mid} and {last_rf} at {last}, where neighbouring units are {last_jump} pixels "
               "apart. A field wider than the {size}-pixel input means the unit can use the whole image.\n\n"
               "The explorer shows {last} with the centre unit's receptive field outlined on the image; "
               "click any unit to see its own."),
        "ko": ("네트워크를 따라 커지는 수용 영역",
               "수용 영역(receptive field)은 한 유닛이 볼 수 있는 입력 픽셀의 범위입니다. k×k 층을 하나 "
               "지날 때마다 (k−1) × 현재 간격만큼 넓어지고, 스트라이드는 유닛 사이 간격을 곱으로 늘립니다.\n\n"
               "이 모델에서 수용 영역은 conv1 뒤 {first_rf}픽셀에서 스템 뒤 {stem_rf}픽셀, {mid}에서 "
               "{mid_rf}픽셀, {last}에서 {last_rf}픽셀까지 커지며, 이때 이웃한 유닛 사이 간격은 "
               "{last_jump}픽셀입니다. 수용 영역이 {size}픽셀 입력보다 넓으면 그 유닛은 이미지 전체를 쓸 수 "
               "있습니다.\n\n"
               "인셉션 탐색기(Inception explorer) 탭에서 {last}의 가운데 유닛의 수용 영역이 이미지 위에 표시됩니다. 다른 유닛을 클릭하면 "
               "그 유닛의 수용 영역을 볼 수 있습니다."),
    },
    "aux": {
        "en": ("The auxiliary classifiers and their 0.3 weight",
               "The deeper a network, the harder it is for the gradient to reach its early layers "
               "(vanishing gradients). GoogLeNet attaches two auxiliary classifiers in the middle: "
               "{aux_where}. During training their losses are added with a weight of {weight}: "
               "loss = main + {weight} × (aux1 + aux2). At inference they are discarded.\n\n"
               "{aux_now}\n\n"
               "The Explain tab switches to the aux1 head: its CAM atlas stops at the module it reads."),
        "ko": ("보조 분류기와 0.3 가중치",
               "네트워크가 깊어질수록 역전파에서 기울기가 앞쪽 층까지 전달되기 어려워집니다(기울기 소실). "
               "그래서 GoogLeNet은 네트워크 중간에 두 개의 보조 분류기(auxiliary classifier)를 "
               "답니다: {aux_where}. 학습할 때 보조 분류기의 손실에 {weight}의 가중치를 곱해 더합니다: "
               "손실 = 메인 + {weight} × (aux1 + aux2). 추론할 때는 보조 분류기를 제거합니다.\n\n"
               "{aux_now}\n\n"
               "설명(Explain) 탭이 aux1 분류기로 바뀝니다. 이 분류기의 CAM 아틀라스는 그것이 읽는 모듈에서 "
               "끝납니다."),
    },
    "gap": {
        "en": ("Global average pooling instead of a fully connected layer",
               "At the end, global average pooling averages each of the last feature maps into one "
               "number, giving a 1-D vector for the classifier. It has no parameters.\n\n"
               "Flattening the paper's 7×7×1024 map into a fully connected layer of 1024 units would "
               "need {paper_fc} parameters instead. In this model the last map is {map}: a fully "
               "connected layer there would need {model_fc}; pooling needs none, and only the final "
               "linear classifier ({classifier} parameters) remains.\n\n"
               "The Ops (Table 1) tab highlights the pooling and linear rows."),
        "ko": ("완전 연결층 대신 전역 평균 풀링",
               "마지막에는 전역 평균 풀링(Global Average Pooling)이 마지막 특성 맵 각각을 평균 내어 하나의 "
               "값으로 만들고, 이를 이어 1차원 벡터를 만들어 분류기에 넘깁니다. 전역 평균 풀링에는 "
               "파라미터가 없습니다.\n\n"
               "논문의 7×7×1024 특성 맵을 펼쳐(flatten) 1024개 유닛의 완전 연결층에 연결하면 {paper_fc}개의 "
               "파라미터가 필요합니다. 이 모델의 마지막 특성 맵은 {map}이므로 완전 연결층을 쓰면 {model_fc}개가 "
               "필요하지만, 전역 평균 풀링은 하나도 필요 없고 마지막 선형 분류기({classifier}개)만 남습니다.\n\n"
               "연산량(표 1, Ops) 탭에서 풀링과 선형 층 행이 강조됩니다."),
    },
    "table1": {
        "en": ("Table 1 on this model",
               "Table 1 of the paper lists every layer: output size, depth, the filter counts of each "
               "branch, parameters and multiply-adds. The Ops tab computes the same table from this "
               "model's own modules and sets the paper's values beside it.\n\n"
               "Without the auxiliary classifiers this model has {params} parameters (paper: "
               "{paper_params}) and needs {macs} multiply-adds per image (paper: {paper_macs} at "
               "224×224).\n\n"
               "Differences come from this model's own choices (input size, BatchNorm, the number of "
               "classes, torchvision's 3×3 kernel in the 5×5 slot); hover a row for its explanation."),
        "ko": ("이 모델의 Table 1",
               "논문의 Table 1은 모든 층의 출력 크기, 깊이, 브랜치별 필터 수, 파라미터 수와 곱셈-덧셈 연산 "
               "수를 보여 줍니다. 연산량(표 1, Ops) 탭은 이 모델의 실제 모듈로 같은 표를 계산하고 논문의 값을 "
               "옆에 둡니다.\n\n"
               "보조 분류기를 빼면 이 모델의 파라미터는 {params}개(논문: {paper_params}개)이고, 이미지 한 장에 "
               "{macs}번의 곱셈-덧셈 연산이 필요합니다(논문: 224×224에서 {paper_macs}).\n\n"
               "차이는 이 모델의 선택(입력 크기, 배치 정규화, 클래스 수, torchvision이 5×5 자리에 쓰는 3×3 "
               "커널)에서 옵니다. 행 위에 마우스를 올리면 설명이 나옵니다."),
    },
}

#: Column headers of each step's table, per language.
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "stem": {"en": ("layer", "output", "receptive field", "jump", "params", "multiply-adds"),
             "ko": ("층", "출력", "수용 영역", "간격", "파라미터", "곱셈-덧셈")},
    "module": {"en": ("case", "naive", "with 1×1 reduction", "ratio"),
               "ko": ("경우", "나이브", "1×1 차원 축소", "배율")},
    "every_module": {"en": ("module", "input", "3×3 naive", "3×3 reduced", "5×5 naive", "5×5 reduced",
                            "module naive", "module", "saved"),
                     "ko": ("모듈", "입력", "3×3 나이브", "3×3 축소", "5×5 나이브", "5×5 축소",
                            "모듈 나이브", "모듈", "절약")},
    "branches": {"en": ("branch", "channels", "receptive field", "jump", "multiply-adds"),
                 "ko": ("브랜치", "채널", "수용 영역", "간격", "곱셈-덧셈")},
    "atlas": {"en": ("module", "map", "1×1", "3×3", "5×5", "pool proj"),
              "ko": ("모듈", "맵 크기", "1×1", "3×3", "5×5", "pool proj")},
    "receptive": {"en": ("layer", "output", "receptive field", "jump"),
                  "ko": ("층", "출력", "수용 영역", "간격")},
    "aux": {"en": ("head", "reads", "loss weight", "params", "top-1 now"),
            "ko": ("분류기", "입력 모듈", "손실 가중치", "파라미터", "현재 1순위")},
    "gap": {"en": ("layer", "input", "output", "params"),
            "ko": ("층", "입력", "출력", "파라미터")},
    "table1": {"en": ("layer", "params", "paper params", "multiply-adds", "paper multiply-adds"),
               "ko": ("층", "파라미터", "논문 파라미터", "곱셈-덧셈", "논문 곱셈-덧셈")},
}

#: Short phrases filled into the bodies, per language.
PHRASES: dict[str, dict[str, str]] = {
    "aux_where": {"en": "{aux1} after {aux1_at}, {aux2} after {aux2_at}",
                  "ko": "{aux1_at} 뒤에 {aux1}, {aux2_at} 뒤에 {aux2}"},
    "aux_none": {"en": "This model was built without auxiliary classifiers, so only the main head predicts.",
                 "ko": "이 모델은 보조 분류기 없이 만들어졌으므로 메인 분류기만 예측합니다."},
    "aux_no_image": {"en": "Open an image to see what each head predicts for it now.",
                     "ko": "이미지를 열면 각 분류기가 지금 무엇을 예측하는지 볼 수 있습니다."},
    "aux_now": {"en": "On the current image: {heads}.", "ko": "현재 이미지에 대한 예측: {heads}."},
    "pair": {"en": "{head} says “{label}” ({percent})", "ko": "{head} 분류기 “{label}”({percent})"},
    "fc_instead": {"en": "FC instead of pooling", "ko": "풀링 대신 완전 연결층"},
    "gap_row": {"en": "global average pooling", "ko": "전역 평균 풀링"},
    "paper_row": {"en": "paper, 7×7×1024", "ko": "논문, 7×7×1024"},
    "seed_row": {"en": "paper: 14×14×480 → 48 × 5×5", "ko": "논문 예시: 14×14×480 → 5×5 48개"},
    "model_row": {"en": "{module}, 5×5 branch", "ko": "{module} 5×5 브랜치"},
    "main": {"en": "main", "ko": "메인"},
}
