#!/usr/bin/env bash
# Install (or remove) googlenet-gui's desktop integration for the current user: the
# launcher (.desktop), the icon at every size, the checkpoint MIME types (so that
# double-clicking a .pth/.pt/.safetensors file opens it in the app) and the AppStream
# metadata.  Nothing outside $XDG_DATA_HOME (default ~/.local/share) is touched.
#
#   install-desktop.sh                  # launcher runs `googlenet-gui` found on PATH
#   install-desktop.sh --exec /path/to/googlenet-gui   # e.g. the frozen app
#   install-desktop.sh --uninstall
#
# Works from a source checkout (packaging/linux/, icons in resources/icons/) and from
# the frozen app's desktop-integration/ folder (icons in ./icons, app in ../).
set -euo pipefail

APP_ID="io.github.googlenet_gui"
MIME_FILE="googlenet-gui-mime.xml"
CHECKPOINT_TYPES=(application/x-googlenet-checkpoint application/x-safetensors)
SIZES=(16 32 48 64 128 256 512)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

find_icons_dir() {
    local candidate
    for candidate in "${ICONS_DIR:-}" "$HERE/../../resources/icons" "$HERE/icons"; do
        if [[ -n "$candidate" && -f "$candidate/googlenet-gui.svg" ]]; then
            (cd "$candidate" && pwd)
            return
        fi
    done
    echo "install-desktop: cannot find the icons (googlenet-gui.svg) next to $HERE" >&2
    exit 1
}

find_executable() {
    local found
    if [[ -x "$HERE/../googlenet-gui" && -f "$HERE/../googlenet-gui" ]]; then  # frozen app layout
        found="$HERE/../googlenet-gui"
    else
        found="$(command -v googlenet-gui || true)"
    fi
    if [[ -z "$found" ]]; then
        echo "install-desktop: googlenet-gui is not on PATH; install it first (pip install . or pipx install .) or pass --exec PATH" >&2
        exit 1
    fi
    echo "$(cd "$(dirname "$found")" && pwd)/$(basename "$found")"
}

refresh_caches() {
    if command -v update-mime-database > /dev/null; then
        update-mime-database "$DATA_HOME/mime"
    fi
    if command -v update-desktop-database > /dev/null; then
        update-desktop-database "$DATA_HOME/applications"
    fi
    if command -v gtk-update-icon-cache > /dev/null && [[ -f "$DATA_HOME/icons/hicolor/index.theme" ]]; then
        gtk-update-icon-cache --quiet --force "$DATA_HOME/icons/hicolor" || true
    fi
}

uninstall() {
    local size
    rm -f "$DATA_HOME/applications/$APP_ID.desktop" \
          "$DATA_HOME/metainfo/$APP_ID.metainfo.xml" \
          "$DATA_HOME/mime/packages/$MIME_FILE" \
          "$DATA_HOME/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in "${SIZES[@]}"; do
        rm -f "$DATA_HOME/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    mkdir -p "$DATA_HOME/mime/packages" "$DATA_HOME/applications"
    refresh_caches
    echo "install-desktop: removed googlenet-gui's desktop integration from $DATA_HOME"
}

install() {
    local exec_path="$1" icons size
    icons="$(find_icons_dir)"
    mkdir -p "$DATA_HOME/applications" "$DATA_HOME/metainfo" "$DATA_HOME/mime/packages" \
             "$DATA_HOME/icons/hicolor/scalable/apps"
    # Exec takes the absolute path (double-quoted, as the Desktop Entry spec wants for
    # paths with spaces): menus often run without ~/.local/bin on PATH.
    sed -e "s|^Exec=googlenet-gui |Exec=\"$exec_path\" |" \
        -e "s|^TryExec=googlenet-gui\$|TryExec=$exec_path|" \
        "$HERE/$APP_ID.desktop" > "$DATA_HOME/applications/$APP_ID.desktop"
    cp "$HERE/$APP_ID.metainfo.xml" "$DATA_HOME/metainfo/"
    cp "$HERE/$MIME_FILE" "$DATA_HOME/mime/packages/"
    cp "$icons/googlenet-gui.svg" "$DATA_HOME/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in "${SIZES[@]}"; do
        mkdir -p "$DATA_HOME/icons/hicolor/${size}x${size}/apps"
        cp "$icons/googlenet-gui-$size.png" "$DATA_HOME/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    refresh_caches
    # Our own checkpoint types only; the user's image viewer stays the default for photos.
    if command -v xdg-mime > /dev/null; then
        xdg-mime default "$APP_ID.desktop" "${CHECKPOINT_TYPES[@]}" || true
    fi
    echo "install-desktop: installed googlenet-gui ($exec_path) into $DATA_HOME"
}

main() {
    local exec_path="" action="install"
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --exec) exec_path="${2:?--exec needs a path}"; shift 2 ;;
            --uninstall) action="uninstall"; shift ;;
            -h|--help) usage; exit 0 ;;
            *) echo "install-desktop: unknown option $1" >&2; usage >&2; exit 2 ;;
        esac
    done
    if [[ "$action" == "uninstall" ]]; then
        uninstall
        return
    fi
    if [[ -z "$exec_path" ]]; then
        exec_path="$(find_executable)"
    elif [[ ! -x "$exec_path" ]]; then
        echo "install-desktop: $exec_path is not an executable file" >&2
        exit 1
    fi
    install "$exec_path"
}

main "$@"
