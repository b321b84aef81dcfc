"""The database schema: SQLAlchemy 2 typed ORM tables.

Printed values are stored as printed (the contract's rule); parsed values sit beside them in
their own columns, and every re-scoring or finding belongs to a review run, so a later rule set
never overwrites an earlier verdict. Large payloads (original file bytes, form-v1 JSON) live in
their own tables so that the query paths (``forms``, ``stats``) scan narrow rows only.

Changing this module means adding an Alembic migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint names: Alembic migrations (and SQLite batch mode) need them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012


class _SourceColumns:
    """Where a record was read (``jixiao.model.Source``), flattened into columns."""

    source_file: Mapped[str | None] = mapped_column(Text)
    source_page: Mapped[int | None] = mapped_column(Integer)
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_sheet: Mapped[str | None] = mapped_column(String(200))
    source_cell: Mapped[str | None] = mapped_column(String(50))


class DocumentRow(Base):
    """One imported file (a document may hold several forms and narrative reports)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)  # base name, as shown to users
    path: Mapped[str] = mapped_column(Text)  # path as given at import
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    reader: Mapped[str | None] = mapped_column(String(50))
    reader_version: Mapped[str | None] = mapped_column(String(50))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[str | None] = mapped_column(String(200))
    form_count: Mapped[int] = mapped_column(Integer, default=0)
    issues: Mapped[list[Any]] = mapped_column(default=list)  # read issues: [{"message", "where"}]


class DocumentContentRow(Base):
    """The original bytes of a document, exactly as imported (kept apart from the metadata)."""

    __tablename__ = "document_contents"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class UnitRow(Base):
    """A reporting unit (单位/部门). ``key`` is the normalized name used for matching."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(400), unique=True)


class UnitAliasRow(Base):
    """Another name of a unit (user-editable), e.g. 政务和大数据局 for 政务服务和大数据管理局."""

    __tablename__ = "unit_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FiscalYearRow(Base):
    """A fiscal year (预算年度) some form belongs to."""

    __tablename__ = "fiscal_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class FormRow(_SourceColumns, Base):
    """One performance form as printed, with its revision history and latest review verdict.

    ``grade``, ``total_computed`` and the finding counts repeat the latest review run's
    scorecard so that ``forms --grade/--has-errors`` and ``stats`` need no join.
    """

    __tablename__ = "forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # index of the form in its document (0-based)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(ForeignKey("fiscal_years.year"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    unit_name: Mapped[str | None] = mapped_column(Text)  # as printed on this form
    project: Mapped[str | None] = mapped_column(Text)
    project_key: Mapped[str] = mapped_column(String(400), default="")  # normalized, for revisions
    ordinal: Mapped[int] = mapped_column(Integer, default=0)  # nth form of the same identity in its document
    supervisor: Mapped[str | None] = mapped_column(Text)
    implementer: Mapped[str | None] = mapped_column(Text)
    filled_on: Mapped[str | None] = mapped_column(String(20))
    budget_weight: Mapped[float | None] = mapped_column(Float)
    budget_planned: Mapped[float | None] = mapped_column(Float)
    budget_executed: Mapped[float | None] = mapped_column(Float)
    budget_rate: Mapped[float | None] = mapped_column(Float)
    budget_score: Mapped[float | None] = mapped_column(Float)
    overall_weight: Mapped[float | None] = mapped_column(Float)
    overall_target: Mapped[str | None] = mapped_column(Text)
    overall_actual: Mapped[str | None] = mapped_column(Text)
    overall_score: Mapped[float | None] = mapped_column(Float)
    total_score: Mapped[float | None] = mapped_column(Float)  # printed
    deviation_reason: Mapped[str | None] = mapped_column(Text)
    improvement: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # The year a form is linked to its revisions by, and where it came from ("printed",
    # "document", "file_name"); NULL: never linked (a year-less form must not hide another year's).
    link_year: Mapped[int | None] = mapped_column(Integer)
    year_source: Mapped[str | None] = mapped_column(String(20))
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    superseded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("forms.id", ondelete="SET NULL"), index=True
    )
    review_run_id: Mapped[int | None] = mapped_column(ForeignKey("review_runs.id", ondelete="SET NULL"))
    total_computed: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(20))  # computed grade, else printed
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    info_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        # Revision lookup: the current form of the same unit, year, kind and project.
        Index("ix_forms_identity", "unit_id", "year", "kind", "project_key", "superseded"),
        # ``forms``: current forms, newest year first (the index order, read backwards).
        Index("ix_forms_list", "superseded", "year", "unit_id", "id"),
        # ``stats``: per unit and year, the averages read from the index alone.
        Index("ix_forms_stats", "superseded", "unit_id", "year", "total_score", "total_computed"),
        Index("ix_forms_kind", "superseded", "kind", "year", "unit_id", "id"),
        Index("ix_forms_grade", "superseded", "grade", "kind"),
        Index("ix_forms_errors", "superseded", "error_count"),
    )


# At most one current form per identity, whatever writers run at once (the schema's guarantee;
# the writers' lock only keeps them from running into it). NULL ``link_year``: never linked.
CURRENT_FORM_INDEX = Index(
    "uq_forms_current",
    func.coalesce(FormRow.unit_id, 0),
    FormRow.link_year,
    FormRow.kind,
    FormRow.project_key,
    FormRow.ordinal,
    unique=True,
    sqlite_where=text("NOT superseded"),
    postgresql_where=text("NOT superseded"),
)


class FormContractRow(Base):
    """The form exactly as its ``jixiao.form/1`` object, for byte-faithful export."""

    __tablename__ = "form_contracts"

    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True)
    body: Mapped[dict[str, Any]] = mapped_column()


class GoalRow(_SourceColumns, Base):
    """A 年度目标 / 长期目标 of a form."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[float | None] = mapped_column(Float)
    term: Mapped[str | None] = mapped_column(String(20))


class IndicatorRow(_SourceColumns, Base):
    """A 三级指标 row: printed values, and beside them the values parsed from them.

    ``target_*``/``actual_*`` are the cells parsed as values (``"≥85%"`` → kind ``number``, op
    ``>=``, value 0.85, unit ``%``; ``"2-4个"`` → kind ``range``, value 2, high 4); value ``None``
    where the text states no number.
    """

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str | None] = mapped_column(Text)
    level2: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    weight: Mapped[float | None] = mapped_column(Float)
    target: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    basis: Mapped[str | None] = mapped_column(Text)
    level1_weight: Mapped[float | None] = mapped_column(Float)
    level2_weight: Mapped[float | None] = mapped_column(Float)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))  # None when empty
    target_kind: Mapped[str | None] = mapped_column(String(20))
    target_op: Mapped[str | None] = mapped_column(String(4))
    target_value: Mapped[float | None] = mapped_column(Float)
    target_high: Mapped[float | None] = mapped_column(Float)
    target_unit: Mapped[str | None] = mapped_column(String(40))
    actual_kind: Mapped[str | None] = mapped_column(String(20))
    actual_op: Mapped[str | None] = mapped_column(String(4))
    actual_value: Mapped[float | None] = mapped_column(Float)
    actual_high: Mapped[float | None] = mapped_column(Float)
    actual_unit: Mapped[str | None] = mapped_column(String(40))


class ReportRow(_SourceColumns, Base):
    """A narrative self-evaluation (自评结果 / 自评报告) and the figures it claims."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    form_id: Mapped[int | None] = mapped_column(ForeignKey("forms.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(Text)
    version: Mapped[str | None] = mapped_column(String(40))
    year: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str | None] = mapped_column(Text)
    stated_score: Mapped[float | None] = mapped_column(Float)
    stated_scores: Mapped[list[Any]] = mapped_column(default=list)
    stated_rate: Mapped[float | None] = mapped_column(Float)
    stated_budget_score: Mapped[float | None] = mapped_column(Float)
    amounts: Mapped[list[Any]] = mapped_column(default=list)  # [[context, 万元], …]


class ReviewRunRow(Base):
    """One review of one document under one rule set."""

    __tablename__ = "review_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    rule_set: Mapped[str] = mapped_column(String(100))
    rule_set_version: Mapped[str] = mapped_column(String(50))
    ran_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    jixiao_version: Mapped[str] = mapped_column(String(50))


class ScorecardRow(Base):
    """A form re-scored under a review run's rule set; per-indicator scores kept as JSON."""

    __tablename__ = "scorecards"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_run_id: Mapped[int] = mapped_column(ForeignKey("review_runs.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    rule_set: Mapped[str] = mapped_column(String(100))
    budget_weight: Mapped[float | None] = mapped_column(Float)
    budget_printed: Mapped[float | None] = mapped_column(Float)
    budget_computed: Mapped[float | None] = mapped_column(Float)
    total_printed: Mapped[float | None] = mapped_column(Float)
    total_computed: Mapped[float | None] = mapped_column(Float)
    grade_printed: Mapped[str | None] = mapped_column(String(20))
    grade_computed: Mapped[str | None] = mapped_column(String(20))
    indicators: Mapped[list[Any]] = mapped_column(default=list)  # IndicatorScore dumps
    goals: Mapped[list[Any]] = mapped_column(default=list)  # GoalScore dumps


# Findings that mean the form's weights do not add up to the rules' points (budget + goals ≠
# 100): a catalogue naming rule, so a new form-level ``*weight_mismatch`` type joins without a
# change here. A goal whose sub-labels disagree with its indicators is a warning, not this.
STRUCTURE_CODES = "form.%weight_mismatch"


class FindingRow(Base):
    """One ``jixiao.findings/1`` record of a review run.

    ``unit_id``, ``year`` and ``kind`` repeat the form's (the keys of ``finding_tallies``);
    ``current`` turns false when the form is superseded.
    """

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_run_id: Mapped[int] = mapped_column(ForeignKey("review_runs.id", ondelete="CASCADE"))
    form_id: Mapped[int | None] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    form_index: Mapped[int] = mapped_column(Integer)  # "form" of the finding: index in the document
    form_title: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(80))
    severity: Mapped[str] = mapped_column(String(10))
    goal: Mapped[str | None] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(Text)
    printed: Mapped[Any] = mapped_column(JSON, nullable=True)  # number or string as printed
    expected: Mapped[Any] = mapped_column(JSON, nullable=True)
    message: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(40))
    current: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (
        Index("ix_findings_form_run", "form_id", "review_run_id"),
        Index("ix_findings_run", "review_run_id"),
        # The few findings that say a form's weights do not add up (``_query._weights_broken``,
        # asked for every form of ``stats`` and ``forms``): a scan of this, not of every finding.
        Index(
            "ix_findings_structure",
            "form_id",
            "review_run_id",
            sqlite_where=text(f"code LIKE '{STRUCTURE_CODES}'"),
            postgresql_where=text(f"code LIKE '{STRUCTURE_CODES}'"),
        ),
    )


class FindingTallyRow(Base):
    """How many current findings of each code a unit's forms of a year and kind have (``stats``).

    ``unit_id`` 0 and ``year`` 0 stand for forms without a unit or year (the key must be unique,
    and NULLs never compare equal). Maintained by the writer; see ``_tally``.
    """

    __tablename__ = "finding_tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(80))
    count: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("unit_id", "year", "code", "kind", name="uq_finding_tallies_cell"),
        # ``stats`` reads the counts in (unit, year, code) order from the index alone.
        Index("ix_finding_tallies_stats", "unit_id", "year", "code", "kind", "count"),
    )


class FormSummaryRow(Base):
    """Sums over the current forms of one unit, year, kind, grade and has-errors cell.

    What ``overview``, ``stats`` and the queue's count read instead of the forms, so they cost
    O(units × years), not O(forms). ``unit_id`` 0, ``year`` 0 and ``grade`` "" stand for none
    (the key must be unique, and NULLs never compare equal). Kept by the writer in the same
    transaction as the forms (``_summary``); ``_summary.recount`` rebuilds it from the forms.
    """

    __tablename__ = "form_summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    grade: Mapped[str] = mapped_column(String(20))
    errors: Mapped[int] = mapped_column(Integer)  # 1: forms with at least one error finding
    forms: Mapped[int] = mapped_column(Integer)
    funds: Mapped[float] = mapped_column(Float)  # sum of 预算数 where printed
    funds_n: Mapped[int] = mapped_column(Integer)  # forms printing a 预算数
    printed_num: Mapped[float] = mapped_column(Float)  # sum of printed total × funds (funds > 0)
    printed_den: Mapped[float] = mapped_column(Float)
    printed_n: Mapped[int] = mapped_column(Integer)
    computed_num: Mapped[float] = mapped_column(Float)  # the same for sound recomputed totals
    computed_den: Mapped[float] = mapped_column(Float)
    computed_n: Mapped[int] = mapped_column(Integer)
    unsound: Mapped[int] = mapped_column(Integer)  # printed total, weights do not add up
    gap_sum: Mapped[float] = mapped_column(Float)  # sum of printed − recomputed (unit known)
    gap_n: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("unit_id", "year", "kind", "grade", "errors", name="uq_form_summaries_cell"),
    )


__all__ = [
    "Base",
    "DocumentContentRow",
    "DocumentRow",
    "FindingRow",
    "FindingTallyRow",
    "FiscalYearRow",
    "FormContractRow",
    "FormRow",
    "FormSummaryRow",
    "GoalRow",
    "IndicatorRow",
    "ReportRow",
    "ReviewRunRow",
    "ScorecardRow",
    "UnitAliasRow",
    "UnitRow",
]
