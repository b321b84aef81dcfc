"""state summaries: the workflow state in the key of the running sums per cell

With workflow rows for most forms, the reviewer's overview counted forms by state with a join of
every current form to ``form_workflow`` (312 ms at 10^5 forms on PostgreSQL), and the queue's
count with ``?state=`` counted the forms in that state (133–271 ms;
``benchmarks/notes/pg_states-explain-100375-90pct.md``). ``form_summaries`` and
``year_summaries`` now keep the state in their key (a form without a workflow row counts as
``submitted``, the default state), and the writer moves a form between cells in the workflow
step's transaction (``jixiao.store._summary.move_state``). This migration rebuilds both tables
with the new key from the forms and their workflow rows; the downgrade rebuilds them without it.
The per-unit tables (0007) keep no state and do not change.

The queue's minimum gap (``?min_inflation=``, printed − recomputed total) is a threshold no
stored count answers: ``ix_forms_gap`` orders current forms by it, so its count is an index-only
range scan of the matching forms (71.5 → 0.6 ms at 10^5 forms with 1,700 matching).

Revision ID: 0008_state_summaries
Revises: 0007_unit_summaries
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_state_summaries"
down_revision: str | None = "0007_unit_summaries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# written out here (not read from the application) so that the migration never changes
DEFAULT_STATE = "submitted"
COUNTS = ("forms", "funds_n", "printed_n", "computed_n", "unsound", "gap_n")
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
CELL = ("unit_id", "year", "kind", "grade", "errors")

# The sums of every current form, cell by cell (as 0005's fill, with the state of the form's
# workflow row, or the default state when it has none).
_SUMS = """
    count(*),
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
"""
_CURRENT = f"""
    SELECT coalesce(f.unit_id, 0) AS u, coalesce(f.year, 0) AS y, f.kind AS kind,
        coalesce(f.grade, '') AS g, CASE WHEN f.error_count > 0 THEN 1 ELSE 0 END AS e,
        coalesce(w.state, '{DEFAULT_STATE}') AS st,
        f.budget_planned AS planned, f.total_score AS score, f.total_computed AS computed,
        CASE WHEN f.total_score IS NOT NULL AND f.budget_planned > 0 THEN 1 ELSE 0 END AS printed_ok,
        CASE WHEN f.total_computed IS NOT NULL AND f.budget_planned > 0 THEN 1 ELSE 0 END
            AS printed_ok_c,
        CASE WHEN EXISTS (SELECT 1 FROM findings x WHERE x.form_id = f.id
            AND x.review_run_id = f.review_run_id AND x.code LIKE 'form.%weight_mismatch')
            THEN 1 ELSE 0 END AS broken
    FROM forms f LEFT OUTER JOIN form_workflow w ON w.form_id = f.id
    WHERE f.superseded = :no
"""


def _fill_cells(with_state: bool) -> str:
    keys = "u, y, kind, g, e" + (", st" if with_state else "")
    cols = CELL + (("state",) if with_state else ())
    return f"""
INSERT INTO form_summaries ({", ".join(cols + VALUES)})
SELECT {keys}, {_SUMS}
FROM ({_CURRENT}) AS current_forms
GROUP BY {keys}
"""


def _fill_years(with_state: bool) -> str:
    keys = ("year", "kind", "grade", "errors") + (("state",) if with_state else ())
    return f"""
INSERT INTO year_summaries ({", ".join(keys + VALUES)})
SELECT {", ".join(keys)}, {", ".join(f"sum({v})" for v in VALUES)}
FROM form_summaries
WHERE forms <> 0
GROUP BY {", ".join(keys)}
"""


def _values() -> list[sa.Column[object]]:
    return [sa.Column(v, sa.Integer() if v in COUNTS else sa.Float(), nullable=False) for v in VALUES]


def _keys(with_state: bool) -> list[sa.Column[object]]:
    cols: list[sa.Column[object]] = [
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
    ]
    if with_state:
        cols.append(sa.Column("state", sa.String(length=20), nullable=False))
    return cols


def _rebuild(with_state: bool) -> None:
    """Both tables dropped and made again with (or without) the state, refilled from the forms."""
    op.drop_table("year_summaries")
    op.drop_table("form_summaries")
    state = ("state",) if with_state else ()
    op.create_table(
        "form_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        *_keys(with_state),
        *_values(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_summaries")),
        sa.UniqueConstraint(*CELL, *state, name="uq_form_summaries_cell"),
    )
    op.create_table(
        "year_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        *_keys(with_state),
        *_values(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_year_summaries")),
        sa.UniqueConstraint(*CELL[1:], *state, name="uq_year_summaries_cell"),
    )
    fill = sa.text(_fill_cells(with_state)).bindparams(sa.bindparam("no", False, type_=sa.Boolean()))
    op.get_bind().execute(fill)
    op.execute(_fill_years(with_state))


def upgrade() -> None:
    _rebuild(with_state=True)
    op.create_index(
        "ix_forms_gap",
        "forms",
        ["superseded", sa.text("(total_score - total_computed)"), "total_score", "total_computed"],
    )


def downgrade() -> None:
    op.drop_index("ix_forms_gap", table_name="forms")
    _rebuild(with_state=False)
