"""``jixiao parse FILE``: the forms of one document, as form JSON or a readable table."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from jixiao.cli._common import TEMPLATES_HELP, fail, out, use_template_files, warn
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
    templates: list[Path] = typer.Option([], "--templates", help=TEMPLATES_HELP),
) -> None:
    if templates:
        use_template_files(templates)
    try:
        doc = read(file)
    except ReadError as e:
        fail(str(e))
    for issue in doc.issues:
        where = issue.source.where() if issue.source else str(file)
        warn(where, issue.message)
    if format is ParseFormat.json:
        out.print(dumps([form_to_contract(f) for f in doc.forms]), markup=False, highlight=False)
    else:
        print_summary(doc)


def print_summary(doc: Document) -> None:
    """One Rich table per document: kind, title, unit, year, goals, indicators, printed total."""
    table = Table(title=f"{escape(doc.path)}：{len(doc.forms)} 张表，{len(doc.reports)} 份自评报告")
    for col in ("#", "类型", "标题", "单位", "年度", "目标数", "指标数", "总分"):
        table.add_column(col, overflow="fold")
    for i, f in enumerate(doc.forms):
        table.add_row(
            str(i),
            f.kind.label,
            escape(f.title),
            escape(f.unit or "—"),
            str(f.year or "—"),
            str(len(f.goals)),
            str(sum(len(g.indicators) for g in f.goals)),
            "—" if f.total_score is None else f"{f.total_score:g}",
        )
    out.print(table)
