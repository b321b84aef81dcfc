"""``Database``: the one door to the store (datasette-style).

It resolves where the database is (``--db``, ``JIXIAO_DB``, ``./jixiao.db``), checks that it is
a jixiao database at a schema this version knows, and — for commands that write — brings the
schema up to date with the Alembic migrations shipped in this package (users never run Alembic).
Queries open the database read-only and never migrate.

Writers serialize: SQLite transactions begin ``IMMEDIATE`` (the write lock is taken before the
first read, so a predecessor read is never stale), PostgreSQL ones take a transaction-level
advisory lock. The partial unique index ``uq_forms_current`` makes a second current form of an
identity impossible even so.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from jixiao.store._url import (
    BUSY_TIMEOUT,
    DEFAULT_URL,
    StoreError,
    check_sqlite_file,
    dumps_json,
    explain,
    resolve_url,
    shipped_heads,
)

if TYPE_CHECKING:
    from typing import TypeAlias

    from sqlalchemy.orm import Session, sessionmaker

    # What the read functions take: a Core connection (queries) or an ORM session (writers).
    Conn: TypeAlias = Session | Connection

__all__ = ["DEFAULT_URL", "Database", "StoreError", "explain", "resolve_url"]

# Transaction-level advisory lock key of jixiao writers on PostgreSQL ("jixiao" in ASCII).
PG_LOCK_KEY = 0x6A6978616F


def _script_directory() -> Any:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("jixiao.store") / "migrations"))
    return cfg, ScriptDirectory.from_config(cfg)


def schema_state(conn: Any) -> tuple[str, str | None]:
    """("empty" | "current" | "old" | "newer" | "foreign", stored revision) of a connection's database."""
    tables = set(inspect(conn).get_table_names())
    if not tables:
        return "empty", None
    if "alembic_version" not in tables or "forms" not in tables:
        return "foreign", None
    versions = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    if versions == shipped_heads():  # the usual case, told without importing Alembic
        return "current", ",".join(sorted(versions))
    _cfg, script = _script_directory()
    heads = set(script.get_heads())
    if versions == heads:
        return "current", ",".join(sorted(versions))
    known = {rev.revision for rev in script.walk_revisions()}
    if versions <= known:
        return "old", ",".join(sorted(versions))
    return "newer", ",".join(sorted(versions))


class Database:
    """An open jixiao database. Use as a context manager, or call ``close()``.

    ``create=False`` refuses to create a missing SQLite file (query commands on a mistyped
    path should say so, not answer from an empty new database). ``readonly=True`` opens it
    read-only (queries): no migration, no write, a read-only file is fine.
    """

    def __init__(
        self, db: str | os.PathLike[str] | None = None, *, create: bool = True, readonly: bool = False
    ) -> None:
        self.url = resolve_url(db)
        self.readonly = readonly
        try:
            url = make_url(self.url)
        except ArgumentError as e:
            raise StoreError(f"数据库地址无效：{self.url}") from e
        self.backend = url.get_backend_name()
        self.path: Path | None = None
        if self.backend == "sqlite":
            path = url.database
            if path and path != ":memory:":
                self.path = Path(path)
                check_sqlite_file(self.path, create=create and not readonly)
        try:
            self.engine: Engine = self._engine(url)
        except (NoSuchModuleError, ImportError) as e:
            raise StoreError(f"不支持的数据库类型：{url.drivername}") from e
        self._read_engine = self._reader_engine(url)
        # The ORM only when a session is asked for: the query commands read through Core
        # (``connect``) and never pay for importing ``sqlalchemy.orm``.
        self._sessions: sessionmaker[Session] | None = None
        self._readers: sessionmaker[Session] | None = None
        try:
            self._open()
        except StoreError:
            self.close()
            raise
        except SQLAlchemyError as e:
            message = explain(e, self)
            self.close()
            raise StoreError(message) from e

    # --- engines ---------------------------------------------------------------------------

    def _engine(self, url: Any) -> Engine:
        from jixiao.store._tables import for_dialect

        for_dialect(self.backend)
        if self.backend != "sqlite":
            engine = create_engine(url, json_serializer=dumps_json)
            event.listen(engine, "connect", _pg_no_jit)
            if self.readonly:
                event.listen(engine, "connect", _pg_read_only)
            return engine
        if self.readonly:
            return self._sqlite_readonly()
        engine = create_engine(url, json_serializer=dumps_json, connect_args={"timeout": BUSY_TIMEOUT})
        event.listen(engine, "connect", _sqlite_writer_connect)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine

    def _reader_engine(self, url: Any) -> Engine:
        """Where ``reader()`` sessions go: on SQLite a second engine whose transactions defer locks."""
        if self.backend != "sqlite" or self.readonly:
            return self.engine
        engine = create_engine(url, json_serializer=dumps_json, connect_args={"timeout": BUSY_TIMEOUT})
        event.listen(engine, "connect", _sqlite_reader_connect)
        return engine

    def _sqlite_readonly(self) -> Engine:
        assert self.path is not None
        uri = "file:" + urllib.parse.quote(str(self.path.resolve()))

        def connect() -> sqlite3.Connection:
            try:
                conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A read-only folder where the WAL index cannot be made: read the file as is.
                conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
            conn.execute("PRAGMA query_only=ON")
            return conn

        return create_engine("sqlite://", creator=connect, poolclass=NullPool, json_serializer=dumps_json)

    # --- schema ----------------------------------------------------------------------------

    def _open(self) -> None:
        with self._read_engine.connect() as conn:
            state, version = schema_state(conn)
        where = self.display_url
        if state == "foreign":
            raise StoreError(f"{where} 不是 jixiao 数据库（其中已有其他程序的表），未作任何改动")
        if state == "newer":
            raise StoreError(f"数据库 {where} 由更新版本的 jixiao 创建（结构版本 {version}），请升级 jixiao")
        if self.readonly:
            if state == "empty":
                raise StoreError(f"数据库 {where} 中还没有数据（先用 jixiao import 导入文件）")
            if state == "old":
                raise StoreError(f"数据库 {where} 的结构版本较旧（{version}），请先运行 jixiao upgrade")
            return
        if state != "current":
            self.upgrade()

    def upgrade(self) -> None:
        """Apply every shipped migration not yet applied (``alembic upgrade head``), once.

        Under the writers' lock, so two imports opening a new database at once create its
        schema once: the second finds it done.
        """
        from alembic import command

        if self.readonly:
            raise StoreError("只读打开的数据库不能升级")
        cfg, _script = _script_directory()
        with self.engine.begin() as conn:
            _writers_lock(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # --- sessions --------------------------------------------------------------------------

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, fit for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One write transaction, serialized with every other writer; committed on success."""
        if self.readonly:
            raise StoreError("数据库以只读方式打开，不能写入")
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._sessions() as session, session.begin():
            _writers_lock(session.connection())
            yield session

    def reader(self) -> Session:
        """A plain ORM session for read-only queries (use ``with db.reader() as s``)."""
        if self._readers is None:
            from sqlalchemy.orm import sessionmaker

            self._readers = sessionmaker(self._read_engine, expire_on_commit=False)
        return self._readers()

    def connect(self) -> Connection:
        """A Core connection for read-only queries (use ``with db.connect() as c``): no ORM."""
        return self._read_engine.connect()

    def check(self) -> str | None:
        """``None`` if the database passes SQLite's quick check, else what is wrong (Chinese)."""
        if self.backend != "sqlite":
            return None
        try:
            with self._read_engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
        except SQLAlchemyError:
            return "数据库文件已损坏，无法检查"
        if rows == ["ok"]:
            return None
        return f"数据库文件已损坏（检查发现 {len(rows)} 处问题）"

    def close(self) -> None:
        self.engine.dispose()
        if getattr(self, "_read_engine", self.engine) is not self.engine:
            self._read_engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.display_url!r})"


def _sqlite_writer_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions begun by us (BEGIN IMMEDIATE) only
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_reader_connect(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _pg_no_jit(dbapi_connection: Any, _record: Any) -> None:
    """No JIT compilation: the store's queries are short, and from a few thousand forms their cost
    estimates pass ``jit_above_cost``, when compiling took most of their time
    (``benchmarks/pg_volume.py``: 170 of 260 ms of ``stats``)."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    cur = dbapi_connection.cursor()
    cur.execute("SET jit = off")
    cur.close()
    dbapi_connection.autocommit = autocommit


def _pg_read_only(dbapi_connection: Any, _record: Any) -> None:
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    cur = dbapi_connection.cursor()
    cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    cur.close()
    dbapi_connection.autocommit = autocommit


def _writers_lock(conn: Any) -> None:
    """Serialize writers (SQLite already holds the write lock from BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
