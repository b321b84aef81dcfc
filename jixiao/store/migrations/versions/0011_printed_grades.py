"""printed grades: the running sums count the forms whose grade is the 填报等级 apart

A form's stored grade is its 重算等级, or its 填报等级 where no total could be recomputed; the
overview's grade chart counted both alike. Each table of running sums gains
``printed_grade_n`` (forms of the cell whose latest scorecard has no 重算等级), filled here from the
current forms with the cell keys the application uses (written out, so this never changes).

Revision ID: 0011_printed_grades
Revises: 0010_rescore_jobs
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_printed_grades"
down_revision: str | None = "0010_rescore_jobs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# each cell key as computed from a form (``_summary._aggregate`` at this revision)
_KEY = {
    "unit_id": "coalesce(forms.unit_id, 0)",
    "year": "coalesce(forms.year, 0)",
    "kind": "forms.kind",
    "grade": "coalesce(forms.grade, '')",
    "errors": "CASE WHEN forms.error_count > 0 THEN 1 ELSE 0 END",
    "state": "coalesce(form_workflow.state, 'submitted')",
}
# the form's latest scorecard holds a 重算等级 (``_summary.grade_recomputed``)
_RECOMPUTED = (
    "EXISTS (SELECT 1 FROM scorecards WHERE scorecards.form_id = forms.id AND "
    "scorecards.review_run_id = forms.review_run_id AND scorecards.grade_computed IS NOT NULL)"
)
_TABLES = {
    "form_summaries": ("unit_id", "year", "kind", "grade", "errors", "state"),
    "year_summaries": ("year", "kind", "grade", "errors", "state"),
    "unit_summaries": ("unit_id",),
    "unit_year_summaries": ("unit_id", "year", "kind"),
}


def upgrade() -> None:
    for table, keys in _TABLES.items():
        op.add_column(table, sa.Column("printed_grade_n", sa.Integer(), nullable=False, server_default="0"))
        match = " AND ".join(f"{_KEY[k]} = {table}.{k}" for k in keys)
        op.execute(
            f"UPDATE {table} SET printed_grade_n = (SELECT count(*) FROM forms LEFT OUTER JOIN "
            "form_workflow ON form_workflow.form_id = forms.id WHERE NOT forms.superseded AND "
            f"forms.grade IS NOT NULL AND NOT {_RECOMPUTED} AND {match})"
        )


def downgrade() -> None:
    for table in _TABLES:  # SQLite ≥ 3.35 and PostgreSQL alike; a batch copy would drop the expression index
        op.execute(f"ALTER TABLE {table} DROP COLUMN printed_grade_n")
