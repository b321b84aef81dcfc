"""``Database``: the one door to the store (datasette-style).

It resolves where the database is (``--db``, ``JIXIAO_DB``, ``./jixiao.db``), opens it and
brings its schema up to date with the Alembic migrations shipped in this package — users
never run Alembic or keep an ``alembic.ini``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["DEFAULT_URL", "Database", "StoreError", "resolve_url"]

DEFAULT_URL = "sqlite:///./jixiao.db"
ENV_VAR = "JIXIAO_DB"


class StoreError(Exception):
    """The database cannot be opened or used; ``str()`` is a one-line Chinese message."""


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """The database URL: ``db`` if given, else ``$JIXIAO_DB``, else ``./jixiao.db``.

    A bare path (no ``scheme://``) means an SQLite file.
    """
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in value:
        return f"sqlite:///{value}"
    return value


def dumps_json(obj: Any) -> str:
    """JSON as stored: UTF-8 Chinese as is (a third of the size of ``\\u`` escapes), compact."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class Database:
    """An open jixiao database. Use as a context manager, or call ``close()``.

    ``create=False`` refuses to create a missing SQLite file (query commands on a mistyped
    path should say so, not answer from an empty new database).
    """

    def __init__(self, db: str | os.PathLike[str] | None = None, *, create: bool = True) -> None:
        self.url = resolve_url(db)
        try:
            url = make_url(self.url)
        except ArgumentError as e:
            raise StoreError(f"数据库地址无效：{self.url}") from e
        self.backend = url.get_backend_name()
        if self.backend == "sqlite":
            path = url.database
            if path and path != ":memory:":
                p = Path(path)
                if not create and not p.exists():
                    raise StoreError(f"数据库文件 {p} 不存在（先用 jixiao import 导入文件）")
                if not p.parent.exists():
                    raise StoreError(f"数据库文件 {p} 所在目录不存在")
        try:
            self.engine: Engine = create_engine(url, json_serializer=dumps_json, future=True)
        except (NoSuchModuleError, ImportError) as e:
            raise StoreError(f"不支持的数据库类型：{url.drivername}") from e
        if self.backend == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            self.upgrade()
        except OperationalError as e:
            self.engine.dispose()
            raise StoreError(f"无法打开数据库 {self.display_url}：{_first_line(e.orig)}") from e
        except SQLAlchemyError as e:
            self.engine.dispose()
            raise StoreError(f"无法升级数据库 {self.display_url}：{_first_line(e)}") from e

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, fit for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def upgrade(self) -> None:
        """Apply every shipped migration not yet applied (``alembic upgrade head``).

        One query tells whether the database is at the shipped head already (the usual case);
        Alembic is imported and run only when an upgrade is due.
        """
        if self._current_revisions() == shipped_heads():
            return
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("jixiao.store") / "migrations"))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def _current_revisions(self) -> frozenset[str] | None:
        """The revisions recorded in ``alembic_version``; ``None`` if there is no such table."""
        try:
            with self.engine.connect() as conn:
                return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        except (OperationalError, ProgrammingError):
            return None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is one transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def reader(self) -> Session:
        """A plain session for read-only queries (use ``with db.reader() as s``)."""
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.display_url!r})"


_REVISION = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(.+)$", re.M)


@lru_cache(maxsize=1)
def shipped_heads() -> frozenset[str]:
    """The head revisions of the shipped migrations, read from the files' ``revision`` and
    ``down_revision`` lines (importing Alembic's script directory costs more than the check)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    versions = resources.files("jixiao.store") / "migrations" / "versions"
    for entry in versions.iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("_"):
            continue
        for name, value in _REVISION.findall(entry.read_text(encoding="utf-8")):
            found = set(re.findall(r"[\"']([^\"']+)[\"']", value))
            (revisions if name == "revision" else parents).update(found)
    return frozenset(revisions - parents)


def _first_line(e: object) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
