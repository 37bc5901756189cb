"""``googlenet-gui --live SOURCE [--frames N] [--screenshot OUT.png] [--json]``: live mode from the command line.

The window opens as usual and loads the model; once its worker is first idle (the model
loaded, the first jobs done) the Live tab starts on SOURCE.  With ``--frames N`` the run
ends after N processed frames: ``--screenshot`` saves the window first, ``--json`` prints
one line (``frames``, ``seconds``, ``fps``, ``dropped`` and a few more).  A camera or file
that cannot be used is one line naming it and exit code 2; any other error shown in the
window, or the timeout, exit code 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

LIVE_TIMEOUT_S = 300
BAD_SOURCE = 2


def run_live(app: Any, window: Any, args: Any) -> int:  # noqa: ARG001 - app: the caller's QApplication
    """Start the Live tab on ``args.live`` once the window is idle; with ``args.frames``, stop after that many."""
    from PySide6.QtCore import QEventLoop, QTimer

    outcome: dict[str, Any] = {}
    loop = QEventLoop()  # a local loop, as launch.capture: app.quit() would leave a Quit event behind

    def finish(error: str = "", code: int = 0) -> None:
        if outcome:
            return
        outcome.update(error=error, code=code)
        if not error and args.screenshot and not window.grab().save(str(args.screenshot)):
            outcome.update(error=f"could not write {args.screenshot}", code=1)
        if window.live is not None and not error:
            outcome["stats"] = {**window.live.session.stats.to_json(), "source": args.live}
        window.close()
        loop.quit()

    def start_when_idle() -> None:
        if outcome:
            return
        if window.bundle is None or window.runner.is_busy():
            QTimer.singleShot(50, start_when_idle)
            return
        live = window.open_live(args.live)
        if live.session.source is None:
            return  # the failure was shown: on_message ends the run
        live.session.shown.connect(lambda _data: counted(live))

    def counted(live: Any) -> None:
        if args.frames and live.session.stats.processed >= args.frames:
            QTimer.singleShot(50, lambda: finish())  # let the last frame's paints land (closing stops the stream)

    def on_message(kind: str, text: str) -> None:
        if kind == "error":
            live = window.live
            bad_source = live is not None and (live.session.source is None or live.session.source_error is not None)
            finish(text, BAD_SOURCE if bad_source else 1)

    window.message_shown.connect(on_message)
    QTimer.singleShot(0, start_when_idle)
    if not args.frames:
        return app.exec()
    QTimer.singleShot(LIVE_TIMEOUT_S * 1000, lambda: finish(f"timed out after {LIVE_TIMEOUT_S} s", 1))
    if not outcome:
        loop.exec()
    if outcome.get("error"):
        print(f"googlenet-gui: error: {outcome['error']}", file=sys.stderr)
        return int(outcome["code"])
    if args.screenshot:
        print(f"saved {Path(args.screenshot)}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(outcome.get("stats", {})))
    return 0
