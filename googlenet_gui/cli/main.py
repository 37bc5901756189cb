"""Entry point of ``googlenet-gui``.

With a sub-command (``classify``, ``inspect``, ``explain``, ``visualize``, ``examples``, ``ops``,
``info``, ``finetune``, ``calibrate-aux``, ``report``, ``lesson``) it runs that tool and exits; otherwise it
opens the desktop app.
Each tool lives in its own module exposing ``add_parser(subparsers)`` and
``run(args) -> int`` so the flags (a contract for people's scripts) sit next to the
code that honours them.  Exit codes: 0 success, 1 some inputs failed, 2 usage,
model or output errors (a full disk behind stdout, a closed stdout), 130 interrupted
(Ctrl+C, at any moment: see :mod:`.interrupts`).  A first argument that looks like a mistyped
command (no option, no existing path, no folder separator, no extension) is an error,
not an image for the app.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

#: sub-command -> module under googlenet_gui.cli
COMMANDS: dict[str, str] = {
    "classify": "classify_cmd",
    "inspect": "inspect_cmd",
    "ops": "ops_cmd",
    "info": "info_cmd",
    "finetune": "finetune_cmd",
    "calibrate-aux": "calibrate_cmd",
    "explain": "explain_cmd",
    "visualize": "visualize_cmd",
    "examples": "examples_cmd",
    "report": "report_cmd",
    "lesson": "lesson_cmd",
}


def build_parser() -> argparse.ArgumentParser:
    """Parser for the sub-commands (imports each command module, but not torch).

    The sub-parsers are reachable as ``parser.commands[name]`` (see ``_parse``).
    """
    parser = argparse.ArgumentParser(
        prog="googlenet-gui",
        description="GoogLeNet (Inception v1): classify, look inside, count ops, fine-tune. "
        "Run without a command to open the desktop app.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"googlenet_gui.cli.{module_name}")
        module.add_parser(subparsers, name)
    parser.commands = subparsers.choices  # type: ignore[attr-defined]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:
        from googlenet_gui import __version__

        print(f"googlenet-gui {__version__}")
        return 0
    first = next((arg for arg in args_list if arg not in VERBOSE_FLAGS), None)
    if first in COMMANDS:
        return _run_command(_start_logging(args_list))
    if args_list and _looks_like_a_mistyped_command(args_list[0]):
        return _unknown_command(args_list[0])
    if args_list and args_list[0] in ("-h", "--help") and len(args_list) == 1:
        build_parser().print_help()
        print("\nEverywhere: --version, -v/--verbose (-vv: debug) or GOOGLENET_GUI_LOG=LEVEL; the log file "
              "is in the platform's log folder.")
        print("\nApp options (no COMMAND): googlenet-gui [--weights W] [--device D] [--tab TAB] [--size WxH] "
              "[--module NAME] [--screenshot OUT.png] [--presentation|--present] [--view VIEW] [--live CAMERA_INDEX|VIDEO_FILE "
              "[--frames N] [--json]] [IMAGE ...]")
        return 0
    return gui_main(args_list)


VERBOSE_FLAGS = {"-v": 1, "--verbose": 1, "-vv": 2}


def _start_logging(args_list: list[str]) -> list[str]:
    """Set up the log file at the level ``-v``/``-vv``/``--verbose`` ask for; returns the other arguments."""
    from googlenet_gui.core.logfile import setup_logging

    verbosity = sum(VERBOSE_FLAGS.get(arg, 0) for arg in args_list)
    setup_logging(verbosity)
    return [arg for arg in args_list if arg not in VERBOSE_FLAGS]


def _run_command(args_list: list[str]) -> int:
    """Parse and run one command; Ctrl+C at any moment (imports included) is exit 130."""
    from googlenet_gui.cli.interrupts import interrupts_between_imports

    if sys.stdout is None:  # started with stdout closed (`>&-`): every result would vanish
        print(f"googlenet-gui {args_list[0]}: error: standard output is closed, so no result could be "
              "shown; run it with its output going to a terminal, a file or a pipe.", file=sys.stderr)
        return 2
    try:
        with interrupts_between_imports():
            return _parse_and_run(args_list)
    except KeyboardInterrupt:
        print(f"googlenet-gui {args_list[0]}: interrupted", file=sys.stderr)
        return 130


def _parse_and_run(args_list: list[str]) -> int:
    from googlenet_gui.core.errors import GoogLeNetGuiError

    try:
        args = _parse(build_parser(), args_list)
    except SystemExit as exit_:  # argparse already printed the usage message
        return int(exit_.code or 0) and 2
    module = importlib.import_module(f"googlenet_gui.cli.{COMMANDS[args.command]}")
    try:
        return int(module.run(args))
    except GoogLeNetGuiError as error:
        print(f"googlenet-gui {args.command}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `googlenet-gui ops | head`: the reader left, nothing to report
        _silence_stdout()
        return 0
    except OSError as error:
        if not _is_output_error(error):
            raise
        _silence_stdout()
        print(f"googlenet-gui {args.command}: error: the output could not be written "
              f"({error.strerror or error}); is the disk full?", file=sys.stderr)
        return 2


#: errno values of a write that found no room (``> /dev/full``, a full disk or quota) or a dead device.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _is_output_error(error: OSError) -> bool:
    """A failed write with no file name: the output stream (files the app opens carry their name)."""
    return error.filename is None and error.errno in _OUTPUT_ERRNOS


def _parse(parser: argparse.ArgumentParser, args_list: list[str]) -> argparse.Namespace:
    """Parse, reporting leftover arguments with the sub-command's own usage.

    WHY: ``parse_args`` on the top-level parser blamed extra arguments on it
    (``inspect a.jpg b.png`` showed ``usage: googlenet-gui [-h] COMMAND``), which hides
    the usage the user needs to read.
    """
    args, extras = parser.parse_known_args(args_list)
    if extras:
        parser.commands[args.command].error(f"unrecognized arguments: {' '.join(extras)}")
    return args


def _looks_like_a_mistyped_command(first: str) -> bool:
    """A bare word that names no file: a typo of a command, not an image for the app.

    WHY: anything but a command opened the desktop app, so ``googlenet-gui clasify x.jpg``
    started a window instead of saying what was wrong.  Options, existing paths and
    anything with a folder separator or a file extension still go to the app.
    """
    has_separator = any(sep and sep in first for sep in (os.sep, os.altsep, "/"))
    return (first not in COMMANDS and not first.startswith("-") and not os.path.exists(first)
            and not has_separator and not Path(first).suffix)


def _unknown_command(word: str) -> int:
    """One line on stderr (with the closest command, if any), exit code 2; Qt is never imported."""
    close = difflib.get_close_matches(word, list(COMMANDS), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    print(f"googlenet-gui: error: unknown command '{word}'{hint}", file=sys.stderr)
    return 2


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit-time flush does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop app (also the ``googlenet-gui-app`` GUI-script entry point)."""
    from googlenet_gui.ui.window.launch import launch

    return launch(_start_logging(list(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
