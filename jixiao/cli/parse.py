"""``jixiao parse FILE``: the forms of one document, as form JSON or a readable table."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import typer
from rich.table import Table

from jixiao.cli._common import err, fail, out
from jixiao.contract import dumps, form_to_contract
from jixiao.model import Document
from jixiao.read import ReadError, read


class ParseFormat(StrEnum):
    json = "json"
    table = "table"


def register(app: typer.Typer) -> None:
    app.command("parse", help="读取一个文件中的全部绩效表，输出 JSON（form-v1）或摘要表。")(parse_command)


def parse_command(
    file: Path = typer.Argument(..., help="要读取的文件（.txt/.md/.xlsx/.docx/.pdf）"),
    format: ParseFormat = typer.Option(ParseFormat.json, "--format", "-f", help="json 或 table"),
) -> None:
    try:
        doc = read(file)
    except ReadError as e:
        fail(str(e))
    for issue in doc.issues:
        where = issue.source.where() if issue.source else str(file)
        err.print(f"[yellow]警告[/]：{where}：{issue.message}", highlight=False)
    if format is ParseFormat.json:
        write_json_array((form_to_contract(f) for f in doc.forms), out.file)
    else:
        print_summary(doc)


def write_json_array(items: Iterable[object], file: TextIO) -> None:
    """``dumps(list(items))`` plus a newline, written item by item straight to ``file``.

    Not through Rich (which lays out the whole text first, hundreds of times slower and
    holding it all), and never the whole array as one string.
    """
    first = True
    for item in items:
        file.write("[\n  " if first else ",\n  ")
        file.write(dumps(item).replace("\n", "\n  "))  # JSON escapes newlines inside strings
        first = False
    file.write("[]\n" if first else "\n]\n")
    file.flush()


def print_summary(doc: Document) -> None:
    """One Rich table per document: kind, title, unit, year, goals, indicators, printed total."""
    table = Table(title=f"{doc.path}：{len(doc.forms)} 张表，{len(doc.reports)} 份自评报告")
    for col in ("#", "类型", "标题", "单位", "年度", "目标数", "指标数", "总分"):
        table.add_column(col, overflow="fold")
    for i, f in enumerate(doc.forms):
        table.add_row(
            str(i),
            f.kind.label,
            f.title,
            f.unit or "—",
            str(f.year or "—"),
            str(len(f.goals)),
            str(sum(len(g.indicators) for g in f.goals)),
            "—" if f.total_score is None else f"{f.total_score:g}",
        )
    out.print(table)
