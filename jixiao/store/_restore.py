"""What a stored form keeps outside its form-v1 body, put back on the form rebuilt from it.

The contract has no field for the points printed in 一级/二级 labels (产出指标（50分）), a goal's
term as read, an indicator's ``extra`` (a rate's numerator and denominator) nor where each goal
and indicator was read; the goal and indicator rows keep them all. Every place
that rebuilds a stored form to review, score or carry it (re-scoring, a unit's draft and its
live evaluation, a submitted draft, a self-evaluation made from its target) calls ``restore``,
so ``check_level_weights`` sees on the web form what it saw on the imported file; so do the
exports (``get_form``, ``export_forms`` and ``_lite_query.get_form``), so that a workbook written
from a stored form is the one written from its file. The module imports SQLAlchemy only to build
its statements: ``_lite_query`` sends their SQLite text and applies the rows with ``put_*``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Select

    from jixiao.model import Form, Source

__all__ = ["goal_rows", "indicator_rows", "put_goals", "put_indicators", "restore"]

_PLACE = ("source_file", "source_page", "source_line", "source_sheet")


def _source(row: Any) -> Source | None:
    from jixiao.model import Source

    if all(getattr(row, c) is None for c in _PLACE):
        return None
    return Source(
        file=row.source_file,
        page=row.source_page,
        line=row.source_line,
        sheet=row.source_sheet,
        cell=row.source_cell,
    )


def goal_rows(form_ids: list[int]) -> Select[Any]:
    """The goal rows ``restore`` reads (``_lite_query`` sends this statement's SQLite text)."""
    from sqlalchemy import select

    from jixiao.store._tables import GOALS

    return select(
        GOALS.c.form_id,
        GOALS.c.position,
        GOALS.c.name,
        GOALS.c.term,
        *(GOALS.c[c] for c in (*_PLACE, "source_cell")),
    ).where(GOALS.c.form_id.in_(form_ids))


def indicator_rows(form_ids: list[int]) -> Select[Any]:
    """The indicator rows ``restore`` reads, with their goal's position."""
    from sqlalchemy import select

    from jixiao.store._tables import GOALS, INDICATORS

    return (
        select(
            INDICATORS.c.form_id,
            INDICATORS.c.position,
            GOALS.c.position.label("goal_position"),
            INDICATORS.c.level1,
            INDICATORS.c.level2,
            INDICATORS.c.level1_weight,
            INDICATORS.c.level2_weight,
            INDICATORS.c.extra,
            *(INDICATORS.c[c] for c in (*_PLACE, "source_cell")),
        )
        .join(GOALS, GOALS.c.id == INDICATORS.c.goal_id)
        .where(INDICATORS.c.form_id.in_(form_ids))
    )


def restore(session: Any, forms: Mapping[int, Form], *, places: bool = True) -> None:
    """Fill ``forms`` (by stored form id) with their rows' label points and, with ``places``,
    where each goal and indicator was read (a draft becomes a document of its own, read from no
    page of the imported file: it takes the points only)."""
    if not forms:
        return
    put_goals(forms, session.execute(goal_rows(list(forms))), places)
    put_indicators(forms, session.execute(indicator_rows(list(forms))), places)


def put_indicators(forms: Mapping[int, Form], rows: Iterable[Any], places: bool) -> None:
    """Label points, ``extra`` and places from indicator rows (attribute access by column name).

    A row is matched by goal and indicator position, and only where the form still has an
    indicator there under the same 一级/二级 labels: a draft edited in the browser keeps its
    rows and labels, so its label points are the imported file's; a row that is not the
    stored one is left as it is rather than given another label's points.
    """
    for i in rows:
        stored = forms[i.form_id].goals
        if i.goal_position >= len(stored) or i.position >= len(stored[i.goal_position].indicators):
            continue
        ind = stored[i.goal_position].indicators[i.position]
        if (ind.level1, ind.level2) != (i.level1, i.level2):
            continue
        ind.level1_weight, ind.level2_weight = i.level1_weight, i.level2_weight
        if i.extra and not ind.extra:
            ind.extra = dict(i.extra)
        if places:
            ind.source = _source(i)


def put_goals(forms: Mapping[int, Form], rows: Iterable[Any], places: bool) -> None:
    """A goal's term as read (长期/年度 from the table it stood in; the body guesses it from the
    goal's name) and, with ``places``, where it was read."""
    for g in rows:
        stored = forms[g.form_id].goals
        if g.position >= len(stored) or stored[g.position].name != g.name:
            continue
        if g.term:
            stored[g.position].term = g.term
        if places:
            stored[g.position].source = _source(g)
