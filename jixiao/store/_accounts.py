"""Web-app accounts as read by ``jixiao user list`` and the page builders: Core only.

Kept apart from ``_users`` (password hashing, sessions, tokens, ORM writes) so that listing the
accounts imports neither the ORM nor argon2 (issue 11: every database command starts fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from jixiao.store._tables import UNITS, USER_UNITS, USERS

if TYPE_CHECKING:
    from jixiao.store._db import Conn, Database

__all__ = ["ROLES", "ROLE_LABELS", "User", "list_users", "load_user", "user_count"]

ROLES = ("admin", "reviewer", "filler")
ROLE_LABELS = {"admin": "管理员", "reviewer": "审核人员", "filler": "填报人"}


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    unit_ids: tuple[int, ...] = ()
    unit_names: tuple[str, ...] = field(default=())

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def sees_unit(self, unit_id: int | None) -> bool:
        """Reviewers and administrators see every unit; a 填报人 only the units bound to them."""
        if self.role != "filler":
            return True
        return unit_id is not None and unit_id in self.unit_ids


def load_user(conn: Conn, user_id: int, name: str, role: str) -> User:
    """The user with the units bound to them, by unit name."""
    units = conn.execute(
        select(UNITS.c.id, UNITS.c.name)
        .join(USER_UNITS, USER_UNITS.c.unit_id == UNITS.c.id)
        .where(USER_UNITS.c.user_id == user_id)
        .order_by(UNITS.c.name)
    ).all()
    return User(user_id, name, role, tuple(u for u, _ in units), tuple(n for _, n in units))


def list_users(db: Database) -> list[User]:
    with db.connect() as conn:
        rows = conn.execute(select(USERS.c.id, USERS.c.name, USERS.c.role).order_by(USERS.c.name)).all()
        return [load_user(conn, *r) for r in rows]


def user_count(db: Database) -> int:
    with db.connect() as conn:
        return conn.scalar(select(func.count()).select_from(USERS)) or 0
