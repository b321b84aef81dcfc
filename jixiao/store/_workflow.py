"""The workflow of a form: states and transitions, review work (verdicts, 复核得分) and its carry.

States: draft → submitted → in_review → returned / approved (填报中 → 已提交 → 审核中 →
退回修改 / 审核通过). A unit's draft is stored as a new revision of the form when it is
submitted (through the same ``store_document`` as every import), and the reviewer's work —
workflow state, verdicts, 复核得分 — is carried to the new revision: a verdict to the finding
with the same code, goal and indicator, else kept and marked as needing a new look. Drafts and
submission are in ``_drafts``, the queue and overview in ``_queue``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, exists, func, insert, select, union, update
from sqlalchemy.orm import Session, aliased

from jixiao.store import _summary as summary
from jixiao.store._db import Database
from jixiao.store._query import _history
from jixiao.store._schema import (
    FindingRow,
    FormContractRow,
    FormRow,
)
from jixiao.store._schema_web import (
    AuditScoreRow,
    EditRow,
    FormDraftRow,
    TransitionRow,
    VerdictRow,
    WorkflowRow,
)
from jixiao.store._tables import DEFAULT_STATE

__all__ = [
    "ACTIONS",
    "DEFAULT_STATE",
    "EDITABLE_STATES",
    "STATES",
    "STATE_LABELS",
    "VERDICT_LABELS",
    "AuditScore",
    "Edit",
    "ReviewNotes",
    "Step",
    "Verdict",
    "WorkflowError",
    "carry_pending",
    "document_forms",
    "form_unit",
    "review_notes",
    "set_audit_score",
    "set_state",
    "set_verdict",
    "state_of",
    "transition",
]

STATES = ("draft", "submitted", "in_review", "returned", "approved")
STATE_LABELS = {
    "draft": "填报中",
    "submitted": "已提交",
    "in_review": "审核中",
    "returned": "退回修改",
    "approved": "审核通过",
}
EDITABLE_STATES = ("draft", "returned")
VERDICT_LABELS = {"confirmed": "确认", "rejected": "不予采纳"}

# action → (states it starts from, state it leads to, Chinese name); who may act is the web's rule.
ACTIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "submit": (EDITABLE_STATES, "submitted", "提交"),
    "start": (("submitted",), "in_review", "开始审核"),
    "return": (("submitted", "in_review"), "returned", "退回修改"),
    "approve": (("submitted", "in_review"), "approved", "审核通过"),
    "reopen": (("approved",), "in_review", "重新审核"),
}


class WorkflowError(Exception):
    """A workflow step that cannot be taken; ``str()`` is one Chinese line."""


def _now() -> datetime:
    return datetime.now(UTC)


def _key(name: str | None) -> str:
    return name or ""


def _state(session: Session, form_id: int) -> str:
    return session.scalar(select(WorkflowRow.state).where(WorkflowRow.form_id == form_id)) or DEFAULT_STATE


def state_of(db: Database, form_id: int) -> str:
    with db.reader() as session:
        return _state(session, form_id)


def form_unit(db: Database, form_id: int) -> tuple[bool, int | None]:
    """(the form exists, its unit id)."""
    with db.reader() as session:
        row = session.execute(select(FormRow.unit_id).where(FormRow.id == form_id)).first()
        return (row is not None, row[0] if row else None)


def _set(
    session: Session,
    form_id: int,
    state: str,
    by: str,
    comment: str | None,
    came_from: str | None = None,
    **values: Any,
) -> None:
    """Put one form in ``state`` and record the step (``came_from``: the state of its predecessor).

    The form moves between the running sums' cells of the two states in the same transaction.
    """
    before = session.scalar(select(WorkflowRow.state).where(WorkflowRow.form_id == form_id))
    if (before or DEFAULT_STATE) != state:
        summary.move_state(session, [form_id], state)
    row = {"state": state, "updated_at": _now(), "updated_by": by, **values}
    if before is None:
        session.execute(insert(WorkflowRow.__table__), {"form_id": form_id, **row})
    else:
        session.execute(update(WorkflowRow).where(WorkflowRow.form_id == form_id).values(**row))
    session.execute(
        insert(TransitionRow.__table__),
        {
            "form_id": form_id,
            "from_state": before or came_from or (None if state == "draft" else DEFAULT_STATE),
            "to_state": state,
            "by": by,
            "at": _now(),
            "comment": comment or None,
        },
    )


def set_state(db: Database, form_ids: list[int], state: str, by: str, comment: str | None = None) -> None:
    """Put forms in a state directly (a unit's upload starts as 填报中)."""
    with db.session() as session:
        for form_id in form_ids:
            _set(session, form_id, state, by, comment)


def transition(
    db: Database, form_id: int, action: str, by: str, comment: str | None = None, opinion: str | None = None
) -> str:
    """Take a workflow step; returns the new state. 退回 needs a comment."""
    if action not in ACTIONS:
        raise WorkflowError(f"未知操作：{action}")
    starts, goal, name = ACTIONS[action]
    if action == "return" and not (comment or "").strip():
        raise WorkflowError("退回修改须填写退回意见")
    with db.session() as session:
        if session.get(FormRow, form_id) is None:
            raise WorkflowError(f"表 {form_id} 不存在")
        state = _state(session, form_id)
        if state not in starts:
            raise WorkflowError(f"表当前状态为“{STATE_LABELS[state]}”，不能{name}")
        extra = {"opinion": opinion} if opinion is not None else {}
        _set(session, form_id, goal, by, comment, **extra)
    return goal


# ---------------------------------------------------------------- verdicts and 复核得分


def set_verdict(
    db: Database,
    form_id: int,
    code: str,
    goal: str | None,
    indicator: str | None,
    verdict: str,
    comment: str | None,
    by: str,
) -> None:
    """Record (or change) the reviewer's verdict on one finding of a form."""
    if verdict not in VERDICT_LABELS:
        raise WorkflowError(f"审核结论无效：{verdict}")
    with db.session() as session:
        f = session.get(FormRow, form_id)
        if f is None:
            raise WorkflowError(f"表 {form_id} 不存在")
        known = session.scalar(
            select(func.count())
            .select_from(FindingRow)
            .where(
                FindingRow.form_id == form_id,
                FindingRow.review_run_id == f.review_run_id,
                FindingRow.code == code,
                func.coalesce(FindingRow.goal, "") == _key(goal),
                func.coalesce(FindingRow.indicator, "") == _key(indicator),
            )
        )
        if not known:
            raise WorkflowError("该表没有这条审核发现")
        session.execute(
            delete(VerdictRow).where(
                VerdictRow.form_id == form_id,
                VerdictRow.code == code,
                VerdictRow.goal_key == _key(goal),
                VerdictRow.indicator_key == _key(indicator),
            )
        )
        session.execute(
            insert(VerdictRow.__table__),
            {
                "form_id": form_id,
                "code": code,
                "goal_key": _key(goal),
                "indicator_key": _key(indicator),
                "verdict": verdict,
                "comment": comment or None,
                "by": by,
                "at": _now(),
                "stale": False,
                "carried_from": None,
            },
        )
        if _state(session, form_id) == "submitted":
            _set(session, form_id, "in_review", by, None)


def set_audit_score(
    db: Database, form_id: int, goal: str | None, indicator: str, score: float, reason: str, by: str
) -> None:
    """Record the reviewer's 复核得分 of one indicator; a reason is required."""
    if not reason.strip():
        raise WorkflowError("复核得分须说明理由")
    with db.session() as session:
        if session.get(FormRow, form_id) is None:
            raise WorkflowError(f"表 {form_id} 不存在")
        session.execute(
            delete(AuditScoreRow).where(
                AuditScoreRow.form_id == form_id,
                AuditScoreRow.goal_key == _key(goal),
                AuditScoreRow.indicator_key == indicator,
            )
        )
        session.execute(
            insert(AuditScoreRow.__table__),
            {
                "form_id": form_id,
                "goal_key": _key(goal),
                "indicator_key": indicator,
                "score": score,
                "reason": reason.strip(),
                "by": by,
                "at": _now(),
                "stale": False,
                "carried_from": None,
            },
        )
        if _state(session, form_id) == "submitted":
            _set(session, form_id, "in_review", by, None)


@dataclass
class Verdict:
    code: str
    goal: str | None
    indicator: str | None
    verdict: str
    comment: str | None
    by: str
    at: datetime
    stale: bool
    carried_from: int | None

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


@dataclass
class AuditScore:
    goal: str | None
    indicator: str
    score: float
    reason: str
    by: str
    at: datetime
    stale: bool


@dataclass
class Step:
    form_id: int
    from_state: str | None
    to_state: str
    by: str
    at: datetime
    comment: str | None


@dataclass
class Edit:
    form_id: int
    field: str
    old: str | None
    new: str | None
    by: str
    at: datetime


@dataclass
class ReviewNotes:
    """Everything the workflow keeps about one form (and its earlier revisions)."""

    state: str
    opinion: str | None
    verdicts: list[Verdict]
    audit_scores: list[AuditScore]
    steps: list[Step]
    edits: list[Edit]
    has_draft: bool


def review_notes(db: Database, form_id: int) -> ReviewNotes:
    with db.reader() as session:
        f = session.get_one(FormRow, form_id)
        chain = [r.id for r in _history(session, f)]
        wf = session.get(WorkflowRow, form_id)
        verdicts = [
            Verdict(
                r.code,
                r.goal_key or None,
                r.indicator_key or None,
                r.verdict,
                r.comment,
                r.by,
                r.at,
                r.stale,
                r.carried_from,
            )
            for r in session.scalars(
                select(VerdictRow).where(VerdictRow.form_id == form_id).order_by(VerdictRow.id)
            )
        ]
        scores = [
            AuditScore(r.goal_key or None, r.indicator_key, r.score, r.reason, r.by, r.at, r.stale)
            for r in session.scalars(
                select(AuditScoreRow).where(AuditScoreRow.form_id == form_id).order_by(AuditScoreRow.id)
            )
        ]
        steps = [
            Step(r.form_id, r.from_state, r.to_state, r.by, r.at, r.comment)
            for r in session.scalars(
                select(TransitionRow).where(TransitionRow.form_id.in_(chain)).order_by(TransitionRow.id)
            )
        ]
        edits = [
            Edit(r.form_id, r.field, r.old, r.new, r.by, r.at)
            for r in session.scalars(select(EditRow).where(EditRow.form_id.in_(chain)).order_by(EditRow.id))
        ]
        has_draft = session.get(FormDraftRow, form_id) is not None
        return ReviewNotes(
            state=wf.state if wf else DEFAULT_STATE,
            opinion=wf.opinion if wf else None,
            verdicts=verdicts,
            audit_scores=scores,
            steps=steps,
            edits=edits,
            has_draft=has_draft,
        )


# ---------------------------------------------------------------- carrying work to a new revision


def _carry(
    session: Session, old_id: int, new_id: int, state: str | None, by: str, comment: str = "新版本导入"
) -> None:
    """Copy the workflow state, verdicts and 复核得分 of ``old_id`` to its revision ``new_id``."""
    new = session.get_one(FormRow, new_id)
    findings = {
        (code, _key(goal), _key(ind))
        for code, goal, ind in session.execute(
            select(FindingRow.code, FindingRow.goal, FindingRow.indicator).where(
                FindingRow.form_id == new_id, FindingRow.review_run_id == new.review_run_id
            )
        )
    }
    body = session.get_one(FormContractRow, new_id).body
    indicators = {(g["name"], i["name"]) for g in body.get("goals", []) for i in g.get("indicators", [])}
    have = {
        (r.code, r.goal_key, r.indicator_key)
        for r in session.scalars(select(VerdictRow).where(VerdictRow.form_id == new_id))
    }
    for r in session.scalars(select(VerdictRow).where(VerdictRow.form_id == old_id)):
        key = (r.code, r.goal_key, r.indicator_key)
        if key in have:
            continue
        session.execute(
            insert(VerdictRow.__table__),
            {
                "form_id": new_id,
                "code": r.code,
                "goal_key": r.goal_key,
                "indicator_key": r.indicator_key,
                "verdict": r.verdict,
                "comment": r.comment,
                "by": r.by,
                "at": r.at,
                "stale": key not in findings,
                "carried_from": old_id,
            },
        )
    have_scores = {
        (r.goal_key, r.indicator_key)
        for r in session.scalars(select(AuditScoreRow).where(AuditScoreRow.form_id == new_id))
    }
    for r in session.scalars(select(AuditScoreRow).where(AuditScoreRow.form_id == old_id)):
        if (r.goal_key, r.indicator_key) in have_scores:
            continue
        session.execute(
            insert(AuditScoreRow.__table__),
            {
                "form_id": new_id,
                "goal_key": r.goal_key,
                "indicator_key": r.indicator_key,
                "score": r.score,
                "reason": r.reason,
                "by": r.by,
                "at": r.at,
                "stale": (r.goal_key, r.indicator_key) not in indicators,
                "carried_from": old_id,
            },
        )
    old = session.get(WorkflowRow, old_id)
    values = {"opinion": old.opinion if old else None, "carried_from": old_id}
    came_from = old.state if old else DEFAULT_STATE
    _set(session, new_id, state or came_from, by, comment, came_from, **values)


def carry_pending(
    db: Database, by: str = "系统", state: str | None = None, only: list[int] | None = None
) -> int:
    """Carry review work to every current revision that has not received it yet; returns how many.

    Idempotent: a revision that has a workflow row of its own is left alone. Runs after web
    uploads and before the queue is listed, so forms revised by a CLI import follow too.
    """
    old, new = aliased(FormRow), aliased(FormRow)
    # driven from the (small) review tables, so the cost follows the review work, not the forms
    worked = union(
        select(WorkflowRow.form_id.label("form_id")),
        select(VerdictRow.form_id.label("form_id")),
        select(AuditScoreRow.form_id.label("form_id")),
    ).subquery()
    query = (
        select(old.id, new.id)
        .select_from(worked)
        .join(old, old.id == worked.c.form_id)
        .join(new, new.id == old.superseded_by_id)
        .where(new.superseded.is_(False), ~exists().where(WorkflowRow.form_id == new.id))
        .order_by(new.id)
    )
    if only is not None:
        query = query.where(new.id.in_(only))
    with db.reader() as session:
        pairs = session.execute(query).all()
    if not pairs:
        return 0
    with db.session() as session:
        for old_id, new_id in pairs:
            if session.get(WorkflowRow, new_id) is None:  # another request may have carried it meanwhile
                _carry(session, old_id, new_id, state, by)
    return len(pairs)


def document_forms(db: Database, document_id: int) -> list[tuple[int, bool]]:
    """The forms of a stored document: (form id, has a workflow row)."""
    with db.reader() as session:
        rows = session.execute(
            select(FormRow.id, WorkflowRow.state)
            .outerjoin(WorkflowRow, WorkflowRow.form_id == FormRow.id)
            .where(FormRow.document_id == document_id)
            .order_by(FormRow.position)
        )
        return [(fid, state is not None) for fid, state in rows]
