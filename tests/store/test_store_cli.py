"""The database commands, run in-process: import, forms, show, stats, aliases."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

from .conftest import department_form, project_form, write_doc

pytestmark = pytest.mark.usefixtures("fake_reviewer")

BIG = "政务服务和大数据管理局"


@pytest.fixture
def run(db_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run ``jixiao ARGS --db <test database>``; returns the result (stdout and stderr apart)."""
    # wide enough that no cell wraps; through the environment as a user would set it (setting
    # the consoles' width would pin Rich's console at the old width when the patch is undone)
    monkeypatch.setenv("COLUMNS", "250")
    runner = CliRunner()

    def invoke(*args: str, db: bool = True):  # type: ignore[no-untyped-def]
        argv = [*args, "--db", db_url] if db else list(args)
        return runner.invoke(app, argv, catch_exceptions=False)

    return invoke


def test_import_then_query(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gov = write_doc(tmp_path / "gov.txt", project_form(unit=BIG, total=99.5))
    bio = write_doc(tmp_path / "bio.txt", department_form())
    bad = tmp_path / "bad.txt"
    bad.write_text("这不是绩效表", encoding="utf-8")

    result = run("import", str(gov), str(bio), str(bad))
    assert result.exit_code == 2, result.output  # one file failed: the batch is not a success
    assert "已导入" in result.stdout
    assert "新导入表" in result.stdout and "错误 2" in result.stdout and "警告 2" in result.stdout
    assert "bad.txt" in result.stdout and "不是绩效表" in result.stdout

    again = run("import", str(gov))
    assert again.exit_code == 0
    assert "未改动" in again.stdout and "所有文件都已导入过" in again.stdout

    listed = run("forms", "--unit", "大数据")
    assert listed.exit_code == 0
    assert "共 1 张表" in listed.stdout and "咨询评估服务经费项目" in listed.stdout
    assert "部门整体" not in listed.stdout

    shown = run("show", "1")
    assert shown.exit_code == 0
    assert (
        "评审项目数量" in shown.stdout and "总分与各项得分合计不符" in shown.stdout and "98.5" in shown.stdout
    )
    assert "form.total_mismatch" not in shown.stdout  # codes only in JSON

    st = run("stats")
    assert st.exit_code == 0
    assert BIG in st.stdout and "总分与各项得分合计不符 1" in st.stdout


def test_aliases_commands(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("import", str(write_doc(tmp_path / "a.txt", project_form(unit="政务和大数据局"))))
    run("import", str(write_doc(tmp_path / "b.txt", project_form(unit=BIG, project="统计工作经费项目"))))
    added = run("aliases", "add", "政务和大数据局", BIG)
    assert added.exit_code == 0
    assert "1 张表已归入该单位" in added.stdout
    listed = run("aliases", "list")
    assert "政务和大数据局" in listed.stdout and "单位（1 个）" in listed.stdout
    assert "共 2 张表" in run("forms", "--unit", "政务和大数据局").stdout
    removed = run("aliases", "remove", "政务和大数据局")
    assert removed.exit_code == 0
    missing = run("aliases", "remove", "政务和大数据局")
    assert missing.exit_code == 2 and "没有别名" in missing.stderr


def test_bad_input_is_one_chinese_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("import", str(write_doc(tmp_path / "a.txt", project_form())))
    result = run("show", "999")
    assert result.exit_code == 2
    assert "没有编号为 999 的表" in result.stderr and "Traceback" not in result.output
    result = run("forms", "--kind", "年报")
    assert result.exit_code == 2 and "未知的表类型" in result.stderr
    only_bad = tmp_path / "bad.txt"
    only_bad.write_bytes(b"\xff\xfe")
    assert run("import", str(only_bad)).exit_code == 2


def test_query_on_missing_database_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["forms", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "不存在" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_unreachable_postgres_is_a_clear_error() -> None:
    result = CliRunner().invoke(app, ["forms", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "无法连接数据库服务器" in result.stderr and "Traceback" not in result.output


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(app, ["import", str(write_doc(tmp_path / "a.txt", project_form()))])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env.db").exists()
