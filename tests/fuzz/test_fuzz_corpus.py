"""The fuzzing corpus and every input the fuzzer ever flagged, replayed: forms or ``ReadError``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.read import ReadError, read
from jixiao.settings import override_limits

HERE = Path(__file__).parent
FILES = sorted(p for p in (HERE / "corpus").rglob("*") if p.is_file()) + sorted(
    p for p in (HERE / "regressions").iterdir() if p.is_file() and p.suffix != ".md"
)
SUFFIX = {"text": ".txt", "xlsx": ".xlsx", "docx": ".docx", "pdf": ".pdf", "html": ".html"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_replay(path: Path, tmp_path: Path) -> None:
    fmt = path.parent.name if path.parent.name in SUFFIX else path.name.split("-", 1)[0]
    copy = tmp_path / ("input" + SUFFIX.get(fmt, path.suffix))
    shutil.copyfile(path, copy)
    with override_limits(max_seconds=60):
        try:
            read(copy)
        except ReadError as e:
            assert "\n" not in str(e)
