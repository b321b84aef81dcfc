"""``jixiao export`` in-process, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.read import read

from .conftest import SEEDS, comparable

SEED = next(iter(sorted(SEEDS.glob("004_*"))), None)
pytestmark = pytest.mark.skipif(SEED is None, reason="seed 004 不存在")
runner = CliRunner()


def test_json_equals_parse() -> None:
    exported = runner.invoke(app, ["export", str(SEED), "--to", "json"])
    assert exported.exit_code == 0, exported.output
    parsed = runner.invoke(app, ["parse", str(SEED), "--format", "json"])
    assert json.loads(exported.stdout) == json.loads(parsed.stdout)
    alias = runner.invoke(app, ["export", str(SEED), "--format", "json"])
    assert json.loads(alias.stdout) == json.loads(parsed.stdout)


def test_xlsx_of_a_text_dump_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "导出.xlsx"
    result = runner.invoke(app, ["export", str(SEED), "--to", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    back, orig = read(out).forms, read(SEED).forms
    for b, o in zip(back, orig, strict=True):
        if "notes" not in o.extra:  # a form that printed no 备注 gets the rule set's notes
            assert b.extra.pop("notes").startswith("1.预算执行情况口径")
    assert [comparable(f) for f in back] == [comparable(f) for f in orig]
    again = runner.invoke(app, ["export", str(out), "--to", "json"])  # an XLSX is a readable input
    assert len(json.loads(again.stdout)) == 20


def test_markdown_report() -> None:
    result = runner.invoke(app, ["export", str(SEED), "--to", "md"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines().count("（缩略版）") == 20  # one report per self-evaluation form
    assert "# 2020年度1号楼房租项目自评结果" in result.stdout


def test_bad_input_is_one_chinese_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path / "没有.xlsx"), "--to", "docx"])
    assert result.exit_code == 2
    assert "错误" in result.stderr and "没有.xlsx" in result.stderr
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = runner.invoke(app, ["export", str(broken), "--to", "json"])
    assert result.exit_code == 2 and "坏.xlsx" in result.stderr


def test_export_from_database(tmp_path: Path) -> None:
    from jixiao.store import Database, import_paths

    db = tmp_path / "j.db"
    with Database(db, create=True) as database:
        import_paths([SEED], database, workers=1)
    out = tmp_path / "库.docx"
    result = runner.invoke(app, ["export", "--db", str(db), "--year", "2020", "--to", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    # 20 forms in seed 004, two of them titled 2021年度 (政务服务运营, 网络中心专项)
    assert len(read(out).forms) == 18
    none = runner.invoke(app, ["export", "--db", str(db), "--year", "1999", "--to", "json"])
    assert none.exit_code == 2 and "没有可导出的绩效表" in none.stderr
