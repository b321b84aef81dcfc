"""The review queue (keyset pages) and the overview of all forms."""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass
from typing import Any

from jixiao import store
from jixiao.vocabulary import finding_title
from jixiao.web.pages._common import KIND_LABELS

# the queue's orders as the page offers them ("": newest year first, by unit)
SORT_LABELS = {"": "年度、单位（默认）", "gap": "分差从大到小", "errors": "错误从多到少"}
assert set(SORT_LABELS) == {"", *store.QUEUE_SORTS}


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
    sort: str = ""
    sorts: dict[str, str] = dataclasses.field(default_factory=lambda: dict(SORT_LABELS))
    # what of the query could not be read, by field (the page shows it beside the field)
    errors: dict[str, str] = dataclasses.field(default_factory=dict)
    note: str | None = None  # e.g. a page number past the end, and the page shown instead


PAGE_SIZE = 50


def encode_key(key: store.QueueKey | store.SortedKey) -> str:
    """A queue cursor as text for a link: ``year.unit.id`` (an empty field for none), or
    ``value_id`` in a sorted queue."""
    if len(key) == 2:
        return f"{key[0]!r}_{key[1]}"
    return ".".join("" if v is None else str(v) for v in key)


def decode_key(text: str, sort: str = "") -> store.QueueKey | store.SortedKey:
    """The cursor of ``encode_key`` for the order ``sort``; ValueError when it is not one."""
    if sort:
        value, form_id = text.split("_")
        number = int(value) if sort == "errors" else float(value)
        if not math.isfinite(number):
            raise ValueError(text)
        return (number, int(form_id))
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
    after: store.QueueKey | store.SortedKey | None = None,
    before: store.QueueKey | store.SortedKey | None = None,
    sort: str = "",
    errors: dict[str, str] | None = None,
) -> QueuePage:
    """Page ``page`` of the queue in the order ``sort``; with a cursor, the page right after or
    before that row. A page past the end shows the last page, and says so."""
    carry_now_and_then(db)
    rows, total = store.list_queue(
        db, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, after=after, before=before, sort=sort
    )
    pages = max(1, -(-total // PAGE_SIZE))
    note = None
    if page > pages:
        note = f"没有第 {page} 页（共 {pages} 页），下面是第 {pages} 页"
        page = pages
        rows, total = store.list_queue(db, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, sort=sort)
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
                "grade": r.grade,  # 重算等级, else (grade_basis 填报等级) the printed one
                "grade_computed": r.grade_computed,
                "grade_basis": r.grade_basis,
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
        sort=sort,
        errors=dict(errors or {}),
        note=note,
    )


GRADES_BASIS = "重算等级；无法重算总分的表按其填报等级另计（图中“填报”）"


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
    grades_by_year: dict[int, dict[str, int]]  # each form's 重算等级
    # the 填报等级 of the forms whose total could not be recomputed, counted apart
    printed_grades_by_year: dict[int, dict[str, int]]
    grades_basis: str = GRADES_BASIS


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
        printed_grades_by_year=o.printed_grades_by_year,
    )
