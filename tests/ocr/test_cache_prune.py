"""Cleaning the scan cache: old reader versions, documents no longer stored, a size bound
(least recently used first), and nothing outside the cache folder ever touched."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.read._ocr_cache import prune, reader_version
from jixiao.store import Database, import_paths

from ..store.conftest import fake_reader, fake_reviewer, project_form, write_doc  # noqa: F401

KEPT = "a" * 64
GONE = "b" * 64
OLD = "0123456789abcdef"  # another reader version's folder


def _entry(folder: Path, size: int = 1000, age: float = 7200) -> Path:
    """A cached document: two pages' files of ``size`` bytes, last used ``age`` seconds ago."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("p1.json", "p1.png"):
        f = folder / name
        f.write_bytes(b"x" * size)
        t = f.stat().st_mtime - age
        os.utime(f, (t, t))
    return folder


@pytest.fixture
def scan_cache(tmp_path: Path) -> Path:
    root = tmp_path / "j.db.pages"
    current = root / "ocr" / reader_version()
    _entry(current / KEPT)
    _entry(current / GONE)
    _entry(root / "ocr" / OLD / KEPT)  # a stored document, read by an old reader
    _entry(root / "v1" / GONE)  # a web page view of a document no longer stored
    _entry(root / "v0" / KEPT)  # page views of an older shape
    return root


def test_old_versions_and_unstored_documents_go(scan_cache: Path) -> None:
    report = prune(scan_cache, {KEPT}, views="1")
    current = scan_cache / "ocr" / reader_version()
    assert (current / KEPT / "p1.png").exists()
    assert not (current / GONE).exists()
    assert not (scan_cache / "ocr" / OLD).exists()
    assert not (scan_cache / "v1" / GONE).exists()
    assert not (scan_cache / "v0").exists()
    assert report.kept == 1 and report.kept_bytes == 2000
    assert len(report.removed) == 4 and report.freed == 4 * 2000


def test_dry_run_removes_nothing(scan_cache: Path) -> None:
    before = sorted(p for p in scan_cache.rglob("*"))
    report = prune(scan_cache, {KEPT}, views="1", dry_run=True)
    assert len(report.removed) == 4
    assert sorted(p for p in scan_cache.rglob("*")) == before


def test_a_fresh_entry_of_an_unknown_file_is_kept(tmp_path: Path) -> None:
    """An upload's pages are read before its document row is committed: keep them a while."""
    entry = _entry(tmp_path / "ocr" / reader_version() / GONE, age=0)
    prune(tmp_path, set())
    assert entry.exists()
    prune(tmp_path, set(), grace=0)
    assert not entry.exists()


def test_size_bound_removes_least_recently_used(tmp_path: Path) -> None:
    current = tmp_path / "ocr" / reader_version()
    keys = [hashlib.sha256(str(k).encode()).hexdigest() for k in range(4)]
    for k, key in enumerate(keys):  # keys[0] the oldest use, keys[3] the newest
        _entry(current / key, size=1000, age=10_000 - k * 1000)
    report = prune(tmp_path, set(keys), max_bytes=4500)  # two entries of 2,000 bytes fit
    assert sorted(p.name for p in current.iterdir()) == sorted(keys[2:])
    assert report.kept == 2 and report.kept_bytes == 4000


def test_links_are_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "precious"
    _entry(outside / GONE)
    root = tmp_path / "cache"
    current = root / "ocr" / reader_version()
    current.mkdir(parents=True)
    (current / GONE).symlink_to(outside / GONE)  # an entry that is a link
    (root / "v7").symlink_to(outside)  # a stale view folder that is a link
    real = _entry(current / KEPT)
    (real / "escape").symlink_to(outside)  # a link inside an entry that goes
    report = prune(root, set(), views="1", grace=0, max_bytes=0)
    assert (outside / GONE / "p1.png").exists()
    assert not real.exists()  # the entry went, the link in it as a link
    assert (outside / GONE / "p1.json").exists()
    assert current / GONE in report.skipped and root / "v7" in report.skipped


def test_a_linked_ocr_folder_is_left_alone(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    _entry(elsewhere / OLD / GONE)
    root = tmp_path / "cache"
    root.mkdir()
    (root / "ocr").symlink_to(elsewhere)
    report = prune(root, set(), grace=0)
    assert (elsewhere / OLD / GONE / "p1.png").exists()
    assert report.removed == [] and report.skipped == [root / "ocr"]


def test_foreign_names_are_kept(tmp_path: Path) -> None:
    current = tmp_path / "ocr" / reader_version()
    mine = _entry(current / "notes")  # not a digest: not made by the cache
    other = _entry(tmp_path / "ocr" / "backup-2026")
    prune(tmp_path, set(), grace=0)
    assert mine.exists() and other.exists()


@pytest.mark.usefixtures("fake_reviewer")
def test_command_keeps_stored_documents(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    doc = write_doc(tmp_path / "a.txt", project_form())
    with Database(db) as database:
        import_paths([doc], database)
    stored = hashlib.sha256(doc.read_bytes()).hexdigest()
    root = tmp_path / "j.db.pages"  # where serve keeps it beside an SQLite file
    current = root / "ocr" / reader_version()
    _entry(current / stored)
    _entry(current / GONE)
    result = CliRunner().invoke(app, ["prune-cache", "--db", str(db), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert (current / GONE).exists() and "将删除" in result.output
    result = CliRunner().invoke(app, ["prune-cache", "--db", str(db), "--max-size", "1GB"])
    assert result.exit_code == 0, result.output
    assert (current / stored).exists() and not (current / GONE).exists()
    assert "已删除 1 项" in result.output


def test_command_bad_size_is_one_chinese_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["prune-cache", "--db", str(tmp_path / "j.db"), "--max-size", "lots"])
    assert result.exit_code == 2
    assert "无法理解缓存大小" in result.output and "Traceback" not in result.output
