"""Databases as a busy bureau and an unlucky user meet them: queries that never write, foreign
and damaged files explained in one line, originals verified and given back, backups restored
exactly, NUL characters stored alike on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.store import Database, StoreError, import_paths
from jixiao.store._schema import Base, DocumentContentRow, FormContractRow, FormRow

from ..store.conftest import department_form, project_form, write_doc


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def _one_line_error(result, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def filled(tmp_path: Path, fake_reviewer: None) -> Path:
    """An SQLite database with three documents (one a revision)."""
    path = tmp_path / "j.db"
    with Database(path) as db:
        import_paths(
            [
                write_doc(tmp_path / "a.txt", project_form(total=90)),
                write_doc(tmp_path / "b.txt", project_form(total=95)),
                write_doc(tmp_path / "c.txt", department_form()),
            ],
            db,
        )
    return path


def _snapshot(path: Path) -> tuple[bytes, int]:
    """The database file's bytes, and how much its write-ahead log holds (a reader may create an
    empty one: SQLite's WAL index, no data)."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes(), wal.stat().st_size if wal.exists() else 0


def test_queries_never_write(filled: Path) -> None:
    before = _snapshot(filled)
    for args in (["forms"], ["show", "1"], ["stats"], ["aliases", "list"], ["verify"], ["export"]):
        result = run(*args, "--db", str(filled))
        assert result.exit_code == 0, (args, result.output)
    after = _snapshot(filled)
    assert after[0] == before[0] and after[1] == 0


def test_read_only_database_can_be_queried(filled: Path) -> None:
    folder = filled.parent
    for p in folder.glob("j.db*"):
        if p != filled:
            p.unlink()
    filled.chmod(stat.S_IRUSR | stat.S_IRGRP)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run("forms", "--db", str(filled))
        assert result.exit_code == 0, result.output
        assert "共 2 张表" in result.stdout
    finally:
        folder.chmod(stat.S_IRWXU)
        filled.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_foreign_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('x')")
    before = other.read_bytes()
    for args in (["forms"], ["import", str(tmp_path)], ["aliases", "add", "a", "b"]):
        _one_line_error(run(*args, "--db", str(other)), "不是 jixiao 数据库")
    assert other.read_bytes() == before
    with sqlite3.connect(other) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["notes"]


def test_not_an_sqlite_file_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    _one_line_error(run("forms", "--db", str(junk)), "不是 jixiao 数据库")
    _one_line_error(run("import", str(tmp_path), "--db", str(junk)), "不是 jixiao 数据库")


def test_newer_schema_is_refused(filled: Path) -> None:
    with sqlite3.connect(filled) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    _one_line_error(run("forms", "--db", str(filled)), "更新版本的 jixiao")
    _one_line_error(run("import", str(filled.parent / "a.txt"), "--db", str(filled)), "更新版本的 jixiao")


def test_damaged_database_is_explained(filled: Path) -> None:
    data = bytearray(filled.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data), page):  # every page but the first two: garbage
        data[offset : offset + 200] = os.urandom(200)
    filled.write_bytes(bytes(data))
    for args in (["forms"], ["stats"], ["show", "1"], ["verify"]):
        result = run(*args, "--db", str(filled))
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert "损坏" in result.stderr or "问题" in result.output, (args, result.output)


def test_verify_finds_a_changed_original(filled: Path) -> None:
    assert run("verify", "--db", str(filled)).exit_code == 0
    with sqlite3.connect(filled) as conn:
        conn.execute("UPDATE document_contents SET content = X'00' WHERE document_id = 2")
    result = run("verify", "--db", str(filled))
    assert result.exit_code == 2
    assert "b.txt" in result.stdout and "SHA-256 不符" in result.stdout


def test_original_given_back_byte_for_byte(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "back.txt"
    result = run("original", "2", "-o", str(out), "--db", str(filled))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (tmp_path / "b.txt").read_bytes()
    again = run("original", "2", "-o", str(out), "--db", str(filled))
    assert again.exit_code == 2 and "已存在" in again.stderr
    by_doc = run("original", "--document", "1", "-o", str(tmp_path / "a2.txt"), "--db", str(filled))
    assert by_doc.exit_code == 0
    assert (tmp_path / "a2.txt").read_bytes() == (tmp_path / "a.txt").read_bytes()


def _every_row(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in primary-key order: forms, findings, verdicts, history …"""
    out: dict[str, list[tuple[object, ...]]] = {}
    with db.reader() as s:
        for table in Base.metadata.sorted_tables:
            rows = s.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
        out["alembic_version"] = [
            tuple(r) for r in s.execute(text("SELECT version_num FROM alembic_version"))
        ]
    return out


def test_backup_and_restore_give_back_every_row(db_url: str, tmp_path: Path, fake_reviewer: None) -> None:
    with Database(db_url) as db:
        import_paths(
            [
                write_doc(tmp_path / "a.txt", project_form(total=90)),
                write_doc(tmp_path / "b.txt", project_form(total=95)),
                write_doc(tmp_path / "c.txt", department_form()),
            ],
            db,
        )
        before = _every_row(db)
    assert before["forms"] and before["findings"] and before["scorecards"]
    verified = run("verify", "--db", db_url)
    assert verified.exit_code == 0 and "3 个文件" in verified.stdout, verified.output
    archive = tmp_path / "backup.bin"
    result = run("backup", str(archive), "--db", db_url)
    assert result.exit_code == 0, result.output
    # Lose data after the backup: a new import and a changed original.
    with Database(db_url) as db:
        import_paths([write_doc(tmp_path / "d.txt", project_form(unit="另一单位"))], db)
        with db.session() as s:
            s.execute(DocumentContentRow.__table__.update().values(content=b"lost"))
    refused = run("restore", str(archive), "--db", db_url)
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    result = run("restore", str(archive), "--db", db_url, "--yes")
    assert result.exit_code == 0, result.output
    with Database(db_url, readonly=True) as db:
        assert _every_row(db) == before


def test_nul_characters_stored_alike(db_url: str, tmp_path: Path, fake_reviewer: None) -> None:
    form = project_form(project="含\x00空字符的项目")
    form["goals"][0]["indicators"][0]["target"] = "≥150\x00个"
    form["extra"] = {"备\x00注": "值\x00"}
    path = write_doc(tmp_path / "nul.txt", form)
    with Database(db_url) as db:
        summary = import_paths([path], db)
        assert summary.failures == [] and len(summary.imported) == 1
        with db.reader() as s:
            project = s.scalar(select(FormRow.project))
            body = s.scalar(select(FormContractRow.body))
    assert project == "含空字符的项目"
    assert body["goals"][0]["indicators"][0]["target"] == "≥150个"
    assert body["extra"] == {"备注": "值"}


def test_missing_database_for_queries(tmp_path: Path) -> None:
    _one_line_error(run("forms", "--db", str(tmp_path / "none.db")), "不存在")
    assert not (tmp_path / "none.db").exists()


def test_store_error_for_readonly_writes(filled: Path) -> None:
    with Database(filled, readonly=True) as db, pytest.raises(StoreError, match="只读"), db.session():
        pass


def test_hash_of_original_matches(filled: Path) -> None:
    with Database(filled, readonly=True) as db, db.reader() as s:
        content = s.scalar(select(DocumentContentRow.content).where(DocumentContentRow.document_id == 1))
    assert (
        hashlib.sha256(content).hexdigest()
        == hashlib.sha256((filled.parent / "a.txt").read_bytes()).hexdigest()
    )
