"""integrity: one current form per identity, year-less forms never linked

Adds ``forms.link_year`` / ``forms.year_source`` and the partial unique index
``uq_forms_current``. Existing data is repaired first, as the index needs it: year-less forms
that were linked as revisions of one another become current again, duplicate current forms of
an identity (left by concurrent imports) keep only the latest, and the finding tallies are
recounted from the findings.

Revision ID: 0003_integrity
Revises: 0002_web
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_integrity"
down_revision: str | None = "0002_web"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

forms = sa.table(
    "forms",
    sa.column("id", sa.Integer),
    sa.column("unit_id", sa.Integer),
    sa.column("year", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("project_key", sa.String),
    sa.column("ordinal", sa.Integer),
    sa.column("revision", sa.Integer),
    sa.column("superseded", sa.Boolean),
    sa.column("superseded_by_id", sa.Integer),
    sa.column("link_year", sa.Integer),
    sa.column("year_source", sa.String),
)
findings = sa.table(
    "findings",
    sa.column("form_id", sa.Integer),
    sa.column("unit_id", sa.Integer),
    sa.column("year", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("code", sa.String),
    sa.column("current", sa.Boolean),
)
tallies = sa.table(
    "finding_tallies",
    sa.column("unit_id", sa.Integer),
    sa.column("year", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("code", sa.String),
    sa.column("count", sa.Integer),
)


def upgrade() -> None:
    with op.batch_alter_table("forms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("link_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("year_source", sa.String(length=20), nullable=True))
    bind = op.get_bind()
    linkable = sa.and_(
        forms.c.year.is_not(None), sa.or_(forms.c.unit_id.is_not(None), forms.c.project_key != "")
    )
    bind.execute(forms.update().where(linkable).values(link_year=forms.c.year, year_source="printed"))
    # Year-less forms were linked to one another across years: undo it.
    bind.execute(
        forms.update()
        .where(forms.c.year.is_(None))
        .values(superseded=False, superseded_by_id=None, revision=1)
    )
    # Several current forms of one identity: the latest stays current.
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    rows = bind.execute(
        sa.select(
            forms.c.id, forms.c.unit_id, forms.c.link_year, forms.c.kind, forms.c.project_key, forms.c.ordinal
        ).where(forms.c.superseded.is_(False), forms.c.link_year.is_not(None))
    )
    for form_id, unit_id, year, kind, project, ordinal in rows:
        groups[(unit_id or 0, year, kind, project, ordinal)].append(form_id)
    for ids in groups.values():
        if len(ids) > 1:
            keep = max(ids)
            bind.execute(
                forms.update()
                .where(forms.c.id.in_([i for i in ids if i != keep]))
                .values(superseded=True, superseded_by_id=keep)
            )
    current_forms = sa.select(forms.c.id).where(forms.c.superseded.is_(False))
    bind.execute(findings.update().where(findings.c.form_id.is_not(None)).values(current=False))
    bind.execute(findings.update().where(findings.c.form_id.in_(current_forms)).values(current=True))
    bind.execute(tallies.delete())
    cell = (
        sa.func.coalesce(findings.c.unit_id, sa.literal_column("0")),
        sa.func.coalesce(findings.c.year, sa.literal_column("0")),
        sa.func.coalesce(findings.c.kind, sa.literal_column("''")),
        findings.c.code,
    )
    counted = (
        sa.select(*cell, sa.func.count())
        .where(findings.c.current.is_(True), findings.c.form_id.is_not(None))
        .group_by(*cell)
    )
    bind.execute(tallies.insert().from_select(["unit_id", "year", "kind", "code", "count"], counted))
    op.create_index(
        "uq_forms_current",
        "forms",
        [sa.text("coalesce(unit_id, 0)"), "link_year", "kind", "project_key", "ordinal"],
        unique=True,
        sqlite_where=sa.text("NOT superseded"),
        postgresql_where=sa.text("NOT superseded"),
    )


def downgrade() -> None:
    op.drop_index("uq_forms_current", table_name="forms")
    with op.batch_alter_table("forms", schema=None) as batch_op:
        batch_op.drop_column("year_source")
        batch_op.drop_column("link_year")
