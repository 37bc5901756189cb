"""The wheel and the PyInstaller spec ship everything the app needs at run time.

pyproject.toml lists the packages explicitly (the top-level ``resources/`` folder is
mapped to ``googlenet_gui.resources``), so a new sub-package or resource left out of
the wheel would only break ``pip install`` users; building a real wheel catches it.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC_FILE = ROOT / "packaging" / "googlenet-gui.spec"
#: What the wheel is built from: everything else in the checkout stays out of it.
SOURCES = ("pyproject.toml", "README.md", "googlenet_gui", "resources")


def packages_on_disk() -> set[str]:
    return {".".join(init.parent.relative_to(ROOT).parts)
            for init in (ROOT / "googlenet_gui").rglob("__init__.py")}


def shipped_resources() -> set[str]:
    """Every file of resources/ as it must appear in the wheel."""
    return {f"googlenet_gui/resources/{path.relative_to(ROOT / 'resources').as_posix()}"
            for path in (ROOT / "resources").rglob("*")
            if path.is_file() and not any(part.startswith(".") for part in path.parts)}


def test_pyproject_lists_every_package() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    missing = packages_on_disk() - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    assert setuptools["package-dir"]["googlenet_gui.resources"] == "resources"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built from a clean copy of the sources (no stale build/ folder)."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", "-w", str(out), str(source)], check=True, capture_output=True)
    (built,) = out.glob("googlenet_gui-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_wheel_contains_resources_samples_and_table(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    missing = shipped_resources() - names
    assert not missing, f"resources missing from the wheel: {sorted(missing)}"
    assert any(n.startswith("googlenet_gui/resources/samples/") and n.endswith(".jpg") for n in names)
    assert "googlenet_gui/resources/icons/googlenet-gui.svg" in names
    assert "googlenet_gui/core/data/googlenet_table1.json" in names


def test_wheel_contains_every_module(wheel: zipfile.ZipFile) -> None:
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "googlenet_gui").rglob("*.py")}
    missing = modules - set(wheel.namelist())
    assert not missing, f"modules missing from the wheel: {sorted(missing)}"


def test_wheel_declares_the_entry_points(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "googlenet-gui = googlenet_gui.cli.main:main" in text


def spec_paths() -> list[Path]:
    """Every ``ROOT / "a" / "b"`` path the spec builds, resolved against the checkout."""
    tree = ast.parse(SPEC_FILE.read_text(encoding="utf-8"), filename=str(SPEC_FILE))
    paths = []
    for node in ast.walk(tree):
        parts: list[str] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and isinstance(node.right, ast.Constant):
            parts.insert(0, node.right.value)
            node = node.left
        if parts and isinstance(node, ast.Name) and node.id == "ROOT":
            paths.append(ROOT.joinpath(*parts))
    return paths


def test_pyinstaller_spec_is_python_and_its_paths_exist() -> None:
    compile(SPEC_FILE.read_text(encoding="utf-8"), str(SPEC_FILE), "exec")
    paths = spec_paths()
    assert ROOT / "packaging" / "frozen_main.py" in paths
    assert ROOT / "resources" in paths
    assert ROOT / "googlenet_gui" / "core" / "data" in paths
    missing = [str(p) for p in paths if not p.exists()]
    assert not missing, f"the spec names paths that do not exist: {missing}"


def top_level_imports(tree: ast.Module) -> set[str]:
    """First names of the modules a file imports when it is imported (not inside functions)."""
    names: set[str] = set()
    for node in tree.body:
        for inner in ast.walk(node) if isinstance(node, (ast.If, ast.Try)) else (node,):
            if isinstance(inner, ast.Import):
                names.update(alias.name.split(".")[0] for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                names.add(inner.module.split(".")[0])
    return names


def test_frozen_app_excludes_nothing_the_app_needs() -> None:
    """The spec leaves triton (torch.compile) and test/benchmark extras out: the app must not need them.

    onnx and onnxruntime are bundled (ONNX Runtime serves the CPU); they are still imported
    lazily behind an availability check, so a build without them starts and uses PyTorch.
    """
    tree = ast.parse(SPEC_FILE.read_text(encoding="utf-8"))
    (excludes,) = [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                   and any(isinstance(t, ast.Name) and t.id == "EXCLUDES" for t in node.targets)]
    excluded = set(ast.literal_eval(excludes))
    assert "triton" in excluded
    assert not excluded & {"onnx", "onnxruntime"}, "the frozen app ships ONNX Runtime (the CPU fast path)"
    for module in (ROOT / "googlenet_gui").rglob("*.py"):
        source = module.read_text(encoding="utf-8")
        used = top_level_imports(ast.parse(source)) & (excluded | {"onnx", "onnxruntime"})
        assert not used, f"{module} imports {used} at module level, which the frozen app leaves out or may lack"
        assert not re.search(r"\btorch\.compile\(|\bimport triton\b", source), (
            f"{module} uses torch.compile/triton, which the frozen app leaves out")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("script", ["packaging/build_frozen.sh", "packaging/linux/install-desktop.sh"])
def test_shell_scripts_parse(script: str) -> None:
    subprocess.run(["bash", "-n", str(ROOT / script)], check=True)


def test_spec_collects_the_torchvision_ops_library_torchvision_loads() -> None:
    """torchvision loads its C++ ops by file name (``_C_stable`` in 0.29); the spec must ship it."""
    spec = importlib.util.find_spec("torchvision")
    package = Path(spec.origin).parent
    loaded = re.findall(r'_load_library\("(\w+)"\)', (package / "extension.py").read_text(encoding="utf-8"))
    assert loaded, "torchvision.extension no longer names its ops library; re-check the spec"
    tree = ast.parse(SPEC_FILE.read_text(encoding="utf-8"))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and getattr(node.func, "id", "") == "collect_dynamic_libs"]
    patterns = [ast.literal_eval(kw.value) for call in calls for kw in call.keywords if kw.arg == "search_patterns"]
    assert calls and ast.literal_eval(calls[0].args[0]) == "torchvision" and patterns
    for name in loaded:
        assert any(package.glob(f"{name}{pattern[1:]}") for pattern in patterns[0]), (
            f"torchvision loads {name} but the spec's patterns {patterns[0]} collect no such file")
