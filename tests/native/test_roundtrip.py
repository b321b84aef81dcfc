"""The acceptance test: every seed form → XLSX / DOCX / PDF → read → the same form-v1 JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read
from jixiao.write import write_docx, write_pdf, write_xlsx

from .conftest import SEED_FILES, comparable, needs_soffice, seed_forms

pytestmark = pytest.mark.skipif(not SEED_FILES, reason="../shared/seeds 不存在")

WRITERS = {"xlsx": write_xlsx, "docx": write_docx, "pdf": write_pdf}


def _round_trip(seed: Path, fmt: str, tmp_path: Path) -> None:
    forms = seed_forms(seed)
    assert forms, f"{seed.name}: no forms read"
    out = tmp_path / f"{seed.stem}.{fmt}"
    # "form": print the form's own 备注 only, so that nothing is added to what it printed
    WRITERS[fmt](forms, out, notes="form")
    back = read(out)
    assert back.reader == fmt
    assert [comparable(f) for f in back.forms] == [comparable(f) for f in forms]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_forms_round_trip(seed: Path, fmt: str, tmp_path: Path) -> None:
    _round_trip(seed, fmt, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_forms_round_trip_pdf(seed: Path, tmp_path: Path) -> None:
    needs_soffice()
    _round_trip(seed, "pdf", tmp_path)


def test_every_seed_form_is_covered() -> None:
    """45 forms across the four seeds (1 + 5 + 19 + 20, counted in the dumps' titles)."""
    assert sum(len(seed_forms(s)) for s in SEED_FILES) == 45
