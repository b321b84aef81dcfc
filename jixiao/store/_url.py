"""Where the database is and what its errors mean: what every database command needs before
(and without) SQLAlchemy — the SQLite read path (``_lite``) opens a file with this alone."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao._oserror import os_reason

if TYPE_CHECKING:
    from typing import Protocol

    class _Opened(Protocol):
        @property
        def display_url(self) -> str: ...

        def check(self) -> str | None: ...


__all__ = [
    "DEFAULT_URL",
    "StoreError",
    "dumps_json",
    "explain",
    "is_database_error",
    "resolve_url",
    "shipped_heads",
]

DEFAULT_URL = "sqlite:///./jixiao.db"
ENV_VAR = "JIXIAO_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT = 120  # seconds a writer waits for another writer's transaction


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


def check_sqlite_file(p: Path, *, create: bool) -> None:
    if not p.exists():
        if not create:
            raise StoreError(f"数据库文件 {p} 不存在（先用 jixiao import 导入文件）")
        if not p.parent.exists():
            raise StoreError(f"数据库文件 {p} 所在目录不存在")
        return
    if not p.is_file():
        raise StoreError(f"{p} 不是文件，不能用作数据库")
    try:
        with p.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise StoreError(f"无法打开数据库文件 {p}（{os_reason(e)}）") from e
    if head and head != SQLITE_HEADER:
        raise StoreError(f"{p} 不是 jixiao 数据库（不是 SQLite 数据库文件）")


def explain(e: BaseException, db: _Opened | None = None) -> str:
    """One Chinese line for a database error: damaged, not jixiao, read-only, full, locked, unreachable."""
    where = db.display_url if db is not None else "数据库"
    orig = getattr(e, "orig", e)
    text_ = str(orig).lower()
    # an OSError of ours, not one the driver raised (SQLAlchemy ``DBAPIError``, by name: not imported here)
    if isinstance(orig, OSError) and not any(c.__name__ == "DBAPIError" for c in type(e).__mro__):
        return f"无法使用数据库 {where}（{os_reason(orig)}）"
    if "file is not a database" in text_:
        return f"{where} 不是 jixiao 数据库（不是 SQLite 数据库文件）"
    if "disk is full" in text_ or "no space left" in text_ or "could not extend" in text_:
        return f"磁盘已满，无法写入数据库 {where}；已写入的内容均已回滚"
    if "readonly" in text_ or "read-only" in text_ or "read only" in text_:
        return f"数据库 {where} 是只读的，不能写入"
    if "locked" in text_ or "busy" in text_:
        return f"数据库 {where} 正被其他程序占用，请稍后再试"
    if "malformed" in text_ or "corrupt" in text_ or "disk i/o error" in text_:
        return f"数据库文件 {where} 已损坏，无法读取（可用 jixiao restore 从备份恢复）"
    if "unable to open" in text_:
        return f"无法打开数据库文件 {where}（请检查路径和权限）"
    if "connection" in text_ and ("refused" in text_ or "failed" in text_ or "timeout" in text_):
        return f"无法连接数据库服务器 {where}"
    if "password authentication" in text_ or "authentication failed" in text_:
        return f"无法登录数据库服务器 {where}（用户名或密码错误）"
    if "does not exist" in text_ and "database" in text_:
        return f"数据库 {where} 不存在"
    if db is not None and (damage := db.check()):
        return f"{damage}：{where}（可用 jixiao restore 从备份恢复）"
    return f"数据库 {where} 出错，操作未完成（{type(orig).__name__}）"


def is_database_error(e: BaseException) -> bool:
    """An error of the database itself (the driver's, or SQLAlchemy's when it is loaded)."""
    if isinstance(e, sqlite3.Error):
        return True
    import sys

    exc = sys.modules.get("sqlalchemy.exc")
    return exc is not None and isinstance(e, exc.SQLAlchemyError)
