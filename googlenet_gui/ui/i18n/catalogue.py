"""Reading and updating the ``.ts`` catalogues with PySide6's own ``lupdate``/``lrelease``.

Used by ``packaging/translations.py`` (the maintainer's tool) and by the tests that list
strings missing from a catalogue or left untranslated.  A ``.ts`` file is Qt Linguist's
XML: contexts holding messages, each a source text and its translation.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import PySide6

#: The package's source tree: every ``.py`` under it is scanned for strings.
PACKAGE_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Message:
    """One translatable string: its context (class or ``translate`` context) and English text."""

    context: str
    source: str
    translation: str
    finished: bool


def qt_tool(name: str) -> str:
    """The path of PySide6's ``lupdate`` or ``lrelease`` (its wrapper script, else its binary)."""
    wrapper = shutil.which(f"pyside6-{name}")
    if wrapper:
        return wrapper
    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.is_file():
            return str(candidate)
    raise FileNotFoundError(f"PySide6's {name} is not installed (looked for pyside6-{name} and {folder / name})")


def source_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The Python files lupdate reads, in a stable order."""
    return sorted(path for path in package_dir.rglob("*.py") if "__pycache__" not in path.parts)


def run_lupdate(ts_path: Path, package_dir: Path = PACKAGE_DIR) -> None:
    """Add new strings to ``ts_path`` and drop vanished ones, keeping every translation made."""
    files = [str(path) for path in source_files(package_dir)]
    command = [qt_tool("lupdate"), "-no-obsolete", "-locations", "none", *files, "-ts", str(ts_path)]
    subprocess.run(command, check=True, capture_output=True, text=True)


def run_lrelease(ts_path: Path, qm_path: Path) -> None:
    """Compile ``ts_path`` into the binary catalogue Qt loads at run time."""
    subprocess.run([qt_tool("lrelease"), str(ts_path), "-qm", str(qm_path)], check=True,
                   capture_output=True, text=True)


def read_catalogue(ts_path: Path) -> list[Message]:
    """Every message of a ``.ts`` file (vanished and obsolete ones left out)."""
    messages = []
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            text = "".join(translation.itertext()) if translation is not None else ""
            messages.append(Message(name, message.findtext("source", ""), text,
                                    finished=kind != "unfinished" and bool(text.strip())))
    return messages


def fill_catalogue(ts_path: Path, translations: dict[str, str]) -> int:
    """Write ``translations`` into ``ts_path``; returns how many messages changed.

    Keys are English source texts (every context with that text gets it) or
    ``"context::source"`` for one context only, which wins over the plain key.
    """
    tree = ET.parse(ts_path)
    changed = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            text = translations.get(f"{name}::{source}", translations.get(source))
            if text is None:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            for numerus in list(translation):
                translation.remove(numerus)
            if message.get("numerus") == "yes":
                ET.SubElement(translation, "numerusform").text = text
                translation.text = None
            else:
                translation.text = text
            translation.attrib.pop("type", None)
            changed += 1
    ET.indent(tree, "    ")
    with open(ts_path, "wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)
        handle.write(b"\n")
    return changed

