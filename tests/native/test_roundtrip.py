"""Round trip, the acceptance test of issue 5: every seed form → XLSX / DOCX → read → the same
form-v1 JSON (see conftest for the comparison). All forms of a seed file go into one file, so
multi-sheet workbooks and multi-section documents are read too."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read
from jixiao.write import write_docx, write_xlsx

from .conftest import assert_same_forms, seed_files, seed_forms

SEED_NAMES = [p.name for p in seed_files()]


@pytest.mark.skipif(not SEED_NAMES, reason="../shared/seeds not found")
@pytest.mark.parametrize("name", SEED_NAMES)
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_seed_forms_round_trip(name: str, fmt: str, tmp_path: Path) -> None:
    forms = seed_forms(name)
    assert forms
    out = tmp_path / f"forms.{fmt}"
    writer = write_xlsx if fmt == "xlsx" else write_docx
    # rule_notes=False: a form that prints no 备注 must not gain the rule set's notes in extra
    writer(list(forms), out, rule_notes=False)
    doc = read(out)
    assert doc.reader == fmt
    assert doc.sha256 is not None and len(doc.sha256) == 64
    assert_same_forms(forms, doc.forms)


@pytest.mark.skipif(not SEED_NAMES, reason="../shared/seeds not found")
def test_round_trip_covers_every_extra_key_the_seeds_use() -> None:
    """The seeds exercise fields, rows and notes — the extra keys the writers must carry."""
    keys = {k for name in SEED_NAMES for f in seed_forms(name) for k in f.extra}
    assert {"fields", "rows", "notes"} <= keys
