"""year summaries: the running sums without the unit, for the totals over all units

At 10^6 forms the queue's total count and the reviewer's overview added up every cell of
``form_summaries`` (307,632 cells: 75 ms and 92–177 ms per statement,
``benchmarks/notes/pg_volume-10e6.md``). ``year_summaries`` keeps the same sums per year, kind,
grade and has-errors cell, written by the writer beside ``form_summaries``
(``jixiao.store._summary``); this migration creates it and fills it from ``form_summaries``.

Revision ID: 0006_year_summaries
Revises: 0005_form_summaries
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_year_summaries"
down_revision: str | None = "0005_form_summaries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYS = ("year", "kind", "grade", "errors")
COUNTS = ("forms", "funds_n", "printed_n", "computed_n", "unsound", "gap_n")
# written out here (not read from the application) so that the migration never changes
VALUES = (
    "forms",
    "funds",
    "funds_n",
    "printed_num",
    "printed_den",
    "printed_n",
    "computed_num",
    "computed_den",
    "computed_n",
    "unsound",
    "gap_sum",
    "gap_n",
)

FILL = f"""
INSERT INTO year_summaries ({", ".join(KEYS + VALUES)})
SELECT {", ".join(KEYS)}, {", ".join(f"sum({v})" for v in VALUES)}
FROM form_summaries
WHERE forms <> 0
GROUP BY {", ".join(KEYS)}
"""


def upgrade() -> None:
    op.create_table(
        "year_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        *(sa.Column(v, sa.Integer() if v in COUNTS else sa.Float(), nullable=False) for v in VALUES),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_year_summaries")),
        sa.UniqueConstraint(*KEYS, name="uq_year_summaries_cell"),
    )
    op.execute(FILL)


def downgrade() -> None:
    op.drop_table("year_summaries")
