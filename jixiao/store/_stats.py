"""Statistics of the store: counts, scores and findings per unit, year and kind.

Read from the stored summaries (``_summary``) where the filters allow, else aggregated over
the current forms; pages are keyset-paged by (unit, year, kind).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, case, func, literal, or_, select, tuple_

from jixiao.store._db import Database
from jixiao.store._filters import SUMMARY_COLUMNS, YEAR_COLUMNS, narrow
from jixiao.store._records import FormFilter, StatsKey, UnitYearStats, stats_rows
from jixiao.store._summary import VALUES, sums
from jixiao.store._tables import (
    FINDING_TALLIES,
    FINDINGS,
    FORM_SUMMARIES,
    FORMS,
    UNIT_YEAR_COUNTS,
    UNIT_YEAR_SUMMARIES,
    UNITS,
    YEAR_SUMMARIES,
)
from jixiao.store._units import match_units

if TYPE_CHECKING:
    from jixiao.store._db import Conn

__all__ = ["StatsKey", "UnitYearStats", "stats", "summary_cells", "year_cells"]


def stats(
    db: Database,
    filters: FormFilter = FormFilter(),
    *,
    limit: int | None = None,
    offset: int = 0,
    after: StatsKey | None = None,
    before: StatsKey | None = None,
) -> tuple[list[UnitYearStats], int]:
    """Per unit, year and kind: form count, funds-weighted printed vs recomputed average, findings.

    Rows in unit-name order (newest year first within a unit; forms without a unit last),
    ``limit`` of them from ``offset`` — or, keyset pages, the ``limit`` rows right after the row
    ``after`` or right before ``before`` — and the number of rows in all. Findings are counted
    for the rows of the page only. Without a grade, errors or superseded filter the rows are
    read from ``unit_year_summaries`` in the order of the units' name index and the count from
    ``unit_year_counts``, so any page costs what the first does however many units there are.
    """
    with db.connect() as session:
        if filters.include_superseded or filters.grade or filters.has_errors is not None:
            if after is not None or before is not None:
                raise ValueError("stats pages by key only over the current forms by unit, year and kind")
            page = _grouped_page(session, filters, limit, offset)
        else:
            page = _rollup_page(session, filters, limit, offset, after, before)
        if page is None:
            return [], 0
        rows, total = page
        cells = [(unit_id, year) for unit_id, year, *_ in rows]
        by_cell: dict[tuple[int | None, int | None, str], dict[str, int]] = defaultdict(dict)
        if rows:
            for unit_id, year, kind, code, n in session.execute(_findings_by_code(session, filters, cells)):
                by_cell[(unit_id, year, kind)][code] = int(n)

        result = stats_rows(rows, by_cell)
    return result, total


def _grouped_page(
    session: Conn, filters: FormFilter, limit: int | None, offset: int
) -> tuple[list[Any], int] | None:
    """A page of stats rows grouped from the forms (superseded ones too) or from the cells of
    ``form_summaries`` (a grade or errors filter): the whole selection is grouped for a page."""
    if filters.include_superseded:
        grouped = _stats_of_forms(session, filters)
    else:
        grouped = _stats_of_summaries(session, filters)
    if grouped is None:
        return None
    groups = grouped.subquery()
    c = groups.c
    total = session.scalar(select(func.count()).select_from(groups)) or 0
    page = select(groups).order_by(c[0].is_(None), c[12], c[1].desc().nulls_last(), c[0], c[2])
    page = page.offset(offset)
    if limit is not None:
        page = page.limit(limit)
    return list(session.execute(page).all()), total


def _rollup_columns() -> list[Any]:
    t = UNIT_YEAR_SUMMARIES.c
    return [t.unit_id, t.year, t.kind, *_stat_columns({v: t[v] for v in VALUES})]


def stats_of_rollup(session: Conn, filters: FormFilter) -> Select[Any] | None:
    """Every stats row of the current forms read from ``unit_year_summaries`` (no grade or
    errors filter), unordered; None when the unit text matches no unit."""
    t = UNIT_YEAR_SUMMARIES.c
    query = (
        select(*_rollup_columns(), UNITS.c.name)
        .select_from(UNIT_YEAR_SUMMARIES)
        .outerjoin(UNITS, UNITS.c.id == t.unit_id)
        .where(t.forms != 0)
    )
    return _narrow_rollup(session, query, filters)


def _narrow_rollup(session: Conn, query: Select[Any], filters: FormFilter) -> Select[Any] | None:
    t = UNIT_YEAR_SUMMARIES.c
    if filters.unit:
        ids = match_units(session, filters.unit)
        if not ids:
            return None
        query = query.where(t.unit_id.in_(ids))
    if filters.year is not None:
        query = query.where(t.year == filters.year)
    if filters.kind:
        query = query.where(t.kind == filters.kind)
    return query


def _rollup_page(
    session: Conn,
    filters: FormFilter,
    limit: int | None,
    offset: int,
    after: StatsKey | None,
    before: StatsKey | None,
) -> tuple[list[Any], int] | None:
    """A page of stats rows from ``unit_year_summaries``: the units with a name in the order of
    ``ix_units_name`` (then year, newest first, and kind), then the forms without a unit.

    Each part is read from its index in order and stops after the page; an offset in the second
    half of the rows is counted from the end in the reverse order, as the queue does.
    """
    t = UNIT_YEAR_SUMMARIES.c
    named = _narrow_rollup(
        session,
        select(*_rollup_columns(), UNITS.c.name)
        .select_from(UNIT_YEAR_SUMMARIES)
        .join(UNITS, UNITS.c.id == t.unit_id)
        .where(t.forms != 0),
        filters,
    )
    if named is None:
        return None
    unnamed = _narrow_rollup(
        session,
        select(*_rollup_columns(), literal(None).label("name")).where(t.unit_id == 0, t.forms != 0),
        filters,
    )
    assert unnamed is not None
    n_unnamed = 0
    if not filters.unit:  # a few rows (years × kinds) on the unique key's index
        n_unnamed = session.scalar(select(func.count()).select_from(unnamed.subquery())) or 0
    if filters.unit:
        total = session.scalar(select(func.count()).select_from(named.subquery())) or 0
    else:
        c = UNIT_YEAR_COUNTS.c
        counted = select(func.coalesce(func.sum(c.units), 0))
        if filters.year is not None:
            counted = counted.where(c.year == filters.year)
        if filters.kind:
            counted = counted.where(c.kind == filters.kind)
        total = int(session.scalar(counted) or 0)
    forward = (UNITS.c.name, UNITS.c.id, t.year.desc(), t.kind)
    backward = (UNITS.c.name.desc(), UNITS.c.id.desc(), t.year, t.kind.desc())
    parts = [
        (named, forward, backward, total - n_unnamed),
        (unnamed, (t.year.desc(), t.kind), (t.year, t.kind.desc()), n_unnamed),
    ]
    rows: list[Any] = []
    want = limit if limit is not None else total

    def take(query: Select[Any], skip: int = 0) -> None:
        if len(rows) < want:
            rows.extend(session.execute(query.offset(skip).limit(want - len(rows))).all())

    key = after if after is not None else before
    name = None
    if key is not None and key[0]:
        name = session.scalar(select(UNITS.c.name).where(UNITS.c.id == key[0]))
        if name is None:  # the cursor's unit is gone (merged into another since): the first page
            key = None
    if key is not None:
        u, y, k = key
        going = after is not None
        order = parts if going else parts[::-1]
        started = False
        for query, fwd, bwd, _n in order:
            this_part = (query is unnamed) == (u == 0)
            if not started and not this_part:
                continue
            if not started:
                started = True
                query = query.where(_beyond(name, u, y, k, going))
            take(query.order_by(*(fwd if going else bwd)))
        if not going:
            rows.reverse()
    elif offset > 0 and offset * 2 > total:
        if offset >= total:
            return [], total
        want = min(want, total - offset)
        skip = max(0, total - offset - (limit if limit is not None else total))
        for query, _fwd, bwd, n in parts[::-1]:
            if skip >= n:
                skip -= n
                continue
            take(query.order_by(*bwd), skip)
            skip = 0
        rows.reverse()
    else:
        skip = offset
        for query, fwd, _bwd, n in parts:
            if skip >= n:
                skip -= n
                continue
            take(query.order_by(*fwd), skip)
            skip = 0
    out = [(None if r[0] == 0 else r[0], None if r[1] == 0 else r[1], *r[2:]) for r in rows]
    return out, total


def _beyond(name: str | None, unit_id: int, year: int, kind: str, forward: bool) -> Any:
    """The stats rows after (``forward``) or before the row (unit ``name``/``unit_id``, year,
    kind) in the order name, unit, year newest first, kind; ``unit_id`` 0: a row without unit."""
    t = UNIT_YEAR_SUMMARIES.c
    if forward:
        within = or_(t.year < year, and_(t.year == year, t.kind > kind))
    else:
        within = or_(t.year > year, and_(t.year == year, t.kind < kind))
    if unit_id == 0:
        return within
    n, i = UNITS.c.name, UNITS.c.id
    if forward:
        return and_(n >= name, or_(n > name, and_(n == name, or_(i > unit_id, and_(i == unit_id, within)))))
    return and_(n <= name, or_(n < name, and_(n == name, or_(i < unit_id, and_(i == unit_id, within)))))


def _stat_columns(sums: dict[str, Any]) -> list[Any]:
    """The columns of a ``stats`` row from the sums of ``_summary.VALUES`` over its cell: a
    sum over no form that prints the figure is NULL, not 0."""

    def when(n: str, value: str) -> Any:
        return case((sums[n] > 0, sums[value]))

    return [
        sums["forms"],
        when("funds_n", "funds"),
        when("printed_n", "printed_num"),
        when("printed_n", "printed_den"),
        sums["printed_n"],
        when("computed_n", "computed_num"),
        when("computed_n", "computed_den"),
        sums["computed_n"],
        sums["unsound"],
    ]


def _stats_of_forms(session: Conn, filters: FormFilter) -> Select[Any] | None:
    """The unit-year-kind sums grouped from the forms themselves (superseded ones included)."""
    f = FORMS.c
    return filters.apply(
        session,
        select(f.unit_id, f.year, f.kind, *_stat_columns(sums()), func.min(UNITS.c.name))
        .outerjoin(UNITS, UNITS.c.id == f.unit_id)
        .group_by(f.unit_id, f.year, f.kind),
    )


def summary_cells(session: Conn, query: Select[Any], filters: FormFilter) -> Select[Any] | None:
    """``query`` over ``form_summaries`` narrowed by ``filters`` (current forms only); None when
    the unit text matches no unit."""
    query = query.where(FORM_SUMMARIES.c.forms != 0)
    return narrow(session, query, SUMMARY_COLUMNS, **filters._narrowing())


def year_cells(query: Select[Any], filters: FormFilter) -> Select[Any]:
    """``query`` over ``year_summaries`` (every unit's current forms) narrowed by ``filters``,
    which must name no unit."""
    query = query.where(YEAR_SUMMARIES.c.forms != 0)
    narrowed = narrow(None, query, YEAR_COLUMNS, **filters._narrowing())
    assert narrowed is not None  # no unit text to match
    return narrowed


def _stats_of_summaries(session: Conn, filters: FormFilter) -> Select[Any] | None:
    """The unit-year-kind sums read from the running sums: O(cells), not O(forms)."""
    t = FORM_SUMMARIES.c
    unit = case((t.unit_id == 0, None), else_=t.unit_id)
    year = case((t.year == 0, None), else_=t.year)

    return summary_cells(
        session,
        select(
            unit,
            year,
            t.kind,
            *_stat_columns({v: func.sum(t[v]) for v in VALUES}),
            func.min(UNITS.c.name),
        )
        .select_from(FORM_SUMMARIES)
        .outerjoin(UNITS, UNITS.c.id == t.unit_id)
        .group_by(t.unit_id, t.year, t.kind)
        .having(func.sum(t.forms) > 0),
        filters,
    )


def _findings_by_code(
    session: Conn, filters: FormFilter, cells: list[tuple[int | None, int | None]]
) -> Select[Any]:
    """Findings of current forms counted per unit, year and code, for the given unit-year cells.

    Read from the running tally (``finding_tallies``) when the filters allow; filters on the
    forms' verdicts (grade, errors) or on superseded forms count the findings themselves.
    """
    if filters.grade or filters.has_errors is not None or filters.include_superseded:
        joined = filters.apply(
            session,
            select(FORMS.c.unit_id, FORMS.c.year, FORMS.c.kind, FINDINGS.c.code, func.count())
            .select_from(FORMS)
            .join(
                FINDINGS,
                and_(FINDINGS.c.form_id == FORMS.c.id, FINDINGS.c.review_run_id == FORMS.c.review_run_id),
            ),
        )
        assert joined is not None
        units = {u for u, _ in cells if u is not None}
        if len(units) < 500:  # narrow to the page's units; the page's cells are picked by the caller
            joined = joined.where(or_(FORMS.c.unit_id.in_(units), FORMS.c.unit_id.is_(None)))
        return joined.group_by(FORMS.c.unit_id, FORMS.c.year, FORMS.c.kind, FINDINGS.c.code)
    t = FINDING_TALLIES.c
    unit = case((t.unit_id == 0, None), else_=t.unit_id)
    year = case((t.year == 0, None), else_=t.year)
    keys = sorted({(u or 0, y or 0) for u, y in cells})
    query = select(unit, year, t.kind, t.code, func.sum(t.count)).where(t.count != 0)
    if len(keys) <= 500:
        query = query.where(tuple_(t.unit_id, t.year).in_(keys))
    if filters.unit:
        query = query.where(t.unit_id.in_(match_units(session, filters.unit)))
    if filters.year is not None:
        query = query.where(t.year == filters.year)
    if filters.kind:
        query = query.where(t.kind == filters.kind)
    return query.group_by(t.unit_id, t.year, t.kind, t.code)
