"""``jixiao parse FILE``: the forms of one document, as form JSON or a readable table."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer
from rich.cells import cell_len

from jixiao.cli._common import TEMPLATES_HELP, out, read_file, use_template_files
from jixiao.cli._console import escape, new_table
from jixiao.cli._help import ChineseCommand
from jixiao.vocabulary import INPUT_TYPES, kind_name

if TYPE_CHECKING:
    from jixiao.model import Document


class ParseFormat(StrEnum):
    json = "json"
    table = "table"


def register(app: typer.Typer) -> None:
    app.command(
        "parse", cls=ChineseCommand, help="读取一个文件中的全部绩效表，输出 JSON（form-v1）或摘要表。"
    )(parse_command)


def parse_command(
    file: Path = typer.Argument(..., metavar="文件", help=f"要读取的文件：{INPUT_TYPES}"),
    format: ParseFormat = typer.Option(
        ParseFormat.json, "--format", "-f", metavar="格式", help="json 或 table"
    ),
    templates: list[Path] = typer.Option([], "--templates", metavar="文件", help=TEMPLATES_HELP),
) -> None:
    from jixiao.contract import form_to_contract

    if templates:
        use_template_files(templates)
    doc = read_file(file, spooled=format is ParseFormat.json)  # JSON is written form by form
    if format is ParseFormat.json:
        write_json_array((form_to_contract(f) for f in doc.forms), out.file)
    else:
        print_summary(doc)


def write_json_array(items: Iterable[object], file: TextIO) -> None:
    """``dumps(list(items))`` plus a newline, written item by item straight to ``file``.

    Not through Rich (which lays out the whole text first, hundreds of times slower and
    holding it all), and never the whole array as one string.
    """
    from jixiao.contract import dumps

    first = True
    for item in items:
        file.write("[\n  " if first else ",\n  ")
        file.write(dumps(item).replace("\n", "\n  "))  # JSON escapes newlines inside strings
        first = False
    file.write("[]\n" if first else "\n]\n")
    file.flush()


def print_summary(doc: Document) -> None:
    """One Rich table per document: kind, title, unit, year, goals, indicators, printed total.

    The title and unit are cut at the column end (…) so each form stays on one line at 80 columns.
    """
    table = new_table(
        title=f"{escape(doc.path)}：{len(doc.forms)} 张表，{len(doc.reports)} 份自评报告",
        box="SIMPLE_HEAD",
        padding=(0, 0),
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("类型", no_wrap=True)
    rest = ("年度", "目标数", "指标数", "总分")
    fixed = 2 + 12 + sum(cell_len(x) for x in rest) + 9 + 1  # short columns, gaps and edges
    left = max(out.width - fixed, 24)
    table.add_column("标题", width=left - left * 2 // 5, no_wrap=True, overflow="ellipsis")
    table.add_column("单位", width=left * 2 // 5, no_wrap=True, overflow="ellipsis")
    for col in rest:
        table.add_column(col, justify="right", no_wrap=True)
    for i, f in enumerate(doc.forms):
        table.add_row(
            str(i),
            kind_name(f.kind),
            escape(f.title),
            escape(f.unit or "—"),
            str(f.year or "—"),
            str(len(f.goals)),
            str(sum(len(g.indicators) for g in f.goals)),
            "—" if f.total_score is None else f"{f.total_score:g}",
        )
    out.print(table)
