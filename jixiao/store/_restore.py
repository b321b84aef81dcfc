"""What a stored form keeps outside its form-v1 body, put back on the form rebuilt from it.

The contract has no field for the points printed in 一级/二级 labels (产出指标（50分）), a goal's
term as read, an indicator's ``extra`` (a rate's numerator and denominator) nor where each goal
and indicator was read; the goal and indicator rows keep them all. Every place
that rebuilds a stored form to review, score or carry it (re-scoring, a unit's draft and its
live evaluation, a submitted draft, a self-evaluation made from its target) calls ``restore``,
so ``check_level_weights`` sees on the web form what it saw on the imported file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from jixiao.model import Form, Source
from jixiao.store._tables import GOALS, INDICATORS

__all__ = ["restore"]

_PLACE = ("source_file", "source_page", "source_line", "source_sheet")


def _source(row: Any) -> Source | None:
    if all(getattr(row, c) is None for c in _PLACE):
        return None
    return Source(
        file=row.source_file,
        page=row.source_page,
        line=row.source_line,
        sheet=row.source_sheet,
        cell=row.source_cell,
    )


def restore(session: Any, forms: Mapping[int, Form], *, places: bool = True) -> None:
    """Fill ``forms`` (by stored form id) with their rows' label points and, with ``places``,
    where each goal and indicator was read (a draft becomes a document of its own, read from no
    page of the imported file: it takes the points only).

    A row is matched by goal and indicator position, and only where the form still has an
    indicator there under the same 一级/二级 labels: a draft edited in the browser keeps its
    rows and labels, so its label points are the imported file's; a row that is not the
    stored one is left as it is rather than given another label's points.
    """
    if not forms:
        return
    _goals(session, forms, places)
    rows = session.execute(
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
        .where(INDICATORS.c.form_id.in_(list(forms)))
    )
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


def _goals(session: Any, forms: Mapping[int, Form], places: bool) -> None:
    """A goal's term as read (长期/年度 from the table it stood in; the body guesses it from the
    goal's name) and, with ``places``, where it was read."""
    goals = session.execute(
        select(
            GOALS.c.form_id,
            GOALS.c.position,
            GOALS.c.name,
            GOALS.c.term,
            *(GOALS.c[c] for c in (*_PLACE, "source_cell")),
        ).where(GOALS.c.form_id.in_(list(forms)))
    )
    for g in goals:
        stored = forms[g.form_id].goals
        if g.position >= len(stored) or stored[g.position].name != g.name:
            continue
        if g.term:
            stored[g.position].term = g.term
        if places:
            stored[g.position].source = _source(g)
