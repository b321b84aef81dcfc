"""The review queue sorted by 分差 or by 错误数 (migration 0009): largest first, ties newest form
first, forms without a gap last, and every page — by offset, after or before a row — a slice of
that one order, on both back ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

import jixiao.store._import as store_import
from jixiao import store
from jixiao.model import Document, Finding, Scorecard
from jixiao.review import ReviewResult
from jixiao.store import Database, import_paths

from .conftest import project_form, write_doc
from .test_store_state_sums import _form_indexes
from .test_store_summaries import _to

UNIT = "政务服务和大数据管理局"
# project → (printed − recomputed total, or None: not recomputed; number of errors), by hand
PLAN: dict[str, tuple[float | None, int]] = {
    "甲": (3, 0),
    "乙": (1, 2),
    "丙": (1, 0),
    "丁": (None, 2),
    "戊": (5, 1),
    "己": (1, 0),
    "庚": (-2, 0),
}
# read off PLAN by hand (the forms are imported in this order, so a later one has a larger id)
BY_GAP = ["戊", "甲", "己", "丙", "乙", "庚", "丁"]
BY_ERRORS = ["丁", "乙", "戊", "庚", "己", "丙", "甲"]


def _planned_review(doc: Document, rules: str | None = None) -> ReviewResult:
    """Each form recomputed and faulted as PLAN says."""
    cards, findings = [], []
    for i, f in enumerate(doc.forms):
        gap, errors = PLAN[f.project or ""]
        computed = None if gap is None or f.total_score is None else f.total_score - gap
        cards.append(Scorecard(form=i, rule_set="test", total_printed=f.total_score, total_computed=computed))
        findings += [
            Finding(form=i, form_title=f.title, code=f"form.test_{n}", severity="error", message="测试错误")
            for n in range(errors)
        ]
    return ReviewResult(rule_set="test", rule_set_version="1", scorecards=cards, findings=findings)


@pytest.fixture
def planned(monkeypatch: pytest.MonkeyPatch, fake_reader: None, tmp_path: Path) -> Path:
    monkeypatch.setattr(store_import, "review_document", _planned_review)
    forms = [project_form(unit=UNIT, year=2020, project=p, total=90) for p in PLAN]
    return write_doc(tmp_path / "a.txt", *forms)


def _names(db: Database) -> dict[int, str]:
    rows, _ = store.list_queue(db, limit=100)
    return {r.id: r.project or "" for r in rows}


def _walks(db: Database, sort: str, flt: store.QueueFilter | None = None) -> list[list[int]]:
    """The queue's ids read four ways, two rows a page: by offset; after the last row of each
    page; before the first row of each page from the end; all at once."""
    flt = flt or store.QueueFilter()
    whole, total = store.list_queue(db, flt, limit=100, sort=sort)
    by_offset = [
        r.id for o in range(0, total, 2) for r in store.list_queue(db, flt, limit=2, offset=o, sort=sort)[0]
    ]
    forward: list[int] = []
    page, _ = store.list_queue(db, flt, limit=2, sort=sort)
    while page:
        forward += [r.id for r in page]
        page, _ = store.list_queue(db, flt, limit=2, after=page[-1].key, sort=sort)
    backward: list[int] = []
    page = [whole[-1]]
    backward = [whole[-1].id]
    while True:
        page, _ = store.list_queue(db, flt, limit=2, before=page[0].key, sort=sort)
        if not page:
            break
        backward = [r.id for r in page] + backward
    return [[r.id for r in whole], by_offset, forward, backward]


@pytest.mark.parametrize(("sort", "expected"), [("gap", BY_GAP), ("errors", BY_ERRORS)])
def test_a_sorted_queue_pages_through_one_order(
    db_url: str, planned: Path, sort: str, expected: list[str]
) -> None:
    with Database(db_url) as db:
        assert import_paths([planned], db).failures == []
        names = _names(db)
        for walk in _walks(db, sort):
            assert [names[i] for i in walk] == expected
        # a filter narrows the same order: the forms returned for revision
        ids = {n: i for i, n in names.items()}
        for name in ("甲", "乙", "丁", "庚"):
            store.transition(db, ids[name], "return", "审核员", "请改")
        returned = [n for n in expected if n in ("甲", "乙", "丁", "庚")]
        for walk in _walks(db, sort, store.QueueFilter(state="returned")):
            assert [names[i] for i in walk] == returned


def test_migration_0009_down_and_up_keeps_the_sorted_queue(db_url: str, planned: Path) -> None:
    with Database(db_url) as db:
        assert import_paths([planned], db).failures == []
        names = _names(db)
        assert "ix_forms_gap_sort" in _form_indexes(db)
        _to(db, "0008_state_summaries")
        assert "ix_forms_gap_sort" not in _form_indexes(db)
        with db.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM forms")).scalar_one() == len(PLAN)
    with Database(db_url) as db:  # a writer opening the old database upgrades it
        assert "ix_forms_gap_sort" in _form_indexes(db)
        rows, _ = store.list_queue(db, limit=100, sort="gap")
        assert [names[r.id] for r in rows] == BY_GAP
