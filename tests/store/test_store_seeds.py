"""The real documents (../shared/seeds), read by the real reader, through the store and back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import read
from jixiao.store import Database, FormFilter, export_forms, import_paths, list_forms

from .conftest import SEEDS, row_counts

SEED_FILES = sorted(SEEDS.glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEED_FILES, reason=f"{SEEDS} not found")


def parse_output(paths: list[Path]) -> list[dict]:
    """What ``jixiao parse`` prints for each file, concatenated in file order."""
    return [form_to_contract(f) for p in paths for f in read(p).forms]


def test_seeds_round_trip_and_reimport(db: Database, db_url: str) -> None:
    summary = import_paths([SEEDS], db)
    assert summary.failures == []
    assert [Path(d.path).name for d in summary.imported] == [p.name for p in SEED_FILES]
    expected = parse_output(SEED_FILES)
    assert summary.forms == len(expected)
    assert [form_to_contract(f) for f in export_forms(db_url)] == expected

    before = row_counts(db)
    again = import_paths([SEEDS], db)
    assert again.imported == [] and again.failures == []
    assert len(again.unchanged) == len(SEED_FILES)
    assert row_counts(db) == before


def test_corrected_seed_is_a_new_revision(db: Database, db_url: str, tmp_path: Path) -> None:
    original = tmp_path / "2020自评表.txt"
    shutil.copy(SEEDS / "000_c6262f2adeb9f1e7.txt", original)
    import_paths([original], db)

    corrected = tmp_path / "2020自评表（更正）.txt"
    text = original.read_text(encoding="utf-8")
    assert text.count("总分\t\t\t\t\t99.59") == 1
    corrected.write_text(text.replace("总分\t\t\t\t\t99.59", "总分\t\t\t\t\t99.66"), encoding="utf-8")
    summary = import_paths([corrected], db)
    assert (summary.forms, summary.revised) == (1, 1)

    current, _ = list_forms(db)
    assert [(f.revision, f.total_score, f.file_name) for f in current] == [(2, 99.66, corrected.name)]
    every, _ = list_forms(db, FormFilter(include_superseded=True))
    assert sorted((f.revision, f.superseded, f.total_score) for f in every) == [
        (1, True, 99.59),
        (2, False, 99.66),
    ]
    assert [form_to_contract(f) for f in export_forms(db_url)] == parse_output([corrected])


def test_parallel_workers_store_the_same(tmp_path: Path) -> None:
    with Database(tmp_path / "serial.db") as serial:
        import_paths([SEEDS], serial, workers=1)
    with Database(tmp_path / "parallel.db") as parallel:
        summary = import_paths([SEEDS], parallel, workers=2)
        assert summary.failures == []
    as_json = [form_to_contract(f) for f in export_forms(str(tmp_path / "parallel.db"))]
    assert as_json == [form_to_contract(f) for f in export_forms(str(tmp_path / "serial.db"))]


def test_cli_import_show_and_export_match_parse(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's path: ``jixiao import`` the seeds, ``jixiao show`` a form, export = ``jixiao parse``."""
    import json

    from typer.testing import CliRunner

    from jixiao.cli import _common, app

    for console in (_common.out, _common.err):
        monkeypatch.setattr(console, "width", 250)
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(SEEDS), "--db", db_url, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "失败文件" in result.stdout

    parsed = []
    for p in SEED_FILES:
        out = runner.invoke(app, ["parse", str(p), "--format", "json"])
        assert out.exit_code == 0
        parsed += json.loads(out.stdout)
    assert [form_to_contract(f) for f in export_forms(db_url)] == parsed

    shown = runner.invoke(app, ["show", "1", "--db", db_url])
    assert shown.exit_code == 0
    assert "重算总分" in shown.stdout and "评分规则" in shown.stdout
    stats = runner.invoke(app, ["stats", "--db", db_url])
    assert stats.exit_code == 0 and "政务服务和大数据管理局" in stats.stdout


def test_unknown_rule_set_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    result = CliRunner().invoke(
        app, ["import", str(SEEDS), "--db", str(tmp_path / "j.db"), "--rules", "没有"]
    )
    assert result.exit_code == 2
    assert "无法使用评分规则“没有”" in result.stderr
    assert not (tmp_path / "j.db").exists()
