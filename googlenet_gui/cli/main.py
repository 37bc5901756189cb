"""Entry point of ``googlenet-gui``.

With a sub-command (``classify``, ``inspect``, ``ops``, ``info``, ``finetune``,
``calibrate-aux``) it runs that tool and exits; otherwise it opens the desktop app.
Each tool lives in its own module exposing ``add_parser(subparsers)`` and
``run(args) -> int`` so the flags (a contract for people's scripts) sit next to the
code that honours them.  Exit codes: 0 success, 1 some inputs failed, 2 usage or
model errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: sub-command -> module under googlenet_gui.cli
COMMANDS: dict[str, str] = {
    "classify": "classify_cmd",
    "inspect": "inspect_cmd",
    "ops": "ops_cmd",
    "info": "info_cmd",
    "finetune": "finetune_cmd",
    "calibrate-aux": "calibrate_cmd",
}


def build_parser() -> argparse.ArgumentParser:
    """Parser for the sub-commands (imports each command module, but not torch)."""
    parser = argparse.ArgumentParser(
        prog="googlenet-gui",
        description="GoogLeNet (Inception v1): classify, look inside, count ops, fine-tune. "
        "Run without a command to open the desktop app.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"googlenet_gui.cli.{module_name}")
        module.add_parser(subparsers, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        return _run_command(args_list)
    if args_list and args_list[0] in ("-h", "--help") and len(args_list) == 1:
        build_parser().print_help()
        print("\nApp options (no COMMAND): googlenet-gui [--weights W] [--device D] [--tab TAB] [--size WxH] "
              "[--module NAME] [--screenshot OUT.png] [--presentation] [IMAGE ...]")
        return 0
    return gui_main(args_list)


def _run_command(args_list: list[str]) -> int:
    from googlenet_gui.core.errors import GoogLeNetGuiError

    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:  # argparse already printed the usage message
        return int(exit_.code or 0) and 2
    module = importlib.import_module(f"googlenet_gui.cli.{COMMANDS[args.command]}")
    try:
        return int(module.run(args))
    except GoogLeNetGuiError as error:
        print(f"googlenet-gui {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"googlenet-gui {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `googlenet-gui ops | head`: the reader left, nothing to report
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Point stdout at devnull so Python's exit-time flush does not raise again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Open the desktop app (also the ``googlenet-gui-app`` GUI-script entry point)."""
    from googlenet_gui.ui.launch import launch

    return launch(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
