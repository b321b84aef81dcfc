"""Accounts, browser sessions and API tokens.

Passwords are kept as argon2 hashes; session ids and API tokens are random and only their
SHA-256 is stored, so a copy of the database opens no account.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from jixiao.store._accounts import ROLE_LABELS, ROLES, User, list_users, load_user, user_count
from jixiao.store._db import Database
from jixiao.store._schema_web import ApiTokenRow, SessionRow, UserRow, UserUnitRow
from jixiao.store._units import find_unit, unit_id_for

__all__ = [
    "ROLES",
    "ROLE_LABELS",
    "User",
    "UserError",
    "add_user",
    "authenticate",
    "create_session",
    "create_token",
    "delete_session",
    "list_users",
    "session_user",
    "set_password",
    "token_user",
    "user_count",
]

SESSION_HOURS = 12
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verifying against this when the name is unknown keeps the time of a failed login the same
    (hashed on first use: an argon2 hash costs half a second of every command's start-up)."""
    return _hasher.hash("jixiao-no-such-user")


class UserError(Exception):
    """A user cannot be created or changed; ``str()`` is one Chinese line."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _load(session: Session, row: UserRow) -> User:
    return load_user(session, row.id, row.name, row.role)


def add_user(db: Database, name: str, password: str, role: str, units: list[str] | None = None) -> User:
    """Create an account; a 填报人 needs at least one unit (created if the name is new)."""
    name = name.strip()
    if not name:
        raise UserError("用户名不能为空")
    if role not in ROLES:
        raise UserError(f"角色无效：{role}（可选：{'、'.join(ROLES)}）")
    if len(password) < 8:
        raise UserError("密码至少 8 位")
    units = [u.strip() for u in units or [] if u.strip()]
    if role == "filler" and not units:
        raise UserError("填报人必须绑定单位")
    with db.session() as session:
        if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
            raise UserError(f"用户 {name} 已存在")
        user_id = session.execute(
            insert(UserRow.__table__).returning(UserRow.id),
            {
                "name": name,
                "password_hash": _hasher.hash(password),
                "role": role,
                "active": True,
                "created_at": datetime.now(UTC),
            },
        ).scalar_one()
        unit_ids = {unit_id_for(session, u) for u in units}
        for unit_id in sorted(u for u in unit_ids if u is not None):
            session.execute(insert(UserUnitRow.__table__), {"user_id": user_id, "unit_id": unit_id})
        return _load(session, session.get_one(UserRow, user_id))


def set_password(db: Database, name: str, password: str) -> None:
    if len(password) < 8:
        raise UserError("密码至少 8 位")
    with db.session() as session:
        done = session.execute(
            update(UserRow).where(UserRow.name == name).values(password_hash=_hasher.hash(password))
        )
        if not done.rowcount:
            raise UserError(f"用户 {name} 不存在")
        user_id = session.scalar(select(UserRow.id).where(UserRow.name == name))
        session.execute(delete(SessionRow).where(SessionRow.user_id == user_id))


def authenticate(db: Database, name: str, password: str) -> User | None:
    """The user whose name and password these are, else None (same cost either way)."""
    with db.reader() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name.strip()))
        try:
            _hasher.verify(row.password_hash if row else _dummy_hash(), password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or not row.active:
            return None
        return _load(session, row)


def create_session(db: Database, user_id: int) -> tuple[str, str]:
    """A new session for the user: (cookie token, CSRF token). Each login gets a fresh id."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with db.session() as session:
        session.execute(delete(SessionRow).where(SessionRow.expires_at < now))
        session.execute(
            insert(SessionRow.__table__),
            {
                "token_hash": _digest(token),
                "user_id": user_id,
                "csrf": csrf,
                "created_at": now,
                "expires_at": now + timedelta(hours=SESSION_HOURS),
            },
        )
    return token, csrf


def session_user(db: Database, token: str) -> tuple[User, str] | None:
    """The user and CSRF token of a live session, else None."""
    with db.reader() as session:
        row = session.scalar(select(SessionRow).where(SessionRow.token_hash == _digest(token)))
        if row is None:
            return None
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
        if expires < datetime.now(UTC):
            return None
        user = session.get(UserRow, row.user_id)
        if user is None or not user.active:
            return None
        return _load(session, user), row.csrf


def delete_session(db: Database, token: str) -> None:
    with db.session() as session:
        session.execute(delete(SessionRow).where(SessionRow.token_hash == _digest(token)))


def create_token(db: Database, user_id: int, label: str = "") -> str:
    """A new API token (shown once; only its hash is kept)."""
    token = "jx_" + secrets.token_urlsafe(32)
    with db.session() as session:
        session.execute(
            insert(ApiTokenRow.__table__),
            {
                "user_id": user_id,
                "token_hash": _digest(token),
                "label": label,
                "created_at": datetime.now(UTC),
            },
        )
    return token


def token_user(db: Database, token: str) -> User | None:
    with db.reader() as session:
        user_id = session.scalar(select(ApiTokenRow.user_id).where(ApiTokenRow.token_hash == _digest(token)))
        row = session.get(UserRow, user_id) if user_id is not None else None
        if row is None or not row.active:
            return None
        return _load(session, row)


def unit_of_name(db: Database, name: str) -> int | None:
    """The unit a printed name denotes (alias-aware), None if unknown."""
    with db.reader() as session:
        return find_unit(session, name)
