"""The database schema as SQLAlchemy Core tables: the one definition of every table.

Core, not ORM, so that the query commands (``forms``, ``stats``, ``show``, …) import no
``sqlalchemy.orm``: declaring the ORM classes costs more start-up than a query. The writers'
ORM classes (``_schema``, ``_schema_web``) are mapped onto these tables.

Printed values are stored as printed (the contract's rule); parsed values sit beside them in
their own columns, and every re-scoring or finding belongs to a review run, so a later rule set
never overwrites an earlier verdict. Large payloads (original file bytes, form-v1 JSON) live in
their own tables so that the query paths scan narrow rows only. ``unit_id`` 0, ``year`` 0 and
``grade`` "" in ``finding_tallies``/``form_summaries`` stand for none (their keys must be
unique, and NULLs never compare equal).

Changing this module means adding an Alembic migration in ``migrations/versions``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    literal_column,
    text,
)

from jixiao.store._records import STRUCTURE_CODES

# Deterministic constraint names: Alembic migrations (and SQLite batch mode) need them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


DOCUMENTS = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("size", Integer, nullable=False),
    Column("reader", String(50)),
    Column("reader_version", String(50)),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", String(200)),
    Column("form_count", Integer, nullable=False, default=0),
    Column("issues", JSON, nullable=False, default=list),
)


FINDING_TALLIES = Table(
    "finding_tallies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, nullable=False),
    Column("year", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("code", String(80), nullable=False),
    Column("count", Integer, nullable=False),
    UniqueConstraint("unit_id", "year", "code", "kind", name="uq_finding_tallies_cell"),
    Index("ix_finding_tallies_stats", "unit_id", "year", "code", "kind", "count"),
)


FISCAL_YEARS = Table(
    "fiscal_years",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
)


FORM_SUMMARIES = Table(
    "form_summaries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, nullable=False),
    Column("year", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("grade", String(20), nullable=False),
    Column("errors", Integer, nullable=False),
    # the workflow state (``form_workflow.state``; a form without a row counts as the default)
    Column("state", String(20), nullable=False),
    Column("forms", Integer, nullable=False),
    Column("funds", Float, nullable=False),
    Column("funds_n", Integer, nullable=False),
    Column("printed_num", Float, nullable=False),
    Column("printed_den", Float, nullable=False),
    Column("printed_n", Integer, nullable=False),
    Column("computed_num", Float, nullable=False),
    Column("computed_den", Float, nullable=False),
    Column("computed_n", Integer, nullable=False),
    Column("unsound", Integer, nullable=False),
    Column("gap_sum", Float, nullable=False),
    Column("gap_n", Integer, nullable=False),
    # forms whose ``grade`` is the 填报等级 (no total recomputed): the overview counts them apart
    Column("printed_grade_n", Integer, nullable=False),
    UniqueConstraint("unit_id", "year", "kind", "grade", "errors", "state", name="uq_form_summaries_cell"),
)


# The same sums without the unit: what every all-units total reads (the queue's count, the
# reviewer's overview by year and grade), O(years × kinds × grades) rows however many units.
YEAR_SUMMARIES = Table(
    "year_summaries",
    metadata,
    Column("id", Integer, primary_key=True),
    *(Column(c.name, c.type, nullable=False) for c in FORM_SUMMARIES.c if c.name not in ("id", "unit_id")),
    UniqueConstraint("year", "kind", "grade", "errors", "state", name="uq_year_summaries_cell"),
)


# The same sums per unit, and per unit, year and kind: the reviewer's overview (units with most
# forms, highest mean gap) and ``stats`` of all units (one row per unit, year and kind) read one
# page of these, in the order of their indexes, however many forms there are.
_CELL_KEYS = ("id", "unit_id", "year", "kind", "grade", "errors", "state")
_VALUE_COLUMNS = tuple(c for c in FORM_SUMMARIES.c if c.name not in _CELL_KEYS)
UNIT_SUMMARIES = Table(
    "unit_summaries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, nullable=False),
    *(Column(c.name, c.type, nullable=False) for c in _VALUE_COLUMNS),
    UniqueConstraint("unit_id", name="uq_unit_summaries_unit_id"),
)
Index("ix_unit_summaries_top", UNIT_SUMMARIES.c.forms.desc(), UNIT_SUMMARIES.c.unit_id)
# the units by mean gap (printed − recomputed), the overview's 虚高 list: written as SQL text so
# that the query's expression is the index's on every back end (SQLAlchemy's ``/`` casts)
UNIT_GAP = literal_column("(gap_sum / gap_n)", Float)
UNIT_GAP_WHERE = text("gap_n > 0 AND unit_id <> 0")  # the query repeats it: the index applies
UNIT_GAP_INDEX = Index("ix_unit_summaries_gap", text("(gap_sum / gap_n) DESC"), UNIT_SUMMARIES.c.unit_id)
UNIT_YEAR_SUMMARIES = Table(
    "unit_year_summaries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, nullable=False),
    Column("year", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    *(Column(c.name, c.type, nullable=False) for c in _VALUE_COLUMNS),
    UniqueConstraint("unit_id", "year", "kind", name="uq_unit_year_summaries_cell"),
)
# How many unit-year-kind rows with forms each year and kind has: the row count of ``stats``
# over all units (its pager's 共 N 行) without counting the rows.
UNIT_YEAR_COUNTS = Table(
    "unit_year_counts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("year", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("units", Integer, nullable=False),
    UniqueConstraint("year", "kind", name="uq_unit_year_counts_cell"),
)
# Current findings per code over all units (the overview's findings by code).
CODE_TALLIES = Table(
    "code_tallies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False),
    Column("count", Integer, nullable=False),
    UniqueConstraint("code", name="uq_code_tallies_code"),
)


UNITS = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("key", String(400), nullable=False, unique=True),
    Index("ix_units_name", "name", "id"),  # stats of all units, page by page in name order
)


USERS = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


YEAR_RULE_SETS = Table(
    "year_rule_sets",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("rule_set", String(100), nullable=False),
)


# The latest background re-scoring of each year (``_rescore_jobs``): its progress and result, so
# the page shows them from any process and a run whose process ended reads as interrupted.
RESCORE_JOBS = Table(
    "rescore_jobs",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("token", String(32), nullable=False),
    Column("state", String(20), nullable=False),
    Column("done", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("message", Text),
    Column("started_by", String(100), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("beat_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
)


API_TOKENS = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(200), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


DOCUMENT_CONTENTS = Table(
    "document_contents",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)


REVIEW_RUNS = Table(
    "review_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("rule_set", String(100), nullable=False),
    Column("rule_set_version", String(50), nullable=False),
    Column("ran_at", DateTime(timezone=True), nullable=False),
    Column("jixiao_version", String(50), nullable=False),
)


UNIT_ALIASES = Table(
    "unit_aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alias", Text, nullable=False),
    Column("key", String(400), nullable=False, unique=True),
    Column("unit_id", Integer, ForeignKey("units.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


USER_UNITS = Table(
    "user_units",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
)


WEB_SESSIONS = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)


FORMS = Table(
    "forms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("position", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("year", Integer, ForeignKey("fiscal_years.year")),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("unit_name", Text),
    Column("project", Text),
    Column("project_key", String(400), nullable=False, default=""),
    Column("ordinal", Integer, nullable=False, default=0),
    Column("supervisor", Text),
    Column("implementer", Text),
    Column("filled_on", String(20)),
    Column("budget_weight", Float),
    Column("budget_planned", Float),
    Column("budget_executed", Float),
    Column("budget_rate", Float),
    Column("budget_score", Float),
    Column("overall_weight", Float),
    Column("overall_target", Text),
    Column("overall_actual", Text),
    Column("overall_score", Float),
    Column("total_score", Float),
    Column("deviation_reason", Text),
    Column("improvement", Text),
    Column("extra", JSON, nullable=False, default=dict),
    Column("revision", Integer, nullable=False, default=1),
    Column("link_year", Integer),
    Column("year_source", String(20)),
    Column("superseded", Boolean, nullable=False, default=False),
    Column("superseded_by_id", Integer, ForeignKey("forms.id", ondelete="SET NULL"), index=True),
    Column("review_run_id", Integer, ForeignKey("review_runs.id", ondelete="SET NULL")),
    Column("total_computed", Float),
    Column("grade", String(20)),
    Column("error_count", Integer, nullable=False, default=0),
    Column("warning_count", Integer, nullable=False, default=0),
    Column("info_count", Integer, nullable=False, default=0),
    Column("source_file", Text),
    Column("source_page", Integer),
    Column("source_line", Integer),
    Column("source_sheet", String(200)),
    Column("source_cell", String(50)),
    Index("ix_forms_grade", "superseded", "grade", "kind"),
    Index("ix_forms_list", "superseded", "year", "unit_id", "id"),
    Index("ix_forms_identity", "unit_id", "year", "kind", "project_key", "superseded"),
    Index("ix_forms_kind", "superseded", "kind", "year", "unit_id", "id"),
    Index("ix_forms_errors", "superseded", "error_count", "id"),
    Index("ix_forms_stats", "superseded", "unit_id", "year", "total_score", "total_computed"),
)
# The queue's minimum gap (printed − recomputed total, ``?min_inflation=``): a threshold the user
# types, so no stored count answers it; ordered by the gap, the count is an index-only range
# scan of the forms that pass (both totals in the key: PostgreSQL reads an expression index
# only-index only when the columns it is made of are in it too).
FORM_GAP = FORMS.c.total_score - FORMS.c.total_computed
Index("ix_forms_gap", FORMS.c.superseded, FORM_GAP, FORMS.c.total_score, FORMS.c.total_computed)
# The queue sorted by the gap, largest first (``?sort=gap``): forms without a gap (no printed or
# no recomputed total: target tables) go last on every back end, so the key is never NULL; the
# form id breaks ties, and the index gives the order of a page without a sort.
NO_GAP = literal_column("-1000000000.0")  # below any gap of two scores; a literal, as the index's
SORT_GAP = func.coalesce(FORM_GAP, NO_GAP)
Index("ix_forms_gap_sort", FORMS.c.superseded, SORT_GAP, FORMS.c.id)

# At most one current form per identity, whatever writers run at once (the schema's guarantee;
# the writers' lock only keeps them from running into it). NULL ``link_year``: never linked.
CURRENT_FORM_INDEX = Index(
    "uq_forms_current",
    func.coalesce(FORMS.c.unit_id, 0),
    FORMS.c.link_year,
    FORMS.c.kind,
    FORMS.c.project_key,
    FORMS.c.ordinal,
    unique=True,
)


AUDIT_SCORES = Table(
    "audit_scores",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("goal_key", Text, nullable=False, default=""),
    Column("indicator_key", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("by", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("stale", Boolean, nullable=False, default=False),
    Column("carried_from", Integer),
    UniqueConstraint("form_id", "goal_key", "indicator_key", name="uq_audit_scores_key"),
)


EDIT_HISTORY = Table(
    "edit_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("form_id", Integer, ForeignKey("forms.id"), nullable=False, index=True),
    Column("field", Text, nullable=False),
    Column("old", Text),
    Column("new", Text),
    Column("by", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)


FINDING_VERDICTS = Table(
    "finding_verdicts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("code", String(80), nullable=False),
    Column("goal_key", Text, nullable=False, default=""),
    Column("indicator_key", Text, nullable=False, default=""),
    Column("verdict", String(20), nullable=False),
    Column("comment", Text),
    Column("by", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("stale", Boolean, nullable=False, default=False),
    Column("carried_from", Integer),
    UniqueConstraint("form_id", "code", "goal_key", "indicator_key", name="uq_finding_verdicts_key"),
)


FINDINGS = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("review_run_id", Integer, ForeignKey("review_runs.id", ondelete="CASCADE"), nullable=False),
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE")),
    Column("position", Integer, nullable=False),
    Column("form_index", Integer, nullable=False),
    Column("form_title", Text, nullable=False),
    Column("code", String(80), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("goal", Text),
    Column("indicator", Text),
    Column("printed", JSON),
    Column("expected", JSON),
    Column("message", Text, nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("year", Integer),
    Column("kind", String(40)),
    Column("current", Boolean, nullable=False, default=True),
    Index("ix_findings_form_run", "form_id", "review_run_id"),
    Index("ix_findings_run", "review_run_id"),
)
# The few findings that say a form's weights do not add up (asked for every form of ``stats``
# and ``forms``): a scan of this, not of every finding (partial: ``PARTIAL_INDEXES``).
FINDINGS_STRUCTURE_INDEX = Index("ix_findings_structure", FINDINGS.c.form_id, FINDINGS.c.review_run_id)


FORM_CONTRACTS = Table(
    "form_contracts",
    metadata,
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True),
    Column("body", JSON, nullable=False),
)


FORM_DRAFTS = Table(
    "form_drafts",
    metadata,
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True),
    Column("body", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


# The state of a form without a workflow row (one imported as a finished document): what the
# running sums count it in, and what the queue shows.
DEFAULT_STATE = "submitted"
FORM_WORKFLOW = Table(
    "form_workflow",
    metadata,
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True),
    Column("state", String(20), nullable=False),
    Column("opinion", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(100)),
    Column("carried_from", Integer),
    Index("ix_form_workflow_state", "state"),
)


GOALS = Table(
    "goals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("text", Text),
    Column("weight", Float),
    Column("term", String(20)),
    Column("source_file", Text),
    Column("source_page", Integer),
    Column("source_line", Integer),
    Column("source_sheet", String(200)),
    Column("source_cell", String(50)),
)


REPORTS = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("position", Integer, nullable=False),
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="SET NULL"), index=True),
    Column("title", Text, nullable=False),
    Column("version", String(40)),
    Column("year", Integer),
    Column("subject", Text),
    Column("stated_score", Float),
    Column("stated_scores", JSON, nullable=False, default=list),
    Column("stated_rate", Float),
    Column("stated_budget_score", Float),
    Column("amounts", JSON, nullable=False, default=list),
    Column("source_file", Text),
    Column("source_page", Integer),
    Column("source_line", Integer),
    Column("source_sheet", String(200)),
    Column("source_cell", String(50)),
)


SCORECARDS = Table(
    "scorecards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "review_run_id", Integer, ForeignKey("review_runs.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("rule_set", String(100), nullable=False),
    Column("budget_weight", Float),
    Column("budget_printed", Float),
    Column("budget_computed", Float),
    Column("total_printed", Float),
    Column("total_computed", Float),
    Column("grade_printed", String(20)),
    Column("grade_computed", String(20)),
    Column("indicators", JSON, nullable=False, default=list),
    Column("goals", JSON, nullable=False, default=list),
)


WORKFLOW_TRANSITIONS = Table(
    "workflow_transitions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("from_state", String(20)),
    Column("to_state", String(20), nullable=False),
    Column("by", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("comment", Text),
)


INDICATORS = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("goal_id", Integer, ForeignKey("goals.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("form_id", Integer, ForeignKey("forms.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("level1", Text),
    Column("level2", Text),
    Column("name", Text, nullable=False),
    Column("weight", Float),
    Column("target", Text),
    Column("actual", Text),
    Column("score", Float),
    Column("basis", Text),
    Column("level1_weight", Float),
    Column("level2_weight", Float),
    Column("extra", JSON(none_as_null=True)),
    Column("target_kind", String(20)),
    Column("target_op", String(4)),
    Column("target_value", Float),
    Column("target_high", Float),
    Column("target_unit", String(40)),
    Column("actual_kind", String(20)),
    Column("actual_op", String(4)),
    Column("actual_value", Float),
    Column("actual_high", Float),
    Column("actual_unit", String(40)),
    Column("source_file", Text),
    Column("source_page", Integer),
    Column("source_line", Integer),
    Column("source_sheet", String(200)),
    Column("source_cell", String(50)),
)


# The partial indexes and their predicates, attached per back end (``for_dialect``): naming
# ``postgresql_where`` in an ``Index`` makes SQLAlchemy import its PostgreSQL dialect to check
# the argument (~0.06 s of every command's start on SQLite). Only DDL reads them (the
# migrations spell them out; ``create_all`` and the autogenerate comparison use these).
PARTIAL_INDEXES = (
    (UNIT_GAP_INDEX, UNIT_GAP_WHERE),
    (CURRENT_FORM_INDEX, text("NOT superseded")),
    (FINDINGS_STRUCTURE_INDEX, text(f"code LIKE '{STRUCTURE_CODES}'")),
)


def for_dialect(name: str) -> None:
    """Give the partial indexes their predicate for back end ``name`` (once; SQLite and
    PostgreSQL spell it alike)."""
    if name not in ("sqlite", "postgresql"):
        return
    for index, where in PARTIAL_INDEXES:
        if index.dialect_options[name]["where"] is None:
            index.dialect_kwargs[f"{name}_where"] = where


__all__ = [
    "API_TOKENS",
    "AUDIT_SCORES",
    "CODE_TALLIES",
    "CURRENT_FORM_INDEX",
    "DEFAULT_STATE",
    "DOCUMENTS",
    "DOCUMENT_CONTENTS",
    "EDIT_HISTORY",
    "FINDINGS",
    "FINDING_TALLIES",
    "FINDING_VERDICTS",
    "FISCAL_YEARS",
    "FORMS",
    "FORM_CONTRACTS",
    "FORM_DRAFTS",
    "FORM_SUMMARIES",
    "FORM_WORKFLOW",
    "GOALS",
    "INDICATORS",
    "NAMING_CONVENTION",
    "REPORTS",
    "RESCORE_JOBS",
    "REVIEW_RUNS",
    "SCORECARDS",
    "STRUCTURE_CODES",
    "UNITS",
    "UNIT_ALIASES",
    "UNIT_GAP",
    "UNIT_GAP_INDEX",
    "UNIT_GAP_WHERE",
    "UNIT_SUMMARIES",
    "UNIT_YEAR_COUNTS",
    "UNIT_YEAR_SUMMARIES",
    "USERS",
    "USER_UNITS",
    "WEB_SESSIONS",
    "WORKFLOW_TRANSITIONS",
    "YEAR_RULE_SETS",
    "YEAR_SUMMARIES",
    "for_dialect",
    "metadata",
]
