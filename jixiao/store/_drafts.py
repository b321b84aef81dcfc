"""Drafts and their edit history, submission as a new revision, a self-evaluation made from its target."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from jixiao.contract import form_from_contract, form_to_contract
from jixiao.model import Document, Form
from jixiao.store._db import Database, dumps_json
from jixiao.store._restore import restore
from jixiao.store._schema import (
    FormContractRow,
    FormRow,
)
from jixiao.store._schema_web import (
    EditRow,
    FormDraftRow,
    YearRuleSetRow,
)
from jixiao.store._workflow import EDITABLE_STATES, STATE_LABELS, WorkflowError, _carry, _now, _set, _state
from jixiao.store._write import Prepared, store_document

__all__ = [
    "create_self_evaluation",
    "get_draft",
    "rule_set_for_year",
    "save_draft",
    "set_year_rule_set",
    "submit_form",
]


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
            return _stored(session, form_id, json.loads(draft.body))
        body = session.get(FormContractRow, form_id)
        return _stored(session, form_id, body.body) if body is not None else None


def _stored(session: Session, form_id: int, body: dict[str, Any]) -> Form:
    """A form-v1 body of the stored form ``form_id`` (its own or its draft's) with what only the
    form's rows keep: the 一级/二级 label points its live evaluation checks."""
    form = form_from_contract(body)
    restore(session, {form_id: form}, places=False)
    return form


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
        form = _stored(session, form_id, json.loads(draft.body))
        rules = session.scalar(select(YearRuleSetRow.rule_set).where(YearRuleSetRow.year == form.year))
        new_id = _store_web_form(session, form, by, rules, "提交")
        replaced_by = session.scalar(select(FormRow.superseded_by_id).where(FormRow.id == form_id))
        if replaced_by != new_id:
            raise WorkflowError("提交的表未能接替原表（单位、年度或项目名称被改动）")
        session.execute(delete(FormDraftRow).where(FormDraftRow.form_id == form_id))
        _carry(session, form_id, new_id, "submitted", by, comment or "提交修改后的新版本")
        return new_id


def create_self_evaluation(db: Database, target_id: int, by: str) -> int:
    """A new self-evaluation (填报中) from a target table (``cycle.generate``): indicators,
    weights, targets and the year's budget carried over."""
    from jixiao.cycle.generate import self_evaluation_from

    with db.session() as session:
        body = session.get(FormContractRow, target_id)
        if body is None:
            raise WorkflowError(f"表 {target_id} 不存在")
        try:
            form = self_evaluation_from(_stored(session, target_id, body.body), {"created_from": target_id})
        except ValueError as e:
            raise WorkflowError(str(e)) from e
        kind = form.kind
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
