"""volume: a partial index for the weights-do-not-add-up check

``stats`` and ``forms`` ask, for every form they list, whether its latest review has a
``form.*weight_mismatch`` finding. Without an index of its own PostgreSQL answers that with a
scan of every finding (four times in ``stats``), which grows with the database: 260 ms at
3,000 forms, most of it the scan and the JIT compilation its cost estimate triggers
(``benchmarks/pg_volume.py``). The partial index holds only those few findings.

Revision ID: 0004_volume_indexes
Revises: 0003_integrity
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_volume_indexes"
down_revision: str | None = "0003_integrity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STRUCTURE = sa.text("code LIKE 'form.%weight_mismatch'")  # = jixiao.store._schema.STRUCTURE_CODES


def upgrade() -> None:
    op.create_index(
        "ix_findings_structure",
        "findings",
        ["form_id", "review_run_id"],
        sqlite_where=STRUCTURE,
        postgresql_where=STRUCTURE,
    )


def downgrade() -> None:
    op.drop_index("ix_findings_structure", table_name="findings")
