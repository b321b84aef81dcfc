"""The text review at 80 columns: lines break between words, ``--all`` shows every finding."""

from __future__ import annotations

import itertools
import json
import re

from rich.cells import cell_len
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.review.wrap import wrap_text
from tests.conftest import seed

runner = CliRunner()
ENV = {"COLUMNS": "80"}
_WORD = re.compile(r"[A-Za-z0-9.%]")


def _squeeze(text: str) -> str:
    return re.sub(r"[\s　]+", "", text)


def test_wrap_keeps_numbers_and_codes_whole() -> None:
    text = (
        "执行率印为 68.83%，按执行数 12517.42 万元 ÷ 预算数 18186.12 万元应为 68.8300%（代码 budget.rate）。"
    )
    for width in range(24, 60):  # narrower than a code plus its brackets, a unit must be folded
        lines = wrap_text(text, width, hang="　　")
        assert all(cell_len(x) <= width for x in lines)
        assert _squeeze("".join(lines)) == _squeeze(text)
        for token in ("68.83%", "12517.42", "18186.12", "68.8300%", "budget.rate"):
            assert any(token in line for line in lines), (width, token, lines)
        assert not any(line.lstrip("　").startswith(("，", "。", "）", "%")) for line in lines[1:])


def test_text_review_wraps_between_words_and_all_shows_infos() -> None:
    path = str(seed("000"))
    findings = json.loads(runner.invoke(app, ["review", path, "-f", "json"], env=ENV).stdout)
    infos = [f for f in findings if f["severity"] == "info"]
    assert infos  # the seed has 提示-level findings (the check would prove nothing otherwise)

    short = runner.invoke(app, ["review", path], env=ENV)
    assert short.exit_code == 0
    assert f"另有 {len(infos)} 条提示，加 --all 显示" in short.stdout

    full = runner.invoke(app, ["review", path, "--all"], env=ENV)
    assert full.exit_code == 0
    lines = full.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    text = _squeeze(full.stdout)
    for f in findings:  # every finding's whole message, including the infos
        assert _squeeze(f["message"]) in text, f["message"]
    assert sum(line.lstrip().startswith("提示　") for line in lines) == len(infos)
    for before, after in itertools.pairwise(lines):  # no break inside a number or word
        nxt = after.lstrip(" 　")
        if before and nxt and after.startswith("  　"):
            assert not (_WORD.match(before[-1]) and _WORD.match(nxt[0])), (before, after)


def test_parse_table_keeps_one_line_per_form_at_80_columns() -> None:
    result = runner.invoke(app, ["parse", str(seed("003")), "-f", "table"], env=ENV)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    rows = [line for line in lines if re.match(r"\s+\d+ ", line)]
    assert len(rows) == 19  # one line per form: titles cut with “…”, never folded
    assert "部门整体自评" in rows[0] and "97.01" in rows[0]
