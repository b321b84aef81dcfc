"""Keeping a database trustworthy: verify it, give originals back, back it up and restore it.

- ``verify``: the file's own check (SQLite ``integrity_check``), every stored original
  re-hashed against the SHA-256 recorded at import, one current form per identity, and the
  finding tallies and running sums against a recount (an SQLite file opened as a ``Reader``:
  ``_lite_verify``, the same statements on ``sqlite3``).
- ``original``: a document's bytes exactly as imported (checked against their hash first).
- ``backup``/``restore``: SQLite's online backup API (a consistent copy while others read or
  write), ``pg_dump``/``pg_restore`` for PostgreSQL. Backups are written atomically.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, literal_column, select, text
from sqlalchemy.engine import make_url

from jixiao._atomic import atomic_path
from jixiao.store import _summary as summary
from jixiao.store import _tally as tally
from jixiao.store._db import Database, StoreError, resolve_url
from jixiao.store._lite_verify import VerifyReport
from jixiao.store._tables import DOCUMENT_CONTENTS, DOCUMENTS, FORMS

__all__ = ["Original", "VerifyReport", "backup", "original", "restore", "stored_hashes", "verify"]


def stored_hashes(db: Database) -> set[str]:
    """The SHA-256 of every stored document: what a cache of page readings may keep."""
    with db.reader() as s:
        return set(s.scalars(select(DOCUMENTS.c.sha256)))


def verify(db: Database) -> VerifyReport:
    """Check everything that can be checked without the original files."""
    report = VerifyReport()
    with db.connect() as s:
        if db.backend == "sqlite":
            rows = [r[0] for r in s.execute(text("PRAGMA integrity_check"))]
            if rows != ["ok"]:
                report.problems.append(f"数据库文件结构损坏（integrity_check 发现 {len(rows)} 处问题）")
        for doc_id, name, sha, size in s.execute(
            select(DOCUMENTS.c.id, DOCUMENTS.c.file_name, DOCUMENTS.c.sha256, DOCUMENTS.c.size).order_by(
                DOCUMENTS.c.id
            )
        ):
            report.documents += 1
            content = s.scalar(
                select(DOCUMENT_CONTENTS.c.content).where(DOCUMENT_CONTENTS.c.document_id == doc_id)
            )
            if content is None:
                report.problems.append(f"文件 {name}（文档 {doc_id}）的原件缺失")
            elif len(content) != size or hashlib.sha256(content).hexdigest() != sha:
                report.problems.append(f"文件 {name}（文档 {doc_id}）的原件与导入时的 SHA-256 不符，已被改动")
        f = FORMS.c
        identity = (
            func.coalesce(f.unit_id, literal_column("0")),
            f.link_year,
            f.kind,
            f.project_key,
            f.ordinal,
        )
        dupes = s.execute(
            select(*identity, func.count())
            .where(f.superseded.is_(False), f.link_year.is_not(None))
            .group_by(*identity)
            .having(func.count() > 1)
        ).all()
        for *_, n in dupes:
            report.problems.append(f"同一张表有 {n} 个“当前版本”")
        counted = tally.recount(s)
        if tally.stored(s) != counted or tally.stored_codes(s) != tally.code_counts(counted):
            report.problems.append("审核发现统计与审核发现本身不符")
        if summary.differences(s):
            report.problems.append("表格汇总（form_summaries）与表格本身不符")
    return report


@dataclass
class Original:
    file_name: str
    content: bytes
    sha256: str


def original(db: Database, *, form_id: int | None = None, document_id: int | None = None) -> Original:
    """The bytes of a stored document (by one of its forms or by its own id), hash checked."""
    with db.connect() as s:
        if form_id is not None:
            document_id = s.scalar(select(FORMS.c.document_id).where(FORMS.c.id == form_id))
            if document_id is None:
                raise StoreError(f"数据库中没有编号为 {form_id} 的表")
        row = s.execute(
            select(DOCUMENTS.c.file_name, DOCUMENTS.c.sha256, DOCUMENT_CONTENTS.c.content)
            .join(DOCUMENT_CONTENTS, DOCUMENT_CONTENTS.c.document_id == DOCUMENTS.c.id)
            .where(DOCUMENTS.c.id == document_id)
        ).first()
    if row is None:
        raise StoreError(f"数据库中没有编号为 {document_id} 的文档")
    name, sha, content = row
    if hashlib.sha256(content).hexdigest() != sha:
        raise StoreError(f"文件 {name} 的原件与导入时的 SHA-256 不符，已被改动，拒绝输出")
    return Original(name, content, sha)


# --- backup and restore --------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise StoreError(f"未找到 {name}（PostgreSQL 客户端），请安装 postgresql-client")


def _libpq(url: str) -> tuple[str, str | None]:
    """A libpq connection URI for pg_dump, and the schema named by ``options=-csearch_path=…``."""
    u = make_url(url)
    options = u.query.get("options")
    schema = None
    if isinstance(options, str) and "search_path=" in options:
        schema = options.split("search_path=", 1)[1].split()[0].split(",")[0]
    return u.set(drivername="postgresql").render_as_string(hide_password=False), schema


def _run(cmd: list[str], what: str) -> None:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise StoreError(f"{what}失败（无法运行 {Path(cmd[0]).name}）") from e
    if proc.returncode != 0:
        raise StoreError(f"{what}失败（{Path(cmd[0]).name} 退出码 {proc.returncode}）")


def backup(db: Database, target: Path) -> None:
    """A consistent copy of the database at ``target`` (SQLite file, or a pg_dump archive)."""
    if db.backend == "sqlite":
        assert db.path is not None
        with atomic_path(target) as tmp:
            src = sqlite3.connect(f"file:{db.path.resolve()}?mode=ro", uri=True)
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        return
    uri, schema = _libpq(db.url)
    with atomic_path(target) as tmp:
        cmd = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={uri}"]
        if schema:
            cmd.append(f"--schema={schema}")
        _run(cmd, "备份")


def restore(url: str, source: Path) -> None:
    """Replace the database at ``url`` by the backup ``source`` (made by ``backup``)."""
    if not source.is_file():
        raise StoreError(f"备份文件 {source} 不存在")
    resolved = resolve_url(url)
    backend = make_url(resolved).get_backend_name()
    if backend == "sqlite":
        with Database(source, readonly=True):  # a jixiao database at a known schema, or refused
            pass
        path = Path(make_url(resolved).database or "")
        if not path.parent.exists():
            raise StoreError(f"数据库文件 {path} 所在目录不存在")
        src = sqlite3.connect(f"file:{source.resolve()}?mode=ro", uri=True)
        dst = sqlite3.connect(path, timeout=120)
        try:
            src.backup(dst)  # page by page into the live file, under its write lock
        finally:
            dst.close()
            src.close()
        return
    with open(source, "rb") as f:
        if f.read(5) != b"PGDMP":
            raise StoreError(f"{source} 不是 jixiao backup 生成的 PostgreSQL 备份")
    uri, _schema = _libpq(resolved)
    cmd = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    _run([*cmd, f"--dbname={uri}", os.fspath(source)], "恢复")
