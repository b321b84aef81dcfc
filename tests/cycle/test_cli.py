"""The cycle commands in-process, on hand-made form-v1 files and on the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.contract import form_to_contract
from tests.conftest import seed
from tests.cycle.conftest import form
from tests.cycle.test_link import EVALUATION, TARGET
from tests.cycle.test_rollup import FIRST, SECOND

runner = CliRunner()


def write(path: Path, *texts: str) -> Path:
    path.write_text(
        json.dumps([form_to_contract(form(t)) for t in texts], ensure_ascii=False), encoding="utf-8"
    )
    return path


def test_link_files(tmp_path: Path) -> None:
    same_unit = EVALUATION.replace("unit: 民政局", "unit: 某区民政局")
    files = [str(write(tmp_path / "e.json", same_unit)), str(write(tmp_path / "t.json", TARGET))]
    result = runner.invoke(app, ["link", *files])
    assert result.exit_code == 0, result.output
    assert "对照目标表：t.json#1" in result.stdout
    assert "匹配置信度 100%" in result.stdout
    assert "目标值调低（10 → 8）" in result.stdout
    result = runner.invoke(app, ["link", *files, "--format", "json"])
    [entry] = json.loads(result.stdout)
    assert entry["confidence"] == 1.0
    assert {f["code"] for f in entry["findings"]} == {
        "target.changed", "target.weight_changed", "target.dropped", "target.added",
    }  # fmt: skip


def test_rollup_command(tmp_path: Path) -> None:
    src = write(tmp_path / "subs.json", FIRST, SECOND)
    out = tmp_path / "combined.json"
    result = runner.invoke(app, ["rollup", str(src), "--project", "社区服务", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "138÷150=92%" in result.stdout
    assert "培训场次" in result.stdout  # listed as not combined
    assert "总分不完整" in result.stdout
    [combined] = json.loads(out.read_text(encoding="utf-8"))
    assert combined["schema"] == "jixiao.form/1" and combined["budget"]["planned"] == 400
    xlsx = tmp_path / "combined.xlsx"
    assert runner.invoke(app, ["rollup", str(src), "-o", str(xlsx)]).exit_code == 0
    assert load_workbook(xlsx).sheetnames
    bad = runner.invoke(app, ["rollup", str(src), "--forms", "1"])
    assert bad.exit_code == 2 and "至少需要两张" in bad.output


def test_library_commands(tmp_path: Path) -> None:
    src = write(
        tmp_path / "t.json",
        TARGET,
        TARGET.replace("某区民政局", "某区残联").replace("居民满意度", "居民满意率"),
    )
    lib = tmp_path / "lib.json"
    assert runner.invoke(app, ["library", "build", str(src), "-o", str(lib)]).exit_code == 0
    data = json.loads(lib.read_text(encoding="utf-8"))
    group = next(g for g in data["groups"] if g["name"] in ("居民满意度", "居民满意率"))
    assert group["users"] == ["某区残联", "某区民政局"]
    result = runner.invoke(app, ["library", "suggest", "社区服务", "--library", str(lib)])
    assert result.exit_code == 0 and "服务社区数量" in result.stdout
    xlsx = tmp_path / "lib.xlsx"
    assert runner.invoke(app, ["library", "export", "--library", str(lib), "-o", str(xlsx)]).exit_code == 0
    assert load_workbook(xlsx).sheetnames == ["指标库", "使用明细"]
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["library", "suggest", "x", "--library", str(broken)])
    assert result.exit_code == 2 and "不是有效的指标库文件" in result.output


def test_report_command(tmp_path: Path) -> None:
    src = write(tmp_path / "e.json", EVALUATION)
    facts = tmp_path / "facts.yaml"
    facts.write_text("work: 2022年5月组织自评，逐项核对台账。\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(src), "--facts", str(facts)])
    assert result.exit_code == 0, result.output
    assert "## 二、佐证材料" in result.stdout
    assert "2022年5月组织自评，逐项核对台账。" in result.stdout
    out = tmp_path / "r.docx"
    assert runner.invoke(app, ["report", str(src), "--to", "docx", "-o", str(out)]).exit_code == 0
    assert out.stat().st_size > 0
    template = runner.invoke(app, ["report", "--facts-template"])
    assert "budget_analysis:" in template.stdout
    facts.write_text("unknown: x\n", encoding="utf-8")
    bad = runner.invoke(app, ["report", str(src), "--facts", str(facts)])
    assert bad.exit_code == 2 and "未知的键“unknown”" in bad.output


def test_history_and_compare_on_seeds() -> None:
    path = str(seed("003"))
    result = runner.invoke(app, ["history", path, "--unit", "区科经局"])
    assert result.exit_code == 0, result.output
    assert "2021" in result.stdout
    result = runner.invoke(app, ["compare", path])
    assert result.exit_code == 0 and "区科经局" in result.stdout
    assert runner.invoke(app, ["history", path]).exit_code == 2


@pytest.mark.parametrize("args", [["link", "missing.txt"], ["rollup", "missing.txt", "x.txt"]])
def test_unreadable_file_is_one_clear_error(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "错误" in result.output and "Traceback" not in result.output


def test_form_numbers_are_those_parse_prints(tmp_path: Path) -> None:
    src = write(tmp_path / "mixed.json", TARGET, FIRST, SECOND)  # #0 target table, #1 and #2 self-evaluations
    result = runner.invoke(app, ["rollup", str(src), "--forms", "1,2"])
    assert result.exit_code == 0, result.output
    assert "社区服务（一所）" in result.stdout and "社区服务（二所）" in result.stdout
    target = runner.invoke(app, ["rollup", str(src), "--forms", "0,1"])
    assert target.exit_code == 2 and "目标表不能汇总" in target.output
    out_of_range = runner.invoke(app, ["rollup", str(src), "--forms", "1,3"])
    assert out_of_range.exit_code == 2 and "序号 3 超出范围" in out_of_range.output
    one = runner.invoke(app, ["report", str(src), "--form", "2"])
    assert one.exit_code == 0 and "2021年度街道二所社区服务自评结果" in one.stdout
    assert "街道一所" not in one.stdout
    assert runner.invoke(app, ["report", str(src), "--form", "0"]).exit_code == 2
