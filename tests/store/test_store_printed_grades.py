"""The overview counts a 填报等级 (a form whose total could not be recomputed keeps its printed
grade) apart from the 重算等级: the running sums keep how many forms of each cell have one."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao.store._import as store_import
from jixiao import store
from jixiao.model import Document
from jixiao.review import ReviewResult
from jixiao.store import Database, import_paths
from jixiao.store import _summary as summary
from jixiao.store._db import _script_directory

from .conftest import fake_review, project_form, write_doc

A, B = "政务服务和大数据管理局", "武汉市审计局"


def _review(doc: Document, rules: str | None = None) -> ReviewResult:
    """The fake review (recomputed total = printed − 1, 重算等级 良, 填报等级 优), but as the
    rule sets grade (``RuleSet.grade``): no recomputed total, no 重算等级."""
    result = fake_review(doc, rules)
    for card in result.scorecards:
        if card.total_computed is None:
            card.grade_computed = None
    return result


def _project(unit: str, year: int, name: str, total: float | None) -> dict:
    form = project_form(unit=unit, year=year, project=name, total=total or 0)
    form["total_score"] = total
    return form


@pytest.fixture
def graded(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_reader: None) -> Database:
    """甲 and 戊 recomputed (良); 丁 and 己 print no total, so only their 填报等级 (优) is known."""
    monkeypatch.setattr(store_import, "review_document", _review)
    write_doc(tmp_path / "a.txt", _project(A, 2020, "甲", 90), _project(A, 2020, "丁", None))
    write_doc(tmp_path / "b.txt", _project(B, 2021, "戊", 60), _project(B, 2021, "己", None))
    assert import_paths([tmp_path / "a.txt", tmp_path / "b.txt"], db).failures == []
    return db


def test_overview_counts_printed_grades_apart(graded: Database) -> None:
    o = store.overview(graded)
    assert o.grades_by_year == {2020: {"良": 1}, 2021: {"良": 1}}
    assert o.printed_grades_by_year == {2020: {"优": 1}, 2021: {"优": 1}}
    (unit_a,) = [u.id for u in store.list_units(graded) if u.name == A]
    mine = store.overview(graded, (unit_a,))
    assert mine.grades_by_year == {2020: {"良": 1}} and mine.printed_grades_by_year == {2020: {"优": 1}}


def test_upgrade_from_0010_fills_the_printed_grade_counts(db_url: str, graded: Database) -> None:
    from alembic import command

    before = store.overview(graded)
    cfg, _ = _script_directory()
    with graded.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010_rescore_jobs")
    with Database(db_url) as db:  # a writer opening the older database upgrades it
        with db.reader() as s:
            assert summary.differences(s) == []
        assert store.overview(db) == before
