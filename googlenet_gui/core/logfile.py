"""A rotating log file people can send with a bug report, and the level it records.

WHY: the desktop launcher has no stderr, so an unexpected error left no trace anyone
could read.  Records of the ``googlenet_gui`` loggers go to ``googlenet-gui.log`` in the
platform's log folder (``platformdirs``; ``GOOGLENET_GUI_LOG_DIR`` names another), kept
to a few rotated files of :data:`MAX_BYTES`.  The level is WARNING, or INFO with ``-v``,
DEBUG with ``-vv``, or what ``GOOGLENET_GUI_LOG`` says (``debug``, ``info``, ``warning``,
``error``; ``off`` writes no file).  Logging must never stop the app: a read-only home
only costs the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

LOG_ENV = "GOOGLENET_GUI_LOG"
LOG_DIR_ENV = "GOOGLENET_GUI_LOG_DIR"
LOG_NAME = "googlenet-gui.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
_OURS = "_googlenet_gui_handler"


def log_path() -> Path:
    """Where the log file is (or would be) written."""
    folder = os.environ.get(LOG_DIR_ENV, "").strip()
    if not folder:
        import platformdirs

        folder = platformdirs.user_log_dir("googlenet-gui", appauthor=False)
    return Path(folder) / LOG_NAME


def log_level(verbosity: int = 0) -> int | None:
    """The level from ``GOOGLENET_GUI_LOG`` if set, else from ``-v`` counts; None for ``off``."""
    value = os.environ.get(LOG_ENV, "").strip().upper()
    if value == "OFF":
        return None
    if value in ("DEBUG", "INFO", "WARNING", "ERROR"):
        return getattr(logging, value)
    return (logging.WARNING, logging.INFO)[verbosity] if verbosity < 2 else logging.DEBUG


def setup_logging(verbosity: int = 0) -> Path | None:
    """Send ``googlenet_gui`` records to the log file (and to stderr with ``-v``); returns the file.

    Calling it again replaces what an earlier call installed (tests, a second window).
    """
    logger = logging.getLogger("googlenet_gui")
    for handler in [h for h in logger.handlers if getattr(h, _OURS, False)]:
        logger.removeHandler(handler)
        handler.close()
    level = log_level(verbosity)
    if level is None:
        return None
    logger.setLevel(level)
    path: Path | None = log_path()
    handlers: list[logging.Handler] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                             encoding="utf-8", delay=True))
    except OSError:
        path = None
    wanted = verbosity > 0 or os.environ.get(LOG_ENV) or path is None  # asked for, or the only place left
    if wanted and sys.stderr is not None:  # a GUI launcher may start us without one
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        setattr(handler, _OURS, True)
        logger.addHandler(handler)
    return path
