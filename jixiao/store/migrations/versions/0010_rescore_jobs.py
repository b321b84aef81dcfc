"""rescore jobs: a year's re-scoring runs in the background, its progress in the database

The web app re-scores a year outside the request (10^4 forms take minutes); the row of the year
holds how far it got and what it found, so a page polls it from any process, and a run whose
process ended (its heartbeat stopped) reads as interrupted. One row per year: the latest run.

Revision ID: 0010_rescore_jobs
Revises: 0009_queue_sorts
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_rescore_jobs"
down_revision: str | None = "0009_queue_sorts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rescore_jobs",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("started_by", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_rescore_jobs")),
    )


def downgrade() -> None:
    op.drop_table("rescore_jobs")
