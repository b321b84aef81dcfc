"""``jixiao review FILE...``: re-score every form by the rules and report what does not hold up."""

from __future__ import annotations

import io
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jixiao.cli._common import TEMPLATES_HELP, err, fail, note, out, use_template_files, warn
from jixiao.contract import dumps, findings_to_json
from jixiao.model import Document
from jixiao.read import ReadError, read
from jixiao.review import ReviewResult, review_document
from jixiao.score.rules import RuleSetError, load_rule_set, rule_set_names


class ReviewFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


_HELP = (
    "重新按评分规则计分并审核每张表，列出表中与规则不符之处（错误）和需要关注之处（提示）。\n\n"
    "输出格式：text 为按表分组的文字报告；"
    "json 为 findings-v1 审核结果——只给一个文件时输出该文件的数组，"
    "给多个文件时输出以文件路径为键、数组为值的对象；"
    "html 为一个可直接打开或发送的中文网页（汇总表 + 逐表列出审核意见）。\n\n"
    "即使发现问题，退出码也为 0（审核意见是输出，不是失败）；文件无法读取时退出码为 2。"
)


def register(app: typer.Typer) -> None:
    app.command("review", help=_HELP)(review_command)


def review_command(
    files: list[Path] = typer.Argument(..., help="要审核的文件（.txt/.md/.xlsx/.docx/.pdf），可多个"),
    format: ReviewFormat = typer.Option(ReviewFormat.text, "--format", "-f", help="text、json 或 html"),
    rules: str | None = typer.Option(
        None,
        "--rules",
        help=f"强制使用的评分规则：{'、'.join(rule_set_names())}，或自备规则文件（.yaml）的路径；"
        "默认按表中所印内容（预算执行分值、栏目、标题用词等）识别模板并自动选择",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入此文件而不是标准输出"),
    templates: list[Path] = typer.Option([], "--templates", help=TEMPLATES_HELP),
) -> None:
    if templates:
        use_template_files(templates)
    if rules is not None:
        try:
            load_rule_set(rules)
        except RuleSetError as e:
            fail(str(e))
    entries = _review_all(files, rules)
    if format is ReviewFormat.json:
        if len(entries) == 1:
            payload: object = findings_to_json(entries[0][2].findings)
        else:
            payload = {path: findings_to_json(result.findings) for path, _, result in entries}
        _emit(dumps(payload) + "\n", output)
        return
    from jixiao.review.render import build_page, render_html, render_text

    page = build_page(entries)
    if format is ReviewFormat.html:
        _emit(render_html(page), output)
        return
    if output is None:
        render_text(page, out)
        return
    console = Console(record=True, width=120, file=io.StringIO())
    render_text(page, console)
    _emit(console.export_text(), output)


def _review_all(files: list[Path], rules: str | None) -> list[tuple[str, Document, ReviewResult]]:
    """Read and review every file first; an unreadable file stops the command before any output."""
    entries: list[tuple[str, Document, ReviewResult]] = []
    with Progress(
        TextColumn("审核中"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=len(files) < 2,
    ) as progress:
        task = progress.add_task("", total=len(files))
        for path in files:
            progress.update(task, description=escape(path.name))
            try:
                doc = read(path)
            except ReadError as e:
                fail(str(e))
            for issue in doc.issues:
                where = issue.source.where() if issue.source else str(path)
                warn(where, issue.message)
            entries.append((str(path), doc, review_document(doc, rules)))
            progress.advance(task)
    return entries


def _emit(text: str, output: Path | None) -> None:
    """Write all at once (never half a file): to ``output`` via a temporary file, else to stdout."""
    if output is None:
        out.file.write(text)
        out.file.flush()
        return
    from jixiao._atomic import write_text
    from jixiao.read._limits import os_reason

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_text(output, text)
    except OSError as e:
        fail(f"无法写入 {output}：{os_reason(e)}（未留下不完整的文件）")
    note(f"已写入 {output}")
