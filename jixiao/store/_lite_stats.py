"""``jixiao stats`` on ``sqlite3`` (``_lite.Reader``): ``_stats.stats`` over the current forms by
unit, year and kind, statement for statement (see ``_lite_query``)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from jixiao.store._lite_query import _marks, _where, match_units
from jixiao.store._records import FormFilter, UnitYearStats, stats_rows

if TYPE_CHECKING:
    from jixiao.store._lite import Reader

__all__ = ["stats"]

_ROLLUP = "unit_year_summaries"


def _rollup_columns(labelled: bool, first_anon: int) -> str:
    """``_stats._rollup_columns`` rendered: plain, or labelled as inside a subquery."""
    t = _ROLLUP
    out = []
    anon = first_anon
    for name in ("unit_id", "year", "kind", "forms"):
        out.append(f"{t}.{name} AS {name}" if labelled else f"{t}.{name}")
    for n, value in (
        ("funds_n", "funds"),
        ("printed_n", "printed_num"),
        ("printed_n", "printed_den"),
        ("printed_n", None),
        ("computed_n", "computed_num"),
        ("computed_n", "computed_den"),
        ("computed_n", None),
        ("unsound", None),
    ):
        if value is None:
            out.append(f"{t}.{n} AS {n}" if labelled else f"{t}.{n}")
        else:
            out.append(f"CASE WHEN ({t}.{n} > ?) THEN {t}.{value} END AS anon_{anon}")
            anon += 1
    return ", ".join(out)


def _rollup_filters(db: Reader, filters: FormFilter) -> tuple[list[str], list[Any]] | None:
    terms: list[str] = []
    params: list[Any] = []
    if filters.unit:
        ids = match_units(db, filters.unit)
        if not ids:
            return None
        terms.append(f"{_ROLLUP}.unit_id IN ({_marks(len(ids))})")
        params.extend(ids)
    if filters.year is not None:
        terms.append(f"{_ROLLUP}.year = ?")
        params.append(filters.year)
    if filters.kind:
        terms.append(f"{_ROLLUP}.kind = ?")
        params.append(filters.kind)
    return terms, params


def _part(named: bool, labelled: bool, first_anon: int, terms: list[str]) -> str:
    """The named (units joined) or unnamed part of the rollup, as ``_rollup_page`` builds it."""
    t = _ROLLUP
    columns = _rollup_columns(labelled, first_anon)
    if named:
        name = "units.name AS name" if labelled else "units.name"
        head = f"SELECT {columns}, {name} \nFROM {t} JOIN units ON units.id = {t}.unit_id"
        return head + _where([f"{t}.forms != ?", *terms])
    return f"SELECT {columns}, ? AS name \nFROM {t}" + _where([f"{t}.unit_id = ?", f"{t}.forms != ?", *terms])


_ZEROS = (0, 0, 0, 0, 0)  # the five ``> 0`` of the CASE columns


def stats(db: Reader, filters: FormFilter, *, limit: int | None = None) -> tuple[list[UnitYearStats], int]:
    """As ``_stats.stats`` over the current forms by unit, year and kind (no grade, errors or
    superseded filter, no offset or cursor: what ``jixiao stats`` asks)."""
    assert not (filters.include_superseded or filters.grade or filters.has_errors is not None)
    t = _ROLLUP
    named = _rollup_filters(db, filters)
    if named is None:
        return [], 0
    unnamed = _rollup_filters(db, filters)
    assert unnamed is not None
    terms, params = named
    named_params = (*_ZEROS, 0, *params)
    unnamed_params = (*_ZEROS, None, 0, 0, *params)
    n_unnamed = 0
    if not filters.unit:
        sql = f"SELECT count(*) AS count_1 \nFROM ({_part(False, True, 2, terms)}) AS anon_1"
        n_unnamed = db.execute(sql, unnamed_params)[0][0] or 0
        counted = ["unit_year_counts.year = ?"] * (filters.year is not None)
        counted += ["unit_year_counts.kind = ?"] * bool(filters.kind)
        values = [v for v in (filters.year, filters.kind or None) if v is not None]
        sql = "SELECT coalesce(sum(unit_year_counts.units), ?) AS coalesce_1 \nFROM unit_year_counts"
        total = int(db.execute(sql + _where(counted), (0, *values))[0][0] or 0)
    else:
        sql = f"SELECT count(*) AS count_1 \nFROM ({_part(True, True, 2, terms)}) AS anon_1"
        total = db.execute(sql, named_params)[0][0] or 0
    parts = [
        (
            _part(True, False, 1, terms),
            named_params,
            f"units.name, units.id, {t}.year DESC, {t}.kind",
            total - n_unnamed,
        ),
        (_part(False, False, 1, terms), unnamed_params, f"{t}.year DESC, {t}.kind", n_unnamed),
    ]
    rows: list[Any] = []
    want = limit if limit is not None else total
    for sql, values, order, n in parts:
        if n <= 0:
            continue
        if len(rows) < want:
            rows.extend(
                db.execute(f"{sql} ORDER BY {order}\n LIMIT ? OFFSET ?", (*values, want - len(rows), 0))
            )
    rows = [(None if r[0] == 0 else r[0], None if r[1] == 0 else r[1], *r[2:]) for r in rows]
    by_cell: dict[tuple[int | None, int | None, str], dict[str, int]] = defaultdict(dict)
    if rows:
        for unit_id, year, kind, code, n in _findings(db, filters, [(r[0], r[1]) for r in rows]):
            by_cell[(unit_id, year, kind)][code] = int(n)
    return stats_rows(rows, by_cell), total


def _findings(db: Reader, filters: FormFilter, cells: list[tuple[int | None, int | None]]) -> list[Any]:
    """As ``_stats._findings_by_code`` from ``finding_tallies``."""
    t = "finding_tallies"
    keys = sorted({(u or 0, y or 0) for u, y in cells})
    terms = [f"{t}.count != ?"]
    params: list[Any] = [0]
    if len(keys) <= 500:
        terms.append(f"({t}.unit_id, {t}.year) IN (VALUES {', '.join(['(?, ?)'] * len(keys))})")
        params.extend(v for key in keys for v in key)
    if filters.unit:
        ids = match_units(db, filters.unit)
        terms.append(f"{t}.unit_id IN ({_marks(len(ids))})")
        params.extend(ids)
    if filters.year is not None:
        terms.append(f"{t}.year = ?")
        params.append(filters.year)
    if filters.kind:
        terms.append(f"{t}.kind = ?")
        params.append(filters.kind)
    sql = (
        f"SELECT CASE WHEN ({t}.unit_id = ?) THEN NULL ELSE {t}.unit_id END AS anon_1, "
        f"CASE WHEN ({t}.year = ?) THEN NULL ELSE {t}.year END AS anon_2, {t}.kind, {t}.code, "
        f"sum({t}.count) AS sum_1 \nFROM {t}"
        + _where(terms)
        + f" GROUP BY {t}.unit_id, {t}.year, {t}.kind, {t}.code"
    )
    return db.execute(sql, (0, 0, *params))
