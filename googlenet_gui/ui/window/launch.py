"""Start the desktop app, or capture it headless with ``--screenshot``.

``googlenet-gui [--weights W] [--device D] [--module NAME] [--tab NAME] [--lang L] [--presentation | --present]
[--view NAME] [--screenshot OUT.png] [--live SOURCE [--frames N] [--json]] [IMAGE ...]``
(``--live``: :mod:`googlenet_gui.ui.live.capture`).  With ``--screenshot`` the window opens, loads
the model, inspects the first IMAGE, waits until every view has been updated (the
window's ``views_updated`` signal comes after predictions, mosaics and the ops table),
saves a PNG of the whole window and exits 0; any error shown in the window, or a
timeout, exits 1 with that message on one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from googlenet_gui.ui.present.views import VIEW_KEYS

SCREENSHOT_TIMEOUT_S = 180
#: ``--tab`` names, as :meth:`MainWindow.show_tab` takes them.
TABS = ("explorer", "explain", "features", "ops", "model", "compare", "finetune")


def parse_app_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="googlenet-gui", description="GoogLeNet desktop app")
    parser.add_argument("--weights", default=None, help="checkpoint path, 'official' or 'untrained'")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda or cuda:N")
    parser.add_argument("--module", default=None, help="layer the explorer opens on, e.g. inception4c")
    parser.add_argument("--tab", default=None, choices=sorted(TABS), help="tab to show first")
    parser.add_argument("--lang", default=None, choices=("system", "en", "ko"),
                        help="language of the window for this run (default: View > Language, else the system's)")
    parser.add_argument("--screenshot", default=None, metavar="OUT.png",
                        help="save a PNG of the window once every view shows IMAGE, then exit")
    parser.add_argument("--presentation", "--present", dest="presentation", action="store_true",
                        help="presentation mode: one view at a time, full screen, for projectors")
    parser.add_argument("--view", default=None, choices=VIEW_KEYS,
                        help="the presentation view to show (implies --presentation)")
    parser.add_argument("--size", default="1400x900", help="window size WxH (screenshots)")
    parser.add_argument("--live", default=None, metavar="CAMERA_INDEX|VIDEO_FILE",
                        help="open the Live tab on a camera (0, 1, …), a video file or 'synthetic' (a test pattern)")
    parser.add_argument("--frames", type=int, default=None, metavar="N",
                        help="with --live: stop after N processed frames (with --screenshot: save the window then)")
    parser.add_argument("--json", action="store_true",
                        help="with --live --frames: print one JSON line (frames, seconds, fps, dropped, …)")
    parser.add_argument("images", nargs="*", help="images or folders to open")
    return parser.parse_args(argv)


def launch(argv: list[str]) -> int:
    """Run the app; returns the process exit code."""
    args = parse_app_args(argv)
    if args.screenshot and not args.images and not args.live:
        print("googlenet-gui: error: --screenshot needs an IMAGE to classify", file=sys.stderr)
        return 2
    if args.module is not None:
        from googlenet_gui.ui.views.module_picker import STEM_LAYERS, resolve_layer

        layer = resolve_layer(args.module)
        if layer is None:
            names = ", ".join((*STEM_LAYERS, "inception3a", "…", "inception5b"))
            print(f"googlenet-gui: error: --module {args.module!r} is not a layer; choose one of {names} "
                  "(or short: 4c, c1)", file=sys.stderr)
            return 2
        args.module = layer
    from googlenet_gui.core.inference.threads import apply_thread_policy

    apply_thread_policy(gui=True)  # leave the GUI thread a core so the window keeps ticking
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("googlenet-gui")
    from googlenet_gui.ui.window.settings import HEADLESS_APP_NAME

    QCoreApplication.setApplicationName(HEADLESS_APP_NAME if args.screenshot else "googlenet-gui")
    _set_icon(app)
    from googlenet_gui.ui.i18n.language import startup_language, switcher

    switcher.apply(startup_language(args.lang))
    from googlenet_gui.core.resources import APP_ID

    QGuiApplication.setDesktopFileName(APP_ID)  # Wayland matches the window to our .desktop and icon
    if args.live:
        from googlenet_gui.ui.live.sources import source_problem

        problem = source_problem(args.live)
        if problem is not None:
            print(f"googlenet-gui: error: {problem}", file=sys.stderr)
            return 2
    previous_hook = sys.excepthook
    try:
        window = open_window(args)
        install_excepthook(window)
        if args.live:
            from googlenet_gui.ui.live.capture import run_live

            return run_live(app, window, args)
        if args.screenshot:
            return capture(app, window, Path(args.screenshot))
        return app.exec()
    finally:
        sys.excepthook = previous_hook


def open_window(args: argparse.Namespace):  # noqa: ANN201 - MainWindow
    """Create, size and show the window, then queue the model load and the images."""
    import pyqtgraph as pg

    from googlenet_gui.ui.window.main_window import MainWindow

    pg.setConfigOptions(antialias=True, foreground="#303030")
    window = MainWindow(device=args.device, restore=not args.screenshot)
    if args.screenshot:
        window.persist_settings = False
        width, _, height = args.size.partition("x")
        window.resize(int(width), int(height))
    if args.module and not window.explorer.set_layer(args.module):
        window.explorer.picker.set_available(list(window.explorer.picker._buttons))
        window.explorer.set_layer(args.module)
    if args.tab:
        window.show_tab(args.tab)
    window.show()
    if args.presentation or args.view:
        window.actions_.toggle_presentation(args.view)
        if args.screenshot:  # a headless "screen" is tiny: capture at the requested size instead
            window.showNormal()
            window.resize(int(width), int(height))
    from googlenet_gui.ui.widgets.deferred import after_first_paint

    after_first_paint(window, lambda: _start_work(window, args))
    return window


def _start_work(window, args: argparse.Namespace) -> None:  # noqa: ANN001
    """Queue the model load and the images named on the command line.

    A checkpoint among the arguments (double-clicked .pth) is the model: loading the
    default first would only flash its "untrained" warning and cost a load.
    """
    from googlenet_gui.ui.window import intake

    if not window.isVisible():  # closed before its first paint: nothing left to load for
        return
    if args.weights is not None or not any(intake.is_checkpoint(p) for p in args.images):
        window.load_model(args.weights)
    if args.images:
        window.take(intake.from_paths(args.images))


def capture(app, window, out: Path) -> int:  # noqa: ANN001
    """Wait for ``views_updated`` (or an error / the timeout), save the PNG, close cleanly."""
    from PySide6.QtCore import QEventLoop, QTimer

    outcome: dict[str, str] = {}
    loop = QEventLoop()  # a local loop: app.quit() would leave a Quit event for whoever runs next

    def save(_key: int) -> None:
        """The inspected image is on screen; wait for the rest of the queue's thumbnails too."""
        if outcome:
            return
        counted = window.bundle is not None and window.bundle.ops_requested  # Table 1 follows the image
        waiting = window.runner.is_busy() or not counted or window.explain_waiting()
        if waiting or not all(entry.done for entry in window.entries.values()):
            QTimer.singleShot(50, lambda: save(_key))
            return
        QTimer.singleShot(100, lambda: finish(""))  # let the last paints land

    def finish(error: str) -> None:
        if outcome:
            return
        outcome["error"] = error
        if not error and not window.grab().save(str(out)):
            outcome["error"] = f"could not write {out}"
        window.close()
        loop.quit()

    def on_message(kind: str, text: str) -> None:
        if kind == "error":
            finish(text)

    window.views_updated.connect(save)
    window.message_shown.connect(on_message)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_S * 1000, lambda: finish(f"timed out after {SCREENSHOT_TIMEOUT_S} s"))
    if not outcome:
        loop.exec()
    if outcome.get("error"):
        print(f"googlenet-gui: error: {outcome['error']}", file=sys.stderr)
        return 1
    print(f"saved {out}")
    return 0


def install_excepthook(window) -> None:  # noqa: ANN001
    """A bug in a slot becomes a one-line message and a dialog (summary, log file, "Copy
    details"); the traceback goes to the log file.  Headless runs show the message only."""
    import logging
    import traceback

    from googlenet_gui.core.logfile import log_path
    from googlenet_gui.ui.window.error_dialog import show_error_dialog
    from googlenet_gui.ui.work.runner import error_message

    def hook(kind, value, tb) -> None:  # noqa: ANN001
        trace = "".join(traceback.format_exception(kind, value, tb))
        logging.getLogger("googlenet_gui").error(trace)
        if isinstance(value, KeyboardInterrupt):
            window.close()
            return
        summary = error_message(value)
        window.show_message("error", summary)
        if window.persist_settings:  # not --screenshot: nobody would close a dialog there
            window.error_dialog = show_error_dialog(window, summary, trace, log_path())

    sys.excepthook = hook


def _set_icon(app) -> None:  # noqa: ANN001
    """Window/taskbar icon from the shipped PNGs (a missing resources folder is not fatal)."""
    from PySide6.QtGui import QIcon

    from googlenet_gui.core.resources import icon_path

    try:
        path = icon_path(256)
    except FileNotFoundError:
        return
    if path.is_file():
        app.setWindowIcon(QIcon(str(path)))
