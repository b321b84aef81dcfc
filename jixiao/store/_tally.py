"""Running counts of current findings per unit, year, form kind and code (for ``stats``).

Kept by the writer in the same transaction as the findings themselves: added when a document
is stored, subtracted when its forms are superseded, moved when a unit is merged by an alias.
``stats`` then reads a table whose size follows the number of unit-year-code cells, not the
number of findings. ``recount`` rebuilds it from the findings (and tests compare the two).

``code_tallies`` keeps the same counts per code over all units (the reviewer's overview lists
findings by code), changed by the same ``add``; moving a unit's counts leaves it as it is.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, func, select

from jixiao.store._tables import CODE_TALLIES, FINDING_TALLIES, FINDINGS

if TYPE_CHECKING:
    from jixiao.store._db import Conn


__all__ = [
    "Key",
    "add",
    "code_counts",
    "counts_of_forms",
    "merge_units",
    "rebuild_codes",
    "recount",
    "stored",
    "stored_codes",
]

Key = tuple[int, int, str, str]  # (unit_id or 0, year or 0, kind, code)


def key(unit_id: int | None, year: int | None, kind: str | None, code: str) -> Key:
    return (unit_id or 0, year or 0, kind or "", code)


def upsert(session: Conn, table: Any) -> Any:
    """``INSERT … ON CONFLICT`` for the session's back end (SQLite and PostgreSQL spell it alike)."""
    dialect = session.dialect if hasattr(session, "dialect") else session.get_bind().dialect
    if dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table)


def add(session: Conn, deltas: Counter[Key], *, codes: bool = True) -> None:
    """Apply count changes atomically: ``INSERT … ON CONFLICT DO UPDATE SET count = count + d``,
    to ``finding_tallies`` and (``codes``) to ``code_tallies``.

    Never read-modify-write in Python, so two writers' changes to one cell both count.
    """
    deltas = Counter({k: d for k, d in deltas.items() if d})
    if not deltas:
        return
    if codes:
        by_code: Counter[str] = Counter()
        for k, d in deltas.items():
            by_code[k[3]] += d
        by_code = Counter({c: d for c, d in by_code.items() if d})
        if by_code:
            cstmt = upsert(session, CODE_TALLIES)
            cstmt = cstmt.on_conflict_do_update(
                index_elements=["code"], set_={"count": CODE_TALLIES.c.count + cstmt.excluded.count}
            )
            session.execute(cstmt, [{"code": c, "count": d} for c, d in sorted(by_code.items())])
    table = FINDING_TALLIES
    stmt = upsert(session, table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["unit_id", "year", "code", "kind"],
        set_={"count": table.c.count + stmt.excluded.count},
    )
    session.execute(
        stmt,
        [
            {"unit_id": k[0], "year": k[1], "kind": k[2], "code": k[3], "count": d}
            for k, d in sorted(deltas.items())
        ],
    )


def counts_of_forms(session: Conn, form_ids: list[int]) -> Counter[Key]:
    """Current findings of the given forms, counted by tally key."""
    if not form_ids:
        return Counter()
    f = FINDINGS.c
    rows = session.execute(
        select(f.unit_id, f.year, f.kind, f.code, func.count())
        .where(f.form_id.in_(form_ids), f.current.is_(True))
        .group_by(f.unit_id, f.year, f.kind, f.code)
    )
    return Counter({key(u, y, k, c): n for u, y, k, c, n in rows})


def merge_units(session: Conn, old: int, new: int) -> None:
    """Move the counts of unit ``old`` onto unit ``new`` (an alias merged two units)."""
    t = FINDING_TALLIES.c
    moved: Counter[Key] = Counter()
    for y, k, c, n in session.execute(select(t.year, t.kind, t.code, t.count).where(t.unit_id == old)):
        moved[(new, y, k, c)] += n
    session.execute(delete(FINDING_TALLIES).where(t.unit_id == old))
    add(session, moved, codes=False)  # the same findings under another unit: no code's count changes


def recount(session: Conn) -> Counter[Key]:
    """The counts as the findings give them (for rebuilding and for checking the tally)."""
    f = FINDINGS.c
    rows = session.execute(
        select(f.unit_id, f.year, f.kind, f.code, func.count())
        .where(f.current.is_(True), f.form_id.is_not(None))
        .group_by(f.unit_id, f.year, f.kind, f.code)
    )
    return Counter({key(u, y, k, c): n for u, y, k, c, n in rows})


def stored(session: Conn) -> Counter[Key]:
    """The tally as stored, zero cells left out."""
    t = FINDING_TALLIES.c
    rows = session.execute(select(t.unit_id, t.year, t.kind, t.code, t.count).where(and_(t.count != 0)))
    return Counter({(u, y, k, c): n for u, y, k, c, n in rows})


def code_counts(tallies: Counter[Key]) -> Counter[str]:
    """Counts per code of a tally (what ``code_tallies`` should hold), zero codes left out."""
    out: Counter[str] = Counter()
    for k, n in tallies.items():
        out[k[3]] += n
    return Counter({c: n for c, n in out.items() if n})


def stored_codes(session: Conn) -> Counter[str]:
    """``code_tallies`` as stored, zero codes left out."""
    t = CODE_TALLIES.c
    return Counter({c: n for c, n in session.execute(select(t.code, t.count).where(t.count != 0))})


def rebuild_codes(session: Conn) -> None:
    """``code_tallies`` refilled from ``finding_tallies`` (after rows were made outside the writer)."""
    session.execute(delete(CODE_TALLIES))
    counts = code_counts(stored(session))
    if counts:
        session.execute(CODE_TALLIES.insert(), [{"code": c, "count": n} for c, n in sorted(counts.items())])
