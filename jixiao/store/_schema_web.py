"""Tables of the web application: accounts, sessions, the workflow of a form and its review.

Review work (verdicts, 复核得分) is keyed by what it is about — the finding's code, goal and
indicator, the indicator's goal and name — not by row ids, so it can follow a form to its next
revision. ``edit_history`` is append-only: the migration adds triggers that refuse UPDATE and
DELETE on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped

from jixiao.store._schema import Base
from jixiao.store._tables import (
    API_TOKENS,
    AUDIT_SCORES,
    EDIT_HISTORY,
    FINDING_VERDICTS,
    FORM_DRAFTS,
    FORM_WORKFLOW,
    USER_UNITS,
    USERS,
    WEB_SESSIONS,
    WORKFLOW_TRANSITIONS,
    YEAR_RULE_SETS,
)

__all__ = [
    "ApiTokenRow",
    "AuditScoreRow",
    "EditRow",
    "FormDraftRow",
    "SessionRow",
    "TransitionRow",
    "UserRow",
    "UserUnitRow",
    "VerdictRow",
    "WorkflowRow",
    "YearRuleSetRow",
]


class UserRow(Base):
    """An account. ``role``: admin / reviewer / filler (管理员 / 审核人员 / 填报人)."""

    __table__ = USERS

    id: Mapped[int]
    name: Mapped[str]
    password_hash: Mapped[str]
    role: Mapped[str]
    active: Mapped[bool]
    created_at: Mapped[datetime]


class UserUnitRow(Base):
    """A unit a 填报人 may see and edit (a unit and its sub-units: one row each)."""

    __table__ = USER_UNITS

    user_id: Mapped[int]
    unit_id: Mapped[int]


class ApiTokenRow(Base):
    """An API token; only its SHA-256 is kept."""

    __table__ = API_TOKENS

    id: Mapped[int]
    user_id: Mapped[int]
    token_hash: Mapped[str]
    label: Mapped[str]
    created_at: Mapped[datetime]


class SessionRow(Base):
    """A browser session (server-side): the cookie holds a random id, the table its SHA-256."""

    __table__ = WEB_SESSIONS

    id: Mapped[int]
    token_hash: Mapped[str]
    user_id: Mapped[int]
    csrf: Mapped[str]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class YearRuleSetRow(Base):
    """The rule set the administrator chose for a fiscal year (web drafts are scored by it)."""

    __table__ = YEAR_RULE_SETS

    year: Mapped[int]
    rule_set: Mapped[str]


class WorkflowRow(Base):
    """Where a form stands: draft / submitted / in_review / returned / approved, and 复核意见.

    A form without a row was imported as a finished document and counts as submitted.
    """

    __table__ = FORM_WORKFLOW

    form_id: Mapped[int]
    state: Mapped[str]
    opinion: Mapped[str | None]
    updated_at: Mapped[datetime]
    updated_by: Mapped[str | None]
    carried_from: Mapped[int | None]  # the earlier revision it came from


class TransitionRow(Base):
    """One workflow step: who moved which form from which state to which, when, and why."""

    __table__ = WORKFLOW_TRANSITIONS

    id: Mapped[int]
    form_id: Mapped[int]
    from_state: Mapped[str | None]
    to_state: Mapped[str]
    by: Mapped[str]
    at: Mapped[datetime]
    comment: Mapped[str | None]


class VerdictRow(Base):
    """A reviewer's verdict on a finding: confirmed / rejected (确认 / 不予采纳) with a comment.

    ``stale`` marks a verdict carried from an earlier revision whose finding is gone: it needs
    a new look. ``goal_key``/``indicator_key`` are the names or "" (unique keys need no NULLs).
    """

    __table__ = FINDING_VERDICTS

    id: Mapped[int]
    form_id: Mapped[int]
    code: Mapped[str]
    goal_key: Mapped[str]
    indicator_key: Mapped[str]
    verdict: Mapped[str]
    comment: Mapped[str | None]
    by: Mapped[str]
    at: Mapped[datetime]
    stale: Mapped[bool]
    carried_from: Mapped[int | None]


class AuditScoreRow(Base):
    """复核得分: the score a reviewer gives one indicator, with the reason."""

    __table__ = AUDIT_SCORES

    id: Mapped[int]
    form_id: Mapped[int]
    goal_key: Mapped[str]
    indicator_key: Mapped[str]
    score: Mapped[float]
    reason: Mapped[str]
    by: Mapped[str]
    at: Mapped[datetime]
    stale: Mapped[bool]
    carried_from: Mapped[int | None]


class FormDraftRow(Base):
    """The unit's working copy of a form (form-v1 JSON) between saves and 提交."""

    __table__ = FORM_DRAFTS

    form_id: Mapped[int]
    body: Mapped[str]
    updated_at: Mapped[datetime]


class EditRow(Base):
    """One saved change of a field (append-only): field, old → new, who, when."""

    __table__ = EDIT_HISTORY

    id: Mapped[int]
    form_id: Mapped[int]
    field: Mapped[str]
    old: Mapped[str | None]
    new: Mapped[str | None]
    by: Mapped[str]
    at: Mapped[datetime]
