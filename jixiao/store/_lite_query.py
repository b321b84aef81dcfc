"""The query commands' reads on ``sqlite3`` (``_lite.Reader``): ``forms``, ``show`` and
``aliases list`` without SQLAlchemy (``stats``: ``_lite_stats``).

Each function sends the statements the Core version (``_query``, ``_stats``, ``_units``) sends
on SQLite, in the same order, with the same SQL text and parameters, and builds the same
records (``_records``) from the answers: SQLAlchemy's type conversions (JSON, booleans, SQLite
date-times) are done here for the columns these reads return. ``tests/store/test_lite.py``
holds the two paths together statement by statement, so a change of a table or a Core query
that is not made here too fails there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from jixiao.store._records import (
    STRUCTURE_CODES,
    FormDetail,
    FormFilter,
    FormSummary,
    Revision,
    ScoreView,
    UnitInfo,
    finding_from_row,
    form_from_rows,
    form_view,
    name_key,
    unit_infos,
)

if TYPE_CHECKING:
    from jixiao.store._lite import Reader

__all__ = ["get_form", "list_forms", "list_units", "match_units"]

# Every column of the tables read whole (``select(TABLE)``), in the tables' order.
_COLUMNS = {
    "forms": "id document_id position kind title year unit_id unit_name project project_key ordinal "
    "supervisor implementer filled_on budget_weight budget_planned budget_executed budget_rate "
    "budget_score overall_weight overall_target overall_actual overall_score total_score "
    "deviation_reason improvement extra revision link_year year_source superseded superseded_by_id "
    "review_run_id total_computed grade error_count warning_count info_count source_file source_page "
    "source_line source_sheet source_cell",
    "documents": "id file_name path sha256 size reader reader_version imported_at imported_by form_count "
    "issues",
    "review_runs": "id document_id rule_set rule_set_version ran_at jixiao_version",
    "scorecards": "id review_run_id form_id rule_set budget_weight budget_printed budget_computed "
    "total_printed total_computed grade_printed grade_computed indicators goals",
    "findings": "id review_run_id form_id position form_index form_title code severity goal indicator "
    "printed expected message unit_id year kind current",
    "units": 'id name "key"',
    "unit_aliases": 'id alias "key" unit_id created_at',
}
# Columns SQLAlchemy converts on the way out (JSON text, SQLite's 0/1, date-time text).
_JSON = {"extra", "issues", "indicators", "goals", "printed", "expected", "body"}
_BOOL = {"superseded", "current"}
_TIME = {"imported_at", "ran_at", "created_at"}


def _all(table: str) -> str:
    return ", ".join(f"{table}.{c}" for c in _COLUMNS[table].split())


def _value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _JSON:  # a number stands as is (the column's NUMERIC affinity), as SQLAlchemy reads it
        return value if isinstance(value, int | float) else json.loads(value)
    if name in _BOOL:
        return bool(value)
    if name in _TIME:
        return datetime.fromisoformat(value)
    return value


class _Row:
    """A row by column name (``row.position``), as Core rows are read."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update({k: _value(k, v) for k, v in values.items()})


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _where(parts: list[str]) -> str:
    return " \nWHERE " + " AND ".join(parts) if parts else ""


# --- units -------------------------------------------------------------------------------------


def _find_unit(db: Reader, name: str) -> int | None:
    key = name_key(name)
    if not key:
        return None
    for sql in (
        'SELECT unit_aliases.unit_id \nFROM unit_aliases \nWHERE unit_aliases."key" = ?',
        'SELECT units.id \nFROM units \nWHERE units."key" = ?',
    ):
        rows = db.execute(sql, (key,))
        if rows and rows[0][0] is not None:
            return int(rows[0][0])
    return None


def match_units(db: Reader, text: str) -> list[int]:
    """As ``_units.match_units``: exact name or alias, else any name or alias containing it."""
    exact = _find_unit(db, text)
    if exact is not None:
        return [exact]
    key = name_key(text)
    if not key:
        return []
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = (
        "SELECT units.id \nFROM units \nWHERE units.\"key\" LIKE ? ESCAPE '\\' OR units.id IN "
        "(SELECT unit_aliases.unit_id \nFROM unit_aliases \nWHERE unit_aliases.\"key\" LIKE ? ESCAPE '\\') "
        "ORDER BY units.id"
    )
    return [r[0] for r in db.execute(sql, (pattern, pattern))]


def list_units(db: Reader) -> list[UnitInfo]:
    """As ``_units.list_units``."""
    units = db.columns(f'SELECT {_all("units")} \nFROM units ORDER BY units."key"')
    aliases = db.columns(f"SELECT {_all('unit_aliases')} \nFROM unit_aliases ORDER BY unit_aliases.id")
    counts = db.execute(
        "SELECT unit_summaries.unit_id, unit_summaries.forms \nFROM unit_summaries \n"
        "WHERE unit_summaries.forms != ?",
        (0,),
    )
    return unit_infos(
        ((u["id"], u["name"]) for u in units), ((a["unit_id"], a["alias"]) for a in aliases), counts
    )


# --- forms -------------------------------------------------------------------------------------


def _form_filters(db: Reader, filters: FormFilter) -> tuple[list[str], list[Any]] | None:
    """``FormFilter.apply`` on ``forms``: the WHERE terms and their parameters; None when the
    unit text matches no unit."""
    terms: list[str] = []
    params: list[Any] = []
    if not filters.include_superseded:
        terms.append("forms.superseded IS 0")
    if filters.unit:
        ids = match_units(db, filters.unit)
        if not ids:
            return None
        terms.append(f"forms.unit_id IN ({_marks(len(ids))})")
        params.extend(ids)
    for column, value in (("year", filters.year), ("kind", filters.kind), ("grade", filters.grade)):
        if value is not None and (column == "year" or value):
            terms.append(f"forms.{column} = ?")
            params.append(value)
    if filters.has_errors is not None:
        terms.append("forms.error_count > ?" if filters.has_errors else "forms.error_count = ?")
        params.append(0)
    return terms, params


_SUMMARY = (
    "SELECT forms.id, forms.kind, forms.title, coalesce(units.name, forms.unit_name) AS coalesce_1, "
    "forms.year, forms.project, forms.total_score, forms.total_computed, forms.grade, forms.error_count, "
    "forms.warning_count, forms.revision, forms.superseded, documents.file_name, NOT (EXISTS "
    "(SELECT findings.id \nFROM findings \nWHERE findings.form_id = forms.id AND findings.review_run_id = "
    "forms.review_run_id AND findings.code LIKE ?)) AS anon_1 \nFROM forms JOIN documents ON "
    "documents.id = forms.document_id LEFT OUTER JOIN units ON units.id = forms.unit_id"
)


def _summary(row: tuple[Any, ...]) -> FormSummary:
    values = list(row)
    values[12] = bool(values[12])
    values[14] = bool(values[14])
    return FormSummary(*values)


def list_forms(
    db: Reader, filters: FormFilter, *, limit: int | None = None, offset: int = 0
) -> tuple[list[FormSummary], int]:
    """As ``_query.list_forms``."""
    counted = _form_filters(db, filters)
    if counted is None:
        return [], 0
    terms, params = counted
    total = db.execute("SELECT count(*) AS count_1 \nFROM forms" + _where(terms), tuple(params))[0][0] or 0
    terms, params = _form_filters(db, filters) or ([], [])
    sql = (
        _SUMMARY
        + _where(terms)
        + " ORDER BY forms.year DESC, forms.unit_id DESC, forms.id DESC\n LIMIT ? OFFSET ?"
    )
    rows = db.execute(sql, (STRUCTURE_CODES, *params, -1 if limit is None else limit, offset))
    return [_summary(r) for r in rows], total


def _by_id(db: Reader, table: str, row_id: int) -> _Row | None:
    rows = db.columns(f"SELECT {_all(table)} \nFROM {table} \nWHERE {table}.id = ?", (row_id,))
    return _Row(rows[0]) if rows else None


def get_form(db: Reader, form_id: int, *, models: bool = True) -> FormDetail | None:
    """As ``_query.get_form``; with ``models=False`` the form, scorecard and findings are light
    read-only views (``FormView``, ``ScoreView``, rows) holding the same printed values, so that
    ``jixiao show`` needs no Pydantic."""
    rows = db.execute(_SUMMARY + " \nWHERE forms.id = ?", (STRUCTURE_CODES, form_id))
    if not rows:
        return None
    if models:
        return _detail(db, form_id, rows[0], form_from_rows, _card, finding_from_row)
    return _detail(db, form_id, rows[0], lambda body, _f: form_view(body), _card_view, lambda r: r)


def _card(f: _Row, c: _Row) -> Any:
    from jixiao.model import GoalScore, IndicatorScore, Scorecard

    return Scorecard(
        form=f.position,
        rule_set=c.rule_set,
        budget_weight=c.budget_weight,
        budget_printed=c.budget_printed,
        budget_computed=c.budget_computed,
        indicators=[IndicatorScore(**s) for s in c.indicators],
        goals=[GoalScore(**s) for s in c.goals],
        total_printed=c.total_printed,
        total_computed=c.total_computed,
        grade_printed=c.grade_printed,
        grade_computed=c.grade_computed,
    )


def _card_view(_f: _Row, c: _Row) -> ScoreView:
    return ScoreView(
        total_computed=c.total_computed,
        grade_printed=c.grade_printed,
        grade_computed=c.grade_computed,
        indicators=[
            _Row({"goal": s["goal"], "indicator": s["indicator"], "computed": s["computed"]})
            for s in c.indicators
        ],
    )


def _detail(
    db: Reader,
    form_id: int,
    row: Any,
    make_form: Callable[[dict[str, Any], _Row], Any],
    make_card: Callable[[_Row, _Row], Any],
    make_finding: Callable[[_Row], Any],
) -> FormDetail:
    summary = _summary(row)
    f = _by_id(db, "forms", form_id)
    assert f is not None
    doc = _by_id(db, "documents", f.document_id)
    assert doc is not None
    body = db.execute(
        "SELECT form_contracts.body \nFROM form_contracts \nWHERE form_contracts.form_id = ?", (form_id,)
    )
    if len(body) != 1:
        raise LookupError(f"form {form_id}: {len(body)} stored bodies")
    form = make_form(_value("body", body[0][0]), f)
    if make_form is form_from_rows:
        _restore(db, form_id, form)
    run = _by_id(db, "review_runs", f.review_run_id) if f.review_run_id is not None else None
    card = None
    findings: list[Any] = []
    if run is not None:
        cards = db.columns(
            f"SELECT {_all('scorecards')} \nFROM scorecards \n"
            "WHERE scorecards.form_id = ? AND scorecards.review_run_id = ?",
            (form_id, run.id),
        )
        if cards:
            card = make_card(f, _Row(cards[0]))
        found = db.columns(
            f"SELECT {_all('findings')} \nFROM findings \n"
            "WHERE findings.form_id = ? AND findings.review_run_id = ? ORDER BY findings.position",
            (form_id, run.id),
        )
        for values in found:
            findings.append(make_finding(_Row(values)))
    return FormDetail(
        summary=summary,
        form=form,
        position=f.position,
        document_id=doc.id,
        sha256=doc.sha256,
        imported_at=doc.imported_at,
        imported_by=doc.imported_by,
        rule_set=run.rule_set if run else None,
        rule_set_version=run.rule_set_version if run else None,
        scorecard=card,
        findings=findings,
        history=_history(db, f),
        link_year=f.link_year,
        year_source=f.year_source,
    )


_GOAL_ROWS = (
    "SELECT goals.form_id, goals.position, goals.name, goals.term, goals.source_file, goals.source_page, "
    "goals.source_line, goals.source_sheet, goals.source_cell \nFROM goals \nWHERE goals.form_id IN (?)"
)
_INDICATOR_ROWS = (
    "SELECT indicators.form_id, indicators.position, goals.position AS goal_position, indicators.level1, "
    "indicators.level2, indicators.level1_weight, indicators.level2_weight, indicators.extra, "
    "indicators.source_file, indicators.source_page, indicators.source_line, indicators.source_sheet, "
    "indicators.source_cell \nFROM indicators JOIN goals ON goals.id = indicators.goal_id \n"
    "WHERE indicators.form_id IN (?)"
)


def _restore(db: Reader, form_id: int, form: Any) -> None:
    """As ``_restore.restore`` of one form: the statements of ``goal_rows`` and ``indicator_rows``."""
    from jixiao.store._restore import put_goals, put_indicators

    forms = {form_id: form}
    put_goals(forms, (_Row(r) for r in db.columns(_GOAL_ROWS, (form_id,))), True)
    put_indicators(forms, (_Row(r) for r in db.columns(_INDICATOR_ROWS, (form_id,))), True)


def _history(db: Reader, f: _Row) -> list[Revision]:
    """As ``_query._history``: every revision, by the ``superseded_by`` links both ways."""
    ids = {f.id}
    back = f.id
    while True:
        found = db.execute(
            "SELECT forms.id \nFROM forms \nWHERE forms.superseded_by_id = ?\n LIMIT ? OFFSET ?", (back, 1, 0)
        )
        prev = found[0][0] if found else None
        if prev is None or prev in ids:
            break
        ids.add(prev)
        back = prev
    fwd = f.superseded_by_id
    while fwd is not None and fwd not in ids:
        ids.add(fwd)
        found = db.execute("SELECT forms.superseded_by_id \nFROM forms \nWHERE forms.id = ?", (fwd,))
        fwd = found[0][0] if found else None
    rows = db.execute(
        "SELECT forms.id, forms.revision, forms.superseded, documents.file_name, documents.imported_at \n"
        "FROM forms JOIN documents ON documents.id = forms.document_id \n"
        f"WHERE forms.id IN ({_marks(len(ids))}) ORDER BY forms.revision, forms.id",
        tuple(ids),
    )
    return [Revision(i, n, bool(s), name, _value("imported_at", at)) for i, n, s, name, at in rows]
