"""Layering rules import-linter cannot express: only ui/ and app.py touch QtWidgets/QtGui."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "studio_app"
GUI_MODULES = ("PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtTest")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_only_ui_and_the_composition_root_import_qt_widgets() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui" or relative.as_posix() == "app.py":
            continue
        bad = sorted(n for n in _imports(path) if n.startswith(GUI_MODULES))
        if bad:
            offenders.append(f"{relative}: {', '.join(bad)}")
    assert not offenders, offenders


def test_the_rule_sees_widget_imports() -> None:
    # The scanner itself must find a widgets import where one exists.
    assert any(n.startswith(GUI_MODULES) for n in _imports(PACKAGE / "ui" / "main_window.py"))
