"""``jixiao user add`` / ``user list``, and ``jixiao serve`` refusing a bad database in one line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jixiao import store
from jixiao.cli import app


def test_user_add_and_list(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "u.db")
    r = runner.invoke(
        app, ["user", "add", "李审核", "--role", "reviewer", "--password", "pass-word-1", "--db", db]
    )
    assert r.exit_code == 0 and "已添加用户 李审核（审核人员）" in r.output
    r = runner.invoke(
        app,
        [
            "user",
            "add",
            "王填报",
            "--role",
            "filler",
            "--unit",
            "武汉市江夏区文化馆",
            "--password",
            "pass-word-2",
            "--db",
            db,
        ],
    )
    assert r.exit_code == 0 and "单位：武汉市江夏区文化馆" in r.output
    r = runner.invoke(app, ["user", "add", "赵", "--role", "filler", "--password", "pass-word-3", "--db", db])
    assert r.exit_code == 2 and "填报人必须绑定单位" in r.output and "Traceback" not in r.output
    r = runner.invoke(app, ["user", "add", "钱", "--role", "boss", "--password", "pass-word-3", "--db", db])
    assert r.exit_code == 2 and "角色无效" in r.output
    r = runner.invoke(app, ["user", "list", "--db", db])
    lines = [line for line in r.output.splitlines() if "李审核" in line or "王填报" in line]
    assert len(lines) == 2
    assert "审核人员" in lines[0] and "全部" in lines[0]
    assert "填报人" in lines[1] and "武汉市江夏区文化馆" in lines[1]
    with store.Database(db) as database:
        assert store.authenticate(database, "王填报", "pass-word-2") is not None
        assert store.authenticate(database, "王填报", "wrong") is None


def test_serve_refuses_a_missing_folder(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "nope" / "x.db")])
    assert r.exit_code == 2 and "所在目录不存在" in r.output
