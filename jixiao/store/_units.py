"""Units (单位) and their aliases: one unit however its name is printed.

Names are compared by a key (NFKC, no whitespace, case-folded), so PDF line breaks inside a
name never split a unit. Names that differ in words ("政务服务和大数据管理局" / "政务和大数据局")
are linked by the alias table, which users edit with ``jixiao aliases``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, or_, select, update

from jixiao.store import _summary as summary
from jixiao.store import _tally as tally
from jixiao.store._records import UnitInfo, name_key, unit_infos
from jixiao.store._tables import FINDINGS, FORMS, UNIT_ALIASES, UNIT_SUMMARIES, UNITS

if TYPE_CHECKING:
    from jixiao.store._db import Conn

__all__ = ["AliasChange", "UnitInfo", "add_alias", "find_unit", "list_units", "name_key", "remove_alias"]


def find_unit(session: Conn, name: str) -> int | None:
    """The unit a name denotes, by alias first, then by its own name; None if unknown."""
    key = name_key(name)
    if not key:
        return None
    alias = session.scalar(select(UNIT_ALIASES.c.unit_id).where(UNIT_ALIASES.c.key == key))
    if alias is not None:
        return alias
    return session.scalar(select(UNITS.c.id).where(UNITS.c.key == key))


def unit_id_for(session: Conn, name: str) -> int | None:
    """The unit of a printed name, created on first sight."""
    found = find_unit(session, name)
    if found is not None:
        return found
    key = name_key(name)
    if not key:
        return None
    # Get-or-create in one statement: a unit another writer creates meanwhile is not a duplicate.
    stmt = tally.upsert(session, UNITS)
    session.execute(
        stmt.on_conflict_do_nothing(index_elements=["key"]), {"name": " ".join(name.split()), "key": key}
    )
    return session.scalar(select(UNITS.c.id).where(UNITS.c.key == key))


def match_units(session: Conn, text: str) -> list[int]:
    """Units a user's filter text means: exact name or alias, else any name or alias containing it."""
    exact = find_unit(session, text)
    if exact is not None:
        return [exact]
    key = name_key(text)
    if not key:
        return []
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    aliased = select(UNIT_ALIASES.c.unit_id).where(UNIT_ALIASES.c.key.like(pattern, escape="\\"))
    ids = session.scalars(
        select(UNITS.c.id)
        .where(or_(UNITS.c.key.like(pattern, escape="\\"), UNITS.c.id.in_(aliased)))
        .order_by(UNITS.c.id)
    ).all()
    return list(ids)


def list_units(session: Conn) -> list[UnitInfo]:
    """Every unit with its aliases and number of current forms, by name."""
    t = UNIT_SUMMARIES.c  # the running sums per unit: no count over the forms
    return unit_infos(
        ((u.id, u.name) for u in session.execute(select(UNITS).order_by(UNITS.c.key))),
        ((a.unit_id, a.alias) for a in session.execute(select(UNIT_ALIASES).order_by(UNIT_ALIASES.c.id))),
        session.execute(select(t.unit_id, t.forms).where(t.forms != 0)),
    )


@dataclass
class AliasChange:
    """What ``add_alias`` did, for the message shown to the user."""

    alias: str
    unit: str
    created_unit: bool = False  # the unit had no forms yet and was created
    merged_forms: int = 0  # forms of a unit named like the alias, now under the unit
    moved_from: str | None = None  # the alias pointed to another unit before
    superseded_forms: int = 0  # forms of both units with one identity: the older now superseded


class AliasError(ValueError):
    """An alias that cannot be added or removed; ``str()`` is a Chinese message."""


def add_alias(session: Conn, alias: str, unit: str) -> AliasChange:
    """Make ``alias`` another name of ``unit``; a unit imported under the alias is merged into it."""
    alias_key, unit_key = name_key(alias), name_key(unit)
    if not alias_key or not unit_key:
        raise AliasError("别名和单位名称都不能为空")
    created = False
    target_id = find_unit(session, unit)
    if target_id is None:
        target_id = unit_id_for(session, unit)
        created = True
    target = session.execute(select(UNITS).where(UNITS.c.id == target_id)).one()
    if alias_key == target.key:
        raise AliasError(f"“{alias}”就是单位“{target.name}”的名称，无需别名")
    change = AliasChange(alias=" ".join(alias.split()), unit=target.name, created_unit=created)

    existing = session.execute(select(UNIT_ALIASES).where(UNIT_ALIASES.c.key == alias_key)).first()
    if existing is not None:
        if existing.unit_id == target_id:
            return change
        change.moved_from = _unit_name(session, existing.unit_id)
        session.execute(
            update(UNIT_ALIASES)
            .where(UNIT_ALIASES.c.id == existing.id)
            .values(unit_id=target_id, alias=change.alias)
        )
        return change

    named = session.execute(select(UNITS).where(UNITS.c.key == alias_key)).first()
    if named is not None:  # a unit was imported under this name: fold it into the target
        change.superseded_forms = _resolve_collisions(session, named.id, target_id)
        moving = list(
            session.scalars(
                select(FORMS.c.id).where(FORMS.c.unit_id == named.id, FORMS.c.superseded.is_(False))
            )
        )
        summary.remove_forms(session, moving)
        change.merged_forms = session.execute(
            update(FORMS).where(FORMS.c.unit_id == named.id).values(unit_id=target_id)
        ).rowcount
        summary.add_forms(session, moving)
        session.execute(
            update(UNIT_ALIASES).where(UNIT_ALIASES.c.unit_id == named.id).values(unit_id=target_id)
        )
        session.execute(update(FINDINGS).where(FINDINGS.c.unit_id == named.id).values(unit_id=target_id))
        tally.merge_units(session, named.id, target_id)
        session.execute(delete(UNITS).where(UNITS.c.id == named.id))
    session.execute(
        insert(UNIT_ALIASES).values(
            alias=change.alias, key=alias_key, unit_id=target_id, created_at=datetime.now(UTC)
        )
    )
    return change


def _unit_name(session: Conn, unit_id: int) -> str:
    return str(session.execute(select(UNITS.c.name).where(UNITS.c.id == unit_id)).scalar_one())


def _resolve_collisions(session: Conn, old: int, new: int) -> int:
    """Before units ``old`` and ``new`` become one: each identity keeps one current form.

    Where both units have a current form of the same year, kind, project and ordinal, the one
    imported later stays current and the other becomes its predecessor (as if imported before
    it), findings and tallies following.
    """
    f = FORMS.c
    key_cols = (f.link_year, f.kind, f.project_key, f.ordinal)
    rows = session.execute(
        select(f.id, f.unit_id, f.revision, *key_cols).where(
            f.unit_id.in_([old, new]), f.superseded.is_(False), f.link_year.is_not(None)
        )
    ).all()
    by_key: dict[tuple[object, ...], list[tuple[int, int]]] = {}
    for form_id, _unit, revision, *k in rows:
        by_key.setdefault(tuple(k), []).append((form_id, revision))
    losers: list[tuple[int, int, int]] = []  # (loser, winner, loser's revision)
    for forms in by_key.values():
        if len(forms) < 2:
            continue
        forms.sort()
        winner, _ = forms[-1]
        losers.extend((loser, winner, revision) for loser, revision in forms[:-1])
    if not losers:
        return 0
    ids = [loser for loser, _, _ in losers]
    gone = tally.counts_of_forms(session, ids)
    summary.remove_forms(session, ids)
    for loser, winner, revision in losers:
        session.execute(update(FORMS).where(f.id == loser).values(superseded=True, superseded_by_id=winner))
        session.execute(
            update(FORMS).where(f.id == winner, f.revision <= revision).values(revision=revision + 1)
        )
    session.execute(update(FINDINGS).where(FINDINGS.c.form_id.in_(ids)).values(current=False))
    tally.add(session, Counter({k: -n for k, n in gone.items()}))
    return len(losers)


def remove_alias(session: Conn, alias: str) -> str:
    """Forget an alias; returns the unit it pointed to. Forms already linked stay with that unit."""
    row = session.execute(select(UNIT_ALIASES).where(UNIT_ALIASES.c.key == name_key(alias))).first()
    if row is None:
        raise AliasError(f"没有别名“{alias}”")
    unit = _unit_name(session, row.unit_id)
    session.execute(delete(UNIT_ALIASES).where(UNIT_ALIASES.c.id == row.id))
    return unit
