"""The queue's grade is the 重算等级, and says so when it is the 填报等级 of a form whose total
could not be recomputed (the column was headed 等级 and mixed the two without a word)."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao.store._import as store_import
from jixiao import store
from jixiao.model import Document, Scorecard
from jixiao.review import ReviewResult

from .conftest import project_form, write_doc

UNIT = "政务服务和大数据管理局"


def _review(doc: Document, rules: str | None = None) -> ReviewResult:
    """甲 recomputed (printed 99.5 → 良), 乙 not recomputable: only its printed total's grade."""
    cards = [
        Scorecard(
            form=i,
            rule_set="test",
            total_printed=f.total_score,
            total_computed=85 if f.project == "甲" else None,
            grade_printed="优",
            grade_computed="良" if f.project == "甲" else None,
        )
        for i, f in enumerate(doc.forms)
    ]
    return ReviewResult(rule_set="test", rule_set_version="1", scorecards=cards, findings=[])


def test_queue_grade_is_the_recomputed_one_or_says_it_is_printed(
    db: store.Database, monkeypatch: pytest.MonkeyPatch, fake_reader: None, tmp_path: Path
) -> None:
    monkeypatch.setattr(store_import, "review_document", _review)
    path = write_doc(tmp_path / "a.txt", *(project_form(unit=UNIT, project=p) for p in ("甲", "乙")))
    store.import_paths([path], db)
    rows, _ = store.list_queue(db, limit=10)
    got = {r.project: (r.grade, r.grade_computed, r.grade_basis) for r in rows}
    assert got == {"甲": ("良", "良", "重算等级"), "乙": ("优", None, "填报等级")}
