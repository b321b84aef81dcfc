"""The writers' ORM classes, mapped onto the Core tables of ``_tables``.

The tables (columns, keys, indexes) are defined once, in ``_tables``; the annotations here
only type the attributes. The query commands read through Core and never import this module
(nor ``sqlalchemy.orm``); the writers (import, workflow) keep the ORM's unit of work.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped

from jixiao.store._tables import (
    CURRENT_FORM_INDEX,
    DOCUMENT_CONTENTS,
    DOCUMENTS,
    FINDING_TALLIES,
    FINDINGS,
    FISCAL_YEARS,
    FORM_CONTRACTS,
    FORM_SUMMARIES,
    FORMS,
    GOALS,
    INDICATORS,
    NAMING_CONVENTION,
    REPORTS,
    REVIEW_RUNS,
    SCORECARDS,
    STRUCTURE_CODES,
    UNIT_ALIASES,
    UNITS,
    metadata,
)


class Base(DeclarativeBase):
    metadata = metadata


class _SourceColumns:
    """Where a record was read (``jixiao.model.Source``), flattened into columns."""

    source_file: Mapped[str | None]
    source_page: Mapped[int | None]
    source_line: Mapped[int | None]
    source_sheet: Mapped[str | None]
    source_cell: Mapped[str | None]


class DocumentRow(Base):
    """One imported file (a document may hold several forms and narrative reports)."""

    __table__ = DOCUMENTS

    id: Mapped[int]
    file_name: Mapped[str]  # base name, as shown to users
    path: Mapped[str]  # path as given at import
    sha256: Mapped[str]
    size: Mapped[int]
    reader: Mapped[str | None]
    reader_version: Mapped[str | None]
    imported_at: Mapped[datetime]
    imported_by: Mapped[str | None]
    form_count: Mapped[int]
    issues: Mapped[list[Any]]  # read issues: [{"message", "where"}]


class DocumentContentRow(Base):
    """The original bytes of a document, exactly as imported (kept apart from the metadata)."""

    __table__ = DOCUMENT_CONTENTS

    document_id: Mapped[int]
    content: Mapped[bytes]


class UnitRow(Base):
    """A reporting unit (单位/部门). ``key`` is the normalized name used for matching."""

    __table__ = UNITS

    id: Mapped[int]
    name: Mapped[str]
    key: Mapped[str]


class UnitAliasRow(Base):
    """Another name of a unit (user-editable), e.g. 政务和大数据局 for 政务服务和大数据管理局."""

    __table__ = UNIT_ALIASES

    id: Mapped[int]
    alias: Mapped[str]
    key: Mapped[str]
    unit_id: Mapped[int]
    created_at: Mapped[datetime]


class FiscalYearRow(Base):
    """A fiscal year (预算年度) some form belongs to."""

    __table__ = FISCAL_YEARS

    year: Mapped[int]


class FormRow(_SourceColumns, Base):
    """One performance form as printed, with its revision history and latest review verdict.

    ``grade``, ``total_computed`` and the finding counts repeat the latest review run's
    scorecard so that ``forms --grade/--has-errors`` and ``stats`` need no join.
    """

    __table__ = FORMS

    id: Mapped[int]
    document_id: Mapped[int]
    position: Mapped[int]  # index of the form in its document (0-based)
    kind: Mapped[str]
    title: Mapped[str]
    year: Mapped[int | None]
    unit_id: Mapped[int | None]
    unit_name: Mapped[str | None]  # as printed on this form
    project: Mapped[str | None]
    project_key: Mapped[str]  # normalized, for revisions
    ordinal: Mapped[int]  # nth form of the same identity in its document
    supervisor: Mapped[str | None]
    implementer: Mapped[str | None]
    filled_on: Mapped[str | None]
    budget_weight: Mapped[float | None]
    budget_planned: Mapped[float | None]
    budget_executed: Mapped[float | None]
    budget_rate: Mapped[float | None]
    budget_score: Mapped[float | None]
    overall_weight: Mapped[float | None]
    overall_target: Mapped[str | None]
    overall_actual: Mapped[str | None]
    overall_score: Mapped[float | None]
    total_score: Mapped[float | None]  # printed
    deviation_reason: Mapped[str | None]
    improvement: Mapped[str | None]
    extra: Mapped[dict[str, Any]]
    revision: Mapped[int]
    # The year a form is linked to its revisions by, and where it came from ("printed",
    # "document", "file_name"); NULL: never linked (a year-less form must not hide another year's).
    link_year: Mapped[int | None]
    year_source: Mapped[str | None]
    superseded: Mapped[bool]
    superseded_by_id: Mapped[int | None]
    review_run_id: Mapped[int | None]
    total_computed: Mapped[float | None]
    grade: Mapped[str | None]  # computed grade, else printed
    error_count: Mapped[int]
    warning_count: Mapped[int]
    info_count: Mapped[int]


class FormContractRow(Base):
    """The form exactly as its ``jixiao.form/1`` object, for byte-faithful export."""

    __table__ = FORM_CONTRACTS

    form_id: Mapped[int]
    body: Mapped[dict[str, Any]]


class GoalRow(_SourceColumns, Base):
    """A 年度目标 / 长期目标 of a form."""

    __table__ = GOALS

    id: Mapped[int]
    form_id: Mapped[int]
    position: Mapped[int]
    name: Mapped[str]
    text: Mapped[str | None]
    weight: Mapped[float | None]
    term: Mapped[str | None]


class IndicatorRow(_SourceColumns, Base):
    """A 三级指标 row: printed values, and beside them the values parsed from them.

    ``target_*``/``actual_*`` are the cells parsed as values (``"≥85%"`` → kind ``number``, op
    ``>=``, value 0.85, unit ``%``; ``"2-4个"`` → kind ``range``, value 2, high 4); value ``None``
    where the text states no number.
    """

    __table__ = INDICATORS

    id: Mapped[int]
    goal_id: Mapped[int]
    form_id: Mapped[int]
    position: Mapped[int]
    level1: Mapped[str | None]
    level2: Mapped[str | None]
    name: Mapped[str]
    weight: Mapped[float | None]
    target: Mapped[str | None]
    actual: Mapped[str | None]
    score: Mapped[float | None]
    basis: Mapped[str | None]
    level1_weight: Mapped[float | None]
    level2_weight: Mapped[float | None]
    extra: Mapped[dict[str, Any] | None]  # None when empty
    target_kind: Mapped[str | None]
    target_op: Mapped[str | None]
    target_value: Mapped[float | None]
    target_high: Mapped[float | None]
    target_unit: Mapped[str | None]
    actual_kind: Mapped[str | None]
    actual_op: Mapped[str | None]
    actual_value: Mapped[float | None]
    actual_high: Mapped[float | None]
    actual_unit: Mapped[str | None]


class ReportRow(_SourceColumns, Base):
    """A narrative self-evaluation (自评结果 / 自评报告) and the figures it claims."""

    __table__ = REPORTS

    id: Mapped[int]
    document_id: Mapped[int]
    position: Mapped[int]
    form_id: Mapped[int | None]
    title: Mapped[str]
    version: Mapped[str | None]
    year: Mapped[int | None]
    subject: Mapped[str | None]
    stated_score: Mapped[float | None]
    stated_scores: Mapped[list[Any]]
    stated_rate: Mapped[float | None]
    stated_budget_score: Mapped[float | None]
    amounts: Mapped[list[Any]]  # [[context, 万元], …]


class ReviewRunRow(Base):
    """One review of one document under one rule set."""

    __table__ = REVIEW_RUNS

    id: Mapped[int]
    document_id: Mapped[int]
    rule_set: Mapped[str]
    rule_set_version: Mapped[str]
    ran_at: Mapped[datetime]
    jixiao_version: Mapped[str]


class ScorecardRow(Base):
    """A form re-scored under a review run's rule set; per-indicator scores kept as JSON."""

    __table__ = SCORECARDS

    id: Mapped[int]
    review_run_id: Mapped[int]
    form_id: Mapped[int]
    rule_set: Mapped[str]
    budget_weight: Mapped[float | None]
    budget_printed: Mapped[float | None]
    budget_computed: Mapped[float | None]
    total_printed: Mapped[float | None]
    total_computed: Mapped[float | None]
    grade_printed: Mapped[str | None]
    grade_computed: Mapped[str | None]
    indicators: Mapped[list[Any]]  # IndicatorScore dumps
    goals: Mapped[list[Any]]  # GoalScore dumps


class FindingRow(Base):
    """One ``jixiao.findings/1`` record of a review run.

    ``unit_id``, ``year`` and ``kind`` repeat the form's (the keys of ``finding_tallies``);
    ``current`` turns false when the form is superseded.
    """

    __table__ = FINDINGS

    id: Mapped[int]
    review_run_id: Mapped[int]
    form_id: Mapped[int | None]
    position: Mapped[int]
    form_index: Mapped[int]  # "form" of the finding: index in the document
    form_title: Mapped[str]
    code: Mapped[str]
    severity: Mapped[str]
    goal: Mapped[str | None]
    indicator: Mapped[str | None]
    printed: Mapped[Any]  # number or string as printed
    expected: Mapped[Any]
    message: Mapped[str]
    unit_id: Mapped[int | None]
    year: Mapped[int | None]
    kind: Mapped[str | None]
    current: Mapped[bool]


class FindingTallyRow(Base):
    """How many current findings of each code a unit's forms of a year and kind have (``stats``).

    ``unit_id`` 0 and ``year`` 0 stand for forms without a unit or year (the key must be unique,
    and NULLs never compare equal). Maintained by the writer; see ``_tally``.
    """

    __table__ = FINDING_TALLIES

    id: Mapped[int]
    unit_id: Mapped[int]
    year: Mapped[int]
    kind: Mapped[str]
    code: Mapped[str]
    count: Mapped[int]


class FormSummaryRow(Base):
    """Sums over the current forms of one unit, year, kind, grade and has-errors cell.

    What ``overview``, ``stats`` and the queue's count read instead of the forms, so they cost
    O(units × years), not O(forms). ``unit_id`` 0, ``year`` 0 and ``grade`` "" stand for none
    (the key must be unique, and NULLs never compare equal). Kept by the writer in the same
    transaction as the forms (``_summary``); ``_summary.recount`` rebuilds it from the forms.
    """

    __table__ = FORM_SUMMARIES

    id: Mapped[int]
    unit_id: Mapped[int]
    year: Mapped[int]
    kind: Mapped[str]
    grade: Mapped[str]
    errors: Mapped[int]  # 1: forms with at least one error finding
    forms: Mapped[int]
    funds: Mapped[float]  # sum of 预算数 where printed
    funds_n: Mapped[int]  # forms printing a 预算数
    printed_num: Mapped[float]  # sum of printed total × funds (funds > 0)
    printed_den: Mapped[float]
    printed_n: Mapped[int]
    computed_num: Mapped[float]  # the same for sound recomputed totals
    computed_den: Mapped[float]
    computed_n: Mapped[int]
    unsound: Mapped[int]  # printed total, weights do not add up
    gap_sum: Mapped[float]  # sum of printed − recomputed (unit known)
    gap_n: Mapped[int]


__all__ = [
    "CURRENT_FORM_INDEX",
    "NAMING_CONVENTION",
    "STRUCTURE_CODES",
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
