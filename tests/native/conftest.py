"""Fixtures for the native formats: the seed forms, and how the round trip compares them.

The comparison is the acceptance rule of issue 5: ``form_to_contract`` of both forms, strings
NFKC-normalised with all whitespace removed (a wrapped cell may gain or lose a line break),
numbers equal. ``extra`` is compared too, except the keys the reader adds about how it read a
damaged dump (``recovered``: cells it had to rebuild; ``placeholder_weights``: "(XX分)" goals):
a written file has no lost cells to recover, so these describe the source file, not the form.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.contract import form_to_contract
from jixiao.model import Form
from jixiao.read import read

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
READER_NOTES = frozenset({"recovered", "placeholder_weights"})


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@cache
def seed_forms(name: str) -> tuple[Form, ...]:
    return tuple(read(SEEDS / name).forms)


def normal(value: Any) -> Any:
    """A contract value as the round trip compares it."""
    if isinstance(value, str):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items() if k not in READER_NOTES}
    if isinstance(value, list | tuple):
        return [normal(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def contract(form: Form) -> Any:
    return normal(form_to_contract(form))


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two compared contracts differ (readable assertion messages)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for k in sorted(set(a) | set(b), key=str):
            out += differences(a.get(k, "<无>"), b.get(k, "<无>"), f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        pairs = enumerate(zip(a, b, strict=True))
        return [d for i, (x, y) in pairs for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {str(a)[:120]!r} != {str(b)[:120]!r}"]


def assert_same_forms(original: list[Form] | tuple[Form, ...], read_back: list[Form]) -> None:
    assert len(read_back) == len(original), [f.title for f in read_back]
    for k, (a, b) in enumerate(zip(original, read_back, strict=True)):
        diff = differences(contract(a), contract(b))
        assert not diff, f"表 {k}（{a.title}）:\n" + "\n".join(diff[:10])


@pytest.fixture(scope="session")
def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.skip("LibreOffice (soffice) not installed")
    return path
