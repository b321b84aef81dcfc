"""``jixiao review FILE...``: re-score every form by the rules and report what does not hold up."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

from jixiao.cli._common import (
    TEMPLATES_HELP,
    emit,
    emitting,
    err,
    fail,
    out,
    read_file,
    shipped_rule_sets,
    unreadable,
    use_template_files,
    warn_issues,
)
from jixiao.cli._console import escape, progress_bar
from jixiao.cli._engine import ADDRESS_HELP, ENGINE_HELP, engine_or_fail
from jixiao.cli._help import ChineseCommand
from jixiao.vocabulary import INPUT_TYPES

if TYPE_CHECKING:
    from jixiao.batch import EngineSpec
    from jixiao.model import Document
    from jixiao.review import ReviewResult
    from jixiao.review.render import ReviewPage


class ReviewFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


_HELP = (
    "重新按评分规则计分并审核每张表，列出表中与规则不符之处（错误）和需要关注之处（警告）；"
    "仅供参考的提示加 --all 显示。\n\n"
    "输出格式：text 为按表分组的文字报告；"
    "json 为 findings-v1 审核结果——只给一个文件时输出该文件的数组，"
    "给多个文件或文件夹时输出以文件路径为键、数组为值的对象；"
    "html 为一个可直接打开或发送的中文网页（汇总表 + 逐表列出审核发现）。\n\n"
    "即使发现问题，退出码也为 0（审核发现是输出，不是失败）；文件无法读取时退出码为 2。"
)


def register(app: typer.Typer) -> None:
    app.command("review", cls=ChineseCommand, help=_HELP)(review_command)


def review_command(
    files: list[Path] = typer.Argument(
        ..., metavar="文件", help=f"要审核的文件或文件夹，可多个：{INPUT_TYPES}"
    ),
    format: ReviewFormat = typer.Option(
        ReviewFormat.text, "--format", "-f", metavar="格式", help="text、json 或 html"
    ),
    rules: str | None = typer.Option(
        None,
        "--rules",
        metavar="规则",
        help=f"强制使用的评分规则：{'、'.join(shipped_rule_sets())}，或自备规则文件（.yaml）的路径；"
        "默认按表中所印内容（预算执行分值、栏目、标题用词等）识别模板并自动选择",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="文件", help="写入此文件而不是标准输出"
    ),
    show_all: bool = typer.Option(False, "--all", "-a", help="文字报告也列出“提示”级审核发现"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
    templates: list[Path] = typer.Option([], "--templates", metavar="文件", help=TEMPLATES_HELP),
    workers: int = typer.Option(1, "--workers", "-j", min=1, metavar="进程数", help="并行读取和审核的进程数"),
    engine: str = typer.Option("local", "--engine", metavar="引擎", help=ENGINE_HELP),
    address: str | None = typer.Option(None, "--address", metavar="地址", help=ADDRESS_HELP),
) -> None:
    global _run
    from jixiao.score.rules import RuleSetError, load_rule_set

    spec = engine_or_fail(engine, address)
    if templates:
        use_template_files(templates)
    _run = _Run(spec, workers, tuple(str(t.resolve()) for t in templates))
    if rules is not None:
        try:
            load_rule_set(rules)
        except RuleSetError as e:
            fail(str(e))
    single = len(files) == 1 and not files[0].is_dir()
    files = _expanded(files)
    if format is ReviewFormat.json:
        _write_findings_json(files, rules, output, force, single)
        return
    from jixiao.review.render import render_html, render_text

    page = _review_page(files, rules, output)
    if format is ReviewFormat.html:
        done = f"审核报告已写入 {output}，用浏览器打开即可查看（如 xdg-open {output}）" if output else None
        emit(render_html(page), output, force=force, done=done)
        return
    if output is None:
        render_text(page, out.rich(), show_info=show_all)
        return
    from rich.console import Console

    console = Console(record=True, width=100, file=io.StringIO())
    render_text(page, console, show_info=show_all)
    emit(console.export_text(), output, force=force)


@dataclass(frozen=True)
class _Run:
    """Where this command's files are read and reviewed (``--engine``, ``--workers``, templates)."""

    engine: EngineSpec | None = None
    workers: int = 1
    templates: tuple[str, ...] = ()

    @property
    def here(self) -> bool:
        return (self.engine is None or self.engine.local) and self.workers <= 1


_run = _Run()


@dataclass(frozen=True)
class Unreadable:
    """A file a worker could not read or review: the line the command ends with."""

    reason: str


def read_and_review(
    path: str, arg: tuple[str | None, tuple[str, ...]]
) -> tuple[Document, ReviewResult] | Unreadable:
    """The per-file job of ``review`` on a worker: read and review one file, failures returned."""
    from jixiao.read import ReadError, read
    from jixiao.review import review_document

    rules, templates = arg
    if templates:  # a worker of another machine has not inherited this run's environment
        from jixiao.read._headers import set_template_files

        set_template_files(list(templates))
    try:
        doc = read(path)
    except ReadError as e:
        return Unreadable(unreadable(Path(path), e))
    try:
        return doc, review_document(doc, rules)
    except Exception as e:
        return Unreadable(f"{path}：审核时出错（内部错误 {type(e).__name__}）")


def _died(path: str) -> Unreadable:
    return Unreadable(f"{path}：读取进程意外终止（可能超出内存或被强制结束）")


def _results(files: list[Path], rules: str | None) -> Iterator[tuple[Document, ReviewResult]]:
    """Each file read and reviewed, in order: here, or in worker processes / on the engine."""
    from jixiao.review import review_document

    if _run.here:
        for path in files:
            doc = read_file(path)
            yield doc, review_document(doc, rules)
        return
    from jixiao.batch import EngineError, EngineSpec, engine_map

    try:
        results = engine_map(
            _run.engine or EngineSpec(),
            read_and_review,
            [str(p) for p in files],
            (rules, _run.templates),
            workers=_run.workers,
            on_death=_died,
            on_error=lambda path, reason: Unreadable(f"{path}：{reason}"),
        )
    except EngineError as e:
        fail(str(e))
    try:
        for path, result in zip(files, results, strict=True):
            if isinstance(result, Unreadable):
                fail(result.reason)
            warn_issues(path, result[0])
            yield result
    finally:
        results.close()  # stops the pool or the cluster, whatever ended the loop


def _reviewed(
    files: list[Path], rules: str | None, crops_to: Path | None = None
) -> Iterator[tuple[str, Document, ReviewResult]]:
    """Read and review file by file, one document in memory at a time; an unreadable file stops
    the command, and since output is written only at the end, before any output."""

    with _progress(len(files)) as (progress, task):
        for path, (doc, result) in zip(files, _results(files, rules), strict=True):
            progress.update(task, description=escape(path.name))
            _save_crops(str(path), doc, crops_to)
            yield str(path), doc, result
            progress.advance(task)


@contextmanager
def _progress(total: int) -> Iterator[tuple[Any, int]]:
    """The progress bar on stderr while several files are reviewed (Rich only on a terminal)."""
    with progress_bar(err, "审核中", remaining=False, disable=total < 2) as progress:
        yield progress, progress.add_task("", total=total)


def _expanded(given: list[Path]) -> list[Path]:
    """Folders replaced by the readable files below them (as ``import`` takes them), in order."""
    from jixiao.read._registry import readable_files, supported_suffixes

    files: list[Path] = []
    for p in given:
        if not p.is_dir():
            files.append(p)
            continue
        found = readable_files(p)
        if not found:
            kinds = "、".join(s.lstrip(".") for s in supported_suffixes())
            fail(f"文件夹 {p} 中没有可读取的文件（可读取 {kinds} 文件）")
        files.extend(found)
    return files


def _write_findings_json(
    files: list[Path], rules: str | None, output: Path | None, force: bool, single: bool
) -> None:
    """findings-v1: the array of one file, or an object of arrays by path, written form by form
    as each is reviewed (the same text as ``dumps`` of the whole; memory grows neither with the
    files nor with the forms of one file)."""
    from jixiao.contract import dumps

    unique = list(dict.fromkeys(files))  # a path given twice is one entry of the object
    with emitting(output, force=force) as fh:
        if single:
            for _, records in _file_findings(unique, rules, output):
                _write_array(records, fh, "")
            fh.write("\n")
            return
        fh.write("{\n")
        for n, (path, records) in enumerate(_file_findings(unique, rules, output)):
            fh.write((",\n" if n else "") + f"  {dumps(path)}: ")
            _write_array(records, fh, "  ")
        fh.write("\n}\n")


def _write_array(items: Iterator[object], fh: TextIO, pad: str) -> None:
    """``dumps(list(items))`` with every line but the first indented by ``pad``, item by item."""
    from jixiao.contract import dumps

    first = True
    for item in items:
        fh.write(("[\n" if first else ",\n") + pad + "  " + dumps(item).replace("\n", "\n  " + pad))
        first = False
    fh.write("[]" if first else "\n" + pad + "]")


def _file_findings(
    files: list[Path], rules: str | None, output: Path | None
) -> Iterator[tuple[str, Iterator[dict[str, object]]]]:
    """Each file's findings-v1 records. Here, form by form as reviewed (a text dump's forms
    kept on disk meanwhile); on workers or an engine, each file's as it comes back."""
    from jixiao.contract import finding_to_contract, findings_to_json
    from jixiao.review import review_forms

    if not _run.here:
        for path, _, result in _reviewed(files, rules, output):
            yield path, iter(findings_to_json(result.findings))
        return
    with _progress(len(files)) as (progress, task):
        for path in files:
            progress.update(task, description=escape(path.name))
            doc = read_file(path, spooled=True)
            _save_crops(str(path), doc, output)
            yield str(path), (finding_to_contract(f) for _, found in review_forms(doc, rules) for f in found)
            progress.advance(task)


def _review_page(files: list[Path], rules: str | None, output: Path | None = None) -> ReviewPage:
    """The page model, keeping each file's form views (not its document)."""
    from jixiao.review.render import build_page, form_views

    page = build_page([])
    for path, doc, result in _reviewed(files, rules, output):
        page.files.append(path)
        page.forms.extend(form_views(path, doc, result))
    return page


def _save_crops(path: str, doc: Document, output: Path | None) -> None:
    """Crops of the scanned cells to check (read.low_confidence / read.ocr_repair), as PNG files
    in ``<report>.crops/`` beside the report, named by file, page, table and cell."""
    import base64

    if output is None:
        return
    crops = [(Path(path).stem, c) for c in doc.cells if c.crop]
    if not crops:
        return
    folder = output.with_name(output.stem + ".crops")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stem, cell in crops:
            src = cell.source
            name = f"{stem}-第{src.page}页-表{src.sheet}-{src.cell}.png" if src else f"{stem}.png"
            (folder / name).write_bytes(base64.b64decode(cell.crop or ""))
    except OSError as e:
        fail(f"无法写入 {folder}：{e.strerror or e}")
    err.print(f"已保存 {len(crops)} 张待核对单元格截图到 {folder}", highlight=False)
