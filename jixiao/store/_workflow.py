"""The workflow of a form: states and transitions, drafts and their edit history, review work.

States: draft → submitted → in_review → returned / approved (填报中 → 已提交 → 审核中 →
退回修改 / 审核通过). A unit's draft is stored as a new revision of the form when it is
submitted (through the same ``store_document`` as every import), and the reviewer's work —
workflow state, verdicts, 复核得分 — is carried to the new revision: a verdict to the finding
with the same code, goal and indicator, else kept and marked as needing a new look.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, exists, false, func, insert, or_, select, tuple_, union, update
from sqlalchemy.orm import Session, aliased

from jixiao.contract import form_from_contract, form_to_contract
from jixiao.model import Document, Form, FormKind, Goal, Indicator
from jixiao.store._db import Database, dumps_json
from jixiao.store._filters import FORM_COLUMNS, narrow
from jixiao.store._query import _history
from jixiao.store._schema import (
    FindingRow,
    FindingTallyRow,
    FormContractRow,
    FormRow,
    FormSummaryRow,
    UnitRow,
)
from jixiao.store._schema_web import (
    AuditScoreRow,
    EditRow,
    FormDraftRow,
    TransitionRow,
    VerdictRow,
    WorkflowRow,
    YearRuleSetRow,
)
from jixiao.store._tables import CODE_TALLIES, UNIT_GAP, UNIT_GAP_WHERE, UNIT_SUMMARIES, YEAR_SUMMARIES
from jixiao.store._write import Prepared, store_document

__all__ = [
    "ACTIONS",
    "DEFAULT_STATE",
    "EDITABLE_STATES",
    "STATES",
    "STATE_LABELS",
    "VERDICT_LABELS",
    "AuditScore",
    "ConfirmedFinding",
    "Edit",
    "Overview",
    "QueueFilter",
    "QueueKey",
    "QueueRow",
    "ReviewNotes",
    "Step",
    "Verdict",
    "WorkflowError",
    "carry_pending",
    "confirmed_findings",
    "create_self_evaluation",
    "document_forms",
    "form_unit",
    "form_years",
    "get_draft",
    "list_queue",
    "overview",
    "review_notes",
    "rule_set_for_year",
    "save_draft",
    "set_audit_score",
    "set_state",
    "set_verdict",
    "set_year_rule_set",
    "state_of",
    "submit_form",
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
DEFAULT_STATE = "submitted"  # a form imported as a finished document
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
    """Put one form in ``state`` and record the step (``came_from``: the state of its predecessor)."""
    before = session.scalar(select(WorkflowRow.state).where(WorkflowRow.form_id == form_id))
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


# ---------------------------------------------------------------- drafts, edits and submission


def rule_set_for_year(db: Database, year: int | None) -> str | None:
    if year is None:
        return None
    with db.reader() as session:
        return session.scalar(select(YearRuleSetRow.rule_set).where(YearRuleSetRow.year == year))


def set_year_rule_set(db: Database, year: int, rule_set: str | None) -> None:
    """Choose the rule set of a fiscal year (None: choose per form from what it prints)."""
    with db.session() as session:
        session.execute(delete(YearRuleSetRow).where(YearRuleSetRow.year == year))
        if rule_set:
            session.execute(insert(YearRuleSetRow.__table__), {"year": year, "rule_set": rule_set})


def get_draft(db: Database, form_id: int) -> Form | None:
    """The unit's working copy of the form, else the stored form itself; None if absent."""
    with db.reader() as session:
        draft = session.get(FormDraftRow, form_id)
        if draft is not None:
            return form_from_contract(json.loads(draft.body))
        body = session.get(FormContractRow, form_id)
        return form_from_contract(body.body) if body is not None else None


def save_draft(db: Database, form_id: int, form: Form, changes: list[tuple[str, Any, Any]], by: str) -> None:
    """Save the working copy and append one edit-history row per changed field."""
    with db.session() as session:
        state = _state(session, form_id)
        if state not in EDITABLE_STATES:
            raise WorkflowError(f"表当前状态为“{STATE_LABELS[state]}”，不能修改")
        body = dumps_json(form_to_contract(form))
        row = {"body": body, "updated_at": _now()}
        if session.get(FormDraftRow, form_id) is None:
            session.execute(insert(FormDraftRow.__table__), {"form_id": form_id, **row})
        else:
            session.execute(update(FormDraftRow).where(FormDraftRow.form_id == form_id).values(**row))
        rows = [
            {
                "form_id": form_id,
                "field": name,
                "old": None if old is None else str(old),
                "new": None if new is None else str(new),
                "by": by,
                "at": _now(),
            }
            for name, old, new in changes
        ]
        if rows:
            session.execute(insert(EditRow.__table__), rows)


def _store_web_form(session: Session, form: Form, by: str, rules: str | None, note: str) -> int:
    """Store a form made in the browser as a document of its own (its form-v1 JSON as bytes)."""
    content = dumps_json(
        {
            "schema": "jixiao.web-form/1",
            "by": by,
            "at": _now().isoformat(),
            "note": note,
            "forms": [form_to_contract(form)],
        }
    ).encode()
    name = f"网页填报_{form.unit or ''}_{form.project or form.title}.json".replace("/", "_")
    doc = Document(path=name, reader="web", forms=[form])
    from jixiao.review import review_document  # here: query commands never review

    review = review_document(doc, rules)
    prep = Prepared(
        path=name, sha256=hashlib.sha256(content).hexdigest(), content=content, document=doc, review=review
    )
    return store_document(session, prep, by=by).form_ids[0]


def submit_form(db: Database, form_id: int, by: str, comment: str | None = None) -> int:
    """提交: the draft (if any) becomes a new stored revision; returns the id of the submitted form."""
    with db.session() as session:
        state = _state(session, form_id)
        if state not in EDITABLE_STATES:
            raise WorkflowError(f"表当前状态为“{STATE_LABELS[state]}”，不能提交")
        f = session.get_one(FormRow, form_id)
        if f.superseded:
            raise WorkflowError("这不是该表的最新版本，请打开最新版本提交")
        draft = session.get(FormDraftRow, form_id)
        if draft is None:
            _set(session, form_id, "submitted", by, comment)
            return form_id
        form = form_from_contract(json.loads(draft.body))
        rules = session.scalar(select(YearRuleSetRow.rule_set).where(YearRuleSetRow.year == form.year))
        new_id = _store_web_form(session, form, by, rules, "提交")
        replaced_by = session.scalar(select(FormRow.superseded_by_id).where(FormRow.id == form_id))
        if replaced_by != new_id:
            raise WorkflowError("提交的表未能接替原表（单位、年度或项目名称被改动）")
        session.execute(delete(FormDraftRow).where(FormDraftRow.form_id == form_id))
        _carry(session, form_id, new_id, "submitted", by, comment or "提交修改后的新版本")
        return new_id


_SELF_EVALUATION_OF = {
    FormKind.PROJECT_TARGET: FormKind.PROJECT_SELF_EVALUATION,
    FormKind.DEPARTMENT_TARGET: FormKind.DEPARTMENT_SELF_EVALUATION,
}


def create_self_evaluation(db: Database, target_id: int, by: str) -> int:
    """A new self-evaluation (填报中) from a target table: indicators, weights and targets carried over."""
    with db.session() as session:
        body = session.get(FormContractRow, target_id)
        if body is None:
            raise WorkflowError(f"表 {target_id} 不存在")
        target = form_from_contract(body.body)
        kind = _SELF_EVALUATION_OF.get(target.kind)
        if kind is None:
            raise WorkflowError("只能从绩效目标表生成自评表")
        title = target.title.replace("目标表", "自评表")
        if "自评" not in title:
            title = kind.label
        form = Form(
            kind=kind,
            title=title,
            year=target.year,
            unit=target.unit,
            project=target.project,
            supervisor=target.supervisor,
            implementer=target.implementer,
            budget=target.budget.model_copy(update={"executed": None, "rate": None, "score": None})
            if target.budget
            else None,
            goals=[
                Goal(
                    name=g.name,
                    text=g.text,
                    weight=g.weight,
                    term=g.term,
                    indicators=[
                        Indicator(
                            level1=i.level1,
                            level2=i.level2,
                            name=i.name,
                            weight=i.weight,
                            target=i.target,
                            level1_weight=i.level1_weight,
                            level2_weight=i.level2_weight,
                        )
                        for i in g.indicators
                    ],
                )
                for g in target.goals
            ],
            extra={"created_from": target_id},
        )
        unit_id = session.scalar(select(FormRow.unit_id).where(FormRow.id == target_id))
        from jixiao.store._units import name_key

        clash = session.scalar(
            select(FormRow.id).where(
                FormRow.superseded.is_(False),
                FormRow.unit_id == unit_id,
                FormRow.year == form.year,
                FormRow.kind == kind.value,
                FormRow.project_key == name_key(form.project or ""),
            )
        )
        if clash is not None:
            raise WorkflowError(f"该单位本年度已有这张自评表（编号 {clash}），请直接打开填报")
        rules = session.scalar(select(YearRuleSetRow.rule_set).where(YearRuleSetRow.year == form.year))
        new_id = _store_web_form(session, form, by, rules, "由目标表生成")
        _set(session, new_id, "draft", by, f"由目标表 {target_id} 生成")
        return new_id


# ---------------------------------------------------------------- queue, overview, 问题清单


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

    @property
    def key(self) -> QueueKey:
        """Where the row stands in the queue's order: the cursor of the page after (or before) it."""
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
        query = query.where(FormRow.total_score - FormRow.total_computed >= flt.min_inflation)
    return query


def _queue_count(session: Session, flt: QueueFilter) -> int | None:
    """How many current forms ``flt`` selects; None when the unit text matches no unit.

    Read from the running sums unless the filter is on the workflow state or the score gap,
    which the sums do not keep.
    """
    if flt.state or flt.min_inflation is not None:
        counted = _filtered(session, select(func.count()).select_from(FormRow), flt)
        return None if counted is None else session.scalar(counted) or 0
    from jixiao.store._query import FormFilter, summary_cells, year_cells

    narrowing = FormFilter(unit=flt.unit, year=flt.year, kind=flt.kind, has_errors=flt.has_errors)
    if not flt.unit and flt.unit_ids is None:  # all units: the per-unit-less sums
        y = YEAR_SUMMARIES.c
        return int(session.scalar(year_cells(select(func.coalesce(func.sum(y.forms), 0)), narrowing)) or 0)
    t = FormSummaryRow
    query = select(func.coalesce(func.sum(t.forms), 0))
    if flt.unit_ids is not None:
        query = query.where(t.unit_id.in_(flt.unit_ids or (-1,)))
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


def list_queue(
    db: Database,
    flt: QueueFilter = QueueFilter(),
    *,
    limit: int = 50,
    offset: int = 0,
    after: QueueKey | None = None,
    before: QueueKey | None = None,
) -> tuple[list[QueueRow], int]:
    """Current forms with their workflow state (newest year first, as ``forms``), and how many match.

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
            )
            .select_from(FormRow)
            .outerjoin(WorkflowRow, WorkflowRow.form_id == FormRow.id)
            .outerjoin(UnitRow, UnitRow.id == FormRow.unit_id),
            flt,
            joined=True,
        )
        nulls_first = session.get_bind().dialect.name == "postgresql"
        # the order of ix_forms_list read backwards (forward) or forwards (reverse): no sort
        order = (FormRow.year.desc(), FormRow.unit_id.desc(), FormRow.id.desc())
        reverse = (FormRow.year.asc(), FormRow.unit_id.asc(), FormRow.id.asc())
        backwards = False
        if after is not None:
            query = query.where(_beyond(after, True, nulls_first)).order_by(*order).limit(limit)
        elif before is not None:
            query = query.where(_beyond(before, False, nulls_first)).order_by(*reverse).limit(limit)
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
    grades_by_year: dict[int, dict[str, int]]


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

    Grouped by ids on the forms' indexes; names are looked up for the few rows shown. States
    come from the (small) workflow table: forms without a row count as submitted.
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
        by_state = {
            str(st): int(n)
            for st, n in session.execute(
                q(WorkflowRow.state, func.count())
                .join(WorkflowRow, WorkflowRow.form_id == FormRow.id)
                .group_by(WorkflowRow.state)
            )
        }
        by_state[DEFAULT_STATE] = total - sum(n for st, n in by_state.items() if st != DEFAULT_STATE)
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
        for y, g, n in session.execute(
            years(by[0], by[1], year_forms)
            .where(by[0] != 0, by[1] != "")
            .group_by(by[0], by[1])
            .having(year_forms > 0)
        ):
            grades.setdefault(int(y), {})[str(g)] = int(n)
        return Overview(
            forms=total,
            by_state={k: v for k, v in by_state.items() if v},
            by_year=dict(sorted((y, n) for y, n in by_year_all.items() if y is not None)),
            by_unit=by_unit,
            scatter=scatter,
            findings_by_code=findings,
            inflation_by_unit=inflation,
            grades_by_year=dict(sorted(grades.items())),
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
            .where(VerdictRow.verdict == "confirmed", VerdictRow.stale.is_(False)),
            flt,
            joined=True,
        )
        if query is None:
            return []
        rows = session.execute(query.order_by(UnitRow.name, FormRow.year, FormRow.id, FindingRow.position))
        return [ConfirmedFinding(*r) for r in rows]
