"""The review queue (filters, keyset pages), the overview of all forms and the 问题清单 rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, false, func, null, or_, select, tuple_
from sqlalchemy.orm import Session

from jixiao.store._db import Database
from jixiao.store._filters import FORM_COLUMNS, narrow
from jixiao.store._schema import (
    FindingRow,
    FindingTallyRow,
    FormRow,
    FormSummaryRow,
    ScorecardRow,
    UnitRow,
)
from jixiao.store._schema_web import (
    VerdictRow,
    WorkflowRow,
)
from jixiao.store._tables import (
    CODE_TALLIES,
    FORM_GAP,
    SORT_GAP,
    UNIT_GAP,
    UNIT_GAP_WHERE,
    UNIT_SUMMARIES,
    YEAR_SUMMARIES,
)
from jixiao.store._workflow import DEFAULT_STATE, STATE_LABELS

__all__ = [
    "QUEUE_SORTS",
    "ConfirmedFinding",
    "Overview",
    "QueueFilter",
    "QueueKey",
    "QueueRow",
    "SortedKey",
    "confirmed_findings",
    "form_years",
    "list_queue",
    "overview",
]


@dataclass(frozen=True)
class QueueFilter:
    unit: str | None = None
    year: int | None = None
    kind: str | None = None
    state: str | None = None
    has_errors: bool | None = None
    min_inflation: float | None = None  # printed − recomputed total at least this
    unit_ids: tuple[int, ...] | None = None  # a 填报人's units (None: every unit)


QueueKey = tuple[int | None, int | None, int]  # (year, unit_id, form id): the queue's order
SortedKey = tuple[float, int]  # (sort value, form id): the order of a sorted queue

# The queue's other orders, largest first, each a key that is never NULL with the form id after
# it (ties: most forms have as many errors as others) and an index in that order (migration 0009).
QUEUE_SORTS: dict[str, Any] = {
    "gap": SORT_GAP,  # printed − recomputed total; forms without one last
    "errors": FormRow.error_count,
}


@dataclass
class QueueRow:
    id: int
    kind: str
    title: str
    unit: str | None
    year: int | None
    project: str | None
    printed: float | None
    computed: float | None
    grade: str | None
    errors: int
    warnings: int
    revision: int
    state: str
    unit_id: int | None = None
    sort_value: float | None = None  # the value of the order asked for (``sort``), as stored
    # the latest review's 重算等级; ``grade`` is it, or the 填报等级 where none was recomputed
    grade_computed: str | None = None

    @property
    def grade_basis(self) -> str | None:
        """Which grade ``grade`` is: 重算等级, or 填报等级 where the score could not be recomputed."""
        if self.grade is None:
            return None
        return "重算等级" if self.grade_computed is not None else "填报等级"

    @property
    def key(self) -> QueueKey | SortedKey:
        """Where the row stands in the queue's order: the cursor of the page after (or before) it."""
        if self.sort_value is not None:
            return (self.sort_value, self.id)
        return (self.year, self.unit_id, self.id)

    @property
    def inflation(self) -> float | None:
        if self.printed is None or self.computed is None:
            return None
        return round(self.printed - self.computed, 2)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


_state_or_default = func.coalesce(WorkflowRow.state, DEFAULT_STATE)


def _filtered(session: Session, query: Any, flt: QueueFilter, joined: bool = False) -> Any | None:
    """``query`` over current forms narrowed by ``flt``; None when the unit text matches no unit.

    The workflow table is joined only for a state filter (``joined``: the query has it already),
    so counts over 100,000 forms read the forms' indexes alone.
    """
    query = query.where(FormRow.superseded.is_(False))
    if flt.unit_ids is not None:
        query = query.where(FormRow.unit_id.in_(flt.unit_ids))
    query = narrow(
        session, query, FORM_COLUMNS, unit=flt.unit, year=flt.year, kind=flt.kind, has_errors=flt.has_errors
    )
    if query is None:
        return None
    if flt.state:
        if not joined:
            query = query.outerjoin(WorkflowRow, WorkflowRow.form_id == FormRow.id)
        # Any state but the default is a workflow row's own: said so, the planner starts from
        # ix_form_workflow_state (the few forms in that state), not from every current form.
        state_is = _state_or_default if flt.state == DEFAULT_STATE else WorkflowRow.state
        query = query.where(state_is == flt.state)
    if flt.min_inflation is not None:
        query = query.where(flt.min_inflation <= FORM_GAP)  # the expression of ix_forms_gap
    return query


def _queue_count(session: Session, flt: QueueFilter) -> int | None:
    """How many current forms ``flt`` selects; None when the unit text matches no unit.

    Read from the running sums (whose cells keep the workflow state) unless the filter is on
    the score gap, a threshold no stored count answers.
    """
    if flt.min_inflation is not None:
        counted = _filtered(session, select(func.count()).select_from(FormRow), flt)
        return None if counted is None else session.scalar(counted) or 0
    from jixiao.store._query import FormFilter
    from jixiao.store._stats import summary_cells, year_cells

    narrowing = FormFilter(unit=flt.unit, year=flt.year, kind=flt.kind, has_errors=flt.has_errors)
    if not flt.unit and flt.unit_ids is None:  # all units: the per-unit-less sums
        y = YEAR_SUMMARIES.c
        query = year_cells(select(func.coalesce(func.sum(y.forms), 0)), narrowing)
        if flt.state:
            query = query.where(y.state == flt.state)
        return int(session.scalar(query) or 0)
    t = FormSummaryRow
    query = select(func.coalesce(func.sum(t.forms), 0))
    if flt.unit_ids is not None:
        query = query.where(t.unit_id.in_(flt.unit_ids or (-1,)))
    if flt.state:
        query = query.where(t.state == flt.state)
    query = summary_cells(session, query, narrowing)
    return None if query is None else int(session.scalar(query) or 0)


def _eq(col: Any, value: Any) -> Any:
    return col.is_(None) if value is None else col == value


def _later(col: Any, value: Any, nulls_first: bool) -> Any:
    """``col`` comes after ``value`` in a descending order (NULLs first on PostgreSQL, last on SQLite)."""
    if value is None:
        return col.is_not(None) if nulls_first else false()
    return col < value if nulls_first else or_(col < value, col.is_(None))


def _earlier(col: Any, value: Any, nulls_first: bool) -> Any:
    if value is None:
        return false() if nulls_first else col.is_not(None)
    return or_(col > value, col.is_(None)) if nulls_first else col > value


def _beyond(key: QueueKey, forward: bool, nulls_first: bool) -> Any:
    """The rows after (``forward``) or before ``key`` in the queue's order: a keyset condition."""
    y, u, i = key
    if forward and nulls_first and y is not None and u is not None:
        # one row comparison, which PostgreSQL answers as a range of ix_forms_list: rows with a
        # NULL year or unit sort first there, and a comparison with NULL is never true
        return tuple_(FormRow.year, FormRow.unit_id, FormRow.id) < (y, u, i)
    step = _later if forward else _earlier
    return or_(
        step(FormRow.year, y, nulls_first),
        and_(
            _eq(FormRow.year, y),
            or_(
                step(FormRow.unit_id, u, nulls_first),
                and_(_eq(FormRow.unit_id, u), step(FormRow.id, i, False)),
            ),
        ),
    )


def _order(sort: str, nulls_first: bool) -> tuple[tuple[Any, ...], tuple[Any, ...], Any]:
    """The queue's order, its reverse and the keyset condition ``beyond(key, forward)``."""
    if sort:
        value = QUEUE_SORTS[sort]

        def beyond(key: Any, forward: bool) -> Any:
            row = tuple_(value, FormRow.id)
            return row < tuple(key) if forward else row > tuple(key)

        return (value.desc(), FormRow.id.desc()), (value.asc(), FormRow.id.asc()), beyond
    # the order of ix_forms_list read backwards (forward) or forwards (reverse): no sort
    order = (FormRow.year.desc(), FormRow.unit_id.desc(), FormRow.id.desc())
    reverse = (FormRow.year.asc(), FormRow.unit_id.asc(), FormRow.id.asc())
    return order, reverse, lambda key, forward: _beyond(key, forward, nulls_first)


def list_queue(
    db: Database,
    flt: QueueFilter = QueueFilter(),
    *,
    limit: int = 50,
    offset: int = 0,
    after: QueueKey | SortedKey | None = None,
    before: QueueKey | SortedKey | None = None,
    sort: str = "",
) -> tuple[list[QueueRow], int]:
    r"""Current forms with their workflow state (newest year first, as ``forms``), and how many match.

    ``sort`` (a key of ``QUEUE_SORTS``) orders them by that value instead, largest first, the
    newest form first among equals; the cursors are then ``SortedKey``\ s.
    A page is ``limit`` rows from ``offset``, or — keyset pagination — the ``limit`` rows right
    after the row ``after`` (next page) or right before ``before`` (previous page), which costs
    the same wherever the page is. An ``offset`` in the second half is counted from the end in
    the reverse order, so the last page is as cheap as the first.
    """
    with db.reader() as session:
        total = _queue_count(session, flt)
        if total is None:
            return [], 0
        query = _filtered(
            session,
            select(
                FormRow.id,
                FormRow.kind,
                FormRow.title,
                func.coalesce(UnitRow.name, FormRow.unit_name),
                FormRow.year,
                FormRow.project,
                FormRow.total_score,
                FormRow.total_computed,
                FormRow.grade,
                FormRow.error_count,
                FormRow.warning_count,
                FormRow.revision,
                _state_or_default,
                FormRow.unit_id,
                QUEUE_SORTS[sort] if sort else null(),
                ScorecardRow.grade_computed,
            )
            .select_from(FormRow)
            .outerjoin(WorkflowRow, WorkflowRow.form_id == FormRow.id)
            .outerjoin(UnitRow, UnitRow.id == FormRow.unit_id)
            .outerjoin(
                ScorecardRow,
                and_(ScorecardRow.form_id == FormRow.id, ScorecardRow.review_run_id == FormRow.review_run_id),
            ),
            flt,
            joined=True,
        )
        nulls_first = session.get_bind().dialect.name == "postgresql"
        order, reverse, beyond = _order(sort, nulls_first)
        backwards = False
        if after is not None:
            query = query.where(beyond(after, True)).order_by(*order).limit(limit)
        elif before is not None:
            query = query.where(beyond(before, False)).order_by(*reverse).limit(limit)
            backwards = True
        elif offset > 0 and offset * 2 > total:
            if offset >= total:
                return [], total
            query = query.order_by(*reverse).limit(min(limit, total - offset))
            query = query.offset(max(0, total - offset - limit))
            backwards = True
        else:
            query = query.order_by(*order).limit(limit).offset(offset)
        rows = [QueueRow(*r) for r in session.execute(query)]
        if backwards:
            rows.reverse()
        return rows, total


@dataclass
class Overview:
    forms: int
    by_state: dict[str, int]
    by_year: dict[int, int]
    by_unit: list[tuple[str, int]]  # the 20 units with most forms
    scatter: list[tuple[float, float, int]]  # (printed, recomputed, form id), at most 2,000
    findings_by_code: list[tuple[str, int]]
    inflation_by_unit: list[tuple[str, float, int]]  # (unit, mean printed − recomputed, forms)
    grades_by_year: dict[int, dict[str, int]]  # 重算等级 only
    # the 填报等级 of forms whose total could not be recomputed, counted apart
    printed_grades_by_year: dict[int, dict[str, int]] = field(default_factory=dict)


def form_years(db: Database, unit_ids: tuple[int, ...] | None = None) -> list[int]:
    """The years current forms are filed for (of the given units only, when given), newest
    first: the year choices of a page, read from the running sums, not by a whole overview."""
    with db.reader() as session:
        if unit_ids is None:
            y = YEAR_SUMMARIES.c
            query = select(y.year).where(y.forms != 0, y.year != 0).group_by(y.year)
        else:
            sm = FormSummaryRow
            query = (
                select(sm.year)
                .where(sm.forms != 0, sm.year != 0, sm.unit_id.in_(unit_ids or (-1,)))
                .group_by(sm.year)
            )
        return sorted((int(v) for v in session.scalars(query)), reverse=True)


def overview(db: Database, unit_ids: tuple[int, ...] | None = None) -> Overview:
    """Counts and chart data over current forms (of the given units only, when given).

    Counts come from the running sums (by year, grade and workflow state; forms without a
    workflow row count in the default state); names are looked up for the few rows shown.
    """
    flt = QueueFilter(unit_ids=unit_ids)
    with db.reader() as session:

        def q(*cols: Any) -> Any:
            return _filtered(session, select(*cols).select_from(FormRow), flt)

        sm = FormSummaryRow

        def cells(*cols: Any) -> Any:
            query = select(*cols).select_from(sm).where(sm.forms != 0)
            if unit_ids is not None:
                query = query.where(sm.unit_id.in_(unit_ids or (-1,)))
            return query

        # totals by year and grade: from the sums without the unit when every unit is counted
        ys = YEAR_SUMMARIES.c
        by = (ys.year, ys.grade, ys.forms) if unit_ids is None else (sm.year, sm.grade, sm.forms)

        def years(*cols: Any) -> Any:
            if unit_ids is None:
                return select(*cols).select_from(YEAR_SUMMARIES).where(ys.forms != 0)
            return cells(*cols)

        year_forms = func.sum(by[2])
        by_year_all: dict[int | None, int] = {
            None if y == 0 else y: int(n)
            for y, n in session.execute(years(by[0], year_forms).group_by(by[0]).having(year_forms > 0))
        }
        total = sum(by_year_all.values())
        # by workflow state: the cells keep it (forms without a workflow row in the default state)
        state_col = ys.state if unit_ids is None else sm.state
        by_state = {
            str(st): int(n)
            for st, n in session.execute(
                years(state_col, year_forms).group_by(state_col).having(year_forms > 0)
            )
        }
        # the units with most forms and with the highest mean gap: the first rows of the per-unit
        # sums' indexes (ix_unit_summaries_top, ix_unit_summaries_gap), whatever the number of units
        us = UNIT_SUMMARIES.c
        mine = () if unit_ids is None else (us.unit_id.in_(unit_ids or (-1,)),)
        per_unit = [
            (None if u == 0 else u, n)
            for u, n in session.execute(
                select(us.unit_id, us.forms)
                .where(us.forms > 0, *mine)
                .order_by(us.forms.desc(), us.unit_id)
                .limit(20)
            )
        ]
        inflation_rows = session.execute(
            select(us.unit_id, UNIT_GAP, us.gap_n)
            .where(UNIT_GAP_WHERE, *mine)
            .order_by(UNIT_GAP.desc(), us.unit_id)
            .limit(15)
        ).all()
        wanted = {u for u, _ in per_unit if u is not None} | {u for u, _, _ in inflation_rows}
        names = (
            dict(session.execute(select(UnitRow.id, UnitRow.name).where(UnitRow.id.in_(wanted))).all())
            if wanted
            else {}
        )
        by_unit = [
            (names.get(u, "（未注明单位）") if u is not None else "（未注明单位）", int(n))
            for u, n in per_unit
        ]
        inflation = [
            (names.get(u, str(u)), round(float(g), 2), int(n)) for u, g, n in inflation_rows if g is not None
        ]
        scatter = [
            (float(p), float(c), int(i))
            for p, c, i in session.execute(
                q(FormRow.total_score, FormRow.total_computed, FormRow.id)
                .where(FormRow.total_score.is_not(None), FormRow.total_computed.is_not(None))
                .limit(2000)
            )
        ]
        if unit_ids is None:  # every unit: the counts per code, kept beside the tally
            ct = CODE_TALLIES.c
            tq = select(ct.code, ct.count).where(ct.count != 0).order_by(ct.count.desc(), ct.code)
        else:
            t = FindingTallyRow
            n_code = func.sum(t.count)
            tq = (
                select(t.code, n_code)
                .where(t.count != 0, t.unit_id.in_(unit_ids or (-1,)))
                .group_by(t.code)
                .order_by(n_code.desc(), t.code)
            )
        findings = [(str(c), int(n)) for c, n in session.execute(tq) if n]
        grades: dict[int, dict[str, int]] = {}
        printed_grades: dict[int, dict[str, int]] = {}
        printed_col = YEAR_SUMMARIES.c.printed_grade_n if unit_ids is None else sm.printed_grade_n
        for y, g, n, printed in session.execute(
            years(by[0], by[1], year_forms, func.sum(printed_col))
            .where(by[0] != 0, by[1] != "")
            .group_by(by[0], by[1])
            .having(year_forms > 0)
        ):
            if int(n) - int(printed or 0):
                grades.setdefault(int(y), {})[str(g)] = int(n) - int(printed or 0)
            if printed:
                printed_grades.setdefault(int(y), {})[str(g)] = int(printed)
        return Overview(
            forms=total,
            by_state={k: v for k, v in by_state.items() if v},
            by_year=dict(sorted((y, n) for y, n in by_year_all.items() if y is not None)),
            by_unit=by_unit,
            scatter=scatter,
            findings_by_code=findings,
            inflation_by_unit=inflation,
            grades_by_year=dict(sorted(grades.items())),
            printed_grades_by_year=dict(sorted(printed_grades.items())),
        )


@dataclass
class ConfirmedFinding:
    form_id: int
    unit: str | None
    year: int | None
    title: str
    goal: str | None
    indicator: str | None
    code: str
    message: str
    printed: Any
    expected: Any
    verdict: str
    comment: str | None
    by: str
    kind: str = ""  # the form's kind and the rule set it was re-scored under: the 依据 reads per kind
    rule_set: str | None = None
    severity: str = "info"  # error / warning / info: the 问题清单's 严重程度


def confirmed_findings(db: Database, flt: QueueFilter = QueueFilter()) -> list[ConfirmedFinding]:
    """Every finding a reviewer confirmed on the current forms of a selection (the 问题清单)."""
    with db.reader() as session:
        query = _filtered(
            session,
            select(
                FormRow.id,
                func.coalesce(UnitRow.name, FormRow.unit_name),
                FormRow.year,
                FormRow.title,
                FindingRow.goal,
                FindingRow.indicator,
                FindingRow.code,
                FindingRow.message,
                FindingRow.printed,
                FindingRow.expected,
                VerdictRow.verdict,
                VerdictRow.comment,
                VerdictRow.by,
                FormRow.kind,
                ScorecardRow.rule_set,
                FindingRow.severity,
            )
            .select_from(VerdictRow)
            .join(FormRow, FormRow.id == VerdictRow.form_id)
            .join(
                FindingRow,
                and_(
                    FindingRow.form_id == FormRow.id,
                    FindingRow.review_run_id == FormRow.review_run_id,
                    FindingRow.code == VerdictRow.code,
                    func.coalesce(FindingRow.goal, "") == VerdictRow.goal_key,
                    func.coalesce(FindingRow.indicator, "") == VerdictRow.indicator_key,
                ),
            )
            .outerjoin(WorkflowRow, WorkflowRow.form_id == FormRow.id)
            .outerjoin(UnitRow, UnitRow.id == FormRow.unit_id)
            .outerjoin(
                ScorecardRow,
                and_(ScorecardRow.form_id == FormRow.id, ScorecardRow.review_run_id == FormRow.review_run_id),
            )
            .where(VerdictRow.verdict == "confirmed", VerdictRow.stale.is_(False)),
            flt,
            joined=True,
        )
        if query is None:
            return []
        rows = session.execute(query.order_by(UnitRow.name, FormRow.year, FormRow.id, FindingRow.position))
        return [ConfirmedFinding(*r) for r in rows]
