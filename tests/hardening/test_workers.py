"""Parallel import: a worker that dies costs its own file only; a killed import leaves no worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import jixiao.store._import as store_import
from jixiao.store import Database, import_paths

from ..store.conftest import fake_read, project_form, write_doc


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purpose
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_worker_fails_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_reviewer: None
) -> None:
    def killer(path: str | Path):  # type: ignore[no-untyped-def]
        if Path(path).name == "kill.txt":
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
        return fake_read(path)

    monkeypatch.setattr(store_import, "read", killer)
    files = [write_doc(tmp_path / f"f{i}.txt", project_form(project=f"项目{i}")) for i in range(5)]
    files.insert(2, write_doc(tmp_path / "kill.txt", project_form(project="致命")))
    with Database(tmp_path / "j.db") as db:
        summary = import_paths(files, db, workers=2)
    assert sorted(Path(d.path).name for d in summary.imported) == sorted(
        f.name for f in files if f.name != "kill.txt"
    )
    assert [Path(f.path).name for f in summary.failures] == ["kill.txt"]
    assert "进程意外终止" in summary.failures[0].reason
    import multiprocessing

    assert multiprocessing.active_children() == []


def test_killed_import_leaves_no_worker(tmp_path: Path) -> None:
    """SIGKILL to a parallel ``import``: its workers die with it (nothing left reading)."""
    pids = tmp_path / "pids"
    pids.mkdir()
    for i in range(4):
        write_doc(tmp_path / f"f{i}.txt", project_form(project=f"项目{i}"))
    script = textwrap.dedent(
        f"""
        import os, time, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        import jixiao.store._import as imp
        from jixiao.store import Database, import_paths

        def slow(path):
            open(os.path.join({str(pids)!r}, str(os.getpid())), "w").close()
            time.sleep(120)

        imp.read = slow
        with Database({str(tmp_path / "j.db")!r}) as db:
            import_paths([{str(tmp_path)!r}], db, workers=2)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name) for p in pids.iterdir()]
        assert len(workers) >= 2
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_import_stops_at_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_reviewer: None
) -> None:
    """The first "disk full" ends the batch: files before it kept whole, the rest not tried."""
    from sqlalchemy.exc import OperationalError
    from typer.testing import CliRunner

    import jixiao.store._write as store_write
    from jixiao.cli import app

    real = store_write.store_document
    calls: list[str] = []

    def filling(session, prep, **kw):  # type: ignore[no-untyped-def]
        calls.append(Path(prep.path).name)
        if len(calls) == 2:
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        return real(session, prep, **kw)

    monkeypatch.setattr(store_import, "store_document", filling)
    files = [write_doc(tmp_path / f"f{i}.txt", project_form(project=f"项目{i}")) for i in range(4)]
    result = CliRunner().invoke(app, ["import", *map(str, files), "--db", str(tmp_path / "j.db")])
    assert result.exit_code == 2
    assert calls == ["f0.txt", "f1.txt"]
    assert "磁盘已满" in result.stderr and "Traceback" not in result.output
    with Database(tmp_path / "j.db", readonly=True) as db:
        from jixiao.store import list_forms

        _rows, total = list_forms(db)
    assert total == 1


def test_memory_error_in_a_reader_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.read import ReadError, read
    from jixiao.read.text import TextReader

    def hungry(self: TextReader, path: Path) -> None:
        raise MemoryError

    monkeypatch.setattr(TextReader, "read", hungry)
    path = tmp_path / "x.txt"
    path.write_text("内容", encoding="utf-8")
    with pytest.raises(ReadError, match="内存不足"):
        read(path)


def test_a_file_over_the_memory_limit_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_reviewer: None
) -> None:
    from jixiao.settings import override_limits

    def greedy(path: str | Path):  # type: ignore[no-untyped-def]
        if Path(path).name == "huge.txt":
            blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB
            assert blocks
        return fake_read(path)

    monkeypatch.setattr(store_import, "read", greedy)
    files = [write_doc(tmp_path / f"f{i}.txt", project_form(project=f"项目{i}")) for i in range(3)]
    files.append(write_doc(tmp_path / "huge.txt", project_form(project="大")))
    with override_limits(max_memory_mb=1024), Database(tmp_path / "j.db") as db:
        summary = import_paths(files, db, workers=2)
    assert len(summary.imported) == 3
    assert [(Path(f.path).name, "内存不足" in f.reason) for f in summary.failures] == [("huge.txt", True)]
