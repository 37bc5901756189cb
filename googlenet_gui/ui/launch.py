"""Start the Qt application (the app issue replaces the placeholder window)."""

from __future__ import annotations

import argparse
import sys


def parse_app_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="googlenet-gui", description="GoogLeNet desktop app")
    parser.add_argument("--weights", default=None)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--module", default=None)
    parser.add_argument("--screenshot", default=None, metavar="OUT.png")
    parser.add_argument("--presentation", action="store_true")
    parser.add_argument("images", nargs="*")
    return parser.parse_args(argv)


def launch(argv: list[str]) -> int:
    args = parse_app_args(argv)
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("googlenet-gui")
    label.show()
    if args.screenshot:
        label.grab().save(args.screenshot)
        return 0
    return app.exec()
