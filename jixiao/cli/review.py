"""``jixiao review FILE...``: re-score every form by the rules and report what does not hold up."""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jixiao.cli._common import err, fail, out
from jixiao.contract import dumps, findings_to_json
from jixiao.model import Document
from jixiao.read import ReadError, read
from jixiao.review import ReviewResult, review_document
from jixiao.score.rules import RuleSetError, load_rule_set, rule_set_names

if TYPE_CHECKING:
    from jixiao.review.render import ReviewPage


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
        "默认按表中所印预算执行分值自动选择",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入此文件而不是标准输出"),
) -> None:
    if rules is not None:
        try:
            load_rule_set(rules)
        except RuleSetError as e:
            fail(str(e))
    if format is ReviewFormat.json:
        _review_json(files, rules, output)
        return
    from jixiao.review.render import render_html, render_text

    page = _review_page(files, rules)
    if format is ReviewFormat.html:
        _emit(render_html(page), output)
        return
    if output is None:
        render_text(page, out)
        return
    console = Console(record=True, width=120, file=io.StringIO())
    render_text(page, console)
    _emit(console.export_text(), output)


def _reviewed(files: list[Path], rules: str | None) -> Iterator[tuple[str, Document, ReviewResult]]:
    """Read and review file by file (only one document in memory at a time); an unreadable file
    stops the command, and since output is held back until the end, before any output."""
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
            progress.update(task, description=path.name)
            try:
                doc = read(path)
            except ReadError as e:
                fail(str(e))
            for issue in doc.issues:
                where = issue.source.where() if issue.source else str(path)
                err.print(f"[yellow]警告[/]：{where}：{issue.message}", highlight=False)
            yield str(path), doc, review_document(doc, rules)
            progress.advance(task)


def _review_page(files: list[Path], rules: str | None) -> ReviewPage:
    """The page model, keeping each file's form views (not its document)."""
    from datetime import datetime

    from jixiao.review.render import ReviewPage, form_views

    forms = []
    paths = []
    for path, doc, result in _reviewed(files, rules):
        paths.append(path)
        forms.extend(form_views(path, doc, result))
    return ReviewPage(
        title="绩效自评审核报告",
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        files=paths,
        forms=forms,
    )


def _review_json(files: list[Path], rules: str | None, output: Path | None) -> None:
    """findings-v1 written file by file into a spool (memory-bounded, spilled to disk), then out at
    once: the same bytes as ``dumps`` of the whole array or object, never half an output."""
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL, mode="w+", encoding="utf-8") as spool:
        if len(files) == 1:
            for _, _, result in _reviewed(files, rules):
                spool.write(dumps(findings_to_json(result.findings)))
        else:
            seen: set[str] = set()
            spool.write("{")
            for path, _, result in _reviewed(files, rules):
                if path in seen:  # an object keeps one entry per key; the result is the same
                    continue
                spool.write(("\n" if not seen else ",\n") + "  " + dumps(path) + ": ")
                spool.write(dumps(findings_to_json(result.findings)).replace("\n", "\n  "))
                seen.add(path)
            spool.write("\n}")
        spool.write("\n")
        spool.seek(0)
        _emit_file(spool, output)


_SPOOL = 64 * 1024 * 1024  # bytes of output held in memory before the spool moves to disk


def _emit_file(source: IO[str], output: Path | None) -> None:
    """Copy a finished output to ``output`` (via a temporary file) or to stdout."""
    if output is None:
        shutil.copyfileobj(source, out.file)
        out.file.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(output.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            shutil.copyfileobj(source, f)
        tmp.replace(output)
    except OSError as e:
        fail(f"无法写入 {output}：{e.strerror or e}")
    err.print(f"已写入 {output}", highlight=False)


def _emit(text: str, output: Path | None) -> None:
    """Write all at once (never half a file): to ``output`` via a temporary file, else to stdout."""
    if output is None:
        out.file.write(text)
        out.file.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as e:
        fail(f"无法写入 {output}：{e.strerror or e}")
    err.print(f"已写入 {output}", highlight=False)
