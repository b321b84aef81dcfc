"""``jixiao export`` and the other commands on the native formats (through the reader registry)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.read import read

from .conftest import SEEDS, assert_same_forms, seed_forms

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not found")
SEED = "004_44f29db647813c91.part1.txt"  # 20 self-evaluation forms and 10 narrative reports
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, list(args))
    return res.exit_code, res.stdout, res.stderr


@needs_seeds
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_export_then_parse_review_import(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"forms.{fmt}"
    code, _, err = _run("export", str(SEEDS / SEED), "--to", fmt, "-o", str(out), "--no-rule-notes")
    assert code == 0, err
    assert "已写入" in err
    assert_same_forms(seed_forms(SEED), read(out).forms)
    # parse, review and import take the new format through the reader registry
    code, stdout, err = _run("parse", str(out))
    assert code == 0, err
    assert len(json.loads(stdout)) == len(seed_forms(SEED))
    if fmt == "docx":
        return  # review and import share one reader path; once (XLSX) is enough
    code, stdout, err = _run("review", str(out), "--format", "json")
    assert code in (0, 1), err
    db = tmp_path / "j.db"
    code, _, err = _run("import", str(out), "--db", str(db))
    assert code == 0, err
    code, stdout, err = _run("export", "--db", str(db), "--to", "json")
    assert code == 0, err
    assert len(json.loads(stdout)) == len(seed_forms(SEED))


@needs_seeds
def test_export_json_alias_and_markdown(tmp_path: Path) -> None:
    code, by_format, _ = _run("export", str(SEEDS / SEED), "--format", "json")
    assert code == 0
    code, by_to, _ = _run("export", str(SEEDS / SEED), "--to", "json")
    assert by_format == by_to
    code, parsed, _ = _run("parse", str(SEEDS / SEED))
    assert json.loads(by_to) == json.loads(parsed)
    code, md, _ = _run("export", str(SEEDS / SEED), "--to", "md")
    assert code == 0
    assert md.count("绩效自评结果（缩略版）") == len(seed_forms(SEED))
    out = tmp_path / "r.docx"
    code, _, err = _run("export", str(SEEDS / SEED), "--to", "report-docx", "-o", str(out))
    assert code == 0, err
    assert out.stat().st_size > 0


@needs_seeds
def test_export_from_database_with_filters(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    assert _run("import", str(SEEDS / SEED), "--db", str(db))[0] == 0
    code, stdout, err = _run("export", "--db", str(db), "--year", "2021", "--to", "json")
    assert code == 0, err
    titles = [f["title"] for f in json.loads(stdout)]
    # the dump prints two 2021 forms: 政务服务运营 and 网络中心专项整体
    assert titles == ["2021年度政务服务运营项目自评表", "2021年度网络中心专项整体绩效自评表"]
    out = tmp_path / "d.xlsx"
    code, _, err = _run("export", "--db", str(db), "--year", "2021", "--to", "xlsx", "-o", str(out))
    assert code == 0, err
    assert [f.title for f in read(out).forms] == titles


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "nope.txt", "--to", "json"], "文件不存在"),
        (["export", "x.txt"], "请用 --to 指定导出格式"),
        (["export", "x.txt", "--to", "pdf"], "需要用 -o 指定输出文件"),
        (["export", "x.txt", "--to", "json", "--format", "xlsx"], "不一致"),
        (["export", "--db", "none.db", "--to", "json"], "不存在"),
        (["export", "x.txt", "--to", "json", "--year", "2021"], "不能同时使用"),
    ],
)
def test_bad_input_is_one_chinese_line(args: list[str], message: str, tmp_path: Path) -> None:
    args = [str(tmp_path / a) if a.endswith((".txt", ".db")) else a for a in args]
    code, _, err = _run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_export_pdf_without_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(
        "2022年度道路养护项目支出绩效自评表\n"
        "项目名称\t道路养护项目\n"
        "一级指标\t二级指标\t三级指标\t年初目标值\t实际完成值\t得分\n"
        "产出指标\t数量指标\t养护道路长度\t10公里\t12公里\t50\n"
        "总分\t\t\t\t\t90\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = _run("export", str(src), "--to", "pdf", "-o", str(tmp_path / "a.pdf"))
    assert code == 2
    assert "未找到 LibreOffice" in err
    assert not (tmp_path / "a.pdf").exists()
