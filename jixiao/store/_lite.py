"""A read-only SQLite database on the standard library's ``sqlite3``: the query commands'
fast start (issue 11), without importing SQLAlchemy (~0.45 s of a one-second ``jixiao forms``).

``Reader`` opens the file as ``Database(readonly=True)`` does (``mode=ro``, ``query_only``) and
checks the schema with the same two queries; anything it does not handle itself — a schema to
explain, a Core connection (``connect``/``reader``) for a query without a lite version — goes to
a full ``Database`` made on first need, so every read function works on it, the slow way.
``_lite_query`` and ``_lite_stats`` hold the lite versions; their SQL text is SQLAlchemy's for
SQLite, statement for statement (``tests/store/test_lite.py`` compares the two paths'
statements and answers).
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.store._url import BUSY_TIMEOUT, StoreError, check_sqlite_file, explain, shipped_heads

if TYPE_CHECKING:
    from jixiao.store._db import Database

__all__ = ["Reader", "open_database"]

_TABLES = (
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name"
)
_VERSIONS = "SELECT version_num FROM alembic_version"


def open_database(
    db: str | None, *, create: bool = False, readonly: bool = False, lite: bool = True
) -> Reader | Database:
    """A ``Reader`` for a read-only SQLite file given by path or plain ``sqlite:///`` URL, else a
    ``Database`` (PostgreSQL, writers, URLs with options). ``lite=False``: the full ``Database``
    at once, for a command that needs it anyway (a ``Reader`` would check the schema twice)."""
    from jixiao.store._url import resolve_url

    url = resolve_url(db)
    path = _plain_sqlite_path(url)
    if readonly and lite and path is not None:
        return Reader(url, path)
    from jixiao.store._db import Database

    return Database(db, create=create, readonly=readonly)


def _plain_sqlite_path(url: str) -> Path | None:
    """The file of ``sqlite:///file`` with nothing SQLAlchemy would read differently (no query
    string, no escapes, not in memory); None for any other URL."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    path = url[len(prefix) :]
    if not path or path == ":memory:" or "?" in path or "%" in path:
        return None
    return Path(path)


class Reader:
    """An SQLite database opened read-only on ``sqlite3``; ``execute`` is where every lite
    query goes. Unknown attributes are the full ``Database``'s (made on first use)."""

    backend = "sqlite"
    readonly = True

    def __init__(self, url: str, path: Path) -> None:
        self.url = url
        self.path = path
        self._full: Database | None = None
        self._conn: sqlite3.Connection | None = None
        check_sqlite_file(path, create=False)
        try:
            self._conn = _connect(path)
        except sqlite3.Error as e:
            raise StoreError(explain(e, self)) from e
        try:
            current = self._current()
        except sqlite3.Error as e:
            message = explain(e, self)
            self.close()
            raise StoreError(message) from e
        if not current:  # empty, foreign, old or newer: the full check says which, in its words
            try:
                self.full()
            except BaseException:
                self.close()
                raise

    def _current(self) -> bool:
        tables = {row[0] for row in self.execute(_TABLES)}
        if "alembic_version" not in tables or "forms" not in tables:
            return False
        return {row[0] for row in self.execute(_VERSIONS)} == shipped_heads()

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Every row of one statement (the lite queries' one door to the file)."""
        assert self._conn is not None, "the database is closed"
        return self._conn.execute(sql, params).fetchall()

    def columns(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Every row of one statement as {column name: value}."""
        assert self._conn is not None, "the database is closed"
        cursor = self._conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def full(self) -> Database:
        """The same file as a full (SQLAlchemy) read-only ``Database``."""
        if self._full is None:
            from jixiao.store._db import Database

            self._full = Database(self.url, create=False, readonly=True)
        return self._full

    @property
    def display_url(self) -> str:
        return self.url  # a plain SQLite URL has no password to hide

    def check(self) -> str | None:
        """``None`` if the database passes SQLite's quick check, else what is wrong (Chinese)."""
        try:
            conn = self._conn or _connect(self.path)
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        except sqlite3.Error:
            return "数据库文件已损坏，无法检查"
        if rows == ["ok"]:
            return None
        return f"数据库文件已损坏（检查发现 {len(rows)} 处问题）"

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._full is not None:
            self._full.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.full(), name)

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Reader({self.display_url!r})"


def _connect(path: Path) -> sqlite3.Connection:
    """As ``Database._sqlite_readonly``: read-only, else (a read-only folder where the WAL index
    cannot be made) the file as is."""
    uri = "file:" + urllib.parse.quote(str(path.resolve()))
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    conn.execute("PRAGMA query_only=ON")
    return conn
