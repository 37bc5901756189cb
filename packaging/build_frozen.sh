#!/usr/bin/env bash
# Build the one-folder frozen app with PyInstaller, then smoke-test it: the frozen
# executable must answer --help and write a non-empty screenshot of the window with a
# sample photo loaded (offscreen, no display needed).
#
#   packaging/build_frozen.sh            # build + smoke test
#   SMOKE_ONLY=1 packaging/build_frozen.sh   # only re-run the smoke test
#   SAMPLE=photo.jpg ...                 # smoke-test another photo
#   SMOKE_ARGS="--weights my.pth" ...     # extra app options for the smoke test
#
# Output: packaging/dist/googlenet-gui/googlenet-gui  (ship the whole folder).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python}"
DIST="$ROOT/packaging/dist"
APP_DIR="$DIST/googlenet-gui"
APP="$APP_DIR/googlenet-gui"
SHOT="${SHOT:-$ROOT/packaging/build/smoke-screenshot.png}"

if [[ -z "${SMOKE_ONLY:-}" ]]; then
    "$PYTHON" -c "import PyInstaller" 2>/dev/null || "$PYTHON" -m pip install "pyinstaller>=6.6"
    # The `fast` extra (onnx, onnxruntime) is bundled when installed: ONNX Runtime serves the CPU.
    "$PYTHON" -c "import onnx, onnxruntime" 2>/dev/null || "$PYTHON" -m pip install "$ROOT[fast]"
    "$PYTHON" -m PyInstaller --noconfirm --clean \
        --distpath "$DIST" --workpath "$ROOT/packaging/build" \
        "$ROOT/packaging/googlenet-gui.spec"
    # Desktop integration ships next to the executable:
    # googlenet-gui/desktop-integration/install-desktop.sh points the launcher at ../googlenet-gui.
    mkdir -p "$APP_DIR/desktop-integration/icons"
    cp "$ROOT"/packaging/linux/* "$APP_DIR/desktop-integration/"
    cp "$ROOT"/resources/icons/* "$APP_DIR/desktop-integration/icons/"
fi

[[ -x "$APP" ]] || { echo "build_frozen: $APP is missing" >&2; exit 1; }

SAMPLE="${SAMPLE:-$(find "$ROOT/resources/samples" -maxdepth 1 -type f \
    \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' -o -iname '*.bmp' \) \
    | sort | head -n 1)}"
[[ -n "$SAMPLE" ]] || { echo "build_frozen: no sample photo in resources/samples" >&2; exit 1; }

export QT_QPA_PLATFORM=offscreen
# Offline by default: without the official weights cached the app opens an untrained
# model (with a warning) instead of waiting on a download; set GOOGLENET_GUI_OFFLINE=0
# to let it fetch them.
export GOOGLENET_GUI_OFFLINE="${GOOGLENET_GUI_OFFLINE:-1}"
echo "== size"
du -sh "$APP_DIR"

echo "== --help"
start=$(date +%s%N)
"$APP" --help > /dev/null
echo "--help took $(( ($(date +%s%N) - start) / 1000000 )) ms"

echo "== screenshot of $SAMPLE"
mkdir -p "$(dirname "$SHOT")"
rm -f "$SHOT"
start=$(date +%s%N)
# shellcheck disable=SC2086  # SMOKE_ARGS is a list of options
"$APP" ${SMOKE_ARGS:-} --screenshot "$SHOT" "$SAMPLE"
echo "start-up to screenshot exit took $(( ($(date +%s%N) - start) / 1000000 )) ms"

# A PNG starts with \x89PNG; an empty or truncated file fails here.
[[ -s "$SHOT" ]] || { echo "build_frozen: screenshot $SHOT is empty or missing" >&2; exit 1; }
[[ "$(head -c 4 "$SHOT" | tail -c 3)" == "PNG" ]] || { echo "build_frozen: $SHOT is not a PNG" >&2; exit 1; }
echo "build_frozen: OK, screenshot $SHOT ($(stat -c %s "$SHOT") bytes)"
