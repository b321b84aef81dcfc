"""unit summaries: the running sums per unit and per unit, year and kind, their row counts,
and the finding counts per code

The pages over every unit grouped every unit's cells on each call: the overview's top units and
its findings by code, ``stats`` of all units and the units page (a group by unit, year and kind
over ``form_summaries``, sorted by unit name: 624 + 1,177 ms at 10^6 forms,
``benchmarks/notes/pg_volume-10e6.md``). ``unit_summaries`` and ``unit_year_summaries`` keep the
same sums as ``form_summaries`` by unit and by unit, year and kind, ``unit_year_counts`` how
many units (unit-year-kind rows) each year and kind has, ``code_tallies`` the finding counts per code;
all written by the writer (``jixiao.store._summary``, ``_tally``). This migration creates them
and fills them from ``form_summaries`` and ``finding_tallies``, and indexes units by name (the
order ``stats`` pages in).

Revision ID: 0007_unit_summaries
Revises: 0006_year_summaries
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_unit_summaries"
down_revision: str | None = "0006_year_summaries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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
# each new table of sums and its key (a part of form_summaries' key)
SUMS = (("unit_summaries", ("unit_id",)), ("unit_year_summaries", ("unit_id", "year", "kind")))
GAP_WHERE = "gap_n > 0 AND unit_id <> 0"


def _fill(table: str, keys: tuple[str, ...]) -> str:
    return f"""
INSERT INTO {table} ({", ".join(keys + VALUES)})
SELECT {", ".join(keys)}, {", ".join(f"sum({v})" for v in VALUES)}
FROM form_summaries
WHERE forms <> 0
GROUP BY {", ".join(keys)}
"""


COUNT_ROWS = """
INSERT INTO unit_year_counts (year, kind, units)
SELECT year, kind, count(*) FROM unit_year_summaries WHERE forms <> 0 GROUP BY year, kind
"""
COUNT_CODES = """
INSERT INTO code_tallies (code, count)
SELECT code, sum(count) FROM finding_tallies GROUP BY code HAVING sum(count) <> 0
"""


def _value_columns() -> list[sa.Column[object]]:
    return [sa.Column(v, sa.Integer() if v in COUNTS else sa.Float(), nullable=False) for v in VALUES]


def upgrade() -> None:
    op.create_table(
        "unit_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        *_value_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_summaries")),
        sa.UniqueConstraint("unit_id", name="uq_unit_summaries_unit_id"),
    )
    op.create_index("ix_unit_summaries_top", "unit_summaries", [sa.text("forms DESC"), "unit_id"])
    op.create_index(
        "ix_unit_summaries_gap",
        "unit_summaries",
        [sa.text("(gap_sum / gap_n) DESC"), "unit_id"],
        postgresql_where=sa.text(GAP_WHERE),
        sqlite_where=sa.text(GAP_WHERE),
    )
    op.create_table(
        "unit_year_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        *_value_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_year_summaries")),
        sa.UniqueConstraint("unit_id", "year", "kind", name="uq_unit_year_summaries_cell"),
    )
    op.create_table(
        "unit_year_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_year_counts")),
        sa.UniqueConstraint("year", "kind", name="uq_unit_year_counts_cell"),
    )
    op.create_table(
        "code_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_tallies")),
        sa.UniqueConstraint("code", name="uq_code_tallies_code"),
    )
    op.create_index("ix_units_name", "units", ["name", "id"])
    for table, keys in SUMS:
        op.execute(_fill(table, keys))
    op.execute(COUNT_ROWS)
    op.execute(COUNT_CODES)


def downgrade() -> None:
    op.drop_index("ix_units_name", table_name="units")
    for table in ("code_tallies", "unit_year_counts", "unit_year_summaries", "unit_summaries"):
        op.drop_table(table)
