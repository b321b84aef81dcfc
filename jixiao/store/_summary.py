"""Running sums over the current forms per unit, year, kind, grade and has-errors cell.

``overview``, ``stats`` and the queue's form count read ``form_summaries`` (one row per cell)
instead of grouping every form, so their cost follows the number of units and years, not of
forms. The writer keeps it in the same transaction as the forms: a stored document's forms are
added, the forms it supersedes subtracted, a unit merged by an alias moved. Every change is an
``INSERT … ON CONFLICT DO UPDATE SET x = x + d``, so concurrent writers never lose one.

The contribution of a set of forms is one SQL aggregate over those forms (``contributions``),
and ``recount`` is the same aggregate over every current form: tests and ``jixiao check``
compare the two.

``year_summaries`` holds the same sums without the unit, for the totals over all units (the
queue's count, the reviewer's overview by year and grade), which would otherwise add up every
unit's cells. ``unit_summaries`` (per unit) and ``unit_year_summaries`` (per unit, year and
kind: one row of ``stats``) hold them for the pages that list units: the overview's top units
and ``stats`` of all units read one page of rows in an index's order. Every table is written by
the one ``_apply`` from the one set of cells (each table's key a projection of the cell's), and
every one is checked against the same recount.

``unit_year_counts`` counts the rows of ``unit_year_summaries`` that hold forms, per year and
kind (the row count of ``stats`` of all units): ``_apply`` reads back the rows it changed, under
their row locks, and counts a row in when it gains its first form and out when it loses its last.

The workflow state is part of a cell's key (a form without a workflow row counts in
``DEFAULT_STATE``), so the overview's count by state and the queue's count with ``?state=`` read
cells too. ``form_summaries`` and ``year_summaries`` keep it; the per-unit tables project it out.
A workflow step moves its form between cells (``move_state``) in the step's transaction; a new
revision counts in the default state until its state is carried to it, which is a workflow step.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select, tuple_

from jixiao.store._tables import (
    DEFAULT_STATE,
    FINDINGS,
    FORM_SUMMARIES,
    FORM_WORKFLOW,
    FORMS,
    SCORECARDS,
    STRUCTURE_CODES,
    UNIT_SUMMARIES,
    UNIT_YEAR_COUNTS,
    UNIT_YEAR_SUMMARIES,
    YEAR_SUMMARIES,
)

if TYPE_CHECKING:
    from jixiao.store._db import Conn


__all__ = [
    "KEYS",
    "ROLLUPS",
    "ROW_COUNTS",
    "VALUES",
    "add_forms",
    "differences",
    "move_state",
    "rebuild",
    "recount",
    "remove_forms",
    "stored",
    "sums",
    "weights_broken",
]

KEYS = ("unit_id", "year", "kind", "grade", "errors", "state")
# every table of running sums and the part of a cell's key it keeps (its unique key)
ROLLUPS = (
    (FORM_SUMMARIES, KEYS),
    (YEAR_SUMMARIES, KEYS[1:]),
    (UNIT_SUMMARIES, ("unit_id",)),
    (UNIT_YEAR_SUMMARIES, ("unit_id", "year", "kind")),
)
# the tables a workflow step changes: those whose key keeps the state
BY_STATE = tuple(table for table, keys in ROLLUPS if "state" in keys)
# a table counting the rows with forms of a table of ROLLUPS, by a part of that table's key
ROW_COUNTS = ((UNIT_YEAR_COUNTS, UNIT_YEAR_SUMMARIES, ("year", "kind")),)
COUNTED = "units"  # the count column of a table of ROW_COUNTS
VALUES = (
    "forms",
    "funds",
    "funds_n",
    "printed_num",
    "printed_den",
    "printed_n",
    "computed_num",
    "computed_den",
    "computed_n",
    "unsound",
    "gap_sum",
    "gap_n",
    "printed_grade_n",
)
_COUNTS = frozenset(v for v in VALUES if v == "forms" or v.endswith("_n") or v == "unsound")


def grade_recomputed() -> ColumnElement[bool]:
    """EXISTS a 重算等级 in the form's latest scorecard: else its stored grade is the 填报等级."""
    return (
        select(SCORECARDS.c.id)
        .where(
            SCORECARDS.c.form_id == FORMS.c.id,
            SCORECARDS.c.review_run_id == FORMS.c.review_run_id,
            SCORECARDS.c.grade_computed.is_not(None),
        )
        .exists()
    )


def weights_broken() -> ColumnElement[bool]:
    """EXISTS a finding of the form's latest review saying its weights do not add up."""
    return (
        select(FINDINGS.c.id)
        .where(
            FINDINGS.c.form_id == FORMS.c.id,
            FINDINGS.c.review_run_id == FORMS.c.review_run_id,
            FINDINGS.c.code.like(STRUCTURE_CODES),
        )
        .exists()
    )


def sums() -> dict[str, Any]:
    """Each of ``VALUES`` as an aggregate over ``forms``: what a set of forms adds to a cell.

    Also what ``stats`` groups over superseded forms, which the table does not keep.
    """
    f = FORMS.c
    funds = f.budget_planned
    has_funds = and_(funds.is_not(None), funds > 0)
    broken = weights_broken()
    printed_ok = and_(f.total_score.is_not(None), has_funds)
    computed_ok = and_(f.total_computed.is_not(None), has_funds, ~broken)
    gap_ok = and_(f.unit_id.is_not(None), f.total_score.is_not(None), f.total_computed.is_not(None))

    def count(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    def total(cond: Any, value: Any) -> Any:
        return func.sum(case((cond, value), else_=literal(0.0)))

    return {
        "forms": func.count(),
        "funds": total(funds.is_not(None), funds),
        "funds_n": count(funds.is_not(None)),
        "printed_num": total(printed_ok, f.total_score * funds),
        "printed_den": total(printed_ok, funds),
        "printed_n": count(printed_ok),
        "computed_num": total(computed_ok, f.total_computed * funds),
        "computed_den": total(computed_ok, funds),
        "computed_n": count(computed_ok),
        "unsound": count(and_(f.total_score.is_not(None), broken)),
        "gap_sum": total(gap_ok, f.total_score - f.total_computed),
        "gap_n": count(gap_ok),
        "printed_grade_n": count(and_(f.grade.is_not(None), ~grade_recomputed())),
    }


def _aggregate() -> Select[Any]:
    """The cells' sums over ``forms`` (narrowed by the caller), grouped by cell."""
    f = FORMS.c
    keys = (
        func.coalesce(f.unit_id, 0),
        func.coalesce(f.year, 0),
        f.kind,
        func.coalesce(f.grade, ""),
        case((f.error_count > 0, 1), else_=0),
        func.coalesce(FORM_WORKFLOW.c.state, DEFAULT_STATE),
    )
    values = sums()
    return (
        select(*keys, *(values[v] for v in VALUES))
        .select_from(FORMS.outerjoin(FORM_WORKFLOW, FORM_WORKFLOW.c.form_id == f.id))
        .group_by(*keys)
    )


def _rows(
    session: Conn, query: Select[Any], n_keys: int = len(KEYS)
) -> dict[tuple[Any, ...], dict[str, float]]:
    out: dict[tuple[Any, ...], dict[str, float]] = {}
    for row in session.execute(query):
        k = tuple(row[:n_keys])
        out[k] = {
            name: (int(v or 0) if name in _COUNTS else float(v or 0.0))
            for name, v in zip(VALUES, row[n_keys:], strict=True)
        }
    return out


def contributions(session: Conn, form_ids: list[int]) -> dict[tuple[Any, ...], dict[str, float]]:
    """What the given forms (the current ones among them) add to each cell."""
    if not form_ids:
        return {}
    out: dict[tuple[Any, ...], dict[str, float]] = {}
    for start in range(0, len(form_ids), 5000):
        chunk = form_ids[start : start + 5000]
        part = _rows(session, _aggregate().where(FORMS.c.id.in_(chunk), FORMS.c.superseded.is_(False)))
        for k, vals in part.items():
            into = out.setdefault(k, dict.fromkeys(VALUES, 0))
            for name, v in vals.items():
                into[name] += v
    return out


def _project(
    cells: dict[tuple[Any, ...], dict[str, float]], keys: tuple[str, ...]
) -> dict[tuple[Any, ...], dict[str, float]]:
    """The cells summed onto a coarser key (the columns ``keys`` of ``KEYS``)."""
    if keys == KEYS:
        return cells
    at = [KEYS.index(k) for k in keys]
    out: dict[tuple[Any, ...], dict[str, float]] = {}
    for k, vals in cells.items():
        into = out.setdefault(tuple(k[i] for i in at), dict.fromkeys(VALUES, 0))
        for name in VALUES:
            into[name] += vals[name]
    return out


def _apply(
    session: Conn, cells: dict[tuple[Any, ...], dict[str, float]], sign: int, only: tuple[Any, ...] = ()
) -> None:
    """Add (``sign`` 1) or subtract (-1) sums cell by cell, atomically in the database, to
    every table of ``ROLLUPS`` (or those of ``only``), in one order (no deadlock between writers)."""
    if not cells:
        return
    from jixiao.store._tally import upsert

    for table, keys in ROLLUPS:
        if only and table not in only:
            continue
        stmt = upsert(session, table)
        stmt = stmt.on_conflict_do_update(
            index_elements=list(keys), set_={v: table.c[v] + stmt.excluded[v] for v in VALUES}
        )
        projected = _project(cells, keys)
        session.execute(
            stmt,
            [
                {**dict(zip(keys, k, strict=True)), **{v: sign * vals[v] for v in VALUES}}
                for k, vals in sorted(projected.items())
            ],
        )
        for counts, source, by in ROW_COUNTS:
            if source is table:
                _count_rows(
                    session, counts, table, keys, by, {k: sign * v["forms"] for k, v in projected.items()}
                )


def _count_rows(
    session: Conn,
    counts: Any,
    table: Any,
    keys: tuple[str, ...],
    by: tuple[str, ...],
    added: dict[tuple[Any, ...], float],
) -> None:
    """Count the rows of ``table`` whose forms just went from none to some (+1) or from some to
    none (-1) into ``counts``, by the part ``by`` of their key.

    The rows were just upserted, so this transaction holds their row locks: what it reads is
    the value before (now − added) and after its own change, whatever other writers do.
    """
    moved = {k: n for k, n in added.items() if n}
    if not moved:
        return
    from jixiao.store._tally import upsert

    cols = [table.c[k] for k in keys]
    now: dict[tuple[Any, ...], int] = {}
    ordered = sorted(moved)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        for row in session.execute(select(*cols, table.c.forms).where(tuple_(*cols).in_(chunk))):
            now[tuple(row[:-1])] = int(row[-1])
    at = [keys.index(k) for k in by]
    change: dict[tuple[Any, ...], int] = {}
    for k, n in moved.items():
        after = now.get(k, 0)
        before = after - n
        step = (after != 0) - (before != 0)
        if step:
            part = tuple(k[i] for i in at)
            change[part] = change.get(part, 0) + step
    change = {k: n for k, n in change.items() if n}
    if not change:
        return
    stmt = upsert(session, counts)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(by), set_={COUNTED: counts.c[COUNTED] + stmt.excluded[COUNTED]}
    )
    session.execute(stmt, [{**dict(zip(by, k, strict=True)), COUNTED: n} for k, n in sorted(change.items())])


def add_forms(session: Conn, form_ids: list[int]) -> None:
    """Count newly stored (current) forms in; call after their findings are stored."""
    _apply(session, contributions(session, form_ids), 1)


def remove_forms(session: Conn, form_ids: list[int]) -> None:
    """Count forms out; call while they are still current (before superseding or moving them)."""
    _apply(session, contributions(session, form_ids), -1)


def move_state(session: Conn, form_ids: list[int], state: str) -> None:
    """Move forms (the current ones among them) into the cells of workflow state ``state``;
    call before their workflow rows change. Only the tables keyed by state change: the others'
    cells keep the same forms."""
    before = contributions(session, form_ids)
    after: dict[tuple[Any, ...], dict[str, float]] = {}
    for k, vals in before.items():
        into = after.setdefault((*k[:-1], state), dict.fromkeys(VALUES, 0))
        for name, v in vals.items():
            into[name] += v
    delta = {k: dict(v) for k, v in after.items()}
    for k, vals in before.items():
        into = delta.setdefault(k, dict.fromkeys(VALUES, 0))
        for name, v in vals.items():
            into[name] -= v
    _apply(session, {k: v for k, v in delta.items() if any(v.values())}, 1, BY_STATE)


def recount(session: Conn) -> dict[tuple[Any, ...], dict[str, float]]:
    """The sums as the current forms give them (for rebuilding and checking the table)."""
    return _rows(session, _aggregate().where(FORMS.c.superseded.is_(False)))


def rebuild(session: Conn) -> None:
    """Every table of ``ROLLUPS`` refilled from a recount (after rows were made outside the
    writer, as ``benchmarks/pg_bulk.py`` does)."""
    counted = recount(session)
    for table, keys in ROLLUPS:
        session.execute(table.delete())
        rows = [
            {**dict(zip(keys, k, strict=True)), **vals} for k, vals in sorted(_project(counted, keys).items())
        ]
        for start in range(0, len(rows), 20000):
            session.execute(table.insert(), rows[start : start + 20000])
    for counts, source, by in ROW_COUNTS:
        session.execute(counts.delete())
        keys = dict(ROLLUPS)[source]
        want = _row_counts(_project(counted, keys), keys, by)
        if want:
            session.execute(
                counts.insert(),
                [{**dict(zip(by, k, strict=True)), COUNTED: n} for k, n in sorted(want.items())],
            )


def _row_counts(
    cells: dict[tuple[Any, ...], dict[str, float]], keys: tuple[str, ...], by: tuple[str, ...]
) -> dict[tuple[Any, ...], int]:
    """How many of ``cells`` (keyed by ``keys``) hold forms, by the part ``by`` of the key."""
    at = [keys.index(k) for k in by]
    out: dict[tuple[Any, ...], int] = {}
    for k, vals in cells.items():
        if vals["forms"]:
            part = tuple(k[i] for i in at)
            out[part] = out.get(part, 0) + 1
    return out


def stored_row_counts(session: Conn, counts: Any = UNIT_YEAR_COUNTS) -> dict[tuple[Any, ...], int]:
    """A table of ``ROW_COUNTS`` as stored, zero counts left out."""
    by = next(b for c, _, b in ROW_COUNTS if c is counts)
    cols = [counts.c[k] for k in by]
    return {
        tuple(r[:-1]): int(r[-1])
        for r in session.execute(select(*cols, counts.c[COUNTED]).where(counts.c[COUNTED] != 0))
    }


def stored(session: Conn, table: Any = FORM_SUMMARIES) -> dict[tuple[Any, ...], dict[str, float]]:
    """A table of ``ROLLUPS`` as stored, empty cells (no forms) left out."""
    keys = dict(ROLLUPS)[table]
    t = table.c
    cols = [t[k] for k in keys] + [t[v] for v in VALUES]
    query = select(*cols).where(t.forms != 0)
    return _rows(session, query, len(keys))


def differences(session: Conn) -> list[str]:
    """Cells where the stored sums and a recount disagree (beyond float rounding), in every
    table of ``ROLLUPS``."""
    counted = recount(session)
    bad = []
    for table, keys in ROLLUPS:
        want, have = _project(counted, keys), stored(session, table)
        for k in sorted(set(want) | set(have)):
            a, b = want.get(k), have.get(k)
            if a is None or b is None:
                bad.append(f"{table.name} {k}: {'缺少' if b is None else '多余'}")
                continue
            for v in VALUES:
                if not math.isclose(a[v], b[v], rel_tol=1e-9, abs_tol=1e-6):
                    bad.append(f"{table.name} {k} {v}: 应为 {a[v]}，存为 {b[v]}")
    for counts, source, by in ROW_COUNTS:
        keys = dict(ROLLUPS)[source]
        want_rows, have_rows = (
            _row_counts(_project(counted, keys), keys, by),
            stored_row_counts(session, counts),
        )
        for k in sorted(set(want_rows) | set(have_rows)):
            if want_rows.get(k, 0) != have_rows.get(k, 0):
                bad.append(f"{counts.name} {k}: 应为 {want_rows.get(k, 0)} 行，存为 {have_rows.get(k, 0)} 行")
    return bad
