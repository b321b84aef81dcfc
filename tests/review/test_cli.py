"""``jixiao review`` in-process: formats, several files, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
runner = CliRunner()


def _seed(prefix: str) -> str:
    return str(next(SEEDS.glob(f"{prefix}*.txt")))


@needs_seeds
def test_json_for_one_file_is_the_findings_array() -> None:
    result = runner.invoke(app, ["review", _seed("000"), "--format", "json"])
    assert result.exit_code == 0
    findings = json.loads(result.stdout)
    assert isinstance(findings, list)
    assert set(findings[0]) == {
        "form",
        "form_title",
        "code",
        "severity",
        "goal",
        "indicator",
        "printed",
        "expected",
        "message",
    }
    errors = [
        (f["indicator"], f["code"], f["printed"], f["expected"]) for f in findings if f["severity"] == "error"
    ]
    assert ("完成工业投资额", "indicator.full_score_unmet", 0.5, 0.25) in errors


@needs_seeds
def test_json_for_several_files_is_keyed_by_path() -> None:
    result = runner.invoke(app, ["review", _seed("000"), _seed("003"), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {_seed("000"), _seed("003")}


@needs_seeds
def test_html_is_one_standalone_page(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    result = runner.invoke(app, ["review", _seed("000"), _seed("004"), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert "<style>" in page and "<script" not in page and "http" not in page
    assert "汇总" in page and "2020年度管委会机关项目绩效自评表" in page
    assert "预算执行得分印为 19.2 分" in page


@needs_seeds
def test_text_report_and_forced_rules() -> None:
    result = runner.invoke(app, ["review", _seed("004"), "--rules", "national-2020"])
    assert result.exit_code == 0
    assert "表中总分" in result.stdout and "财预〔2020〕10号" in result.stdout


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "无法读取" in result.output


def test_unknown_rules_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", str(tmp_path / "x.txt"), "--rules", "nope"])
    assert result.exit_code == 2
    assert "未知的评分规则" in result.output
