"""Tables of the web application: accounts, sessions, the workflow of a form and its review.

Review work (verdicts, 复核得分) is keyed by what it is about — the finding's code, goal and
indicator, the indicator's goal and name — not by row ids, so it can follow a form to its next
revision. ``edit_history`` is append-only: the migration adds triggers that refuse UPDATE and
DELETE on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jixiao.store._schema import Base

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

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UserUnitRow(Base):
    """A unit a 填报人 may see and edit (a unit and its sub-units: one row each)."""

    __tablename__ = "user_units"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)


class ApiTokenRow(Base):
    """An API token; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SessionRow(Base):
    """A browser session (server-side): the cookie holds a random id, the table its SHA-256."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class YearRuleSetRow(Base):
    """The rule set the administrator chose for a fiscal year (web drafts are scored by it)."""

    __tablename__ = "year_rule_sets"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    rule_set: Mapped[str] = mapped_column(String(100))


class WorkflowRow(Base):
    """Where a form stands: draft / submitted / in_review / returned / approved, and 复核意见.

    A form without a row was imported as a finished document and counts as submitted.
    """

    __tablename__ = "form_workflow"

    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    opinion: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    carried_from: Mapped[int | None] = mapped_column(Integer)  # the earlier revision it came from

    __table_args__ = (Index("ix_form_workflow_state", "state"),)


class TransitionRow(Base):
    """One workflow step: who moved which form from which state to which, when, and why."""

    __tablename__ = "workflow_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str | None] = mapped_column(Text)


class VerdictRow(Base):
    """A reviewer's verdict on a finding: confirmed / rejected (确认 / 不予采纳) with a comment.

    ``stale`` marks a verdict carried from an earlier revision whose finding is gone: it needs
    a new look. ``goal_key``/``indicator_key`` are the names or "" (unique keys need no NULLs).
    """

    __tablename__ = "finding_verdicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(80))
    goal_key: Mapped[str] = mapped_column(Text, default="")
    indicator_key: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    carried_from: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("form_id", "code", "goal_key", "indicator_key", name="uq_finding_verdicts_key"),
    )


class AuditScoreRow(Base):
    """复核得分: the score a reviewer gives one indicator, with the reason."""

    __tablename__ = "audit_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    goal_key: Mapped[str] = mapped_column(Text, default="")
    indicator_key: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    stale: Mapped[bool] = mapped_column(Boolean, default=False)
    carried_from: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("form_id", "goal_key", "indicator_key", name="uq_audit_scores_key"),)


class FormDraftRow(Base):
    """The unit's working copy of a form (form-v1 JSON) between saves and 提交."""

    __tablename__ = "form_drafts"

    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EditRow(Base):
    """One saved change of a field (append-only): field, old → new, who, when."""

    __tablename__ = "edit_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id"), index=True)
    field: Mapped[str] = mapped_column(Text)
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
