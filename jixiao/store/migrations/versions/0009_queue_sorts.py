"""queue sorts: the review queue sorted by the score gap or by the number of errors

Reviewers sort the queue by 分差 (printed − recomputed total, largest first) or by 错误数 (most
first); a page is a keyset range of (sort key, form id), the id breaking ties (most forms have
the same number of errors). ``ix_forms_gap_sort`` orders current forms by the gap with forms
without one (no printed or no recomputed total) last on every back end: the key is the gap or,
when there is none, a value below any gap (a NULL would sort first on PostgreSQL and last on
SQLite). ``ix_forms_errors`` gains the id, so the error order needs no sort on PostgreSQL
(SQLite's index already ends in the rowid).

Revision ID: 0009_queue_sorts
Revises: 0008_state_summaries
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_queue_sorts"
down_revision: str | None = "0008_state_summaries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# written out here (not read from the application) so that the migration never changes
SORT_GAP = "(coalesce(total_score - total_computed, -1000000000.0))"


def upgrade() -> None:
    op.create_index("ix_forms_gap_sort", "forms", ["superseded", sa.text(SORT_GAP), "id"])
    op.drop_index("ix_forms_errors", table_name="forms")
    op.create_index("ix_forms_errors", "forms", ["superseded", "error_count", "id"])


def downgrade() -> None:
    op.drop_index("ix_forms_errors", table_name="forms")
    op.create_index("ix_forms_errors", "forms", ["superseded", "error_count"])
    op.drop_index("ix_forms_gap_sort", table_name="forms")
