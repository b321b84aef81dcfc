"""The store's side of the yearly cycle: current forms with their verdicts, and the target
tables a stored self-evaluation may report on (same unit — aliases resolved through
``unit_id`` —, counterpart kind, same year or none printed). No new tables: what the cycle
computes (matches, drift, roll-ups, the 指标库) is derived from forms already stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, or_, select

from jixiao.kinds import FormKind
from jixiao.store._db import Database
from jixiao.store._records import FormFilter, form_from_rows
from jixiao.store._restore import restore
from jixiao.store._tables import FINDINGS, FORM_CONTRACTS, FORMS, UNITS

if TYPE_CHECKING:
    from jixiao.model import Form


__all__ = ["StoredForm", "stored_forms", "targets_for"]

_COUNTERPART = {
    FormKind.PROJECT_SELF_EVALUATION.value: FormKind.PROJECT_TARGET.value,
    FormKind.DEPARTMENT_SELF_EVALUATION.value: FormKind.DEPARTMENT_TARGET.value,
}


@dataclass
class StoredForm:
    """A current stored form, its canonical unit and the verdict of its latest review."""

    id: int
    unit: str | None  # canonical unit name (alias-resolved), else as printed
    form: Form
    total_computed: float | None
    grade: str | None
    errors: int
    findings: dict[str, int] = field(default_factory=dict)  # code → count, latest review
    position: int = 0  # index of the form in its document (the ``form`` of its findings)


def _load(db: Database, query: Select[Any]) -> list[StoredForm]:
    with db.connect() as session:
        rows = session.execute(query).all()
        ids = [f.id for f in rows]
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            q = (
                select(FINDINGS.c.form_id, FINDINGS.c.code, func.count())
                .join(FORMS, FORMS.c.id == FINDINGS.c.form_id)
                .where(FINDINGS.c.form_id.in_(chunk), FINDINGS.c.review_run_id == FORMS.c.review_run_id)
                .group_by(FINDINGS.c.form_id, FINDINGS.c.code)
            )
            for form_id, code, n in session.execute(q):
                counts[form_id][code] = int(n)
        forms = {f.id: form_from_rows(f.body, f) for f in rows}
        for start in range(0, len(ids), 500):  # label points, terms, extra: what the body drops
            restore(session, {i: forms[i] for i in ids[start : start + 500]}, places=False)
        return [
            StoredForm(
                id=f.id,
                unit=f.unit_canonical or f.unit_name,
                form=forms[f.id],
                total_computed=f.total_computed,
                grade=f.grade,
                errors=f.error_count,
                findings=dict(sorted(counts.get(f.id, {}).items())),
                position=f.position,
            )
            for f in rows
        ]


def _select() -> Select[Any]:
    return (
        select(FORMS, FORM_CONTRACTS.c.body, UNITS.c.name.label("unit_canonical"))
        .join(FORM_CONTRACTS, FORM_CONTRACTS.c.form_id == FORMS.c.id)
        .outerjoin(UNITS, UNITS.c.id == FORMS.c.unit_id)
    )


def stored_forms(db: Database, filters: FormFilter | None = None) -> list[StoredForm]:
    """Current forms matching ``filters``, in document then printed order."""
    with db.connect() as session:
        query = (filters or FormFilter()).apply(session, _select())
    if query is None:
        return []
    return _load(db, query.order_by(FORMS.c.document_id, FORMS.c.position))


def targets_for(db: Database, form_id: int) -> tuple[StoredForm | None, list[StoredForm]]:
    """A stored self-evaluation and the current target tables that may be its target.

    Candidates share its unit (by ``unit_id``, so aliases count), are of the counterpart kind,
    and print the same year or none. ``(None, [])`` when the form does not exist.
    """
    with db.connect() as session:
        row = session.execute(select(FORMS).where(FORMS.c.id == form_id)).first()
        if row is None:
            return None, []
        kind, unit_id, year = row.kind, row.unit_id, row.year
    [evaluation] = _load(db, _select().where(FORMS.c.id == form_id))
    wanted = _COUNTERPART.get(kind)
    if wanted is None:
        return evaluation, []
    query = _select().where(FORMS.c.superseded.is_(False), FORMS.c.kind == wanted)
    query = query.where(FORMS.c.unit_id == unit_id) if unit_id is not None else query
    if year is not None:
        query = query.where(or_(FORMS.c.year == year, FORMS.c.year.is_(None)))
    return evaluation, _load(db, query.order_by(FORMS.c.year.desc(), FORMS.c.id))
