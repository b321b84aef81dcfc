"""``rescore``: re-score a year's stored forms under the year's 评分规则 (what 管理员 chose)."""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao.cli._common import fail, out, shipped_rule_sets
from jixiao.cli.store import DB_HELP, open_db


def register(app: typer.Typer) -> None:
    app.command(
        "rescore",
        help="按年度评分规则重新评分该年度已入库的当前表：每表记一次新的审核，审核结论保留；重复运行不改变任何内容。",
    )(rescore_command)


def rescore_command(
    year: Annotated[int, typer.Option("--year", help="年度，如 2023")],
    rules: Annotated[
        str | None,
        typer.Option(
            "--rules",
            metavar="规则",
            help=f"先把该年度的评分规则设为此项（{'、'.join(shipped_rule_sets())}；"
            "auto 为按表自动选择），再重新评分",
        ),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    from jixiao import store
    from jixiao.score.rules import RuleSetError
    from jixiao.store._write import imported_by
    from jixiao.vocabulary import rule_set_title

    if rules is not None and rules != "auto" and rules not in shipped_rule_sets():
        fail(f"未知的评分规则“{rules}”，可用：{'、'.join(shipped_rule_sets())}，或 auto（按表自动选择）")
    with open_db(db) as database:
        if rules is not None:
            store.set_year_rule_set(database, year, None if rules == "auto" else rules)
        try:
            result = store.rescore_year(database, year, imported_by() or "命令行")
        except RuleSetError as e:
            fail(f"{year} 年度的评分规则无法使用：{e}")
    title = f"“{rule_set_title(result.rule_set)}”" if result.rule_set else "各表自动选择的规则"
    out.print(result.message(title), markup=False, highlight=False)
