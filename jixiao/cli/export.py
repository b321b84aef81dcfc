"""``jixiao export``: forms from a file or the database, out as form JSON, XLSX, DOCX, PDF or
the narrative report (Markdown; ``--to report-docx`` for Word)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from jixiao.cli._common import err, fail, out
from jixiao.contract import dumps, form_to_contract
from jixiao.model import Document, Form
from jixiao.read import ReadError, read


class Target(StrEnum):
    json = "json"
    xlsx = "xlsx"
    docx = "docx"
    pdf = "pdf"
    md = "md"
    report_docx = "report-docx"


class TemplateName(StrEnum):
    wuhan = "wuhan"
    national = "national"


_BINARY = {Target.xlsx: ".xlsx", Target.docx: ".docx", Target.pdf: ".pdf", Target.report_docx: ".docx"}


def register(app: typer.Typer) -> None:
    app.command(
        "export",
        help=(
            "导出绩效表：从文件或数据库导出为 JSON（form-v1）、XLSX、DOCX、PDF，"
            "或生成自评结果（缩略版，md / report-docx）。"
        ),
    )(export_command)


def export_command(
    file: Path | None = typer.Argument(
        None, help="要导出的文件（.txt/.md/.xlsx/.docx/.pdf）；省略时从数据库导出"
    ),
    to: Target | None = typer.Option(
        None, "--to", "-t", help="json、xlsx、docx、pdf、md（自评结果）或 report-docx"
    ),
    format: Target | None = typer.Option(None, "--format", "-f", help="同 --to（兼容写法）"),
    output: Path | None = typer.Option(None, "--output", "-o", help="输出文件；json/md 省略时写到标准输出"),
    template: TemplateName = typer.Option(
        TemplateName.wuhan, "--template", help="版式：wuhan（武汉市区级）或 national（财预〔2020〕10号）"
    ),
    rule_notes: bool = typer.Option(
        True, "--rule-notes/--no-rule-notes", help="表中无备注时是否打印评分规则备注"
    ),
    rules: str | None = typer.Option(None, "--rules", help="自评结果复核所用的规则集（默认按表自动选择）"),
    db: str | None = typer.Option(None, "--db", help="数据库 URL 或 SQLite 文件（未给 FILE 时使用）"),
    unit: str | None = typer.Option(None, "--unit", help="按单位筛选（数据库）"),
    year: int | None = typer.Option(None, "--year", help="按年度筛选（数据库）"),
    kind: str | None = typer.Option(None, "--kind", help="按表类型筛选（数据库）"),
    grade: str | None = typer.Option(None, "--grade", help="按等级筛选（数据库）"),
    has_errors: bool | None = typer.Option(
        None, "--has-errors/--no-errors", help="只导出有/无错误的表（数据库）"
    ),
) -> None:
    if to is not None and format is not None and to != format:
        fail(f"--to {to.value} 与 --format {format.value} 不一致")
    target = to or format
    if target is None:
        fail("请用 --to 指定导出格式：json、xlsx、docx、pdf、md 或 report-docx")
    if target in _BINARY and output is None:
        fail(f"导出 {target.value} 需要用 -o 指定输出文件")
    if output is not None and output.is_dir():
        fail(f"{output} 是一个目录，请给出文件名")
    doc = _load(file, db, unit, year, kind, grade, has_errors)
    forms = doc.forms
    if not forms:
        fail("没有符合条件的绩效表可导出")
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
    from jixiao.write import PdfError, Template

    tpl = Template(template.value)
    try:
        if target is Target.json:
            _emit(dumps([form_to_contract(f) for f in forms]) + "\n", output)
        elif target is Target.xlsx:
            from jixiao.write import write_xlsx

            write_xlsx(forms, output, tpl, rule_notes=rule_notes)  # type: ignore[arg-type]
        elif target is Target.docx:
            from jixiao.write import write_docx

            write_docx(forms, output, tpl, rule_notes=rule_notes)  # type: ignore[arg-type]
        elif target is Target.pdf:
            from jixiao.write import write_pdf

            write_pdf(forms, output, tpl, rule_notes=rule_notes)  # type: ignore[arg-type]
        else:
            _report(doc, target, output, rules)
    except PdfError as e:
        fail(str(e))
    except OSError as e:
        fail(f"无法写入 {output}：{e.strerror or e}")
    if output is not None:
        err.print(f"已写入 {output}（{len(forms)} 张表）", highlight=False)


def _load(
    file: Path | None,
    db: str | None,
    unit: str | None,
    year: int | None,
    kind: str | None,
    grade: str | None,
    has_errors: bool | None,
) -> Document:
    if file is not None:
        if any(x is not None for x in (db, unit, year, kind, grade, has_errors)):
            fail("给出 FILE 时不能同时使用 --db/--unit/--year/--kind/--grade/--has-errors")
        try:
            doc = read(file)
        except ReadError as e:
            fail(str(e))
        for issue in doc.issues:
            where = issue.source.where() if issue.source else str(file)
            err.print(f"[yellow]警告[/]：{where}：{issue.message}", highlight=False)
        return doc
    from jixiao.store import StoreError, export_forms

    try:
        forms: list[Form] = export_forms(
            db, unit=unit, year=year, kind=kind, grade=grade, has_errors=has_errors
        )
    except StoreError as e:
        fail(str(e))
    return Document(path=db or "数据库", forms=forms)


def _report(doc: Document, target: Target, output: Path | None, rules: str | None) -> None:
    from jixiao.review import review_document
    from jixiao.score.rules import RuleSetError
    from jixiao.write import build_report, report_markdown, write_report_docx

    try:
        result = review_document(doc, rules)
    except RuleSetError as e:
        fail(str(e))
    reports = [
        build_report(form, result.scorecards[i], [f for f in result.findings if f.form == i])
        for i, form in enumerate(doc.forms)
        if not form.kind.is_target
    ]
    if not reports:
        fail("目标表没有自评结果可生成；自评结果只针对绩效自评表")
    if target is Target.md:
        _emit("\n\n".join(report_markdown(r) for r in reports), output)
    else:
        write_report_docx(reports, output)  # type: ignore[arg-type]


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        out.file.write(text)
        out.file.flush()
        return
    from jixiao.write._files import atomic_write_text

    atomic_write_text(output, text)
