"""The running sums keep the workflow state (migration 0008): every writer moves a form between
cells, and the overview's count by state and the queue's ``?state=`` count read those cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from jixiao import store
from jixiao.store import Database, import_paths
from jixiao.store import _summary as summary
from jixiao.store._tables import FORM_SUMMARIES, YEAR_SUMMARIES

from .conftest import department_form, project_form, write_doc
from .test_store_summaries import _to

A, B = "政务服务和大数据管理局", "武汉市审计局"

# the recount the stored cells must equal, written as plain SQL (not the store's aggregate)
RECOUNT = """
SELECT f.id, f.unit_id, f.year, coalesce(w.state, 'submitted')
FROM forms f LEFT OUTER JOIN form_workflow w ON w.form_id = f.id
WHERE f.superseded = :no
"""


def _project(unit: str, year: int, name: str, total: float) -> dict[str, Any]:
    return project_form(unit=unit, year=year, project=name, total=total)


def _current(db: Database) -> list[tuple[int, int | None, int | None, str]]:
    with db.engine.connect() as c:
        return [tuple(r) for r in c.execute(text(RECOUNT), {"no": False})]  # type: ignore[misc]


def _by_state(rows: list[tuple[int, int | None, int | None, str]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, _, _, st in rows:
        out[st] = out.get(st, 0) + 1
    return out


def _stored_by_state(db: Database, table: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    with db.reader() as s:
        for k, vals in summary.stored(s, table).items():
            out[k[-1]] = out.get(k[-1], 0) + int(vals["forms"])
    return out


def _check(db: Database, expected: dict[str, int]) -> None:
    """Stored cells, overview and queue against a recount of the forms, and ``expected`` (by hand)."""
    rows = _current(db)
    assert _by_state(rows) == expected
    assert _stored_by_state(db, FORM_SUMMARIES) == expected
    assert _stored_by_state(db, YEAR_SUMMARIES) == expected
    assert store.overview(db).by_state == expected
    units = {u for _, u, _, _ in rows if u is not None}
    for unit in units:
        mine = [r for r in rows if r[1] == unit]
        assert store.overview(db, (unit,)).by_state == _by_state(mine)
    for state in store.STATES:
        want = sorted(i for i, _, _, st in rows if st == state)
        got, n = store.list_queue(db, store.QueueFilter(state=state), limit=100)
        assert n == len(want) and sorted(r.id for r in got) == want
        assert {r.state for r in got} <= {state}
        in_2020 = [i for i, _, y, st in rows if st == state and y == 2020]
        assert store.list_queue(db, store.QueueFilter(state=state, year=2020))[1] == len(in_2020)
        for unit in units:
            mine = [i for i, u, _, st in rows if st == state and u == unit]
            assert store.list_queue(db, store.QueueFilter(state=state, unit_ids=(unit,)))[1] == len(mine)
    with db.reader() as s:
        assert summary.differences(s) == []


def _ids(db: Database) -> dict[str, int]:
    """Current form id by project name (the department form under "部门")."""
    rows, _ = store.list_queue(db, limit=100)
    return {(r.project or "部门"): r.id for r in rows}


def test_stored_counts_by_state_follow_every_workflow_step(
    db: Database, tmp_path: Path, fake_reviewer: None
) -> None:
    a = [
        _project(A, 2020, "甲", 90),
        _project(A, 2020, "乙", 70),
        _project(A, 2021, "丙", 80),
        department_form(unit=A, year=2020, total=97),
    ]
    write_doc(tmp_path / "a.txt", *a)
    write_doc(tmp_path / "b.txt", _project(B, 2020, "丁", 60))
    assert import_paths([tmp_path / "a.txt", tmp_path / "b.txt"], db).failures == []
    _check(db, {"submitted": 5})  # finished documents: no workflow row, the default state
    ids = _ids(db)
    assert store.transition(db, ids["甲"], "start", "审核员") == "in_review"
    assert store.transition(db, ids["乙"], "return", "审核员", "请改") == "returned"
    assert store.transition(db, ids["丙"], "approve", "审核员") == "approved"
    _check(db, {"submitted": 2, "in_review": 1, "returned": 1, "approved": 1})
    assert store.submit_form(db, ids["乙"], "填报人") == ids["乙"]  # resubmitted, no draft: same form
    _check(db, {"submitted": 3, "in_review": 1, "approved": 1})
    assert store.transition(db, ids["甲"], "return", "审核员", "请改") == "returned"
    assert store.transition(db, ids["丁"], "return", "审核员", "请改") == "returned"
    _check(db, {"submitted": 2, "returned": 2, "approved": 1})
    # a new revision of a.txt (甲 now prints 92): its four forms count in the default state
    # until their states are carried: 甲 returned, 乙 submitted, 丙 approved, the department
    # form never worked on (no row to carry)
    a[0] = _project(A, 2020, "甲", 92)
    write_doc(tmp_path / "a2.txt", *a)
    assert import_paths([tmp_path / "a2.txt"], db).revised == 4
    _check(db, {"submitted": 4, "returned": 1})  # 丁 (b.txt) is still returned
    assert store.carry_pending(db) == 3
    _check(db, {"submitted": 2, "returned": 2, "approved": 1})
    # B folded into A: 丁 keeps its state, now in A's cells
    store.add_alias(db, B, A)
    a_id = next(u.id for u in store.list_units(db) if u.name == A)
    assert {u for _, u, _, _ in _current(db)} == {a_id}
    _check(db, {"submitted": 2, "returned": 2, "approved": 1})
    with db.reader() as s:
        cells = summary.stored(s, FORM_SUMMARIES)
    returned_2020 = [k for k in cells if k[0] == a_id and k[1] == 2020 and k[-1] == "returned"]
    assert sum(cells[k]["forms"] for k in returned_2020) == 2  # 甲 (revised, carried) and 丁


def test_migration_0008_down_and_up_keeps_the_counts_by_state(
    db_url: str, tmp_path: Path, fake_reviewer: None
) -> None:
    write_doc(
        tmp_path / "a.txt",
        _project(A, 2020, "甲", 90),
        _project(B, 2020, "乙", 70),
        department_form(unit=B, year=2021, total=97),
    )
    with Database(db_url) as db:
        assert import_paths([tmp_path / "a.txt"], db).failures == []
        ids = _ids(db)
        store.transition(db, ids["甲"], "return", "审核员", "请改")
        store.transition(db, ids["部门"], "approve", "审核员")
        expected = {"submitted": 1, "returned": 1, "approved": 1}
        _check(db, expected)
        with db.reader() as s:
            before = {t.name: summary.stored(s, t) for t, _ in summary.ROLLUPS}
        assert "ix_forms_gap" in _form_indexes(db)
        _to(db, "0007_unit_summaries")
        with db.engine.connect() as c:
            cols = {col["name"] for col in inspect(c).get_columns("year_summaries")}
            assert "state" not in cols
            assert c.execute(text("SELECT sum(forms) FROM year_summaries")).scalar_one() == 3
        assert "ix_forms_gap" not in _form_indexes(db)
    with Database(db_url) as db:  # a writer opening the old database upgrades it: cells by state again
        _check(db, expected)
        with db.reader() as s:
            assert {t.name: summary.stored(s, t) for t, _ in summary.ROLLUPS} == before
        assert "ix_forms_gap" in _form_indexes(db)


def _form_indexes(db: Database) -> set[str]:
    """The indexes of ``forms`` by name, read from the catalogue (SQLAlchemy's inspector skips
    expression indexes)."""
    sql = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'forms'"
        if db.backend == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE tablename = 'forms' AND schemaname = current_schema()"
    )
    with db.engine.connect() as c:
        return set(c.execute(text(sql)).scalars())


def test_queue_minimum_gap_counts_the_forms_that_pass(
    db: Database, tmp_path: Path, fake_reviewer: None
) -> None:
    """The gap is printed − recomputed total; the fake review recomputes every total 1 point
    lower, so each form's gap is 1 (read through ix_forms_gap on PostgreSQL)."""
    write_doc(tmp_path / "a.txt", _project(A, 2020, "甲", 90), _project(B, 2020, "乙", 70))
    assert import_paths([tmp_path / "a.txt"], db).failures == []
    assert store.list_queue(db, store.QueueFilter(min_inflation=1))[1] == 2
    assert store.list_queue(db, store.QueueFilter(min_inflation=1.5))[1] == 0
    ids = _ids(db)
    store.transition(db, ids["甲"], "return", "审核员", "请改")
    rows, n = store.list_queue(db, store.QueueFilter(min_inflation=0.5, state="returned"))
    assert n == 1 and [r.id for r in rows] == [ids["甲"]] and rows[0].inflation == 1
