"""The plain table (``_table.Table``) prints what Rich prints, on generated tables: every
table it lays out itself equals Rich's rendering line for line, and it leaves enough to Rich."""

from __future__ import annotations

import io
import random

from rich.console import Console

from jixiao.cli._console import escape
from jixiao.cli._table import Table

WORDS = [
    "武汉市",
    "财政局",
    "项目",
    "2020",
    "—",
    "0/1",
    "99.5",
    "a",
    "不计",
    "[b]",
    "x]",
    "\\",
    "第1版（已取代）",
    "17:15",
    "",
]


def _rich_lines(table: Table, width: int) -> list[str]:
    buf = io.StringIO()
    Console(file=buf, width=width, soft_wrap=True).print(table.rich())
    return buf.getvalue().splitlines()


def _random_table(rng: random.Random) -> Table:
    table = Table(
        title=rng.choice([None, "共 3 张表", "单位（2 个）", escape("[x] 表")]),
        box=rng.choice(["heavy_head", "simple_head"]),
        show_header=rng.random() < 0.7,
        padding=rng.choice([0, 1]),
    )
    for _ in range(rng.randint(1, 5)):
        fixed = rng.random() < 0.3
        table.add_column(
            escape(rng.choice(WORDS)) or "列",
            justify=rng.choice(["left", "right"]),
            width=rng.randint(1, 8) if fixed else None,
            no_wrap=fixed or rng.random() < 0.5,
            overflow=rng.choice(["ellipsis", "ellipsis", "fold"]),
        )
    for _ in range(rng.randint(0, 4)):
        table.add_row(*(escape("".join(rng.sample(WORDS, rng.randint(0, 3)))) for _ in table.columns))
    return table


def test_plain_table_equals_rich() -> None:
    rng = random.Random(11)
    laid_out = 0
    for _ in range(3000):
        table = _random_table(rng)
        width = rng.choice([20, 40, 80, 120])
        lines = table.lines(width)
        if lines is None:
            continue
        laid_out += 1
        assert lines == _rich_lines(table, width), (table, width)
    assert laid_out > 800  # a third of all: those that fit, with no empty column


def test_table_that_does_not_fit_goes_to_rich() -> None:
    table = Table(title="宽表")
    table.add_column("名称")
    table.add_row("很长的单位名称" * 10)
    assert table.lines(40) is None
    assert table.lines(200) == _rich_lines(table, 200)
