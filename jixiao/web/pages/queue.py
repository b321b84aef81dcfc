"""The review queue (keyset pages) and the overview of all forms."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any

from jixiao import store
from jixiao.vocabulary import finding_title
from jixiao.web.pages._common import KIND_LABELS


@dataclass
class QueuePage:
    filters: dict[str, Any]
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    states: dict[str, str]
    kinds: dict[str, str]
    # keyset cursors of the neighbouring pages (``?after=`` / ``?before=``), None at an end
    next_after: str | None = None
    prev_before: str | None = None


PAGE_SIZE = 50


def encode_key(key: store.QueueKey) -> str:
    """A queue cursor as text for a link: ``year.unit.id``, an empty field for none."""
    return ".".join("" if v is None else str(v) for v in key)


def decode_key(text: str) -> store.QueueKey:
    """The cursor of ``encode_key``; ValueError when it is not one."""
    year, unit, form_id = text.split(".")
    return (int(year) if year else None, int(unit) if unit else None, int(form_id))


_CARRIED: dict[int, float] = {}
CARRY_EVERY_S = 5.0


def carry_now_and_then(db: store.Database) -> None:
    """Carry review work to revisions imported outside the web (CLI), at most every few seconds.

    Web uploads and submissions carry their own forms at once; this catches the rest cheaply.
    """
    now = time.monotonic()
    if now - _CARRIED.get(id(db), -CARRY_EVERY_S) >= CARRY_EVERY_S:
        _CARRIED[id(db)] = now
        store.carry_pending(db)


def build_queue(
    db: store.Database,
    flt: store.QueueFilter,
    page: int,
    *,
    after: store.QueueKey | None = None,
    before: store.QueueKey | None = None,
) -> QueuePage:
    """Page ``page`` of the queue; with a cursor, the page right after or before that row."""
    carry_now_and_then(db)
    rows, total = store.list_queue(
        db, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, after=after, before=before
    )
    pages = max(1, -(-total // PAGE_SIZE))
    return QueuePage(
        filters={k: v for k, v in dataclasses.asdict(flt).items() if k != "unit_ids"},
        rows=[
            {
                "id": r.id,
                "kind": r.kind,
                "kind_label": KIND_LABELS.get(r.kind, r.kind),
                "title": r.title,
                "unit": r.unit,
                "year": r.year,
                "project": r.project,
                "printed": r.printed,
                "computed": r.computed,
                "inflation": r.inflation,
                "grade": r.grade,
                "errors": r.errors,
                "warnings": r.warnings,
                "revision": r.revision,
                "state": r.state,
                "state_label": r.state_label,
            }
            for r in rows
        ],
        total=total,
        page=page,
        pages=pages,
        states=dict(store.STATE_LABELS),
        kinds=KIND_LABELS,
        next_after=encode_key(rows[-1].key) if rows and page < pages else None,
        prev_before=encode_key(rows[0].key) if rows and page > 1 else None,
    )


@dataclass
class OverviewPage:
    forms: int
    empty_database: bool
    by_state: list[dict[str, Any]]
    by_year: dict[int, int]
    by_unit: list[tuple[str, int]]
    scatter: list[tuple[float, float, int]]
    findings_by_code: list[dict[str, Any]]
    inflation_by_unit: list[tuple[str, float, int]]
    grades_by_year: dict[int, dict[str, int]]


def build_overview(db: store.Database, user: store.User) -> OverviewPage:
    carry_now_and_then(db)
    unit_ids = user.unit_ids if user.role == "filler" else None
    o = store.overview(db, unit_ids)
    everything = o if unit_ids is None else store.overview(db, None)
    return OverviewPage(
        forms=o.forms,
        empty_database=everything.forms == 0,
        by_state=[
            {"state": s, "label": store.STATE_LABELS[s], "forms": o.by_state.get(s, 0)} for s in store.STATES
        ],
        by_year=o.by_year,
        by_unit=o.by_unit,
        scatter=o.scatter,
        findings_by_code=[{"code": c, "title": finding_title(c), "count": n} for c, n in o.findings_by_code],
        inflation_by_unit=o.inflation_by_unit,
        grades_by_year=o.grades_by_year,
    )
