"""Maintain the shipped translations: ``python packaging/translations.py COMMAND``.

update            scan googlenet_gui/ for strings into every resources/i18n/*.ts (translations kept)
fill LANG FILE    set translations of LANG from a JSON object {English text: translation}
                  (a key "Context::English text" sets one context only)
release           compile every .ts into the .qm the app loads
missing [LANG]    list strings with no translation (exit 1 when there are any)

The usual round: ``update``, translate (Qt Linguist or ``fill``), ``release``, commit both files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from googlenet_gui.ui.i18n.catalogue import fill_catalogue, read_catalogue, run_lrelease, run_lupdate
from googlenet_gui.ui.i18n.language import LANGUAGES, SOURCE_LANGUAGE, catalogue_path


def _languages(chosen: str | None = None) -> list[str]:
    codes = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    return [chosen] if chosen else codes


def main(argv: list[str]) -> int:
    """Run one command; returns the exit status."""
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "update":
        for code in _languages():
            ts_path = catalogue_path(code, ".ts")
            if not ts_path.exists():
                ts_path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                                   f'<TS version="2.1" language="{code}"></TS>\n', encoding="utf-8")
            run_lupdate(ts_path)
            print(f"{ts_path}: {len(read_catalogue(ts_path))} strings")
    elif command == "fill":
        code, json_path = rest
        changed = fill_catalogue(catalogue_path(code, ".ts"), json.loads(Path(json_path).read_text("utf-8")))
        print(f"{catalogue_path(code, '.ts')}: {changed} translations set")
    elif command == "release":
        for code in _languages():
            run_lrelease(catalogue_path(code, ".ts"), catalogue_path(code))
            print(f"{catalogue_path(code)} written")
    elif command == "missing":
        missing = 0
        for code in _languages(rest[0] if rest else None):
            for message in read_catalogue(catalogue_path(code, ".ts")):
                if not message.finished:
                    missing += 1
                    print(f"{code}\t{message.context}\t{message.source}")
        return 1 if missing else 0
    else:
        print(f"unknown command {command!r}\n{__doc__}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
