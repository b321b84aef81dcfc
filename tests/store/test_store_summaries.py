"""The running sums (``form_summaries``) and the queue's keyset pages give what the forms give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from jixiao import store
from jixiao.store import Database, FormFilter, import_paths
from jixiao.store import _stats as stats_queries
from jixiao.store import _summary as summary
from jixiao.store._db import _script_directory
from jixiao.store._tables import YEAR_SUMMARIES

from .conftest import department_form, project_form, row_counts, write_doc

A, B = "政务服务和大数据管理局", "武汉市审计局"


def _project(unit: str, year: int, name: str, planned: float | None, total: float | None) -> dict[str, Any]:
    form = project_form(unit=unit, year=year, project=name, total=total or 0)
    form["total_score"] = total
    form["budget"]["planned"] = planned
    return form


@pytest.fixture
def filled(db: Database, tmp_path: Path, fake_reviewer: None) -> Database:
    """Two units, two years, both kinds; then one document re-imported with changed totals."""
    write_doc(
        tmp_path / "a.txt",
        _project(A, 2020, "甲", 100, 90),
        _project(A, 2020, "乙", 300, 70),
        _project(A, 2021, "丙", None, 80),
        department_form(unit=A, year=2020, total=97),
    )
    write_doc(tmp_path / "b.txt", _project(B, 2020, "丁", 50, None), _project(B, 2021, "戊", 200, 60))
    assert import_paths([tmp_path / "a.txt", tmp_path / "b.txt"], db).failures == []
    # a new revision of b.txt: 戊 now prints 66; 丁 unchanged
    write_doc(tmp_path / "b2.txt", _project(B, 2020, "丁", 50, None), _project(B, 2021, "戊", 200, 66))
    assert import_paths([tmp_path / "b2.txt"], db).failures == []
    return db


def _from_forms(db: Database, filters: FormFilter) -> list[tuple[Any, ...]]:
    """The unit-year-kind aggregates grouped from the current forms themselves (the old path)."""
    with db.reader() as s:
        grouped = stats_queries._stats_of_forms(s, filters)
        assert grouped is not None
        return sorted((tuple(r) for r in s.execute(grouped)), key=repr)


def _from_summaries(db: Database, filters: FormFilter) -> list[tuple[Any, ...]]:
    with db.reader() as s:
        grouped = stats_queries._stats_of_summaries(s, filters)
        assert grouped is not None
        return sorted((tuple(r) for r in s.execute(grouped)), key=repr)


def _close(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert [v if not isinstance(v, float) else pytest.approx(v) for v in x] == list(y)


@pytest.mark.parametrize(
    "filters",
    [
        FormFilter(),
        FormFilter(unit=B),
        FormFilter(year=2020),
        FormFilter(grade="良"),
        FormFilter(has_errors=True),
    ],
)
def test_sums_equal_a_grouping_of_the_forms(filled: Database, filters: FormFilter) -> None:
    # the old path reads superseded forms only when asked: current forms here on both sides
    _close(_from_summaries(filled, filters), _from_forms(filled, filters))


def test_stats_by_hand(filled: Database) -> None:
    """Checked against the forms above: 甲 and 乙 weighted by 100 and 300 万元; 戊's revision counts."""
    rows, total = store.stats(filled, FormFilter(kind="project_self_evaluation"))
    assert total == 4
    by = {(r.unit, r.year): r for r in rows}
    a20 = by[(A, 2020)]
    assert a20.forms == 2 and a20.funds == 400
    assert a20.printed_average == pytest.approx((90 * 100 + 70 * 300) / 400)  # 75
    assert a20.computed_average == pytest.approx((89 * 100 + 69 * 300) / 400)  # fake review: printed − 1
    a21 = by[(A, 2021)]
    assert a21.funds is None and a21.printed_average is None and a21.printed_forms == 0
    b20 = by[(B, 2020)]
    assert b20.funds == 50 and b20.printed_average is None
    b21 = by[(B, 2021)]
    assert b21.forms == 1 and b21.printed_average == 66  # the revision, not the superseded 60


def test_overview_by_hand(filled: Database) -> None:
    o = store.overview(filled)
    assert o.forms == 6
    assert o.by_year == {2020: 4, 2021: 2}
    assert o.by_unit == [(A, 4), (B, 2)]
    # every scored form is re-scored 1 point lower by the fake review; 丁 prints no total
    assert o.inflation_by_unit and {u: (g, n) for u, g, n in o.inflation_by_unit} == {
        A: (1.0, 4),
        B: (1.0, 1),
    }
    assert o.grades_by_year == {2020: {"良": 4}, 2021: {"良": 2}}
    mine = store.overview(filled, (store.list_units(filled)[0].id,))
    assert mine.forms in (4, 2)


def test_queue_count_follows_filters(filled: Database) -> None:
    for flt, want in [
        (store.QueueFilter(), 6),
        (store.QueueFilter(unit=B), 2),
        (store.QueueFilter(year=2021), 2),
        (store.QueueFilter(kind="department_self_evaluation"), 1),
        (store.QueueFilter(has_errors=False), 0),
        (store.QueueFilter(unit="没有这个单位"), 0),
        (store.QueueFilter(unit_ids=()), 0),
    ]:
        assert store.list_queue(filled, flt)[1] == want, flt


def test_alias_merge_moves_the_sums(filled: Database) -> None:
    store.add_alias(filled, B, A)  # the 审计局's forms are now A's
    o = store.overview(filled)
    assert o.by_unit == [(A, 6)]
    with filled.reader() as s:
        assert summary.differences(s) == []
    _close(_from_summaries(filled, FormFilter()), _from_forms(filled, FormFilter()))


# --- keyset pages -----------------------------------------------------------------------------


@pytest.fixture
def many(db: Database, tmp_path: Path, fake_reviewer: None) -> Database:
    """23 forms over three units and years, some without a year: pages of 5 cross every boundary."""
    forms = []
    for i in range(20):
        forms.append(_project((A, B, "第三单位")[i % 3], 2019 + i % 3, f"项目{i}", 10 + i, 80))
    for i in range(3):
        f = _project(A, 2020, f"无年度{i}", 5, 70)
        f["year"] = None
        f["title"] = f"无年度项目{i}自评表"
        forms.append(f)
    write_doc(tmp_path / "m.txt", *forms)
    assert import_paths([tmp_path / "m.txt"], db).failures == []
    return db


def test_keyset_pages_walk_the_same_order_as_offsets(many: Database) -> None:
    everything, total = store.list_queue(many, limit=100)
    assert total == 23 and len(everything) == 23
    order = [r.id for r in everything]
    # forward by cursor
    walked, after = [], None
    while True:
        rows, _ = store.list_queue(many, limit=5, after=after)
        if not rows:
            break
        walked += [r.id for r in rows]
        after = rows[-1].key
    assert walked == order
    # backward by cursor from past the last row
    back, before = [], everything[-1].key
    back = [everything[-1].id]
    while True:
        rows, _ = store.list_queue(many, limit=5, before=before)
        if not rows:
            break
        back = [r.id for r in rows] + back
        before = rows[0].key
    assert back == order
    # every page by offset, the second half counted from the end
    for offset in range(0, 25, 5):
        rows, _ = store.list_queue(many, limit=5, offset=offset)
        assert [r.id for r in rows] == order[offset : offset + 5]


def test_queue_page_links_carry_the_cursor(many: Database) -> None:
    from jixiao.web import pages

    pages.queue.PAGE_SIZE, saved = 5, pages.queue.PAGE_SIZE
    try:
        first = pages.build_queue(many, store.QueueFilter(), 1)
        assert first.pages == 5 and first.prev_before is None and first.next_after
        second = pages.build_queue(many, store.QueueFilter(), 2, after=pages.decode_key(first.next_after))
        by_offset = pages.build_queue(many, store.QueueFilter(), 2)
        assert [r["id"] for r in second.rows] == [r["id"] for r in by_offset.rows]
        assert second.prev_before
        again = pages.build_queue(many, store.QueueFilter(), 1, before=pages.decode_key(second.prev_before))
        assert [r["id"] for r in again.rows] == [r["id"] for r in first.rows]
        last = pages.build_queue(many, store.QueueFilter(), 5)
        assert len(last.rows) == 3 and last.next_after is None
    finally:
        pages.queue.PAGE_SIZE = saved


# --- migration 0005 -----------------------------------------------------------------------------


def _to(db: Database, revision: str) -> None:
    from alembic import command

    cfg, _ = _script_directory()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_migration_0005_down_and_up_rebuilds_the_sums(
    db_url: str, tmp_path: Path, fake_reviewer: None
) -> None:
    write_doc(
        tmp_path / "a.txt", _project(A, 2020, "甲", 100, 90), department_form(unit=B, year=2021, total=97)
    )
    with Database(db_url) as db:
        assert import_paths([tmp_path / "a.txt"], db).failures == []
        before, stats_before = row_counts(db), store.stats(db)
        _to(db, "0004_volume_indexes")
        with db.engine.connect() as conn:
            assert "form_summaries" not in inspect(conn).get_table_names()
    with Database(db_url) as db:  # a writer opening the old database upgrades it and fills the sums
        assert row_counts(db) == before
        assert store.stats(db) == stats_before
        with db.reader() as s:
            assert summary.differences(s) == []


# --- the sums without the unit (year_summaries) ------------------------------------------------

P, D = "project_self_evaluation", "department_self_evaluation"
S = "submitted"  # the default workflow state: forms imported as finished documents


def _year_sums(db: Database) -> dict[tuple[Any, ...], dict[str, float]]:
    with db.reader() as s:
        return summary.stored(s, YEAR_SUMMARIES)


def test_year_sums_by_hand(filled: Database) -> None:
    """Checked against the forms of ``filled``: every form is graded 良 with an error finding by
    the fake review, which re-scores each total 1 point lower; 戊 counts with its revision (66)."""
    sums = _year_sums(filled)
    assert set(sums) == {(2020, P, "良", 1, S), (2020, D, "良", 1, S), (2021, P, "良", 1, S)}
    p20 = sums[(2020, P, "良", 1, S)]  # 甲 (100 万元, 90), 乙 (300, 70), 丁 (50, no total)
    assert p20["forms"] == 3 and p20["funds"] == 450 and p20["funds_n"] == 3
    assert (p20["printed_num"], p20["printed_den"], p20["printed_n"]) == (90 * 100 + 70 * 300, 400, 2)
    assert (p20["computed_num"], p20["computed_den"], p20["computed_n"]) == (89 * 100 + 69 * 300, 400, 2)
    assert (p20["gap_sum"], p20["gap_n"]) == (2, 2)
    p21 = sums[(2021, P, "良", 1, S)]  # 丙 (no 预算数, 80), 戊 (200, 66 — not the superseded 60)
    assert p21["forms"] == 2 and p21["funds"] == 200 and p21["funds_n"] == 1
    assert (p21["printed_num"], p21["printed_n"]) == (66 * 200, 1)
    assert (p21["computed_num"], p21["computed_n"]) == (65 * 200, 1)
    assert (p21["gap_sum"], p21["gap_n"]) == (2, 2)
    assert sums[(2020, D, "良", 1, S)]["forms"] == 1
    o = store.overview(filled)
    assert o.forms == 6 and o.by_year == {2020: 4, 2021: 2}
    assert o.grades_by_year == {2020: {"良": 4}, 2021: {"良": 2}}


def test_reimporting_the_same_file_changes_no_year_sum(filled: Database, tmp_path: Path) -> None:
    before = _year_sums(filled)
    assert import_paths([tmp_path / "b2.txt", tmp_path / "a.txt"], filled).imported == []
    assert _year_sums(filled) == before
    assert store.list_queue(filled)[1] == 6


def test_alias_merge_leaves_the_year_sums_and_a_collision_takes_the_loser_out(
    filled: Database, tmp_path: Path
) -> None:
    before = _year_sums(filled)
    store.add_alias(filled, B, A)  # no form of B has the identity of one of A's: nothing lost
    assert _year_sums(filled) == before
    # a third unit files 甲 of 2020 again (95 points); merged into A, it supersedes A's 甲 (90)
    write_doc(tmp_path / "c.txt", _project("第三单位", 2020, "甲", 100, 95))
    assert import_paths([tmp_path / "c.txt"], filled).failures == []
    assert _year_sums(filled)[(2020, P, "良", 1, S)]["forms"] == 4
    store.add_alias(filled, "第三单位", A)
    p20 = _year_sums(filled)[(2020, P, "良", 1, S)]
    assert p20["forms"] == 3  # 甲 (the newer, 95), 乙, 丁
    assert p20["printed_num"] == 95 * 100 + 70 * 300
    assert store.list_queue(filled)[1] == 6
    assert store.overview(filled).by_year == {2020: 4, 2021: 2}
    with filled.reader() as s:
        assert summary.differences(s) == []


def test_a_wrong_year_sum_is_reported(filled: Database) -> None:
    with filled.engine.begin() as conn:
        conn.execute(YEAR_SUMMARIES.update().where(YEAR_SUMMARIES.c.year == 2021).values(forms=5))
    with filled.reader() as s:
        bad = summary.differences(s)
    assert bad and all(b.startswith("year_summaries (2021,") for b in bad)
    with filled.engine.begin() as conn:  # put back, for the fixture's own check
        conn.execute(YEAR_SUMMARIES.update().where(YEAR_SUMMARIES.c.year == 2021).values(forms=2))


def test_migration_0006_down_and_up_fills_the_year_sums(
    db_url: str, tmp_path: Path, fake_reviewer: None
) -> None:
    write_doc(
        tmp_path / "a.txt",
        _project(A, 2020, "甲", 100, 90),
        _project(B, 2020, "乙", 300, 70),
        department_form(unit=B, year=2021, total=97),
    )
    with Database(db_url) as db:
        assert import_paths([tmp_path / "a.txt"], db).failures == []
        before = _year_sums(db)
        # 甲 and 乙 of two units in one cell: 2 forms, funds 400
        assert before[(2020, P, "良", 1, S)]["forms"] == 2 and before[(2020, P, "良", 1, S)]["funds"] == 400
        _to(db, "0005_form_summaries")
        with db.engine.connect() as conn:
            assert "year_summaries" not in inspect(conn).get_table_names()
    with Database(db_url) as db:  # upgraded on opening: filled from form_summaries
        assert _year_sums(db) == before
        with db.reader() as s:
            assert summary.differences(s) == []


def test_form_years_all_units_and_one(filled: Database, tmp_path: Path) -> None:
    assert store.form_years(filled) == [2021, 2020]
    b = next(u.id for u in store.list_units(filled) if u.name == B)
    assert store.form_years(filled, (b,)) == [2021, 2020]
    assert store.form_years(filled, ()) == []
    write_doc(tmp_path / "c.txt", _project("第三单位", 2018, "己", 10, 80))
    assert import_paths([tmp_path / "c.txt"], filled).failures == []
    assert store.form_years(filled) == [2021, 2020, 2018]
    assert store.form_years(filled, (b,)) == [2021, 2020]
