"""``jixiao review --engine dask`` prints exactly what the local run prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import _common, app

from ..conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))[:3]
pytestmark = pytest.mark.skipif(len(SEED_FILES) < 3, reason=f"{SEEDS} not found")


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    for console in (_common.out, _common.err):
        monkeypatch.setattr(console, "width", 200)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_cluster_review_matches_local(cluster_address: str, fmt: str) -> None:
    files = [str(p) for p in SEED_FILES]
    runner = CliRunner()
    local = runner.invoke(app, ["review", *files, "--format", fmt])
    cluster = runner.invoke(app, ["review", *files, "--format", fmt, "--engine", "dask", "--address", cluster_address])
    assert local.exit_code == cluster.exit_code == 0, cluster.output
    assert cluster.stdout == local.stdout
    assert cluster.stderr == local.stderr  # the readers' warnings too
    assert all(f in local.stdout for f in files) if fmt == "json" else "审核" in local.stdout


def test_an_unreadable_file_ends_the_cluster_run_as_locally(cluster_address: str, tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    shutil.copy(SEED_FILES[0], good)
    bad = tmp_path / "b.txt"
    bad.write_text("这不是绩效表\n", encoding="utf-8")
    runner = CliRunner()
    args = ["review", str(good), str(bad), "--format", "json"]
    local = runner.invoke(app, args)
    cluster = runner.invoke(app, [*args, "--engine", "dask", "--address", cluster_address])
    assert local.exit_code == cluster.exit_code == 2
    assert cluster.stderr == local.stderr
    assert "错误" in cluster.stderr and str(bad) in cluster.stderr
    assert cluster.stdout == local.stdout == ""


def test_local_worker_processes_review_the_same() -> None:
    files = [str(p) for p in SEED_FILES]
    runner = CliRunner()
    one = runner.invoke(app, ["review", *files, "--format", "json"])
    two = runner.invoke(app, ["review", *files, "--format", "json", "-j", "2"])
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout and two.stderr == one.stderr
