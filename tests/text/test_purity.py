"""text is the bottom layer: it imports nothing of ours but errors, and does no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import proscribe.text

PACKAGE = Path(proscribe.text.__file__).parent
FORBIDDEN = {"os", "io", "pathlib", "socket", "subprocess", "shutil", "urllib", "httpx", "open"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_imports_stay_inside_text() -> None:
    for path in PACKAGE.rglob("*.py"):
        for name in _imports(path):
            if name.startswith("proscribe"):
                assert name.startswith(("proscribe.text", "proscribe.errors")), (path, name)
            assert name.split(".")[0] not in FORBIDDEN, (path, name)


def test_no_file_access() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
        assert not any(isinstance(func, ast.Name) and func.id == "open" for func in calls), path
