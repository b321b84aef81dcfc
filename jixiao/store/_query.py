"""Reading the store back: form lists, one form in full, export (statistics: ``_stats``).

Every query answers for *current* forms (the latest revision) unless asked otherwise, and
reads the denormalized verdict columns of ``forms`` so that lists and statistics stay
interactive at 100,000 forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, Select, Table, func, select

from jixiao.store._db import Database
from jixiao.store._records import (
    FormDetail,
    FormFilter,
    FormSummary,
    Revision,
    finding_from_row,
    form_from_rows,
)
from jixiao.store._restore import restore
from jixiao.store._summary import weights_broken
from jixiao.store._tables import (
    DOCUMENTS,
    FINDINGS,
    FORM_CONTRACTS,
    FORMS,
    REVIEW_RUNS,
    SCORECARDS,
    UNITS,
)

if TYPE_CHECKING:
    from jixiao.model import Finding, Form
    from jixiao.store._db import Conn


__all__ = [
    "FormDetail",
    "FormFilter",
    "FormSummary",
    "export_forms",
    "get_form",
    "list_forms",
]

# Forms whose rows one ``restore`` reads (its ``IN`` lists stay well under any driver's limit).
_RESTORE_BATCH = 500

_SUMMARY_COLUMNS = (
    FORMS.c.id,
    FORMS.c.kind,
    FORMS.c.title,
    func.coalesce(UNITS.c.name, FORMS.c.unit_name),
    FORMS.c.year,
    FORMS.c.project,
    FORMS.c.total_score,
    FORMS.c.total_computed,
    FORMS.c.grade,
    FORMS.c.error_count,
    FORMS.c.warning_count,
    FORMS.c.revision,
    FORMS.c.superseded,
    DOCUMENTS.c.file_name,
)


def _summary_select() -> Select[Any]:
    return (
        select(*_SUMMARY_COLUMNS, ~weights_broken())
        .select_from(FORMS)
        .join(DOCUMENTS, DOCUMENTS.c.id == FORMS.c.document_id)
        .outerjoin(UNITS, UNITS.c.id == FORMS.c.unit_id)
    )


def list_forms(
    db: Database, filters: FormFilter = FormFilter(), *, limit: int | None = None, offset: int = 0
) -> tuple[list[FormSummary], int]:
    """Forms matching ``filters`` (newest year first, then by unit, latest import first) and their count."""
    with db.connect() as session:
        counted = filters.apply(session, select(func.count()).select_from(FORMS))
        if counted is None:
            return [], 0
        total = session.scalar(counted) or 0
        query = filters.apply(session, _summary_select())
        assert query is not None
        # Newest year first; the order of ix_forms_list read backwards, so a page costs no sort.
        query = query.order_by(FORMS.c.year.desc(), FORMS.c.unit_id.desc(), FORMS.c.id.desc()).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        rows = [FormSummary(*row) for row in session.execute(query)]
    return rows, total


def get_form(db: Database, form_id: int) -> FormDetail | None:
    """One form in full, with the scorecard and findings of its latest review; None if absent."""
    from jixiao.model import GoalScore, IndicatorScore, Scorecard

    with db.connect() as session:
        row = session.execute(_summary_select().where(FORMS.c.id == form_id)).first()
        if row is None:
            return None
        summary = FormSummary(*row)
        f = _by_id(session, FORMS, form_id)
        doc = _by_id(session, DOCUMENTS, f.document_id)
        assert f is not None and doc is not None  # the summary row above joined them
        body = session.execute(
            select(FORM_CONTRACTS.c.body).where(FORM_CONTRACTS.c.form_id == form_id)
        ).scalar_one()
        form = form_from_rows(body, f)
        restore(session, {form_id: form})
        run = _by_id(session, REVIEW_RUNS, f.review_run_id) if f.review_run_id is not None else None
        card = None
        findings: list[Finding] = []
        if run is not None:
            c = session.execute(
                select(SCORECARDS).where(
                    SCORECARDS.c.form_id == form_id, SCORECARDS.c.review_run_id == run.id
                )
            ).first()
            if c is not None:
                card = Scorecard(
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
            findings = [
                finding_from_row(r)
                for r in session.execute(
                    select(FINDINGS)
                    .where(FINDINGS.c.form_id == form_id, FINDINGS.c.review_run_id == run.id)
                    .order_by(FINDINGS.c.position)
                )
            ]
        history = _history(session, f)
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
            history=history,
            link_year=f.link_year,
            year_source=f.year_source,
        )


def _by_id(session: Conn, table: Table, row_id: int) -> Row[Any] | None:
    """A table's row by its id, every column (a Core ``Session.get``)."""
    return session.execute(select(table).where(table.c.id == row_id)).first()


def _history(session: Conn, f: Row[Any]) -> list[Revision]:
    """All revisions of the form: walk ``superseded_by`` links both ways."""
    ids = {f.id}
    back = f.id
    while (
        prev := session.scalar(select(FORMS.c.id).where(FORMS.c.superseded_by_id == back).limit(1))
    ) is not None and prev not in ids:
        ids.add(prev)
        back = prev
    fwd = f.superseded_by_id
    while fwd is not None and fwd not in ids:
        ids.add(fwd)
        fwd = session.scalar(select(FORMS.c.superseded_by_id).where(FORMS.c.id == fwd))
    rows = session.execute(
        select(
            FORMS.c.id, FORMS.c.revision, FORMS.c.superseded, DOCUMENTS.c.file_name, DOCUMENTS.c.imported_at
        )
        .join(DOCUMENTS, DOCUMENTS.c.id == FORMS.c.document_id)
        .where(FORMS.c.id.in_(ids))
        .order_by(FORMS.c.revision, FORMS.c.id)
    )
    return [Revision(*r) for r in rows]


def export_forms(
    db_url: str | None,
    *,
    unit: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    grade: str | None = None,
    has_errors: bool | None = None,
    include_superseded: bool = False,
) -> list[Form]:
    """Stored forms as ``Form`` records, in document then printed order, for ``jixiao export``.

    ``form_to_contract`` of each gives back exactly the form-v1 object the reader produced, and
    ``restore`` puts back what the body has no field for (label points, terms, ``extra``,
    places), so a workbook written from them is the one written from the imported file.
    Raises ``StoreError`` (Chinese message) when the database cannot be opened.
    """
    filters = FormFilter(unit, year, kind, grade, has_errors, include_superseded)
    with Database(db_url, create=False, readonly=True) as db, db.connect() as session:
        query = filters.apply(
            session,
            select(FORMS, FORM_CONTRACTS.c.body).join(FORM_CONTRACTS, FORM_CONTRACTS.c.form_id == FORMS.c.id),
        )
        if query is None:
            return []
        query = query.order_by(FORMS.c.document_id, FORMS.c.position)
        forms = {f.id: form_from_rows(f.body, f) for f in session.execute(query)}
        ids = list(forms)
        for start in range(0, len(ids), _RESTORE_BATCH):
            restore(session, {i: forms[i] for i in ids[start : start + _RESTORE_BATCH]})
        return list(forms.values())
