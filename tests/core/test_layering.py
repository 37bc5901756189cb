"""googlenet_gui.core is a library for notebooks and the CLI: it must never import Qt."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import googlenet_gui.core as core

QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "qtpy", "superqt")


def _imported_modules(path: Path) -> set[str]:
    """Absolute names of every module a file imports (relative imports resolved)."""
    package = "googlenet_gui.core." + ".".join(path.relative_to(Path(core.__file__).parent).with_suffix("").parts)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: -node.level] if node.level else []
            names.add(".".join(base + ([node.module] if node.module else [])))
    return names


def _imported_roots(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _imported_modules(path)}


def test_core_sources_do_not_import_qt():
    offenders = {}
    for path in Path(core.__file__).parent.rglob("*.py"):
        bad = _imported_roots(path) & set(QT_MODULES)
        if bad:
            offenders[str(path)] = sorted(bad)
    assert offenders == {}


def test_core_sources_do_not_import_ui_layer():
    for path in Path(core.__file__).parent.rglob("*.py"):
        ui_imports = {m for m in _imported_modules(path) if m.startswith(("googlenet_gui.ui", "googlenet_gui.cli"))}
        assert ui_imports == set(), path


def test_importing_every_core_module_loads_no_qt():
    names = [m.name for m in pkgutil.walk_packages(core.__path__, "googlenet_gui.core.")]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "import googlenet_gui\n"
        f"bad = [m for m in {QT_MODULES!r} if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
