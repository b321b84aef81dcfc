"""The rows under a stored form: goals and indicators, 自评报告 sections, scorecards and findings.

Each table is written in bulk, one statement per table and batch of forms; ``_write`` decides
which forms are stored and calls these with their new ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session

from jixiao.contract import findings_to_json
from jixiao.model import Document, Finding, Form, Scorecard, Source
from jixiao.store import _tally as tally
from jixiao.store._db import dumps_json
from jixiao.store._schema import FindingRow, GoalRow, IndicatorRow, ReportRow, ScorecardRow
from jixiao.store._values import parse_value

__all__ = [
    "executemany",
    "insert_goals",
    "insert_reports",
    "insert_review",
    "scorecard_values",
    "source_columns",
]


def source_columns(source: Source | None) -> dict[str, Any]:
    s = source or Source()
    return {
        "source_file": s.file,
        "source_page": s.page,
        "source_line": s.line,
        "source_sheet": s.sheet,
        "source_cell": s.cell,
    }


def executemany(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows straight through the driver's ``executemany``.

    For the one table with tens of rows per form (indicators), on SQLite: SQLAlchemy's per-row
    parameter processing costs more than the database does. JSON columns are serialized here.
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite":  # psycopg pipelines executemany itself
        session.execute(insert(table), rows)
        return
    columns = tuple(rows[0])
    key = (conn.dialect.name, table.name, columns)
    if key not in _INSERTS:
        compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
        order = compiled.positiontup if compiled.positional else None
        json_columns = tuple(c for c in columns if isinstance(table.c[c].type, JSON))
        _INSERTS[key] = (compiled.string, itemgetter(*order) if order else None, json_columns)
    sql, positional, json_columns = _INSERTS[key]
    for row in rows:
        for c in json_columns:
            if row[c] is not None:
                row[c] = dumps_json(row[c])
    conn.exec_driver_sql(sql, [positional(row) for row in rows] if positional else rows)


_INSERTS: dict[
    tuple[str, str, tuple[str, ...]], tuple[str, Callable[[dict[str, Any]], Any] | None, tuple[str, ...]]
] = {}


def insert_goals(session: Session, form_ids: list[int], forms: Sequence[Form]) -> None:
    """The goals of the forms, then their indicators (ids of the goals returned in order)."""
    goal_rows: list[dict[str, Any]] = []
    for fid, f in zip(form_ids, forms, strict=True):
        for gpos, g in enumerate(f.goals):
            goal_rows.append(
                {
                    "form_id": fid,
                    "position": gpos,
                    "name": g.name,
                    "text": g.text,
                    "weight": g.weight,
                    "term": g.term,
                    **source_columns(g.source),
                }
            )
    if not goal_rows:
        return
    goal_ids = list(
        session.execute(
            insert(GoalRow.__table__).returning(GoalRow.id, sort_by_parameter_order=True), goal_rows
        ).scalars()
    )
    ind_rows: list[dict[str, Any]] = []
    goals = [(fid, g) for fid, f in zip(form_ids, forms, strict=True) for g in f.goals]
    for gid, (fid, g) in zip(goal_ids, goals, strict=True):
        for ipos, i in enumerate(g.indicators):
            t, a = parse_value(i.target), parse_value(i.actual)
            ind_rows.append(
                {
                    "goal_id": gid,
                    "form_id": fid,
                    "position": ipos,
                    "level1": i.level1,
                    "level2": i.level2,
                    "name": i.name,
                    "weight": i.weight,
                    "target": i.target,
                    "actual": i.actual,
                    "score": i.score,
                    "basis": i.basis,
                    "level1_weight": i.level1_weight,
                    "level2_weight": i.level2_weight,
                    "extra": i.extra or None,
                    "target_kind": t.kind,
                    "target_op": t.op,
                    "target_value": t.value,
                    "target_high": t.high,
                    "target_unit": t.unit,
                    "actual_kind": a.kind,
                    "actual_op": a.op,
                    "actual_value": a.value,
                    "actual_high": a.high,
                    "actual_unit": a.unit,
                    **source_columns(i.source),
                }
            )
    if ind_rows:
        executemany(session, IndicatorRow.__table__, ind_rows)


def insert_reports(session: Session, doc_id: int, form_ids: list[int], doc: Document) -> None:
    """The document's 自评报告 sections, each tied to the form it reports on (if any)."""
    rows = [
        {
            "document_id": doc_id,
            "position": pos,
            "form_id": form_ids[r.form_index]
            if r.form_index is not None and 0 <= r.form_index < len(form_ids)
            else None,
            "title": r.title,
            "version": r.version,
            "year": r.year,
            "subject": r.subject,
            "stated_score": r.stated_score,
            "stated_scores": list(r.stated_scores),
            "stated_rate": r.stated_rate,
            "stated_budget_score": r.stated_budget_score,
            "amounts": [[context, amount] for context, amount in r.amounts],
            **source_columns(r.source),
        }
        for pos, r in enumerate(doc.reports)
    ]
    if rows:
        session.execute(insert(ReportRow.__table__), rows)


def scorecard_values(c: Scorecard) -> dict[str, Any]:
    """A scorecard's columns as stored (a re-score compares a new scorecard with them)."""
    return {
        "rule_set": c.rule_set,
        "budget_weight": c.budget_weight,
        "budget_printed": c.budget_printed,
        "budget_computed": c.budget_computed,
        "total_printed": c.total_printed,
        "total_computed": c.total_computed,
        "grade_printed": c.grade_printed,
        "grade_computed": c.grade_computed,
        "indicators": [s.model_dump(mode="json") for s in c.indicators],
        "goals": [s.model_dump(mode="json") for s in c.goals],
    }


def insert_review(
    session: Session,
    run_id: int | None,
    form_ids: list[int],
    placed: list[tuple[Any, Any, Any]],
    first: int,
    scorecards: list[Scorecard],
    findings: list[Finding],
) -> tuple[int, list[tuple[Any, ...]]]:
    """The scorecards and findings of the forms stored so far (form indices are the document's).

    ``placed`` is (unit id, year, kind) of each stored form, ``first`` the position of the first
    finding; returns how many findings were written and the tally keys of the current ones.
    """
    cards = [
        {"review_run_id": run_id, "form_id": form_ids[c.form], **scorecard_values(c)}
        for c in scorecards
        if 0 <= c.form < len(form_ids)
    ]
    if cards:
        session.execute(insert(ScorecardRow.__table__), cards)
    rows = []
    for pos, f in enumerate(findings_to_json(findings), start=first):
        index = f["form"]
        form = placed[index] if 0 <= index < len(placed) else None
        rows.append(
            {
                "review_run_id": run_id,
                "form_id": form_ids[index] if form is not None else None,
                "position": pos,
                "form_index": index,
                "form_title": f["form_title"],
                "code": f["code"],
                "severity": f["severity"],
                "goal": f["goal"],
                "indicator": f["indicator"],
                "printed": f["printed"],
                "expected": f["expected"],
                "message": f["message"],
                "unit_id": form[0] if form else None,
                "year": form[1] if form else None,
                "kind": form[2] if form else None,
                "current": form is not None,
            }
        )
    if rows:
        session.execute(insert(FindingRow.__table__), rows)
    keys = [tally.key(r["unit_id"], r["year"], r["kind"], r["code"]) for r in rows if r["current"]]
    return len(rows), keys
