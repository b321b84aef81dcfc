"""The filters every list, count and sum shares (unit, year, kind, grade, has errors).

One definition for the three places that narrow a query by them: the forms themselves
(``FormFilter.apply``), the running sums (``summary_cells``) and the review queue
(``_workflow``). Each passes the columns the filter reads in its table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement

from jixiao.store._tables import FORM_SUMMARIES, FORMS
from jixiao.store._units import match_units

__all__ = ["FORM_COLUMNS", "SUMMARY_COLUMNS", "Columns", "narrow"]


@dataclass(frozen=True)
class Columns:
    """Where a table keeps what the filters test."""

    unit_id: ColumnElement[Any]
    year: ColumnElement[Any]
    kind: ColumnElement[Any]
    grade: ColumnElement[Any]
    has_errors: Callable[[bool], ColumnElement[bool]]


FORM_COLUMNS = Columns(
    FORMS.c.unit_id,
    FORMS.c.year,
    FORMS.c.kind,
    FORMS.c.grade,
    lambda yes: FORMS.c.error_count > 0 if yes else FORMS.c.error_count == 0,
)
SUMMARY_COLUMNS = Columns(
    FORM_SUMMARIES.c.unit_id,
    FORM_SUMMARIES.c.year,
    FORM_SUMMARIES.c.kind,
    FORM_SUMMARIES.c.grade,
    lambda yes: FORM_SUMMARIES.c.errors == (1 if yes else 0),
)


def narrow(
    conn: Any,
    query: Any,
    cols: Columns,
    *,
    unit: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    grade: str | None = None,
    has_errors: bool | None = None,
) -> Any | None:
    """``query`` narrowed by the filters given; None when the unit text matches no unit.

    ``conn`` is a Core connection or an ORM session (the unit text is matched in it).
    """
    if unit:
        ids = match_units(conn, unit)
        if not ids:
            return None
        query = query.where(cols.unit_id.in_(ids))
    if year is not None:
        query = query.where(cols.year == year)
    if kind:
        query = query.where(cols.kind == kind)
    if grade:
        query = query.where(cols.grade == grade)
    if has_errors is not None:
        query = query.where(cols.has_errors(has_errors))
    return query
