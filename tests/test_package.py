"""The package's shape: a plain model at the centre and a complete public surface."""

from __future__ import annotations

import ast
from pathlib import Path

import jixiao

PKG = Path(jixiao.__file__).parent
IO_LIBS = {"sqlalchemy", "alembic", "openpyxl", "docx", "pdfplumber", "fastapi", "typer", "rich", "jinja2"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0] if node.level == 0 else "." + node.module)
    return names


def test_model_imports_no_reader_store_or_web_library() -> None:
    imported = _imports(PKG / "model.py")
    assert not imported & IO_LIBS
    # the form kinds live apart (the CLI names them without pydantic) and are part of the model
    tree = ast.parse((PKG / "model.py").read_text(encoding="utf-8"))
    own = {
        n.module
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("jixiao")
    }
    assert own <= {"jixiao.kinds"}
    assert not any(name.startswith(".") for name in imported)
    kinds = _imports(PKG / "kinds.py")
    assert not kinds & IO_LIBS
    assert not any(name.startswith(("jixiao", ".")) for name in kinds)


def test_only_the_store_imports_sqlalchemy() -> None:
    for path in PKG.rglob("*.py"):
        if "store" in path.relative_to(PKG).parts:
            continue
        assert not _imports(path) & {"sqlalchemy", "alembic"}, path


def test_public_surface_is_complete() -> None:
    exported = set(jixiao.__all__)
    assert {"Form", "Goal", "Indicator", "Document", "Finding", "read", "form_to_contract"} <= exported
    for name in jixiao.__all__:
        assert hasattr(jixiao, name), name
