"""``--engine dask`` stores exactly what a local import stores, on SQLite and PostgreSQL.

The cluster has two worker processes (``tests/batch/conftest.py``); the real reader and reviewer
run on them, the calling process writes, in file order.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from jixiao.batch import EngineSpec
from jixiao.contract import form_to_contract
from jixiao.store import Database, FormFilter, export_forms, import_paths, list_forms
from jixiao.store._schema import FindingRow
from tests.batch.conftest import cluster_address  # noqa: F401  (the fixture)

from .conftest import SEEDS, row_counts

pytest.importorskip("distributed")
SEED = SEEDS / "000_c6262f2adeb9f1e7.txt"
pytestmark = pytest.mark.skipif(not SEED.is_file(), reason=f"{SEEDS} not found")


def batch(folder: Path) -> Path:
    """Two seeds (1 and 19 forms: 003 prints one 部门整体 and 18 项目 self-evaluation titles), a
    corrected copy of the first (a new revision: file order decides which is current), and a file
    with no form in it (fails, writes nothing)."""
    folder.mkdir()
    shutil.copy(SEED, folder / "a_2020自评表.txt")
    text = SEED.read_text(encoding="utf-8")
    assert text.count("总分\t\t\t\t\t99.59") == 1
    (folder / "b_2020自评表（更正）.txt").write_text(text.replace("总分\t\t\t\t\t99.59", "总分\t\t\t\t\t99.66"), encoding="utf-8")
    shutil.copy(SEEDS / "003_505f7a29082f0700.txt", folder / "c_区科经局自评表.txt")
    (folder / "d_空.txt").write_text("这不是绩效表\n", encoding="utf-8")
    return folder


def state(db: Database, url: str) -> tuple:
    """What a user sees of a database: every form (as form-v1), revisions and findings."""
    every, _ = list_forms(db, FormFilter(include_superseded=True), limit=None)
    revisions = sorted((f.file_name, f.revision, f.superseded, f.total_score, f.grade) for f in every)
    with db.reader() as s:
        findings = sorted(s.execute(select(FindingRow.code, FindingRow.severity, FindingRow.message)).all())
    return [form_to_contract(f) for f in export_forms(url)], revisions, findings, row_counts(db)


def test_cluster_import_matches_local(db_url: str, cluster_address: str, tmp_path: Path) -> None:  # noqa: F811
    folder = batch(tmp_path / "in")
    local_url = f"sqlite:///{tmp_path / 'local.db'}"
    with Database(local_url) as local:
        expected = import_paths([folder], local)
        local_state = state(local, local_url)

    with Database(db_url) as db:
        got = import_paths([folder], db, engine=EngineSpec("dask", cluster_address))
        assert [Path(d.path).name for d in got.imported] == [Path(d.path).name for d in expected.imported]
        assert (got.forms, got.revised) == (expected.forms, expected.revised) == (21, 1)
        assert [(Path(f.path).name, f.reason) for f in got.failures] == [
            (Path(f.path).name, f.reason) for f in expected.failures
        ]
        assert [Path(f.path).name for f in got.failures] == ["d_空.txt"]
        assert state(db, db_url) == local_state

        # the same files again, on the cluster: a no-op
        before = row_counts(db)
        again = import_paths([folder], db, engine=EngineSpec("dask", cluster_address))
        assert again.imported == [] and len(again.unchanged) == 3
        assert row_counts(db) == before


def test_cli_import_on_its_own_local_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--engine dask`` without ``--address``: a 2-worker cluster started (and stopped) for the run."""
    from typer.testing import CliRunner

    from jixiao.cli import _common, app

    for console in (_common.out, _common.err):
        monkeypatch.setattr(console, "width", 250)
    folder = batch(tmp_path / "in")
    runner = CliRunner()
    local = runner.invoke(app, ["import", str(folder), "--db", str(tmp_path / "l.db")])
    cluster = runner.invoke(app, ["import", str(folder), "--db", str(tmp_path / "c.db"), "--engine", "dask", "-j", "2"])
    assert local.exit_code == cluster.exit_code == 2  # one file failed: the batch did not fully succeed
    assert cluster.stdout.replace("c.db", "l.db") == local.stdout
    assert "d_空.txt" in cluster.stdout
    with Database(tmp_path / "l.db") as a, Database(tmp_path / "c.db") as b:
        assert state(b, str(tmp_path / "c.db"))[:3] == state(a, str(tmp_path / "l.db"))[:3]


def test_cli_refuses_ray_in_chinese(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    result = CliRunner().invoke(app, ["import", str(SEED), "--db", str(tmp_path / "j.db"), "--engine", "ray"])
    assert result.exit_code == 2
    assert "不支持 Ray 引擎" in result.stderr and "--engine dask" in result.stderr
    assert not (tmp_path / "j.db").exists()
