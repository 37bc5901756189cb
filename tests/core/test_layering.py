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


PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_the_import_linter_contracts_in_pyproject_hold(capsys):
    """core never imports ui/cli/Qt; accel is reached only through the seam; accel never imports the window."""
    from importlinter.cli import lint_imports

    status = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    assert status == 0, capsys.readouterr().out


def _import_graph():
    """Every import the package makes at run time, inside functions too (``TYPE_CHECKING`` blocks
    are for the type checker only: a window helper may name ``MainWindow`` in a hint)."""
    import grimp

    return grimp.build_graph("googlenet_gui", cache_dir=None, exclude_type_checking_imports=True)


def _cycles(graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), imports inside functions included."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_the_package_has_no_import_cycles():
    assert _cycles(_import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    """The test above could not fail if the finder missed cycles: check it on a made-up graph."""
    import grimp

    graph = grimp.ImportGraph()
    for importer, imported in [("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")]:
        graph.add_import(importer=importer, imported=imported)
    assert _cycles(graph) == [["p.a", "p.b", "p.c"]]


def test_at_most_three_modules_outside_the_speed_code_import_it():
    graph = _import_graph()
    accel = {m for m in graph.modules if ".accel" in m}
    importers = {m for m in graph.modules - accel if graph.find_modules_directly_imported_by(m) & accel}
    assert importers == {"googlenet_gui.core.inference.engine", "googlenet_gui.ui.window.main_window"}
