"""An export of a stored form is the export of the file it came from: the 一级/二级 label points
(产出指标（50分）), a goal's term and an indicator's ``extra`` have no field in the stored form-v1
body, and the workbook, the document and the web download print them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.model import Form
from jixiao.read import read
from jixiao.store import Database, FormFilter, export_forms, get_form, import_paths, list_forms, open_database
from jixiao.write import Template, write_xlsx
from jixiao.write._layout import form_layout

from .conftest import REPO, SEEDS

EXAMPLES = REPO.parent / "shared" / "templates" / "examples"
FILES = sorted(
    [*SEEDS.glob("*.txt"), *(p for p in EXAMPLES.glob("*") if p.suffix not in {".json", ".py", ".png"})]
)
pytestmark = pytest.mark.skipif(not FILES, reason="../shared not found")


def _direct() -> list[Form]:
    return [f for p in FILES for f in read(p).forms]


def _layouts(form: Form) -> list[object]:
    """What the XLSX (a 分值 column) and DOCX/PDF writers render, in both templates."""
    return [form_layout(form, t, weight_column=w) for t in Template for w in (False, True)]


@pytest.fixture
def stored(db: Database, db_url: str) -> tuple[Database, str, list[Form]]:
    direct = _direct()
    summary = import_paths(FILES, db)
    assert summary.failures == [] and summary.forms == len(direct)
    # what the check is about: some forms print points in their labels, goal terms, extras
    assert any(i.level1_weight is not None for f in direct for g in f.goals for i in g.indicators)
    return db, db_url, direct


def test_export_of_a_stored_form_equals_the_export_of_its_file(
    stored: tuple[Database, str, list[Form]], tmp_path: Path
) -> None:
    _, db_url, direct = stored
    exported = export_forms(db_url)
    assert len(exported) == len(direct)
    for n, (mine, theirs) in enumerate(zip(exported, direct, strict=True)):
        assert _layouts(mine) == _layouts(theirs), f"form {n}: {theirs.title}"
        for g, h in zip(mine.goals, theirs.goals, strict=True):
            assert g.term == h.term
            assert [i.extra for i in g.indicators] == [i.extra for i in h.indicators]
    # the workbook itself, cell by cell
    a = load_workbook(write_xlsx(exported, tmp_path / "store.xlsx"))
    b = load_workbook(write_xlsx(direct, tmp_path / "file.xlsx"))
    assert [list(ws.values) for ws in a] == [list(ws.values) for ws in b]


def test_one_stored_form_is_given_back_as_read(stored: tuple[Database, str, list[Form]]) -> None:
    """``get_form`` (web download, ``/api/forms/…``) on SQLAlchemy, and on the SQLite reader."""
    db, db_url, direct = stored
    rows, _ = list_forms(db, FormFilter(include_superseded=True))
    ids = sorted(r.id for r in rows)
    assert len(ids) == len(direct)
    readers = [db]
    if db.backend == "sqlite":
        readers.append(open_database(db_url, readonly=True))  # type: ignore[arg-type]
    for reader in readers:
        for form_id, theirs in zip(ids, direct, strict=True):  # imported in file, then printed order
            detail = get_form(reader, form_id)
            assert detail is not None
            assert _layouts(detail.form) == _layouts(theirs), f"{reader!r} form {form_id}: {theirs.title}"
            assert [g.term for g in detail.form.goals] == [g.term for g in theirs.goals]
