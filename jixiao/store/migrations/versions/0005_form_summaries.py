"""summaries: running sums per unit, year, kind, grade and has-errors cell

``overview``, ``stats`` and the queue's count grouped every current form on each call, which
grows with the database (273 ms, 471 ms and 70 ms at 10^5 forms on PostgreSQL,
``benchmarks/pg_volume.py``). ``form_summaries`` holds the sums per cell, kept by the writer
(``jixiao.store._summary``); this migration creates it and fills it from the forms stored.

Revision ID: 0005_form_summaries
Revises: 0004_volume_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_form_summaries"
down_revision: str | None = "0004_volume_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYS = ("unit_id", "year", "kind", "grade", "errors")

# The sums of every current form, cell by cell (the same aggregate as ``_summary._aggregate``,
# written out here so that the migration does not change when the application code does).
FILL = """
INSERT INTO form_summaries (unit_id, year, kind, grade, errors, forms, funds, funds_n,
    printed_num, printed_den, printed_n, computed_num, computed_den, computed_n, unsound,
    gap_sum, gap_n)
SELECT u, y, kind, g, e, count(*),
    sum(CASE WHEN planned IS NOT NULL THEN planned ELSE 0.0 END),
    sum(CASE WHEN planned IS NOT NULL THEN 1 ELSE 0 END),
    sum(CASE WHEN printed_ok = 1 THEN score * planned ELSE 0.0 END),
    sum(CASE WHEN printed_ok = 1 THEN planned ELSE 0.0 END),
    sum(printed_ok),
    sum(CASE WHEN printed_ok_c = 1 AND broken = 0 THEN computed * planned ELSE 0.0 END),
    sum(CASE WHEN printed_ok_c = 1 AND broken = 0 THEN planned ELSE 0.0 END),
    sum(CASE WHEN printed_ok_c = 1 AND broken = 0 THEN 1 ELSE 0 END),
    sum(CASE WHEN score IS NOT NULL AND broken = 1 THEN 1 ELSE 0 END),
    sum(CASE WHEN u <> 0 AND score IS NOT NULL AND computed IS NOT NULL
        THEN score - computed ELSE 0.0 END),
    sum(CASE WHEN u <> 0 AND score IS NOT NULL AND computed IS NOT NULL THEN 1 ELSE 0 END)
FROM (
    SELECT coalesce(f.unit_id, 0) AS u, coalesce(f.year, 0) AS y, f.kind AS kind,
        coalesce(f.grade, '') AS g, CASE WHEN f.error_count > 0 THEN 1 ELSE 0 END AS e,
        f.budget_planned AS planned, f.total_score AS score, f.total_computed AS computed,
        CASE WHEN f.total_score IS NOT NULL AND f.budget_planned > 0 THEN 1 ELSE 0 END AS printed_ok,
        CASE WHEN f.total_computed IS NOT NULL AND f.budget_planned > 0 THEN 1 ELSE 0 END
            AS printed_ok_c,
        CASE WHEN EXISTS (SELECT 1 FROM findings x WHERE x.form_id = f.id
            AND x.review_run_id = f.review_run_id AND x.code LIKE 'form.%weight_mismatch')
            THEN 1 ELSE 0 END AS broken
    FROM forms f
    WHERE f.superseded = :no
) AS current_forms
GROUP BY u, y, kind, g, e
"""


def upgrade() -> None:
    op.create_table(
        "form_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        *(sa.Column(k, sa.Integer(), nullable=False) for k in ("unit_id", "year")),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("forms", sa.Integer(), nullable=False),
        sa.Column("funds", sa.Float(), nullable=False),
        sa.Column("funds_n", sa.Integer(), nullable=False),
        sa.Column("printed_num", sa.Float(), nullable=False),
        sa.Column("printed_den", sa.Float(), nullable=False),
        sa.Column("printed_n", sa.Integer(), nullable=False),
        sa.Column("computed_num", sa.Float(), nullable=False),
        sa.Column("computed_den", sa.Float(), nullable=False),
        sa.Column("computed_n", sa.Integer(), nullable=False),
        sa.Column("unsound", sa.Integer(), nullable=False),
        sa.Column("gap_sum", sa.Float(), nullable=False),
        sa.Column("gap_n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_summaries")),
        sa.UniqueConstraint(*KEYS, name="uq_form_summaries_cell"),
    )
    op.get_bind().execute(sa.text(FILL).bindparams(sa.bindparam("no", False, type_=sa.Boolean())))


def downgrade() -> None:
    op.drop_table("form_summaries")
