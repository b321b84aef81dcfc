"""Writing one read-and-reviewed document: every row of it in the caller's one transaction.

Rows are inserted in bulk per table (``INSERT … RETURNING`` for the ids children need), so a
document of dozens of forms costs a handful of statements, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

import jixiao
from jixiao._spool import FormHead, form_heads
from jixiao.contract import form_to_contract
from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.store import _children as children
from jixiao.store import _summary as summary
from jixiao.store import _tally as tally
from jixiao.store._schema import (
    DocumentContentRow,
    DocumentRow,
    FindingRow,
    FiscalYearRow,
    FormContractRow,
    FormRow,
    ReviewRunRow,
)
from jixiao.store._units import name_key, unit_id_for

if TYPE_CHECKING:
    from jixiao.review import ReviewResult

__all__ = ["ContentChanged", "Prepared", "RevisionConflict", "Stored", "store_document"]


class RevisionConflict(Exception):
    """Another writer changed the current revision of a form while this one wrote (retryable)."""


class ContentChanged(Exception):
    """The file no longer holds the bytes that were hashed and read: nothing of it is stored."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # Chinese, one line


@dataclass
class Prepared:
    """A file read and reviewed, ready to store: what crosses from worker to writer."""

    path: str
    sha256: str
    # the original's bytes; None: copied from the file at ``path`` into the row in chunks
    # (SQLite), checked against ``sha256`` there, so a 50 MB dump is never held whole
    content: bytes | None
    document: Document
    review: ReviewResult | None
    # a spooled document (``read(…, spooled=True)``), reviewed form by form as it is stored
    streamed: bool = False
    rules: str | None = None  # the rule set forced for that review
    by_year: dict[int, str] = field(default_factory=dict)  # else the rule set of a form's year
    nul_removed: int = 0  # NUL characters the caller removed outside the forms (``_nul_free``)


@dataclass
class Stored:
    """What storing one document wrote."""

    document_id: int
    form_ids: list[int]
    revised: int = 0  # forms that superseded an earlier revision
    findings: Counter[str] = field(default_factory=Counter)  # by severity


def _identity(form: Form, unit_id: int | None, link_year: int | None) -> tuple[Any, ...] | None:
    """Which earlier form a form revises: same unit, year, kind and project (None: never linked)."""
    if link_year is None or (unit_id is None and not form.project):
        return None
    return (unit_id, link_year, form.kind.value, name_key(form.project or ""))


_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def _year_elsewhere(printed: set[int], path: str) -> tuple[int | None, str | None]:
    """A year-less form's link year: the document's one printed year, else the file name's."""
    if len(printed) == 1:
        return next(iter(printed)), "document"
    named = {int(m) for m in _YEAR.findall(Path(path).name)}
    if len(named) == 1:
        return named.pop(), "file_name"
    return None, None


def imported_by() -> str | None:
    """Who imports: ``$JIXIAO_USER`` if set, else the login name."""
    if user := os.environ.get("JIXIAO_USER"):
        return user
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError):  # pragma: no cover - no login name (containers)
        return None


def store_document(session: Session, prep: Prepared, *, by: str | None = None) -> Stored:
    """Insert a document with its forms, goals, indicators, reports and review; no commit.

    A document read into memory is written in one batch. One read spooled (``prep.streamed``:
    its forms on disk, reviewed here form by form) is written ``_BATCH`` forms at a time, in the
    same transaction and to the same rows, holding one batch in memory.
    """
    doc, review = prep.document, prep.review
    now = datetime.now(UTC)
    doc_id = session.execute(
        insert(DocumentRow.__table__).returning(DocumentRow.id),
        {
            "file_name": Path(prep.path).name,
            "path": prep.path,
            "sha256": prep.sha256,
            "size": len(prep.content) if prep.content is not None else _file_size(prep.path),
            "reader": doc.reader,
            "reader_version": jixiao.__version__,
            "imported_at": now,
            "imported_by": by,
            "form_count": len(doc.forms),
            "issues": _issues(doc),
        },
    ).scalar_one()
    if prep.content is not None:
        session.execute(
            insert(DocumentContentRow.__table__), [{"document_id": doc_id, "content": prep.content}]
        )
    else:
        _copy_content(session, doc_id, prep.path, prep.sha256)

    run_id = None
    if review is not None or prep.streamed:
        run_id = session.execute(
            insert(ReviewRunRow.__table__).returning(ReviewRunRow.id),
            {
                "document_id": doc_id,
                "rule_set": review.rule_set if review is not None else "",  # streamed: set at the end
                "rule_set_version": review.rule_set_version if review is not None else "",
                "ran_at": now,
                "jixiao_version": jixiao.__version__,
            },
        ).scalar_one()

    heads = form_heads(doc.forms)  # a spooled document's forms are loaded batch by batch below
    years = sorted({f.year for f in heads if f.year is not None})
    if years:
        stmt = tally.upsert(session, FiscalYearRow.__table__).on_conflict_do_nothing(index_elements=["year"])
        session.execute(stmt, [{"year": y} for y in years])

    units: dict[str, int | None] = {}
    for f in heads:
        if f.unit and f.unit not in units:
            units[f.unit] = unit_id_for(session, f.unit)

    links = _link_years(heads, doc, prep.path)
    identities = [
        _identity(f, units.get(f.unit) if f.unit else None, year)
        for f, (year, _) in zip(heads, links, strict=True)
    ]
    state = _Batches(
        doc_id=doc_id,
        run_id=run_id,
        units=units,
        links=links,
        identities=identities,
        current=_current_revisions(session, [i for i in identities if i is not None]),
    )
    if not prep.streamed:
        cards = review.scorecards if review is not None else []
        found = review.findings if review is not None else []
        _store_batch(session, state, doc.forms, 0, cards, found, review is not None)
    else:
        from jixiao.review import review_forms
        from jixiao.store._import import _clean_model

        used: dict[str, str] = {}
        reviewed = review_forms(doc, prep.rules, used=used, by_year=prep.by_year)
        removed = prep.nul_removed
        for start in range(0, len(doc.forms), _BATCH):
            forms: list[Form] = []
            cards: list[Scorecard] = []
            found: list[Finding] = []
            for index in range(start, min(start + _BATCH, len(doc.forms))):
                card, form_found = next(reviewed)
                form, n = _clean_model(doc.forms[index])
                removed += n
                forms.append(form)
                cards.append(_clean_model(card)[0] if n else card)
                found.extend(_clean_model(f)[0] if n else f for f in form_found)
            _store_batch(session, state, forms, start, cards, found, True)
        for _ in reviewed:  # the rule sets used (the default when there is no form)
            pass
        session.execute(
            update(ReviewRunRow.__table__)
            .where(ReviewRunRow.__table__.c.id == run_id)
            .values(rule_set="+".join(used), rule_set_version="+".join(used.values()))
        )
        if removed:
            issues = [
                *_issues(doc),
                {"message": f"文件中有 {removed} 个空字符（NUL），已去除", "where": None},
            ]
            session.execute(
                update(DocumentRow.__table__)
                .where(DocumentRow.__table__.c.id == doc_id)
                .values(issues=issues)
            )
    children.insert_reports(session, doc_id, state.form_ids, doc)
    tally.add(session, state.tallied)
    summary.add_forms(session, state.form_ids)
    return Stored(document_id=doc_id, form_ids=state.form_ids, revised=state.revised, findings=state.total)


_BATCH = 100  # forms of a spooled document written per round of statements
_CHUNK = 1 << 20  # bytes of an original copied into its row at a time


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError as e:
        from jixiao.read._limits import os_reason

        raise ContentChanged(f"无法读取文件（{os_reason(e)}）") from e


def _copy_content(session: Session, doc_id: int, path: str, sha256: str) -> None:
    """The original's row filled from the file chunk by chunk (SQLite's incremental blob I/O):
    one chunk in memory instead of the whole file plus the driver's copy of it. The bytes are
    hashed as copied; a file changed since it was hashed raises ``ContentChanged`` (rolled back)."""
    import hashlib

    from jixiao.read._limits import os_reason

    size = _file_size(path)
    table = DocumentContentRow.__table__
    session.execute(insert(table).values(document_id=doc_id, content=func.zeroblob(size)))
    raw = session.connection().connection.driver_connection
    digest = hashlib.sha256()
    changed = ContentChanged("文件在导入过程中被改动，请重新导入")
    try:
        with open(path, "rb") as f, raw.blobopen(table.name, "content", doc_id) as blob:
            done = 0
            while chunk := f.read(min(_CHUNK, size - done + 1)):  # one byte more: a file grown
                if done + len(chunk) > size:
                    raise changed
                blob.write(chunk)
                digest.update(chunk)
                done += len(chunk)
    except OSError as e:
        raise ContentChanged(f"无法读取文件（{os_reason(e)}）") from e
    if done != size or digest.hexdigest() != sha256:
        raise changed


def _issues(doc: Document) -> list[dict[str, str | None]]:
    return [{"message": i.message, "where": i.source.where() if i.source else None} for i in doc.issues]


def _link_years(
    forms: Sequence[Form] | Sequence[FormHead], doc: Document, path: str
) -> list[tuple[int | None, str | None]]:
    """The year each form's revisions are matched by, and its source.

    The printed year; else the one year the document's other forms and reports print (the
    paired self-evaluation); else the one year in the file name; else none — a year-less form
    is never linked, so it cannot hide another year's form as its "revision".
    """
    printed: set[int] | None = None
    out: list[tuple[int | None, str | None]] = []
    for f in forms:
        if f.year is not None:
            out.append((f.year, "printed"))
            continue
        if printed is None:
            printed = {g.year for g in forms if g.year is not None} | {r.year for r in doc.reports if r.year}
        out.append(_year_elsewhere(printed, path))
    return out


@dataclass
class _Batches:
    """What the batches of one document share: its rows' ids and the forms' identities."""

    doc_id: int
    run_id: int | None
    units: dict[str, int | None]
    links: list[tuple[int | None, str | None]]
    identities: list[tuple[Any, ...] | None]
    current: dict[tuple[Any, ...], tuple[int, int]]
    seen: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    form_ids: list[int] = field(default_factory=list)
    placed: list[tuple[Any, Any, Any]] = field(default_factory=list)  # (unit id, year, kind) per form
    findings: int = 0  # findings stored so far (their positions)
    revised: int = 0
    total: Counter[str] = field(default_factory=Counter)
    # the findings' running tallies, added once per document (new tally rows in one order)
    tallied: Counter[tuple[Any, ...]] = field(default_factory=Counter)


def _store_batch(
    session: Session,
    state: _Batches,
    forms: Sequence[Form],
    start: int,
    scorecards: list[Scorecard],
    findings: list[Finding],
    reviewed: bool,
) -> None:
    """The forms ``start``… of the document with their scorecards and findings (form indices are
    the document's)."""
    counts: list[Counter[str]] = [Counter() for _ in forms]
    for finding in findings:
        if 0 <= finding.form - start < len(forms):
            counts[finding.form - start][finding.severity] += 1
    card_of = {c.form: c for c in scorecards}
    form_rows: list[dict[str, Any]] = []
    predecessors: list[tuple[int, int] | None] = []  # (form id, revision) each new form replaces
    for k, f in enumerate(forms):
        pos = start + k
        identity = state.identities[pos]
        linked, year_source = state.links[pos]
        unit_id = state.units.get(f.unit) if f.unit else None
        ordinal = 0
        previous = None
        if identity is not None:
            ordinal = state.seen[identity]
            state.seen[identity] += 1
            previous = state.current.get((*identity, ordinal))
        predecessors.append(previous)
        card = card_of.get(pos)
        b, o = f.budget, f.overall_goal
        form_rows.append(
            {
                "document_id": state.doc_id,
                "position": pos,
                "kind": f.kind.value,
                "title": f.title,
                "year": f.year,
                "unit_id": unit_id,
                "unit_name": f.unit,
                "project": f.project,
                "project_key": name_key(f.project or ""),
                "ordinal": ordinal,
                "supervisor": f.supervisor,
                "implementer": f.implementer,
                "filled_on": f.filled_on,
                "budget_weight": b.weight if b else None,
                "budget_planned": b.planned if b else None,
                "budget_executed": b.executed if b else None,
                "budget_rate": b.rate if b else None,
                "budget_score": b.score if b else None,
                "overall_weight": o.weight if o else None,
                "overall_target": o.target if o else None,
                "overall_actual": o.actual if o else None,
                "overall_score": o.score if o else None,
                "total_score": f.total_score,
                "deviation_reason": f.deviation_reason,
                "improvement": f.improvement,
                "extra": f.extra,
                "revision": previous[1] + 1 if previous else 1,
                "link_year": linked if identity is not None else None,
                "year_source": year_source if identity is not None else None,
                "superseded": False,
                "superseded_by_id": None,
                "review_run_id": state.run_id,
                "total_computed": card.total_computed if card else None,
                "grade": (card.grade_computed or card.grade_printed) if card else None,
                "error_count": counts[k]["error"],
                "warning_count": counts[k]["warning"],
                "info_count": counts[k]["info"],
                **children.source_columns(f.source),
            }
        )
    # Predecessors are superseded first: the unique index on current forms allows one at a time.
    replaced_old = [previous[0] for previous in predecessors if previous]
    if replaced_old:
        gone = tally.counts_of_forms(session, replaced_old)
        summary.remove_forms(session, replaced_old)
        done = session.execute(
            update(FormRow.__table__)
            .where(FormRow.__table__.c.id.in_(replaced_old), FormRow.__table__.c.superseded.is_(False))
            .values(superseded=True)
        ).rowcount
        if done != len(replaced_old):  # another writer superseded one meanwhile (never under the lock)
            raise RevisionConflict("修订版冲突：另一导入同时修改了同一张表，请重新导入")
        session.execute(
            update(FindingRow.__table__).where(FindingRow.form_id.in_(replaced_old)).values(current=False)
        )
        tally.add(session, Counter({k: -n for k, n in gone.items()}))
    form_ids: list[int] = []
    if form_rows:
        form_ids = list(
            session.execute(
                insert(FormRow.__table__).returning(FormRow.id, sort_by_parameter_order=True), form_rows
            ).scalars()
        )
        session.execute(
            insert(FormContractRow.__table__),
            [{"form_id": fid, "body": form_to_contract(f)} for fid, f in zip(form_ids, forms, strict=True)],
        )
    replaced = [(previous[0], fid) for fid, previous in zip(form_ids, predecessors, strict=True) if previous]
    state.revised += len(replaced)
    if replaced:
        session.connection().execute(
            update(FormRow.__table__)
            .where(FormRow.__table__.c.id == bindparam("old_id"))
            .values(superseded_by_id=bindparam("new_id")),
            [{"old_id": old, "new_id": new} for old, new in replaced],
        )
    state.form_ids.extend(form_ids)
    state.placed.extend((r["unit_id"], r["year"], r["kind"]) for r in form_rows)
    children.insert_goals(session, form_ids, forms)
    if state.run_id is not None and reviewed:
        written, keys = children.insert_review(
            session, state.run_id, state.form_ids, state.placed, state.findings, scorecards, findings
        )
        state.findings += written
        state.tallied.update(keys)
    for c in counts:
        state.total.update(c)


def _current_revisions(
    session: Session, identities: list[tuple[Any, ...]]
) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Current forms of the given identities: (unit, year, kind, project, ordinal) → (id, revision).

    One query per document: every current form of its units (or, for forms without a unit,
    of its projects), matched here.
    """
    if not identities:
        return {}
    unit_ids = {i[0] for i in identities if i[0] is not None}
    projects = {i[3] for i in identities if i[0] is None}
    conditions = []
    if unit_ids:
        conditions.append(FormRow.unit_id.in_(unit_ids))
    if projects:
        conditions.append(and_(FormRow.unit_id.is_(None), FormRow.project_key.in_(projects)))
    rows = session.execute(
        select(
            FormRow.id,
            FormRow.revision,
            FormRow.unit_id,
            FormRow.link_year,
            FormRow.kind,
            FormRow.project_key,
            FormRow.ordinal,
        ).where(FormRow.superseded.is_(False), FormRow.link_year.is_not(None), or_(*conditions))
    )
    wanted = set(identities)
    found: dict[tuple[Any, ...], tuple[int, int]] = {}
    for form_id, revision, *key in rows:
        if tuple(key[:4]) in wanted:
            k = tuple(key)
            if k not in found or found[k][0] < form_id:
                found[k] = (form_id, revision)
    return found
