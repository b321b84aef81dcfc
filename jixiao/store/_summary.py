"""Running sums over the current forms per unit, year, kind, grade and has-errors cell.

``overview``, ``stats`` and the queue's form count read ``form_summaries`` (one row per cell)
instead of grouping every form, so their cost follows the number of units and years, not of
forms. The writer keeps it in the same transaction as the forms: a stored document's forms are
added, the forms it supersedes subtracted, a unit merged by an alias moved. Every change is an
``INSERT … ON CONFLICT DO UPDATE SET x = x + d``, so concurrent writers never lose one.

The contribution of a set of forms is one SQL aggregate over those forms (``contributions``),
and ``recount`` is the same aggregate over every current form: tests and ``jixiao check``
compare the two.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select

from jixiao.store._tables import FINDINGS, FORM_SUMMARIES, FORMS, STRUCTURE_CODES

if TYPE_CHECKING:
    from jixiao.store._db import Conn


__all__ = [
    "KEYS",
    "VALUES",
    "add_forms",
    "differences",
    "recount",
    "remove_forms",
    "stored",
    "sums",
    "weights_broken",
]

KEYS = ("unit_id", "year", "kind", "grade", "errors")
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
)
_COUNTS = frozenset(v for v in VALUES if v == "forms" or v.endswith("_n") or v == "unsound")


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
    )
    values = sums()
    return select(*keys, *(values[v] for v in VALUES)).group_by(*keys)


def _rows(session: Conn, query: Select[Any]) -> dict[tuple[Any, ...], dict[str, float]]:
    out: dict[tuple[Any, ...], dict[str, float]] = {}
    for row in session.execute(query):
        k = tuple(row[: len(KEYS)])
        out[k] = {
            name: (int(v or 0) if name in _COUNTS else float(v or 0.0))
            for name, v in zip(VALUES, row[len(KEYS) :], strict=True)
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


def _apply(session: Conn, cells: dict[tuple[Any, ...], dict[str, float]], sign: int) -> None:
    """Add (``sign`` 1) or subtract (-1) sums cell by cell, atomically in the database."""
    if not cells:
        return
    from jixiao.store._tally import upsert

    table = FORM_SUMMARIES
    stmt = upsert(session, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(KEYS), set_={v: table.c[v] + stmt.excluded[v] for v in VALUES}
    )
    session.execute(
        stmt,
        [
            {**dict(zip(KEYS, k, strict=True)), **{v: sign * vals[v] for v in VALUES}}
            for k, vals in sorted(cells.items())  # one order for every writer: no deadlock
        ],
    )


def add_forms(session: Conn, form_ids: list[int]) -> None:
    """Count newly stored (current) forms in; call after their findings are stored."""
    _apply(session, contributions(session, form_ids), 1)


def remove_forms(session: Conn, form_ids: list[int]) -> None:
    """Count forms out; call while they are still current (before superseding or moving them)."""
    _apply(session, contributions(session, form_ids), -1)


def recount(session: Conn) -> dict[tuple[Any, ...], dict[str, float]]:
    """The sums as the current forms give them (for rebuilding and checking the table)."""
    return _rows(session, _aggregate().where(FORMS.c.superseded.is_(False)))


def stored(session: Conn) -> dict[tuple[Any, ...], dict[str, float]]:
    """The table as stored, empty cells (no forms) left out."""
    t = FORM_SUMMARIES.c
    cols = [t[k] for k in KEYS] + [t[v] for v in VALUES]
    query = select(*cols).where(t.forms != 0)
    return _rows(session, query)


def differences(session: Conn) -> list[str]:
    """Cells where the stored sums and a recount disagree (beyond float rounding)."""
    want, have = recount(session), stored(session)
    bad = []
    for k in sorted(set(want) | set(have)):
        a, b = want.get(k), have.get(k)
        if a is None or b is None:
            bad.append(f"{k}: {'缺少' if b is None else '多余'}")
            continue
        for v in VALUES:
            if not math.isclose(a[v], b[v], rel_tol=1e-9, abs_tol=1e-6):
                bad.append(f"{k} {v}: 应为 {a[v]}，存为 {b[v]}")
    return bad
