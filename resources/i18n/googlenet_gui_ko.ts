<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
    <context>
        <name>AblationPanel</name>
        <message>
            <source>pool</source>
            <extracomment>Column headers, English values shown through ``translate("AblationPanel", title)``.</extracomment>
            <translation>풀링</translation>
        </message>
        <message>
            <source>all</source>
            <extracomment>The whole module's column.</extracomment>
            <translation>전체</translation>
        </message>
        <message>
            <source>ablated: nothing (the model as trained)</source>
            <translation>절제: 없음 (학습된 그대로의 모델)</translation>
        </message>
        <message>
            <source>ablated: {specs}</source>
            <translation>절제: {specs}</translation>
        </message>
        <message>
            <source>unablated</source>
            <translation>절제 전</translation>
        </message>
        <message>
            <source>ablated</source>
            <translation>절제 후</translation>
        </message>
        <message>
            <source>computing…</source>
            <translation>계산 중…</translation>
        </message>
        <message>
            <source>channels, e.g. inception4c.3x3:0-15,40</source>
            <extracomment>Channel ablations typed in (``inception4c.3x3:0-15,40``), after the toggles in :meth:`specs`. The window's check of a typed spec against the loaded model: None if fine, else the message.</extracomment>
            <translation>채널, 예: inception4c.3x3:0-15,40</translation>
        </message>
        <message>
            <source>Switch chosen channels off: MODULE.BRANCH:CHANNELS or MODULE:CHANNELS, channels as 0-15,40 within that tensor; Enter adds them</source>
            <translation>고른 채널을 끕니다: 모듈.브랜치:채널 또는 모듈:채널, 채널은 그 텐서 안에서 0-15,40처럼 씁니다. Enter를 누르면 추가됩니다</translation>
        </message>
        <message>
            <source>Switch off</source>
            <translation>끄기</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>초기화</translation>
        </message>
        <message>
            <source>Switch every branch back on</source>
            <translation>모든 브랜치를 다시 켭니다</translation>
        </message>
        <message>
            <source>off</source>
            <translation>끔</translation>
        </message>
        <message>
            <source>on</source>
            <translation>켬</translation>
        </message>
        <message>
            <source>Switch {spec} off (zero it) for this image</source>
            <translation>이 이미지에서 {spec}을(를) 끕니다 (0으로 만듦)</translation>
        </message>
    </context>
    <context>
        <name>AtlasGrid</name>
        <message>
            <source>output</source>
            <extracomment>English values, shown through ``translate("AtlasGrid", title)`` (1×1, 3×3, 5×5 need no translation).</extracomment>
            <translation>출력</translation>
        </message>
        <message>
            <source>pool-proj</source>
            <translation>풀링-투영</translation>
        </message>
        <message>
            <source>out</source>
            <extracomment>Shorter headers for narrow cells (presentation fonts, small windows): the longest that fits is shown.</extracomment>
            <translation>출력</translation>
        </message>
        <message>
            <source>pool</source>
            <translation>풀링</translation>
        </message>
    </context>
    <context>
        <name>AuxState</name>
        <message>
            <source>trained</source>
            <translation>학습됨</translation>
        </message>
        <message>
            <source>untrained</source>
            <translation>학습 안 됨</translation>
        </message>
        <message>
            <source>calibrated</source>
            <translation>보정됨</translation>
        </message>
        <message>
            <source>absent</source>
            <translation>없음</translation>
        </message>
    </context>
    <context>
        <name>BackendSlots</name>
        <message>
            <source>ONNX Runtime (graph recorded by an earlier session)</source>
            <translation>ONNX Runtime (이전 세션에서 기록한 그래프)</translation>
        </message>
        <message>
            <source>A recorded graph serves while PyTorch loads the model</source>
            <translation>PyTorch가 모델을 불러오는 동안 기록된 그래프가 예측합니다</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Dismiss</source>
            <translation>닫기</translation>
        </message>
    </context>
    <context>
        <name>Branch</name>
        <message>
            <source>1×1</source>
            <extracomment>Display names of the four branches, in concatenation order. How the explorer, the live view and the report title each branch (torchvision's "5x5" is a 3x3 slot). English values (the CLI and the report print them); the window shows ``translate("Branch", title)``.</extracomment>
            <translation>1×1</translation>
        </message>
        <message>
            <source>3×3</source>
            <translation>3×3</translation>
        </message>
        <message>
            <source>5×5 slot</source>
            <translation>5×5 자리</translation>
        </message>
        <message>
            <source>pool-proj</source>
            <translation>풀링-투영</translation>
        </message>
    </context>
    <context>
        <name>CellView</name>
        <message>
            <source>The clicked atlas cell, Grad-CAM at a stem layer, the exact CAM of the main head, or occlusion sensitivity (a grey patch slid over the image)</source>
            <extracomment>The large view's own choices besides the clicked atlas cell.</extracomment>
            <translation>클릭한 아틀라스 셀, 스템 레이어의 Grad-CAM, 메인 분류기의 정확한 CAM, 또는 가림 민감도 (회색 패치를 이미지 위로 옮기며 측정)</translation>
        </message>
        <message>
            <source>Show:</source>
            <translation>표시:</translation>
        </message>
        <message>
            <source>Click a cell of the atlas to see it large.</source>
            <translation>아틀라스의 셀을 클릭하면 크게 보입니다.</translation>
        </message>
        <message>
            <source>atlas cell</source>
            <translation>아틀라스 셀</translation>
        </message>
        <message>
            <source>CAM, main head (exact)</source>
            <translation>CAM, 메인 분류기 (정확)</translation>
        </message>
        <message>
            <source>Occlusion sensitivity (slow, Esc stops)</source>
            <translation>가림 민감도 (느림, Esc로 중지)</translation>
        </message>
        <message>
            <source>Grad-CAM at {layer} (stem)</source>
            <translation>{layer}의 Grad-CAM (스템)</translation>
        </message>
        <message>
            <source>computing…</source>
            <translation>계산 중…</translation>
        </message>
    </context>
    <context>
        <name>ChannelCard</name>
        <message>
            <source>Load a model to see what its channels respond to.</source>
            <extracomment>English values, shown through ``translate("ChannelCard", text)``.</extracomment>
            <translation>모델을 불러오면 각 채널이 무엇에 반응하는지 볼 수 있습니다.</translation>
        </message>
        <message>
            <source>module output</source>
            <translation>모듈 출력</translation>
        </message>
        <message>
            <source>1×1 branch</source>
            <translation>1×1 브랜치</translation>
        </message>
        <message>
            <source>3×3 branch</source>
            <translation>3×3 브랜치</translation>
        </message>
        <message>
            <source>5×5 branch</source>
            <translation>5×5 브랜치</translation>
        </message>
        <message>
            <source>pool-proj branch</source>
            <translation>풀링-투영 브랜치</translation>
        </message>
        <message>
            <source>The whole module's output, or one of its four branches</source>
            <extracomment>Makes the status line's text: called again after a language switch.</extracomment>
            <translation>모듈 전체의 출력, 또는 네 브랜치 중 하나</translation>
        </message>
        <message>
            <source>The channel whose picture to make (counted within the branch)</source>
            <translation>그림을 만들 채널 (브랜치 안에서 센 번호)</translation>
        </message>
        <message>
            <source>Optimisation steps: more is sharper and slower</source>
            <translation>최적화 단계 수: 많을수록 선명하지만 느립니다</translation>
        </message>
        <message>
            <source>Side of the picture in pixels</source>
            <translation>그림 한 변의 픽셀 수</translation>
        </message>
        <message>
            <source>The random start: another seed, another picture</source>
            <translation>무작위 시작점: 시드가 다르면 그림도 다릅니다</translation>
        </message>
        <message>
            <source>Pictures made together, pushed apart by the diversity term</source>
            <translation>함께 만드는 그림 수 (다양성 항이 서로 다르게 밀어냄)</translation>
        </message>
        <message>
            <source>How strongly several pictures are pushed to differ</source>
            <translation>여러 그림이 서로 달라지도록 미는 세기</translation>
        </message>
        <message>
            <source>negative</source>
            <translation>음의 방향</translation>
        </message>
        <message>
            <source>What switches the channel off instead of on</source>
            <translation>채널을 켜는 대신 끄는 것을 찾습니다</translation>
        </message>
        <message>
            <source>Visualise</source>
            <translation>시각화</translation>
        </message>
        <message>
            <source>Visualise this branch</source>
            <translation>이 브랜치 시각화</translation>
        </message>
        <message>
            <source>A mosaic of every channel of the branch, the cached ones first</source>
            <translation>브랜치의 모든 채널을 한 모자이크로 (캐시된 것부터)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>취소</translation>
        </message>
        <message>
            <source>Channel:</source>
            <translation>채널:</translation>
        </message>
        <message>
            <source>Steps:</source>
            <translation>단계:</translation>
        </message>
        <message>
            <source>Size:</source>
            <translation>크기:</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>시드:</translation>
        </message>
        <message>
            <source>Images:</source>
            <translation>이미지:</translation>
        </message>
        <message>
            <source>Diversity:</source>
            <translation>다양성:</translation>
        </message>
        <message>
            <source>Pick a layer and a channel, then Visualise.</source>
            <translation>레이어와 채널을 고른 뒤 시각화를 누르세요.</translation>
        </message>
        <message>
            <source>Optimising: step {done} of {total}…</source>
            <translation>최적화 중: {total}단계 중 {done}단계…</translation>
        </message>
        <message>
            <source>No picture yet with these settings: press Visualise.</source>
            <translation>이 설정으로 만든 그림이 아직 없습니다: 시각화를 누르세요.</translation>
        </message>
        <message>
            <source>{layer} · channel {channel}</source>
            <translation>{layer} · 채널 {channel}</translation>
        </message>
    </context>
    <context>
        <name>ChannelView</name>
        <message>
            <source>Click the map: what one unit sees.</source>
            <translation>맵을 클릭하면 한 유닛이 보는 영역이 나옵니다.</translation>
        </message>
        <message>
            <source>Click a channel in any mosaic to see it here.</source>
            <translation>모자이크에서 채널을 클릭하면 여기에 크게 보입니다.</translation>
        </message>
        <message>
            <source>size {size}</source>
            <translation>크기 {size}</translation>
        </message>
        <message>
            <source>cell = {cell} px</source>
            <translation>셀 = {cell} px</translation>
        </message>
        <message>
            <source>min {value}</source>
            <translation>최솟값 {value}</translation>
        </message>
        <message>
            <source>max {value}</source>
            <translation>최댓값 {value}</translation>
        </message>
        <message>
            <source>mean {value}</source>
            <translation>평균 {value}</translation>
        </message>
        <message>
            <source>std {value}</source>
            <translation>표준편차 {value}</translation>
        </message>
        <message>
            <source>active (&gt;0) {share}</source>
            <translation>활성 {share}</translation>
        </message>
        <message>
            <source>peak x={x}, y={y}</source>
            <translation>최대 x={x}, y={y}</translation>
        </message>
    </context>
    <context>
        <name>ChartColumns</name>
        <message>
            <source>previous model</source>
            <translation>이전 모델</translation>
        </message>
        <message>
            <source>new model</source>
            <translation>새 모델</translation>
        </message>
        <message>
            <source>previous: {name}</source>
            <translation>이전: {name}</translation>
        </message>
        <message>
            <source>new: {name}</source>
            <translation>새 모델: {name}</translation>
        </message>
    </context>
    <context>
        <name>ClassBin</name>
        <message>
            <source>Drop images (or folders) of class '{name}' here</source>
            <translation>'{name}' 클래스의 이미지(또는 폴더)를 여기에 놓으세요</translation>
        </message>
    </context>
    <context>
        <name>ClassBins</name>
        <message>
            <source>Add class</source>
            <translation>클래스 추가</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>이름 바꾸기</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>제거</translation>
        </message>
        <message>
            <source>New class</source>
            <translation>새 클래스</translation>
        </message>
        <message>
            <source>Class name:</source>
            <translation>클래스 이름:</translation>
        </message>
        <message>
            <source>class {number}</source>
            <translation>클래스 {number}</translation>
        </message>
        <message>
            <source>Rename class</source>
            <translation>클래스 이름 바꾸기</translation>
        </message>
    </context>
    <context>
        <name>Compare</name>
        <message>
            <source>Both answer “{label}” ({was} → {now}).</source>
            <translation>두 모델 모두 “{label}”(으)로 답합니다 ({was} → {now}).</translation>
        </message>
        <message>
            <source>The answer changed from “{before}” ({was}) to “{after}” ({now}).</source>
            <translation>답이 “{before}”({was})에서 “{after}”({now})(으)로 바뀌었습니다.</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <source>Nothing to compare yet. After a fine-tune, “Use this model” loads it and shows its answers on the current image here, beside the previous model's.</source>
            <translation>아직 비교할 것이 없습니다. 미세 조정 뒤 “이 모델 사용”을 누르면 새 모델을 불러와, 현재 이미지에 대한 답을 이전 모델의 답 옆에 여기서 보여 줍니다.</translation>
        </message>
        <message>
            <source>Untrained aux head: noise.</source>
            <translation>학습되지 않은 보조 분류기: 잡음입니다.</translation>
        </message>
    </context>
    <context>
        <name>ConfusionView</name>
        <message>
            <source>The validation confusion matrix (rows: true class, columns: predicted) appears here after the first epoch.</source>
            <translation>검증 혼동 행렬(행: 실제 클래스, 열: 예측)은 첫 에폭이 끝나면 여기에 나타납니다.</translation>
        </message>
        <message>
            <source>true class</source>
            <translation>실제 클래스</translation>
        </message>
        <message>
            <source>predicted</source>
            <translation>예측</translation>
        </message>
        <message>
            <source>Validation confusion matrix</source>
            <translation>검증 혼동 행렬</translation>
        </message>
        <message>
            <source>Validation, best epoch ({epoch})</source>
            <translation>검증, 최고 에폭 ({epoch})</translation>
        </message>
        <message>
            <source>Best epoch ({epoch})</source>
            <translation>최고 에폭 ({epoch})</translation>
        </message>
        <message>
            <source>Validation, epoch {epoch}</source>
            <translation>검증, 에폭 {epoch}</translation>
        </message>
        <message>
            <source>Epoch {epoch}</source>
            <translation>에폭 {epoch}</translation>
        </message>
    </context>
    <context>
        <name>CurvesView</name>
        <message>
            <source>Loss (cross-entropy)</source>
            <translation>손실 (교차 엔트로피)</translation>
        </message>
        <message>
            <source>Accuracy (0–1)</source>
            <translation>정확도 (0–1)</translation>
        </message>
        <message>
            <source>epoch</source>
            <translation>에폭</translation>
        </message>
    </context>
    <context>
        <name>DictionaryRow</name>
        <message>
            <source>Open {layer} channel {channel} in the card</source>
            <translation>{layer} 채널 {channel}을(를) 카드에서 엽니다</translation>
        </message>
        <message>
            <source>channel {channel}</source>
            <translation>채널 {channel}</translation>
        </message>
    </context>
    <context>
        <name>DictionaryView</name>
        <message>
            <source>Select an image, then click a spot of it: the channels that respond most there are listed with their pictures.</source>
            <extracomment>An English value, shown through ``translate("DictionaryView", HINT)``.</extracomment>
            <translation>이미지를 고른 뒤 한 지점을 클릭하세요: 그곳에서 가장 강하게 반응하는 채널이 그림과 함께 나열됩니다.</translation>
        </message>
        <message>
            <source>{layer}: map {width}×{height} · click another spot of the image</source>
            <translation>{layer}: 맵 {width}×{height} · 이미지의 다른 지점을 클릭하세요</translation>
        </message>
        <message>
            <source>Strongest channels at row {row}, column {col}</source>
            <translation>{row}행 {col}열에서 가장 강한 채널</translation>
        </message>
        <message>
            <source>row {row}, column {col}</source>
            <translation>{row}행 {col}열</translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <source>googlenet-gui: unexpected error</source>
            <translation>googlenet-gui: 예기치 않은 오류</translation>
        </message>
        <message>
            <source>The details were written to the log file {path}.</source>
            <translation>자세한 내용은 로그 파일 {path}에 기록되었습니다.</translation>
        </message>
        <message>
            <source>No log file could be written.</source>
            <translation>로그 파일을 쓸 수 없었습니다.</translation>
        </message>
        <message>
            <source>{where} Please include them when you report this problem.</source>
            <translation>{where} 이 문제를 보고할 때 함께 보내 주세요.</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>자세한 내용 복사</translation>
        </message>
    </context>
    <context>
        <name>ExamplesView</name>
        <message>
            <source>Choose a folder of images: one pass records, for every channel, the images that excite it most.</source>
            <extracomment>An English value, shown through ``translate("ExamplesView", NO_FOLDER)``.</extracomment>
            <translation>이미지 폴더를 고르세요: 한 번 훑으며 채널마다 가장 강하게 활성화하는 이미지를 기록합니다.</translation>
        </message>
        <message>
            <source>Choose folder…</source>
            <extracomment>Make the status line's and the title's texts: called again after a language switch.</extracomment>
            <translation>폴더 선택…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>취소</translation>
        </message>
        <message>
            <source>Waiting to read {folder}…</source>
            <translation>{folder} 읽기를 기다리는 중…</translation>
        </message>
        <message>
            <source>Recording the strongest images of every channel: {done} of {total} images…</source>
            <translation>모든 채널의 가장 강한 이미지를 기록하는 중: 이미지 {total}개 중 {done}개…</translation>
        </message>
        <message>
            <source>{images} images from the cache · click a channel anywhere to see its top images</source>
            <translation>캐시에서 이미지 {images}개 · 어디서든 채널을 클릭하면 상위 이미지가 보입니다</translation>
        </message>
        <message>
            <source>{images} images recorded · click a channel anywhere to see its top images</source>
            <translation>이미지 {images}개 기록됨 · 어디서든 채널을 클릭하면 상위 이미지가 보입니다</translation>
        </message>
        <message>
            <source> · {count} skipped: {first}</source>
            <translation> · {count}개 건너뜀: {first}</translation>
        </message>
        <message>
            <source>{layer} · channel {channel}: top {count}, each cropped to the receptive field of its strongest unit</source>
            <translation>{layer} · 채널 {channel}: 상위 {count}개, 각각 가장 강한 유닛의 수용 영역으로 자름</translation>
        </message>
        <message>
            <source>{layer} · {channel}: top {count}</source>
            <translation>{layer} · {channel}: 상위 {count}개</translation>
        </message>
        <message>
            <source>{layer} · channel {channel}: reading its top images…</source>
            <translation>{layer} · 채널 {channel}: 상위 이미지를 읽는 중…</translation>
        </message>
        <message>
            <source>{layer} · {channel}: reading…</source>
            <translation>{layer} · {channel}: 읽는 중…</translation>
        </message>
        <message>
            <source>Folder of images for dataset examples</source>
            <translation>데이터셋 예시용 이미지 폴더</translation>
        </message>
    </context>
    <context>
        <name>ExplainJobs</name>
        <message>
            <source>Branch importance: {done} of {total} branches…</source>
            <translation>브랜치 중요도: 브랜치 {total}개 중 {done}개…</translation>
        </message>
        <message>
            <source>Occlusion sensitivity: {done} of {total} patches…</source>
            <translation>가림 민감도: 패치 {total}개 중 {done}개…</translation>
        </message>
    </context>
    <context>
        <name>ExplainPanel</name>
        <message>
            <source>CAM (exact)</source>
            <extracomment>Heat maps are &gt;= 0: only the sequential tables make sense. English values, shown through ``translate("ExplainPanel", title)``.</extracomment>
            <translation>CAM (정확)</translation>
        </message>
        <message>
            <source>occlusion sensitivity</source>
            <translation>가림 민감도</translation>
        </message>
        <message>
            <source>Occlusion sensitivity</source>
            <translation>가림 민감도</translation>
        </message>
        <message>
            <source>Grad-CAM at {layer}</source>
            <translation>{layer}의 Grad-CAM</translation>
        </message>
        <message>
            <source>The head to explain: main, or an aux head (it reads inception4a or 4d)</source>
            <translation>설명할 분류기: 메인, 또는 보조 분류기 (inception4a나 4d의 출력을 읽음)</translation>
        </message>
        <message>
            <source>The class to explain: the head's top-1 unless you pick another of its top-5</source>
            <translation>설명할 클래스: top-5 중 다른 것을 고르지 않으면 분류기의 top-1</translation>
        </message>
        <message>
            <source>How strongly the map covers the image</source>
            <translation>맵이 이미지를 덮는 세기</translation>
        </message>
        <message>
            <source>Head:</source>
            <translation>분류기:</translation>
        </message>
        <message>
            <source>Class:</source>
            <translation>클래스:</translation>
        </message>
        <message>
            <source>Opacity:</source>
            <translation>불투명도:</translation>
        </message>
        <message>
            <source>Colours:</source>
            <translation>색상:</translation>
        </message>
        <message>
            <source>CAM atlas</source>
            <translation>CAM 아틀라스</translation>
        </message>
        <message>
            <source>Ablation</source>
            <translation>브랜치 절제</translation>
        </message>
        <message>
            <source>Branch importance</source>
            <translation>브랜치 중요도</translation>
        </message>
        <message>
            <source>Grad-CAM of every Inception module and branch appears here once an image is classified.</source>
            <translation>이미지를 분류하면 모든 인셉션 모듈과 브랜치의 Grad-CAM이 여기에 나타납니다.</translation>
        </message>
        <message>
            <source>computing… {done} of {total}</source>
            <translation>계산 중… {total}개 중 {done}개</translation>
        </message>
        <message>
            <source>class {index}</source>
            <translation>클래스 {index}</translation>
        </message>
        <message>
            <source>{head} · “{label}” ({percent}) · Grad-CAM of every module and branch from one backward pass · click a cell</source>
            <translation>{head} · “{label}” ({percent}) · 한 번의 역전파로 구한 모든 모듈과 브랜치의 Grad-CAM · 셀을 클릭하세요</translation>
        </message>
        <message>
            <source>{head} · {label} · click a cell</source>
            <translation>{head} · {label} · 셀을 클릭하세요</translation>
        </message>
        <message>
            <source>peak at row {row}, column {column} · map {width}×{height}</source>
            <translation>최댓값 {row}행 {column}열 · 맵 {width}×{height}</translation>
        </message>
    </context>
    <context>
        <name>ExplainSlots</name>
        <message>
            <source>load a model first</source>
            <translation>먼저 모델을 불러오세요</translation>
        </message>
        <message>
            <source>Ablating {branches}</source>
            <translation>절제 중: {branches}</translation>
        </message>
        <message>
            <source>Branch importance</source>
            <translation>브랜치 중요도</translation>
        </message>
        <message>
            <source>Occlusion sensitivity</source>
            <translation>가림 민감도</translation>
        </message>
        <message>
            <source>Explaining at {layer}</source>
            <translation>{layer}에서 설명 중</translation>
        </message>
        <message>
            <source>Receptive field of {layer} ({row}, {col})</source>
            <translation>{layer} ({row}, {col})의 수용 영역</translation>
        </message>
        <message>
            <source>Explaining {image} ({head})</source>
            <translation>{image} 설명 중 ({head})</translation>
        </message>
    </context>
    <context>
        <name>Explorer</name>
        <message>
            <source>shared</source>
            <extracomment>Normalisation modes: the keys (stored in the settings, kept in each item's data) and how the menu names them.</extracomment>
            <translation>공통</translation>
        </message>
        <message>
            <source>per branch</source>
            <translation>브랜치별</translation>
        </message>
        <message>
            <source>per channel</source>
            <translation>채널별</translation>
        </message>
        <message>
            <source>&lt;br&gt;effective field: computing…</source>
            <translation>&lt;br&gt;유효 수용 영역: 계산 중…</translation>
        </message>
        <message>
            <source>&lt;br&gt;right: effective field</source>
            <translation>&lt;br&gt;오른쪽: 유효 수용 영역</translation>
        </message>
        <message>
            <source>unit&amp;nbsp;({row},&amp;nbsp;{col})</source>
            <translation>유닛&amp;nbsp;({row},&amp;nbsp;{col})</translation>
        </message>
        <message>
            <source>{unit} of {layer}</source>
            <translation>{layer}의 {unit}</translation>
        </message>
        <message>
            <source>{unit} sees rows&amp;nbsp;{top}–{bottom}, cols&amp;nbsp;{left}–{right}&lt;br&gt;field&amp;nbsp;{field}&amp;nbsp;px · jump&amp;nbsp;{jump}&amp;nbsp;px</source>
            <translation>{unit}: 행&amp;nbsp;{top}–{bottom}, 열&amp;nbsp;{left}–{right}을 봅니다&lt;br&gt;수용 영역&amp;nbsp;{field}&amp;nbsp;px · 간격&amp;nbsp;{jump}&amp;nbsp;px</translation>
        </message>
        <message>
            <source>{channels} ch ({channel_share}) · energy {energy_share}</source>
            <translation>{channels}채널 ({channel_share}) · 에너지 {energy_share}</translation>
        </message>
        <message>
            <source>{channels} ch · {energy_share} energy</source>
            <translation>{channels}채널 · 에너지 {energy_share}</translation>
        </message>
        <message>
            <source>{channels} channels · {size}</source>
            <translation>채널 {channels}개 · {size}</translation>
        </message>
        <message>
            <source>{channels} ch · {size}</source>
            <translation>{channels}채널 · {size}</translation>
        </message>
    </context>
    <context>
        <name>ExplorerPanel</name>
        <message>
            <source>Colour map of every mosaic and the channel view</source>
            <translation>모든 모자이크와 채널 보기의 색상표</translation>
        </message>
        <message>
            <source>shared: one scale for the module · per branch · per channel: each map to [0, 1]</source>
            <translation>공통: 모듈 전체에 한 척도 · 브랜치별 · 채널별: 맵마다 [0, 1]로 늘림</translation>
        </message>
        <message>
            <source>Colours:</source>
            <translation>색상:</translation>
        </message>
        <message>
            <source>Normalise:</source>
            <translation>정규화:</translation>
        </message>
        <message>
            <source>Open in Features</source>
            <translation>특성 탭에서 열기</translation>
        </message>
        <message>
            <source>The clicked channel in the Features tab: what it responds to, its top images</source>
            <translation>클릭한 채널을 특성 탭에서 봅니다: 무엇에 반응하는지, 가장 강하게 반응한 이미지</translation>
        </message>
        <message>
            <source>concatenated output</source>
            <translation>연결된 출력</translation>
        </message>
        <message>
            <source>{layer}: concatenated output</source>
            <translation>{layer}: 연결된 출력</translation>
        </message>
        <message>
            <source>{layer} output</source>
            <translation>{layer} 출력</translation>
        </message>
        <message>
            <source>shared scale {low} … {high}</source>
            <translation>공통 척도 {low} … {high}</translation>
        </message>
        <message>
            <source>scale: {mode}</source>
            <translation>척도: {mode}</translation>
        </message>
        <message>
            <source>output</source>
            <translation>출력</translation>
        </message>
        <message>
            <source>{layer} · {where} · channel {channel}</source>
            <translation>{layer} · {where} · 채널 {channel}</translation>
        </message>
        <message>
            <source>(output channel {channel})</source>
            <translation>(출력 채널 {channel})</translation>
        </message>
    </context>
    <context>
        <name>FeatureSlots</name>
        <message>
            <source>Visualising {layer} channel {channel}</source>
            <extracomment>Images kept per channel by the examples pass; a channel shows the first :data:`SHOWN_EXAMPLES`. Channels listed by the dictionary, and example crops beside each.</extracomment>
            <translation>{layer} 채널 {channel} 시각화 중</translation>
        </message>
        <message>
            <source>Semantic dictionary at {layer}</source>
            <translation>{layer}의 의미 사전</translation>
        </message>
        <message>
            <source>Reading the top images of {layer} channel {channel}</source>
            <translation>{layer} 채널 {channel}의 상위 이미지 읽는 중</translation>
        </message>
        <message>
            <source>Dataset examples of {folder}</source>
            <translation>{folder}의 데이터셋 예시</translation>
        </message>
        <message>
            <source>Visualising every channel of {layer}</source>
            <translation>{layer}의 모든 채널 시각화 중</translation>
        </message>
        <message>
            <source>Waiting for the worker…</source>
            <translation>작업 스레드를 기다리는 중…</translation>
        </message>
        <message>
            <source>From the cache: computed before with these settings.</source>
            <translation>캐시에서 가져옴: 같은 설정으로 이전에 계산했습니다.</translation>
        </message>
        <message>
            <source>Cancelled in {seconds} s</source>
            <translation>{seconds} s 만에 취소됨</translation>
        </message>
        <message>
            <source>Done in {seconds} s</source>
            <translation>{seconds} s 만에 완료</translation>
        </message>
        <message>
            <source>{done} · objective {start} → {end}</source>
            <translation>{done} · 목적 함수 {start} → {end}</translation>
        </message>
        <message>
            <source>Branch mosaic: {count} channels pictured.</source>
            <translation>브랜치 모자이크: 채널 {count}개를 그렸습니다.</translation>
        </message>
        <message>
            <source>Branch mosaic: {done} of {total} channels…</source>
            <translation>브랜치 모자이크: 채널 {total}개 중 {done}개…</translation>
        </message>
        <message>
            <source>Dataset examples: {done} of {total} images…</source>
            <translation>데이터셋 예시: 이미지 {total}개 중 {done}개…</translation>
        </message>
    </context>
    <context>
        <name>FeaturesPanel</name>
        <message>
            <source>“Visualise this branch” fills this mosaic with every channel's picture, the cached ones first.</source>
            <extracomment>An English value, shown through ``translate("FeaturesPanel", MOSAIC_HINT)``.</extracomment>
            <translation>“이 브랜치 시각화”를 누르면 모든 채널의 그림이 이 모자이크를 채웁니다 (캐시된 것부터).</translation>
        </message>
        <message>
            <source>Mosaic</source>
            <extracomment>Makes the mosaic's caption (whole, short): called again after a language switch.</extracomment>
            <translation>모자이크</translation>
        </message>
        <message>
            <source>Branch mosaic: every channel's picture</source>
            <translation>브랜치 모자이크: 모든 채널의 그림</translation>
        </message>
        <message>
            <source>Examples</source>
            <translation>예시</translation>
        </message>
        <message>
            <source>Dataset examples: the images that excite a channel</source>
            <translation>데이터셋 예시: 채널을 강하게 활성화하는 이미지</translation>
        </message>
        <message>
            <source>Dictionary</source>
            <translation>사전</translation>
        </message>
        <message>
            <source>Semantic dictionary: the channels at one spot</source>
            <translation>의미 사전: 한 지점에서 반응하는 채널</translation>
        </message>
        <message>
            <source>{layer}: {count} channels, the cached ones first · click a tile to open it</source>
            <translation>{layer}: 채널 {count}개, 캐시된 것부터 · 타일을 클릭하면 열립니다</translation>
        </message>
        <message>
            <source>{layer}: {count} channels</source>
            <translation>{layer}: 채널 {count}개</translation>
        </message>
        <message>
            <source>{layer}: {done} of {total} channels · click a tile to open it</source>
            <translation>{layer}: 채널 {total}개 중 {done}개 · 타일을 클릭하면 열립니다</translation>
        </message>
        <message>
            <source>{layer}: {done} of {total}</source>
            <translation>{layer}: {total}개 중 {done}개</translation>
        </message>
    </context>
    <context>
        <name>GraphPreparer</name>
        <message>
            <source>Checking for an ONNX Runtime graph</source>
            <extracomment>A stage whose job the window cancelled before it ran goes back to the stage that asks for it.</extracomment>
            <translation>ONNX Runtime 그래프 확인 중</translation>
        </message>
        <message>
            <source>Writing the ONNX Runtime graph</source>
            <translation>ONNX Runtime 그래프 쓰는 중</translation>
        </message>
        <message>
            <source>Opening the ONNX Runtime session</source>
            <translation>ONNX Runtime 세션 여는 중</translation>
        </message>
        <message>
            <source>the ONNX Runtime step failed; PyTorch keeps serving</source>
            <translation>ONNX Runtime 단계가 실패하여 PyTorch가 계속 예측합니다</translation>
        </message>
        <message>
            <source>not available</source>
            <translation>사용할 수 없음</translation>
        </message>
        <message>
            <source>Inference now runs on ONNX Runtime (same results, about twice as fast on a CPU)</source>
            <translation>이제 ONNX Runtime에서 추론합니다 (결과는 같고, CPU에서 약 두 배 빠름)</translation>
        </message>
    </context>
    <context>
        <name>Heads</name>
        <message>
            <source>Main head</source>
            <extracomment>In English; shown as ``translate("Heads", title)`` (see :func:`head_title`).</extracomment>
            <translation>메인 분류기</translation>
        </message>
        <message>
            <source>Aux 1 (after 4a)</source>
            <translation>보조 1 (4a 뒤)</translation>
        </message>
        <message>
            <source>Aux 2 (after 4d)</source>
            <translation>보조 2 (4d 뒤)</translation>
        </message>
    </context>
    <context>
        <name>HeadsStrip</name>
        <message>
            <source>Main head</source>
            <extracomment>Each head's title, English (shown as ``translate("HeadsStrip", title)``).</extracomment>
            <translation>메인 분류기</translation>
        </message>
        <message>
            <source>Aux 1 (4a)</source>
            <translation>보조 1 (4a)</translation>
        </message>
        <message>
            <source>Aux 2 (4d)</source>
            <translation>보조 2 (4d)</translation>
        </message>
    </context>
    <context>
        <name>ImportanceChart</name>
        <message>
            <source>Branch importance</source>
            <extracomment>The branch's short tick under each bar group: 1×1, 3×3, 5×5, pool-proj. Makes the status line's text: called again after a language switch. The legend's heads and their top-1 classes, as last shown.</extracomment>
            <translation>브랜치 중요도</translation>
        </message>
        <message>
            <source>Switch each of the 36 branches off alone and record each head's drop in top-1 probability (Esc cancels)</source>
            <translation>36개 브랜치를 하나씩 끄고 분류기마다 top-1 확률이 얼마나 떨어지는지 기록합니다 (Esc로 취소)</translation>
        </message>
        <message>
            <source>top-1 drop</source>
            <translation>top-1 감소</translation>
        </message>
        <message>
            <source>Which branches matter for this image? Run it to see.</source>
            <translation>이 이미지에는 어떤 브랜치가 중요할까요? 실행해 보세요.</translation>
        </message>
        <message>
            <source>{done} of {total} branches</source>
            <translation>브랜치 {total}개 중 {done}개</translation>
        </message>
        <message>
            <source>{done} of {total} branches · bars: 1×1, 3×3, 5×5, pool-proj of each module</source>
            <translation>브랜치 {total}개 중 {done}개 · 막대: 각 모듈의 1×1, 3×3, 5×5, 풀링-투영</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>시작하는 중…</translation>
        </message>
        <message>
            <source>Cancelled: the bars shown are the branches done so far.</source>
            <translation>취소됨: 보이는 막대는 지금까지 끝난 브랜치입니다.</translation>
        </message>
    </context>
    <context>
        <name>Intake</name>
        <message>
            <source>'{path}' holds no image files.</source>
            <translation>'{path}'에 이미지 파일이 없습니다.</translation>
        </message>
        <message>
            <source>'{path}' does not exist.</source>
            <translation>'{path}'이(가) 없습니다.</translation>
        </message>
        <message>
            <source>{address} is neither a local file nor an http(s) address.</source>
            <translation>{address}은(는) 로컬 파일도 http(s) 주소도 아닙니다.</translation>
        </message>
        <message>
            <source>dropped image ({format})</source>
            <translation>끌어 놓은 이미지 ({format})</translation>
        </message>
        <message>
            <source>pasted image</source>
            <translation>붙여 넣은 이미지</translation>
        </message>
        <message>
            <source>Nothing usable in that drop: drop image files, a folder, a checkpoint or a web image.</source>
            <translation>끌어 놓은 항목 중 쓸 수 있는 것이 없습니다: 이미지 파일, 폴더, 체크포인트 또는 웹 이미지를 끌어 놓으세요.</translation>
        </message>
    </context>
    <context>
        <name>JobRunner</name>
        <message>
            <source>Out of memory: try a smaller image or batch, or the CPU device.</source>
            <extracomment>Every worker thread a runner created; tests assert they are all finished afterwards.</extracomment>
            <translation>메모리가 부족합니다: 더 작은 이미지나 배치, 또는 CPU 장치를 사용해 보세요.</translation>
        </message>
        <message>
            <source>Unexpected error ({summary}); details are in the log.</source>
            <translation>예기치 않은 오류 ({summary}). 자세한 내용은 로그에 있습니다.</translation>
        </message>
    </context>
    <context>
        <name>Jobs</name>
        <message>
            <source>Loading {weights}</source>
            <translation>{weights} 불러오는 중</translation>
        </message>
        <message>
            <source>Loading default weights</source>
            <translation>기본 가중치 불러오는 중</translation>
        </message>
        <message>
            <source>Moving the model to {device}</source>
            <translation>모델을 {device}(으)로 옮기는 중</translation>
        </message>
    </context>
    <context>
        <name>LanguageMenu</name>
        <message>
            <source>&amp;Language</source>
            <translation>언어(&amp;L)</translation>
        </message>
        <message>
            <source>System ({language})</source>
            <translation>시스템 설정 ({language})</translation>
        </message>
    </context>
    <context>
        <name>LessonController</name>
        <message>
            <source>Lesson</source>
            <extracomment>The lesson's language: ``window`` (the default: the window's) or an explicit ``en``/``ko``.</extracomment>
            <translation>수업</translation>
        </message>
    </context>
    <context>
        <name>LessonPanel</name>
        <message>
            <source>Auto</source>
            <extracomment>The choice that follows the window's language (stored as such; "en"/"ko" are explicit choices). The lesson's languages, each named in itself. The panel's own words, per language (the steps carry theirs). Relative sizes (Qt rich text's keywords), so presentation mode's larger window font enlarges them too.</extracomment>
            <translation>자동</translation>
        </message>
        <message>
            <source>Language of the lesson text. Auto: the window's language (View &gt; Language), now {language}</source>
            <translation>수업 텍스트의 언어. 자동: 창의 언어(보기 &gt; 언어)를 따릅니다. 지금은 {language}</translation>
        </message>
    </context>
    <context>
        <name>LiveController</name>
        <message>
            <source>live frame {number}</source>
            <translation>라이브 프레임 {number}</translation>
        </message>
        <message>
            <source>Live</source>
            <translation>라이브</translation>
        </message>
        <message>
            <source>Videos ({patterns});;All files (*)</source>
            <translation>동영상 ({patterns});;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Open a video file</source>
            <translation>동영상 파일 열기</translation>
        </message>
        <message>
            <source>Live: {name}, frame {number}</source>
            <translation>라이브: {name}, 프레임 {number}</translation>
        </message>
    </context>
    <context>
        <name>LiveView</name>
        <message>
            <source>Camera {index}: {name}</source>
            <extracomment>The states :meth:`LiveView.show_stats` words before the numbers ("": streaming).</extracomment>
            <translation>카메라 {index}: {name}</translation>
        </message>
        <message>
            <source>Test pattern (no camera)</source>
            <translation>테스트 패턴 (카메라 없음)</translation>
        </message>
        <message>
            <source>Video: {path}</source>
            <translation>동영상: {path}</translation>
        </message>
        <message>
            <source>Where frames come from</source>
            <translation>프레임을 가져올 곳</translation>
        </message>
        <message>
            <source>Source:</source>
            <translation>입력:</translation>
        </message>
        <message>
            <source>Module:</source>
            <translation>모듈:</translation>
        </message>
        <message>
            <source>Open video file…</source>
            <translation>동영상 파일 열기…</translation>
        </message>
        <message>
            <source>Freeze (Space)</source>
            <translation>프레임 고정 (Space)</translation>
        </message>
        <message>
            <source>Stop on the frame shown and inspect it in every tab; Space again resumes</source>
            <translation>보이는 프레임에서 멈추고 모든 탭에서 살펴봅니다. Space를 다시 누르면 이어집니다</translation>
        </message>
        <message>
            <source>The Inception module whose branches are shown</source>
            <translation>브랜치를 보여 줄 인셉션 모듈</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>중지됨</translation>
        </message>
        <message>
            <source>No camera found (Qt lists no video input). Open a video file, or use the test pattern to see the pipeline run.</source>
            <translation>카메라를 찾지 못했습니다(Qt에 영상 입력이 없습니다). 동영상 파일을 열거나, 테스트 패턴으로 파이프라인이 도는 모습을 보세요.</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>중지</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>시작</translation>
        </message>
        <message>
            <source> on {engine}</source>
            <translation>, {engine}</translation>
        </message>
        <message>
            <source>{fps:.1f} frames/s · {processed} processed · {dropped} dropped · {total_ms:.0f} ms a frame ({pass_ms:.0f} ms pass{engine})</source>
            <translation>{fps:.1f} 프레임/s · 처리 {processed} · 버림 {dropped} · 프레임당 {total_ms:.0f} ms (패스 {pass_ms:.0f} ms{engine})</translation>
        </message>
        <message>
            <source>{fps:.1f} frames/s · {dropped} dropped</source>
            <translation>{fps:.1f} 프레임/s · 버림 {dropped}</translation>
        </message>
        <message>
            <source>Frozen on frame {number} (Space resumes)</source>
            <translation>프레임 {number}에서 고정됨 (Space로 이어서)</translation>
        </message>
        <message>
            <source>Frame {number} · {label}</source>
            <translation>프레임 {number} · {label}</translation>
        </message>
        <message>
            <source>{channels} ch · {share:.0%} of energy</source>
            <translation>{channels} 채널 · 에너지의 {share:.0%}</translation>
        </message>
        <message>
            <source>no CAM</source>
            <translation>CAM 없음</translation>
        </message>
        <message>
            <source>CAM of the main head's top-1: {label}</source>
            <translation>메인 분류기 top-1의 CAM: {label}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Inspecting {image}</source>
            <translation>{image} 검사 중</translation>
        </message>
        <message>
            <source>GoogLeNet explorer</source>
            <translation>GoogLeNet 탐색기</translation>
        </message>
        <message>
            <source>Inception explorer</source>
            <translation>인셉션 탐색기</translation>
        </message>
        <message>
            <source>Explain</source>
            <translation>설명</translation>
        </message>
        <message>
            <source>Features</source>
            <translation>특성</translation>
        </message>
        <message>
            <source>Ops (Table 1)</source>
            <translation>연산량 (표 1)</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>비교</translation>
        </message>
        <message>
            <source>Fine-tune</source>
            <translation>미세 조정</translation>
        </message>
        <message>
            <source>Fine-tune — {status}</source>
            <translation>미세 조정 — {status}</translation>
        </message>
        <message>
            <source>{count} image(s) in the queue ({again} already there, unchanged)</source>
            <translation>대기열에 이미지 {count}개 ({again}개는 이미 있고 바뀌지 않음)</translation>
        </message>
        <message>
            <source>{count} image(s) in the queue</source>
            <translation>대기열에 이미지 {count}개</translation>
        </message>
        <message>
            <source>Comparing models</source>
            <translation>모델 비교 중</translation>
        </message>
        <message>
            <source>Counting operations</source>
            <translation>연산량 세는 중</translation>
        </message>
        <message>
            <source>Preparing the inference copy</source>
            <translation>추론용 사본 준비 중</translation>
        </message>
        <message>
            <source>Classifying {count} queued image(s)</source>
            <translation>대기 중인 이미지 {count}개 분류 중</translation>
        </message>
        <message>
            <source>Could not count operations: {problem}</source>
            <translation>연산량을 셀 수 없습니다: {problem}</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>취소되었습니다.</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>취소됨</translation>
        </message>
        <message>
            <source>Model ready: {name}</source>
            <translation>모델 준비됨: {name}</translation>
        </message>
    </context>
    <context>
        <name>ModelPanel</name>
        <message>
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>출처</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>형식</translation>
        </message>
        <message>
            <source>Container</source>
            <translation>컨테이너</translation>
        </message>
        <message>
            <source>Variant</source>
            <translation>변형</translation>
        </message>
        <message>
            <source>Architecture</source>
            <translation>구조</translation>
        </message>
        <message>
            <source>Classes</source>
            <translation>클래스</translation>
        </message>
        <message>
            <source>Class names from</source>
            <translation>클래스 이름 출처</translation>
        </message>
        <message>
            <source>First class names</source>
            <translation>클래스 이름 (앞부분)</translation>
        </message>
        <message>
            <source>Aux heads</source>
            <translation>보조 분류기</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>파라미터</translation>
        </message>
        <message>
            <source>Preprocessing</source>
            <translation>전처리</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>장치</translation>
        </message>
        <message>
            <source>Runs on</source>
            <translation>실행 환경</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>경고</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>참고</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>Load checkpoint…</source>
            <translation>체크포인트 불러오기…</translation>
        </message>
        <message>
            <source>Official ImageNet weights</source>
            <translation>공식 ImageNet 가중치</translation>
        </message>
        <message>
            <source>torchvision's GoogLeNet_Weights.IMAGENET1K_V1 (needs the cache or a download)</source>
            <translation>torchvision의 GoogLeNet_Weights.IMAGENET1K_V1 (캐시나 다운로드가 필요합니다)</translation>
        </message>
        <message>
            <source>Untrained model</source>
            <translation>학습되지 않은 모델</translation>
        </message>
        <message>
            <source>Random weights: useful offline to explore the architecture</source>
            <translation>무작위 가중치: 오프라인에서 구조를 살펴보기에 좋습니다</translation>
        </message>
        <message>
            <source>Device:</source>
            <translation>장치:</translation>
        </message>
        <message>
            <source>No model loaded yet.</source>
            <translation>아직 불러온 모델이 없습니다.</translation>
        </message>
        <message>
            <source>Checking for CUDA…</source>
            <translation>CUDA 확인 중…</translation>
        </message>
        <message>
            <source>CUDA is not available on this machine (no GPU or a CPU-only PyTorch)</source>
            <translation>이 컴퓨터에서는 CUDA를 쓸 수 없습니다 (GPU가 없거나 CPU 전용 PyTorch)</translation>
        </message>
        <message>
            <source>GPU: CUDA is not available on this machine</source>
            <translation>GPU: 이 컴퓨터에서는 CUDA를 쓸 수 없습니다</translation>
        </message>
    </context>
    <context>
        <name>ModulePicker</name>
        <message>
            <source>stem</source>
            <extracomment>(stage name, its maps' side at 224 px input, layers); pools between stages are drawn as arrows. Names in English, shown as ``translate("ModulePicker", stage)``.</extracomment>
            <translation>스템</translation>
        </message>
        <message>
            <source>stage 3</source>
            <translation>3단계</translation>
        </message>
        <message>
            <source>stage 4</source>
            <translation>4단계</translation>
        </message>
        <message>
            <source>stage 5</source>
            <translation>5단계</translation>
        </message>
        <message>
            <source>{layer}: four parallel branches (1x1, 3x3, 5x5, pool-proj) concatenated — key {key}</source>
            <extracomment>What an arrow shrinks to where the whole row does not fit (presentation fonts at 1024 px). Thin spaces (U+2009) around "pool": a normal space left the word 1 px short of fitting at 1024 px. Room a whole stage caption must leave before the next one.</extracomment>
            <translation>{layer}: 병렬 브랜치 네 개(1x1, 3x3, 5x5, pool-proj)를 이어 붙임 — 단축키 {key}</translation>
        </message>
        <message>
            <source>{layer}: stem layer before the Inception modules</source>
            <translation>{layer}: 인셉션 모듈 앞의 스템 레이어</translation>
        </message>
    </context>
    <context>
        <name>OpsView</name>
        <message>
            <source>Load a model to see its Table 1.</source>
            <extracomment>The table's font never goes below this to fit the stage (it scrolls instead).</extracomment>
            <translation>모델을 불러오면 그 모델의 표 1이 보입니다.</translation>
        </message>
        <message>
            <source>Multiply-adds per Inception module (M)</source>
            <translation>인셉션 모듈별 곱셈-덧셈 (M)</translation>
        </message>
        <message>
            <source>with 1×1 reductions</source>
            <translation>1×1 차원 축소 있음</translation>
        </message>
        <message>
            <source>without</source>
            <translation>없음</translation>
        </message>
        <message>
            <source>Measured time per layer</source>
            <translation>레이어별 측정 시간</translation>
        </message>
        <message>
            <source>ms (left)</source>
            <translation>ms (왼쪽)</translation>
        </message>
        <message>
            <source>M mult-adds (right)</source>
            <translation>M 곱셈-덧셈 (오른쪽)</translation>
        </message>
        <message>
            <source>Counting parameters and multiply-adds…</source>
            <translation>파라미터와 곱셈-덧셈을 세는 중…</translation>
        </message>
        <message>
            <source>No operation count for this model.</source>
            <translation>이 모델의 연산량을 셀 수 없습니다.</translation>
        </message>
    </context>
    <context>
        <name>OptionsForm</name>
        <message>
            <source>Epochs</source>
            <extracomment>What the Train choice can be (``--train``'s values; ``last`` takes N).</extracomment>
            <translation>에폭</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <source>Optimiser</source>
            <translation>옵티마이저</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>학습률</translation>
        </message>
        <message>
            <source>Train</source>
            <translation>학습 대상</translation>
        </message>
        <message>
            <source>Image size</source>
            <translation>이미지 크기</translation>
        </message>
        <message>
            <source>Validation split</source>
            <translation>검증 비율</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <source>Augmentation</source>
            <translation>데이터 증강</translation>
        </message>
        <message>
            <source>Save to</source>
            <translation>저장 위치</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>자동</translation>
        </message>
        <message>
            <source>auto: {sgd:g} for sgd, {adam:g} for adam; a fifth of that for pretrained weights with everything trained</source>
            <translation>자동: sgd는 {sgd:g}, adam은 {adam:g}. 사전 학습된 가중치로 전체를 학습하면 그 5분의 1</translation>
        </message>
        <message>
            <source>the paper's with enough images per class, else flips</source>
            <translation>클래스마다 이미지가 충분하면 논문 방식, 아니면 좌우 반전</translation>
        </message>
        <message>
            <source>paper</source>
            <translation>논문 방식</translation>
        </message>
        <message>
            <source>random crops, colour jitter and flips, as the paper</source>
            <translation>논문처럼 무작위 크롭, 색 변화, 좌우 반전</translation>
        </message>
        <message>
            <source>flip</source>
            <translation>좌우 반전</translation>
        </message>
        <message>
            <source>mirror images only</source>
            <translation>좌우 반전만</translation>
        </message>
        <message>
            <source>the images as they are</source>
            <translation>이미지를 그대로</translation>
        </message>
        <message>
            <source>none</source>
            <translation>없음</translation>
        </message>
        <message>
            <source>Heads only (fc + aux)</source>
            <translation>분류기만 (fc + aux)</translation>
        </message>
        <message>
            <source>Heads + last N Inception modules</source>
            <translation>분류기 + 마지막 N개 인셉션 모듈</translation>
        </message>
        <message>
            <source>Everything</source>
            <translation>전체</translation>
        </message>
    </context>
    <context>
        <name>Predictions</name>
        <message>
            <source>⚠ untrained: noise, not an answer</source>
            <extracomment>Light tints of the heads' colours: the class names are drawn over the bars in dark text, which was hard to read on the full colours on a projector.</extracomment>
            <translation>⚠ 학습 안 됨: 답이 아니라 잡음</translation>
        </message>
        <message>
            <source>⚠ untrained: noise</source>
            <translation>⚠ 학습 안 됨: 잡음</translation>
        </message>
        <message>
            <source>Aux heads only help training. The official torchvision weights ship them untrained, so their predictions are noise; a fine-tuned or aux-calibrated checkpoint fixes that.</source>
            <translation>보조 분류기는 학습을 돕기만 합니다. 공식 torchvision 가중치에는 보조 분류기가 학습되지 않은 채 들어 있어 그 예측은 잡음입니다. 미세 조정했거나 보조 분류기를 보정한 체크포인트에서는 괜찮습니다.</translation>
        </message>
        <message>
            <source>same top-1 as main</source>
            <translation>메인 분류기와 top-1 같음</translation>
        </message>
        <message>
            <source>different top-1 from main</source>
            <translation>메인 분류기와 top-1 다름</translation>
        </message>
        <message>
            <source>top-1 same</source>
            <translation>top-1 같음</translation>
        </message>
        <message>
            <source>top-1 differs</source>
            <translation>top-1 다름</translation>
        </message>
        <message>
            <source>top-{k} overlap with main {overlap}</source>
            <translation>메인 분류기와 top-{k} 겹침 {overlap}</translation>
        </message>
        <message>
            <source>top-{k}: {overlap} overlap</source>
            <translation>top-{k}: {overlap} 겹침</translation>
        </message>
        <message>
            <source>model</source>
            <translation>모델</translation>
        </message>
        <message>
            <source>variant</source>
            <translation>변형</translation>
        </message>
        <message>
            <source>classes</source>
            <translation>클래스</translation>
        </message>
        <message>
            <source>device</source>
            <translation>장치</translation>
        </message>
        <message>
            <source>aux heads</source>
            <translation>보조 분류기</translation>
        </message>
        <message>
            <source>format</source>
            <translation>형식</translation>
        </message>
    </context>
    <context>
        <name>PredictionsPanel</name>
        <message>
            <source>No model loaded</source>
            <translation>불러온 모델 없음</translation>
        </message>
        <message>
            <source>Drop an image, a folder or a checkpoint onto the window, or pick one from Samples.</source>
            <translation>이미지, 폴더 또는 체크포인트를 창에 끌어다 놓거나 샘플에서 하나 고르세요.</translation>
        </message>
    </context>
    <context>
        <name>PresentView</name>
        <message>
            <source>Branch mosaics</source>
            <translation>브랜치 모자이크</translation>
        </message>
        <message>
            <source>CAM atlas</source>
            <translation>CAM 아틀라스</translation>
        </message>
        <message>
            <source>Ablation</source>
            <translation>브랜치 절제</translation>
        </message>
        <message>
            <source>Feature visualisation</source>
            <translation>특성 시각화</translation>
        </message>
        <message>
            <source>Table 1</source>
            <translation>Table 1</translation>
        </message>
        <message>
            <source>Fine-tune curves</source>
            <translation>미세 조정 곡선</translation>
        </message>
    </context>
    <context>
        <name>Presenter</name>
        <message>
            <source>Drop an image onto the window, or press N for the next one.</source>
            <extracomment>Keys a focused text field keeps (the rest still drive the stage). Keys a focused drop-down keeps: Up/Down choose its item, as everywhere else.</extracomment>
            <translation>창에 이미지를 놓거나, N을 눌러 다음 이미지로 넘어가세요.</translation>
        </message>
        <message>
            <source>{image}  ·  model: {model}</source>
            <translation>{image}  ·  모델: {model}</translation>
        </message>
    </context>
    <context>
        <name>QuickStart</name>
        <message>
            <source>Opening the recorded ONNX Runtime graph</source>
            <extracomment>How long the recorded graph waits for a first image before torch is loaded anyway. After an answer is on screen, how long without a new image before torch is loaded: its import freezes the window for up to ~0.4 s at a time, better while the user looks. A widget the first answer repaints (the window's predictions panel); see _release_after_paint.</extracomment>
            <translation>기록된 ONNX Runtime 그래프 여는 중</translation>
        </message>
    </context>
    <context>
        <name>ReportJob</name>
        <message>
            <source>Report: {part} ({done} of {total})…</source>
            <translation>보고서: {part} ({done}/{total})…</translation>
        </message>
    </context>
    <context>
        <name>ReportSlots</name>
        <message>
            <source>Load a model and select an image before exporting a report.</source>
            <translation>보고서를 내보내기 전에 모델을 불러오고 이미지를 선택하세요.</translation>
        </message>
        <message>
            <source>Writing the report of {image}</source>
            <translation>{image}의 보고서 쓰는 중</translation>
        </message>
        <message>
            <source>Report saved: {path}</source>
            <translation>보고서 저장됨: {path}</translation>
        </message>
    </context>
    <context>
        <name>ReportStep</name>
        <message>
            <source>predictions and branch maps</source>
            <extracomment>Steps before branch importance, then its 36 ablations, then Table 1.</extracomment>
            <translation>예측과 브랜치 특성 맵</translation>
        </message>
        <message>
            <source>Grad-CAM and CAM</source>
            <translation>Grad-CAM과 CAM</translation>
        </message>
        <message>
            <source>Table 1</source>
            <translation>Table 1</translation>
        </message>
        <message>
            <source>branch importance</source>
            <translation>브랜치 중요도</translation>
        </message>
    </context>
    <context>
        <name>RunBar</name>
        <message>
            <source>Show or hide the data and options, so the curves and the matrix can have the width</source>
            <translation>데이터와 옵션을 보이거나 숨깁니다. 숨기면 곡선과 행렬이 폭을 다 씁니다</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>시작</translation>
        </message>
        <message>
            <source>Cancel (Esc)</source>
            <translation>취소 (Esc)</translation>
        </message>
        <message>
            <source>Use this model</source>
            <translation>이 모델 사용</translation>
        </message>
        <message>
            <source>◂ Settings</source>
            <translation>◂ 설정</translation>
        </message>
        <message>
            <source>Settings ▸</source>
            <translation>설정 ▸</translation>
        </message>
    </context>
    <context>
        <name>ShortcutHelp</name>
        <message>
            <source>Open images</source>
            <extracomment>Keys (not translated: key names) and what they do (shown translated) in Help &gt; Keyboard shortcuts.</extracomment>
            <translation>이미지 열기</translation>
        </message>
        <message>
            <source>Open a folder</source>
            <translation>폴더 열기</translation>
        </message>
        <message>
            <source>Load a checkpoint</source>
            <translation>체크포인트 불러오기</translation>
        </message>
        <message>
            <source>Paste an image, a path or an image URL</source>
            <translation>이미지, 경로 또는 이미지 URL 붙여 넣기</translation>
        </message>
        <message>
            <source>Export all predictions (CSV or JSON)</source>
            <translation>모든 예측 내보내기 (CSV 또는 JSON)</translation>
        </message>
        <message>
            <source>Export a report of the image (one HTML file)</source>
            <translation>이미지의 보고서 내보내기 (HTML 파일 하나)</translation>
        </message>
        <message>
            <source>Next / previous image</source>
            <translation>다음 / 이전 이미지</translation>
        </message>
        <message>
            <source>Next / previous layer</source>
            <translation>다음 / 이전 레이어</translation>
        </message>
        <message>
            <source>Inception 3a … 5b</source>
            <translation>인셉션 3a … 5b</translation>
        </message>
        <message>
            <source>Live: a camera or a video classified as it plays</source>
            <translation>실시간: 카메라나 동영상을 재생하면서 분류</translation>
        </message>
        <message>
            <source>Live: freeze the frame shown (inspect it in every tab), again to resume</source>
            <translation>실시간: 보이는 프레임 멈추기 (모든 탭에서 검사), 한 번 더 누르면 재개</translation>
        </message>
        <message>
            <source>Lesson: the paper step by step on this model (English / 한국어)</source>
            <translation>수업: 이 모델로 논문을 단계별로 (English / 한국어)</translation>
        </message>
        <message>
            <source>Lesson: previous / next step</source>
            <translation>수업: 이전 / 다음 단계</translation>
        </message>
        <message>
            <source>Presentation mode: one view at a time, full screen (there: ←/→ view, ↑/↓ layer, N/P image, L pointer, C Table 1 columns, Esc leave)</source>
            <translation>발표 모드: 한 번에 한 화면씩 전체 화면으로 (그 안에서: ←/→ 화면, ↑/↓ 레이어, N/P 이미지, L 포인터, C 표 1 열, Esc 나가기)</translation>
        </message>
        <message>
            <source>Full screen</source>
            <translation>전체 화면</translation>
        </message>
        <message>
            <source>Cancel the running job</source>
            <translation>실행 중인 작업 취소</translation>
        </message>
    </context>
    <context>
        <name>Stage</name>
        <message>
            <source>←/→ view · ↑/↓ layer · N/P image · L pointer · C columns · Esc leave</source>
            <extracomment>The image's side as a share of the stage's height.</extracomment>
            <translation>←/→ 보기 · ↑/↓ 레이어 · N/P 이미지 · L 포인터 · C 열 · Esc 나가기</translation>
        </message>
        <message>
            <source>no image</source>
            <translation>이미지 없음</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <source>Ready</source>
            <translation>준비됨</translation>
        </message>
        <message>
            <source>Cancel (Esc)</source>
            <translation>취소 (Esc)</translation>
        </message>
    </context>
    <context>
        <name>SyntheticSource</name>
        <message>
            <source>test pattern</source>
            <extracomment>The test pattern's size: a common webcam's. Qt Multimedia's start-up chatter (optional hardware-decoding libraries not found, FFmpeg's version).</extracomment>
            <translation>테스트 패턴</translation>
        </message>
    </context>
    <context>
        <name>Table1</name>
        <message>
            <source>layer</source>
            <extracomment>Titles and tooltips in English (the report prints them); the Ops tab shows ``translate("Table1", text)``.</extracomment>
            <translation>레이어</translation>
        </message>
        <message>
            <source>Module of the loaded model (group rows sum the modules the paper lists as one)</source>
            <translation>불러온 모델의 모듈 (묶음 행은 논문이 하나로 적은 모듈들의 합)</translation>
        </message>
        <message>
            <source>type</source>
            <translation>유형</translation>
        </message>
        <message>
            <source>Layer type, as in the paper's Table 1</source>
            <translation>레이어 유형 (논문의 표 1과 같음)</translation>
        </message>
        <message>
            <source>patch / stride</source>
            <translation>패치 / 스트라이드</translation>
        </message>
        <message>
            <source>Kernel size / stride</source>
            <translation>커널 크기 / 스트라이드</translation>
        </message>
        <message>
            <source>output size</source>
            <translation>출력 크기</translation>
        </message>
        <message>
            <source>H×W×C at a 224×224 input</source>
            <translation>224×224 입력일 때 H×W×C</translation>
        </message>
        <message>
            <source>depth</source>
            <translation>깊이</translation>
        </message>
        <message>
            <source>Weight layers along the longest path</source>
            <translation>가장 긴 경로를 따라 있는 가중치 레이어 수</translation>
        </message>
        <message>
            <source>#1×1</source>
            <translation>#1×1</translation>
        </message>
        <message>
            <source>1×1 branch filters</source>
            <translation>1×1 브랜치의 필터 수</translation>
        </message>
        <message>
            <source>#3×3 reduce</source>
            <translation>#3×3 축소</translation>
        </message>
        <message>
            <source>1×1 filters before the 3×3 convolution</source>
            <translation>3×3 합성곱 앞의 1×1 필터 수</translation>
        </message>
        <message>
            <source>#3×3</source>
            <translation>#3×3</translation>
        </message>
        <message>
            <source>3×3 branch filters</source>
            <translation>3×3 브랜치의 필터 수</translation>
        </message>
        <message>
            <source>#5×5 reduce</source>
            <translation>#5×5 축소</translation>
        </message>
        <message>
            <source>1×1 filters before the 5×5 slot</source>
            <translation>5×5 자리 앞의 1×1 필터 수</translation>
        </message>
        <message>
            <source>#5×5</source>
            <translation>#5×5</translation>
        </message>
        <message>
            <source>Filters in the 5×5 slot (torchvision uses a 3×3 kernel here)</source>
            <translation>5×5 자리의 필터 수 (torchvision은 여기서 3×3 커널을 씁니다)</translation>
        </message>
        <message>
            <source>pool proj</source>
            <translation>풀링 투영</translation>
        </message>
        <message>
            <source>1×1 filters after the 3×3 max pool</source>
            <translation>3×3 최대 풀링 뒤의 1×1 필터 수</translation>
        </message>
        <message>
            <source>params</source>
            <translation>파라미터</translation>
        </message>
        <message>
            <source>Parameters of this model (weights, biases, BatchNorm)</source>
            <translation>이 모델의 파라미터 (가중치, 편향, BatchNorm)</translation>
        </message>
        <message>
            <source>paper params</source>
            <translation>논문 파라미터</translation>
        </message>
        <message>
            <source>The paper's value (K = 1024 weights)</source>
            <translation>논문의 값 (K = 가중치 1024개)</translation>
        </message>
        <message>
            <source>Δ params</source>
            <translation>Δ 파라미터</translation>
        </message>
        <message>
            <source>This model minus the paper</source>
            <translation>이 모델 값에서 논문 값을 뺀 차이</translation>
        </message>
        <message>
            <source>multiply-adds</source>
            <translation>곱셈-덧셈</translation>
        </message>
        <message>
            <source>Multiply-adds of this model (not FLOPs: FLOPs = 2 × MACs)</source>
            <translation>이 모델의 곱셈-덧셈 수 (FLOPs 아님: FLOPs = 2 × MACs)</translation>
        </message>
        <message>
            <source>paper ops</source>
            <translation>논문 연산</translation>
        </message>
        <message>
            <source>The paper's multiply-adds</source>
            <translation>논문의 곱셈-덧셈 수</translation>
        </message>
        <message>
            <source>Δ ops</source>
            <translation>Δ 연산</translation>
        </message>
        <message>
            <source>naive ops</source>
            <translation>단순 연산</translation>
        </message>
        <message>
            <source>Multiply-adds of the same module without 1×1 reductions</source>
            <translation>1×1 차원 축소가 없을 때 같은 모듈의 곱셈-덧셈 수</translation>
        </message>
        <message>
            <source>time (ms)</source>
            <translation>시간 (ms)</translation>
        </message>
        <message>
            <source>Measured wall time of this layer for the current image and device</source>
            <translation>현재 이미지와 장치에서 이 레이어가 걸린 실제 시간</translation>
        </message>
        <message>
            <source>convolution</source>
            <extracomment>The "type" column's words (core.opcount.rows names layers so), marked for the window to translate.</extracomment>
            <translation>합성곱</translation>
        </message>
        <message>
            <source>max pool</source>
            <translation>최대 풀링</translation>
        </message>
        <message>
            <source>avg pool</source>
            <translation>평균 풀링</translation>
        </message>
        <message>
            <source>inception</source>
            <translation>인셉션</translation>
        </message>
        <message>
            <source>linear</source>
            <translation>선형</translation>
        </message>
        <message>
            <source>auxiliary classifier</source>
            <translation>보조 분류기</translation>
        </message>
        <message>
            <source>dropout ({share})</source>
            <extracomment>``dropout (40%)``: the one type with a number in it.</extracomment>
            <translation>드롭아웃 ({share})</translation>
        </message>
        <message>
            <source>{architecture} at {size}×{size}: {params} parameters, {macs} multiply-adds ({params_without_aux} / {macs_without_aux} without aux heads); paper: {paper_params} / {paper_macs}. Hover a row for notes; yellow rows are quirks of the paper's table, red cells differ by more than {large_diff}%.</source>
            <extracomment>The totals line above Table 1, in English (the window shows ``translate("Table1", TOTALS)`` filled the same way).</extracomment>
            <translation>{architecture}, {size}×{size} 입력: 파라미터 {params}, 곱셈-덧셈 {macs} (보조 분류기 제외 {params_without_aux} / {macs_without_aux}); 논문: {paper_params} / {paper_macs}. 행에 마우스를 올리면 설명이 나옵니다. 노란 행은 논문 표의 특이한 점이고, 빨간 칸은 {large_diff}%보다 많이 다릅니다.</translation>
        </message>
        <message>
            <source>patch /
stride</source>
            <extracomment>Table 1 on a projector: the paper's own columns plus this model's totals; the rest one key away. Headers on two lines while presenting: one-line titles made the essential columns scroll at 1024 px. In English, shown as ``translate("Table1", title)`` like core's column titles.</extracomment>
            <translation>패치 /
스트라이드</translation>
        </message>
        <message>
            <source>output
size</source>
            <translation>출력
크기</translation>
        </message>
        <message>
            <source>#3×3
reduce</source>
            <translation>#3×3
축소</translation>
        </message>
        <message>
            <source>#5×5
reduce</source>
            <translation>#5×5
축소</translation>
        </message>
        <message>
            <source>pool
proj</source>
            <translation>풀링
투영</translation>
        </message>
        <message>
            <source>paper
params</source>
            <translation>논문
파라미터</translation>
        </message>
        <message>
            <source>ops</source>
            <translation>연산</translation>
        </message>
        <message>
            <source>paper
ops</source>
            <translation>논문
연산</translation>
        </message>
        <message>
            <source>naive
ops</source>
            <translation>단순
연산</translation>
        </message>
        <message>
            <source>time
(ms)</source>
            <translation>시간
(ms)</translation>
        </message>
    </context>
    <context>
        <name>Thumbnails</name>
        <message>
            <source>skipped (Esc)</source>
            <extracomment>What Esc leaves on the images it did not reach: not an error in the file (a marker the code compares, never shown: the caption and tooltip say it in the window's language).</extracomment>
            <translation>건너뜀 (Esc)</translation>
        </message>
        <message>
            <source>⚠ could not be read</source>
            <translation>⚠ 읽을 수 없음</translation>
        </message>
        <message>
            <source>skipped when you pressed Esc: click to classify it</source>
            <translation>Esc를 눌러 건너뛰었습니다: 클릭하면 분류합니다</translation>
        </message>
    </context>
    <context>
        <name>TrainingCharts</name>
        <message>
            <source>main</source>
            <extracomment>The epoch axis before a run is set up (the options form's default epoch count). The loss axis before the first batch: a little above chance for a few classes (ln 3 ~ 1.1).</extracomment>
            <translation>메인</translation>
        </message>
        <message>
            <source>dashed: train, solid: val</source>
            <translation>점선: 학습, 실선: 검증</translation>
        </message>
        <message>
            <source>grey: batch loss</source>
            <translation>회색: 배치 손실</translation>
        </message>
    </context>
    <context>
        <name>TrainingPanel</name>
        <message>
            <source>decoding images</source>
            <extracomment>Training images a class from which ``auto`` uses the paper's augmentation: the paper's recipe was made for ImageNet's ~1,300 a class; well below that it removes more than it adds. Learning rates from scratch and for new heads; :mod:`.defaults` picks lower ones for a pretrained network trained whole.</extracomment>
            <translation>이미지 디코딩</translation>
        </message>
        <message>
            <source>Choose data, then Start.</source>
            <extracomment>Narrower than this, the charts pane is cramped: Start folds the form away. How long after the tab's first paint the warm-up starts. WHY: its first step maps triton's 0.5 GB library, and the curve plots' follow-up repaints (autorange, axis sizes) that ran meanwhile took twice as long: the tab's first opening froze the window for 50–64 ms instead of ~40. Nobody presses Start within 0.3 s of opening the tab, and a Start that does waits for the warm-up anyway.</extracomment>
            <translation>데이터를 고른 뒤 시작을 누르세요.</translation>
        </message>
        <message>
            <source>Folder with one sub-folder per class</source>
            <translation>클래스마다 하위 폴더가 있는 폴더</translation>
        </message>
        <message>
            <source>Class bins (drop images below)</source>
            <translation>클래스 상자 (아래에 이미지를 놓으세요)</translation>
        </message>
        <message>
            <source>data folder</source>
            <translation>데이터 폴더</translation>
        </message>
        <message>
            <source>Browse...</source>
            <translation>찾아보기...</translation>
        </message>
        <message>
            <source>class</source>
            <translation>클래스</translation>
        </message>
        <message>
            <source>train</source>
            <translation>학습</translation>
        </message>
        <message>
            <source>val</source>
            <translation>검증</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>데이터</translation>
        </message>
        <message>
            <source>Options</source>
            <translation>옵션</translation>
        </message>
        <message>
            <source>Data folder (one sub-folder per class)</source>
            <translation>데이터 폴더 (클래스마다 하위 폴더 하나)</translation>
        </message>
        <message>
            <source>No data chosen yet.</source>
            <translation>아직 데이터를 고르지 않았습니다.</translation>
        </message>
        <message>
            <source>{classes} classes, {images} images</source>
            <translation>클래스 {classes}개, 이미지 {images}장</translation>
        </message>
        <message>
            <source>; imbalanced ({ratio:.1f}x)</source>
            <translation>; 불균형 ({ratio:.1f}배)</translation>
        </message>
        <message>
            <source>Load a model first (it provides the backbone).</source>
            <translation>먼저 모델을 불러오세요 (백본으로 씁니다).</translation>
        </message>
        <message>
            <source>Preparing the training code… training starts in a moment.</source>
            <translation>학습 코드를 준비하는 중… 곧 학습이 시작됩니다.</translation>
        </message>
        <message>
            <source>Checking and decoding images...</source>
            <translation>이미지를 확인하고 디코딩하는 중...</translation>
        </message>
        <message>
            <source>Cancelling after this batch...</source>
            <translation>이 배치가 끝나면 취소합니다...</translation>
        </message>
        <message>
            <source>Left out:</source>
            <translation>제외됨:</translation>
        </message>
        <message>
            <source>; {count} unreadable file(s) left out (hover to see them)</source>
            <translation>; 읽을 수 없는 파일 {count}개 제외 (마우스를 올리면 보입니다)</translation>
        </message>
        <message>
            <source>{train} training / {val} validation images</source>
            <translation>학습 이미지 {train}장 / 검증 이미지 {val}장</translation>
        </message>
        <message>
            <source>epoch {epoch}, batch {batch}/{batches}, loss {loss:.3f}, {speed:.1f} img/s, ETA {eta}</source>
            <translation>에폭 {epoch}, 배치 {batch}/{batches}, 손실 {loss:.3f}, {speed:.1f} img/s, 남은 시간 {eta}</translation>
        </message>
        <message>
            <source>; skipped {count} unreadable file(s)</source>
            <translation>; 읽을 수 없는 파일 {count}개 건너뜀</translation>
        </message>
        <message>
            <source>Done: best epoch {epoch}, validation accuracy {accuracy:.1%}, saved to {path}</source>
            <translation>완료: 최고 에폭 {epoch}, 검증 정확도 {accuracy:.1%}, {path}에 저장</translation>
        </message>
        <message>
            <source>Finished without a saved checkpoint</source>
            <translation>저장된 체크포인트 없이 끝났습니다</translation>
        </message>
        <message>
            <source>Cancelled. Kept the best checkpoint (epoch {epoch}, validation accuracy {accuracy:.1%}) in {path}</source>
            <translation>취소됨. 최고 체크포인트(에폭 {epoch}, 검증 정확도 {accuracy:.1%})를 {path}에 남겼습니다</translation>
        </message>
        <message>
            <source>Cancelled before the first epoch ended; nothing was saved.</source>
            <translation>첫 에폭이 끝나기 전에 취소되어 아무것도 저장하지 않았습니다.</translation>
        </message>
    </context>
    <context>
        <name>WindowActions</name>
        <message>
            <source>Images ({patterns});;All files (*)</source>
            <translation>이미지 ({patterns});;모든 파일 (*)</translation>
        </message>
        <message>
            <source>Checkpoints ({patterns});;All files (*)</source>
            <translation>체크포인트 ({patterns});;모든 파일 (*)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>파일(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Open images…</source>
            <translation>이미지 열기(&amp;O)…</translation>
        </message>
        <message>
            <source>Open &amp;folder…</source>
            <translation>폴더 열기(&amp;F)…</translation>
        </message>
        <message>
            <source>&amp;Load checkpoint…</source>
            <translation>체크포인트 불러오기(&amp;L)…</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation>최근 파일 열기(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Paste image</source>
            <translation>이미지 붙여 넣기(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Export predictions…</source>
            <translation>예측 내보내기(&amp;E)…</translation>
        </message>
        <message>
            <source>Export &amp;report…</source>
            <translation>보고서 내보내기(&amp;R)…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>종료(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Samples</source>
            <translation>예제(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Model</source>
            <translation>모델(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Official ImageNet weights</source>
            <translation>공식 ImageNet 가중치(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Untrained model</source>
            <translation>학습되지 않은 모델(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Cancel running job</source>
            <translation>실행 중인 작업 취소(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>도움말(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>단축키(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Lesson…</source>
            <translation>수업(&amp;L)…</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>보기(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Next image</source>
            <translation>다음 이미지(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Previous image</source>
            <translation>이전 이미지(&amp;P)</translation>
        </message>
        <message>
            <source>Next &amp;layer</source>
            <translation>다음 레이어(&amp;L)</translation>
        </message>
        <message>
            <source>Previous l&amp;ayer</source>
            <translation>이전 레이어(&amp;A)</translation>
        </message>
        <message>
            <source>L&amp;ive (camera or video)…</source>
            <translation>실시간 (카메라 또는 동영상)(&amp;I)…</translation>
        </message>
        <message>
            <source>P&amp;resentation mode</source>
            <translation>발표 모드(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Full screen</source>
            <translation>전체 화면(&amp;F)</translation>
        </message>
        <message>
            <source>Open images</source>
            <translation>이미지 열기</translation>
        </message>
        <message>
            <source>Open a folder of images</source>
            <translation>이미지 폴더 열기</translation>
        </message>
        <message>
            <source>Load a checkpoint</source>
            <translation>체크포인트 불러오기</translation>
        </message>
        <message>
            <source>Nothing to export yet: add some images first.</source>
            <translation>아직 내보낼 것이 없습니다: 먼저 이미지를 추가하세요.</translation>
        </message>
        <message>
            <source>Export predictions</source>
            <translation>예측 내보내기</translation>
        </message>
        <message>
            <source>Could not write {path}: {problem}.</source>
            <translation>{path}을(를) 쓸 수 없습니다: {problem}.</translation>
        </message>
        <message>
            <source>Exported {count} image(s) to {path}</source>
            <translation>이미지 {count}개를 {path}(으)로 내보냈습니다</translation>
        </message>
        <message>
            <source>Export report</source>
            <translation>보고서 내보내기</translation>
        </message>
        <message>
            <source>'{path}' no longer exists.</source>
            <translation>'{path}'이(가) 더 이상 없습니다.</translation>
        </message>
        <message>
            <source>(no samples installed)</source>
            <translation>(설치된 예제 없음)</translation>
        </message>
        <message>
            <source>All samples</source>
            <translation>모든 예제</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>단축키</translation>
        </message>
    </context>
</TS>
