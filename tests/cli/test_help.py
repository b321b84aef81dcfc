"""Help screens and usage errors read in Chinese at 80 columns, nothing cut off."""

from __future__ import annotations

import re

import pytest
import typer.main
from rich.cells import cell_len
from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()
ENV = {"COLUMNS": "80"}

# What Typer/Click print on their own: none of it may reach a Chinese user.
ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|\[default|\[required|<str>|<int>|<path>|"
    r"<bool>|\bTEXT\b|INTEGER|\bPATH\b|Missing|No such|Invalid value|Try '|Error|for help"
)


def _commands() -> list[list[str]]:
    root = typer.main.get_command(app)
    paths: list[list[str]] = [[]]
    for name in root.list_commands(None):  # type: ignore[arg-type, attr-defined]
        cmd = root.get_command(None, name)  # type: ignore[arg-type, attr-defined]
        paths.append([name])
        for sub in getattr(cmd, "commands", {}):
            paths.append([name, sub])
    return paths


def _params(path: list[str]) -> list:  # type: ignore[type-arg]
    cmd = typer.main.get_command(app)
    for name in path:
        cmd = cmd.get_command(None, name)  # type: ignore[arg-type, attr-defined]
    return [p for p in cmd.params if getattr(p, "help", None)]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "jixiao")
def test_help_is_chinese_and_whole_at_80_columns(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"], env=ENV)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("用法：jixiao") and "显示本帮助并退出" in text
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    # every parameter's help is printed whole (Typer's panels cut it with “…”)
    for p in _params(path):
        assert _squeeze(p.help) in _squeeze(text), p.help


def test_defaults_required_and_value_names_in_chinese() -> None:
    review = runner.invoke(app, ["review", "--help"], env=ENV).stdout
    # a CJK line may wrap inside a marker: compare with the wraps taken out
    assert "［默认：text］" in _squeeze(review) and "［必填］" in _squeeze(review)
    assert "--rules 规则" in review and "-o, --output 文件" in review
    forms = runner.invoke(app, ["forms", "--help"], env=ENV).stdout
    assert "--year 年度" in forms and "［取值 ≥0；默认：50］" in forms
    export = runner.invoke(app, ["export", "--help"], env=ENV).stdout
    assert "可选：json、xlsx、docx、pdf、md、report-docx" in _squeeze(export)  # --format names none


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse"], "缺少参数“文件”"),
        (["parse", "--nope", "a.txt"], "没有这个选项：--nope"),
        (["parse", "-f", "xml", "a.txt"], "选项 --format 的值“xml”无效，可选：json、table"),
        (["forms", "-n", "abc"], "选项 --limit 的值应为整数"),
        (["forms", "-n", "-1"], "选项 --limit 的值超出范围（应≥0）"),
        (["parse", "-f"], "选项 -f 后面需要一个值"),
        (["nosuch"], "没有这个命令：nosuch"),
        (["show", "1", "2"], "多余的参数：2"),
    ],
)
def test_usage_errors_are_one_chinese_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args, env=ENV)
    assert result.exit_code == 2
    assert f"错误：{message}" in result.stderr
    assert "运行“jixiao" in result.stderr and "--help”查看帮助" in result.stderr
    assert not ENGLISH.search(result.stderr), result.stderr
    assert "Traceback" not in result.output


def test_no_arguments_shows_the_help() -> None:
    result = runner.invoke(app, [], env=ENV)
    assert "用法：jixiao [选项] 命令" in result.stdout and "命令" in result.stdout
    assert result.exit_code == 2
