"""The shipped Korean catalogue holds every string of the source, all translated, compiled (issue #28).

Each test prints the strings it finds wanting, so a failure is the translator's to-do list.
"""

from __future__ import annotations

import shutil

import pytest

from googlenet_gui.ui.i18n.catalogue import read_catalogue, run_lrelease, run_lupdate
from googlenet_gui.ui.i18n.language import LANGUAGES, SOURCE_LANGUAGE, catalogue_path

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """Each shipped catalogue updated from today's source in a temp copy (the shipped one untouched)."""
    folder = tmp_path_factory.mktemp("lupdate")
    result = {}
    for code in TRANSLATED:
        copy = folder / catalogue_path(code, ".ts").name
        shutil.copy(catalogue_path(code, ".ts"), copy)
        run_lupdate(copy)
        result[code] = copy
    return result


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_catalogue_has_every_string_of_the_source(scanned, code):
    shipped = {(m.context, m.source) for m in read_catalogue(catalogue_path(code, ".ts"))}
    current = {(m.context, m.source) for m in read_catalogue(scanned[code])}
    new = sorted(current - shipped)
    assert not new, (f"{len(new)} strings are not in {catalogue_path(code, '.ts').name}: run "
                     "`python packaging/translations.py update` and translate them:\n"
                     + "\n".join(f"  {context}: {source!r}" for context, source in new))
    gone = sorted(shipped - current)
    assert not gone, "strings no longer in the source (run update):\n" + "\n".join(map(str, gone))
    assert len(current) > 300  # the whole window, not a corner of it


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_string_is_translated(code):
    missing = [m for m in read_catalogue(catalogue_path(code, ".ts")) if not m.finished]
    assert not missing, f"{len(missing)} untranslated strings in {code}:\n" + "\n".join(
        f"  {m.context}: {m.source!r}" for m in missing)


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_the_placeholders(code):
    """A ``{count}`` lost or misspelt in a translation would raise in ``.format`` at run time."""
    import re

    field = re.compile(r"\{[a-z_0-9]*(?:[:!][^{}]*)?\}")
    broken = [m for m in read_catalogue(catalogue_path(code, ".ts"))
              if sorted(field.findall(m.source)) != sorted(field.findall(m.translation))]
    assert not broken, "placeholders differ:\n" + "\n".join(
        f"  {m.context}: {m.source!r} -> {m.translation!r}" for m in broken)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_matches_its_source(tmp_path, code):
    compiled = tmp_path / "fresh.qm"
    run_lrelease(catalogue_path(code, ".ts"), compiled)
    assert compiled.read_bytes() == catalogue_path(code).read_bytes(), (
        f"{catalogue_path(code).name} is older than its .ts: run `python packaging/translations.py release`")
