"""Grow a store-filled PostgreSQL database by copies of its own rows, inside PostgreSQL.

Why: the store writes 130–170 forms/s, so 10^6 forms through it take two hours of this
machine. Past the store-made base (``benchmarks/pg_volume.py`` imports it with
``store_document``), copy ``g`` of the base is ``INSERT … SELECT`` of every base row with

- every id shifted by ``g ×`` the table's largest base id, and every foreign key to a copied
  table (documents, units, forms, goals, review runs) shifted the same way — so revision
  chains (``superseded_by_id``), report links and finding → form links stay within the copy;
- new units: ``units.name``, ``key`` and ``forms.unit_name`` get ``第g组`` appended — each copy
  is filed by other units, years as the corpus gave them;
- new originals: ``document_contents.content`` gets one line ``# copy g`` appended, and
  ``documents.sha256``/``size`` are those of the new bytes (``jixiao verify`` re-hashes them);
- forms without a unit keep their identity unique by ``project_key || '#g'``.

Then ``finding_tallies`` and ``form_summaries`` are rebuilt from the rows with the store's own
recount aggregates (``_tally.recount``, ``_summary.recount``), the id sequences moved past the
copies, and ``VACUUM ANALYZE`` run. Tables without rows in the base (users, workflow, …) are
not copied.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.engine import Engine

from jixiao.store import _summary as summary
from jixiao.store import _tally as tally
from jixiao.store._tables import FINDING_TALLIES, metadata

__all__ = ["base_extent", "grow", "rebuild_sums"]

# Tables whose rows are copied: the rows one import writes (the others stay empty in the fill).
COPIED = (
    "units",
    "unit_aliases",
    "documents",
    "document_contents",
    "review_runs",
    "forms",
    "form_contracts",
    "goals",
    "indicators",
    "reports",
    "scorecards",
    "findings",
)


# Copy g's units are the base's with 第g组 appended: a suffix ``name_key`` leaves as it is, so
# name and key stay each other's normal form.
UNIT_SUFFIX = "'第' || g || '组'"


def base_extent(engine: Engine) -> dict[str, int]:
    """Largest id of each copied table with an ``id`` column: the shift of one copy."""
    out = {}
    with engine.connect() as c:
        for name in COPIED:
            table = metadata.tables[name]
            if "id" in table.c:
                out[name] = int(c.execute(text(f"SELECT coalesce(max(id), 0) FROM {name}")).scalar_one())
    return out


def _column_expr(table: Table, column: Any, extent: dict[str, int]) -> str:
    """The SELECT expression of one column of copy ``g`` (``t`` the base row)."""
    name = column.name
    if (table.name, name) in (("units", "name"), ("units", "key"), ("unit_aliases", "alias"),
                              ("unit_aliases", "key"), ("forms", "unit_name")):  # fmt: skip
        return f"t.{name} || {UNIT_SUFFIX}"  # NULL stays NULL
    if table.name == "forms" and name == "project_key":
        return "CASE WHEN t.unit_id IS NULL THEN t.project_key || '#' || g ELSE t.project_key END"
    if table.name == "documents" and name == "sha256":
        return "encode(sha256(dc.content || convert_to(E'\\n# copy ' || g, 'UTF8')), 'hex')"
    if table.name == "documents" and name == "size":
        return "octet_length(dc.content) + octet_length(convert_to(E'\\n# copy ' || g, 'UTF8'))"
    if table.name == "documents" and name in ("path", "file_name"):
        return f"t.{name} || '.' || g"
    if table.name == "document_contents" and name == "content":
        return "t.content || convert_to(E'\\n# copy ' || g, 'UTF8')"
    if name == "id" and table.name in extent:
        return f"t.id + g * {extent[table.name]}"
    for fk in column.foreign_keys:
        target = fk.column.table.name
        if target in extent:
            return f"t.{name} + g * {extent[target]}"
    return f"t.{name}"


def _copy_sql(table: Table, extent: dict[str, int]) -> str:
    cols = [c.name for c in table.c]
    exprs = ", ".join(_column_expr(table, c, extent) for c in table.c)
    source = f"{table.name} t"
    if table.name == "documents":
        source += " JOIN document_contents dc ON dc.document_id = t.id"
    # the base rows only: ids (or the key referring to a base row) within the extent
    if "id" in table.c and table.name in extent:
        where = f"t.id <= {extent[table.name]}"
    else:
        fk = next(iter(next(c for c in table.c if c.primary_key).foreign_keys))
        where = f"t.{fk.parent.name} <= {extent[fk.column.table.name]}"
    return (
        f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT {exprs} "
        f"FROM {source} CROSS JOIN generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS g "
        f"WHERE {where}"
    )


def grow(engine: Engine, extent: dict[str, int], first: int, last: int) -> None:
    """Add copies ``first``..``last`` of the base, in one transaction (all tables or none)."""
    with engine.begin() as c:
        c.exec_driver_sql("SET LOCAL synchronous_commit = off")
        for name in COPIED:
            table = metadata.tables[name]
            c.execute(text(_copy_sql(table, extent)), {"first": first, "last": last})


def rebuild_sums(engine: Engine) -> None:
    """``finding_tallies`` and the running sums from the rows, sequences past the copies."""
    from sqlalchemy.orm import Session

    with Session(engine) as s, s.begin():
        s.execute(text("DELETE FROM finding_tallies"))
        counts = tally.recount(s)
        rows = [
            {"unit_id": k[0], "year": k[1], "kind": k[2], "code": k[3], "count": n} for k, n in counts.items()
        ]
        for start in range(0, len(rows), 20000):
            s.execute(FINDING_TALLIES.insert(), rows[start : start + 20000])
        tally.rebuild_codes(s)
        summary.rebuild(s)  # every table of running sums (_summary.ROLLUPS) and its row counts
        for table in metadata.sorted_tables:
            if (
                "id" in table.c
                and table.c.id.autoincrement in (True, "auto")
                and table.name not in ("fiscal_years",)
            ):
                s.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"greatest((SELECT max(id) FROM {table.name}), 1))"
                    )
                )
