"""``jixiao export``: forms (from a file or the database) as JSON, XLSX, DOCX, PDF or a report.

Several forms always go to ONE file: a workbook with a worksheet per form, a document or PDF
with each form starting on a new page, a Markdown file with one 自评结果 per form.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jixiao.cli._common import emit, err, fail, kind_option, note, read_file
from jixiao.cli._help import ChineseCommand
from jixiao.vocabulary import INPUT_TYPES, kind_choices

if TYPE_CHECKING:
    from jixiao.model import Document, Form


class ExportFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"
    docx = "docx"
    pdf = "pdf"
    md = "md"
    report_docx = "report-docx"


class TemplateName(StrEnum):
    wuhan = "wuhan"
    national = "national"


HELP = (
    f"导出绩效表：读取文件（{INPUT_TYPES}），或不给文件时从数据库按条件导出。\n\n"
    "--to json 输出 form-v1 JSON 数组；xlsx 为一个工作簿、每张表一个工作表；docx/pdf 为一个文档、"
    "每张表另起一页；md 与 report-docx 为自评结果（缩略版），每张自评表一份。"
    "多张表总是写入同一个文件；未给 -o 时 json/md 输出到标准输出，其余写到当前目录："
    "表格为“输入文件名-绩效表.xlsx/.docx/.pdf”，自评结果为“输入文件名-自评结果.docx”。"
    "已存在的文件只在加 --force 时覆盖。"
)


def register(app: typer.Typer) -> None:
    app.command("export", cls=ChineseCommand, help=HELP)(export_command)


def export_command(
    file: Path | None = typer.Argument(None, metavar="文件", help="要读取的文件；省略则从数据库导出"),
    to: ExportFormat | None = typer.Option(
        None, "--to", "-t", metavar="格式", help="json、xlsx、docx、pdf、md 或 report-docx"
    ),
    format: ExportFormat | None = typer.Option(None, "--format", "-f", metavar="格式", help="同 --to"),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="文件", help="输出文件"),
    template: TemplateName = typer.Option(
        TemplateName.wuhan,
        "--template",
        metavar="模板",
        help="wuhan（武汉/湖北格式）或 national（财预〔2020〕10号格式）",
    ),
    rules: str | None = typer.Option(
        None, "--rules", metavar="规则", help="自评结果所用的评分规则（默认自动选择）"
    ),
    db: str | None = typer.Option(
        None, "--db", metavar="数据库", help="数据库：SQLite 文件路径或 URL；默认 $JIXIAO_DB 或 ./jixiao.db"
    ),
    unit: str | None = typer.Option(None, "--unit", metavar="单位", help="按单位筛选（数据库导出）"),
    year: int | None = typer.Option(None, "--year", metavar="年度", help="按年度筛选（数据库导出）"),
    kind: str | None = typer.Option(None, "--kind", metavar="类型", help=f"按表类型筛选：{kind_choices()}"),
    grade: str | None = typer.Option(None, "--grade", metavar="等级", help="按等级筛选（优/良/中/差）"),
    has_errors: bool | None = typer.Option(
        None, "--has-errors/--no-errors", help="只导出有/无错误级审核发现的表"
    ),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
) -> None:
    from jixiao.contract import dumps, form_to_contract
    from jixiao.model import Document

    fmt = to or format or ExportFormat.json
    if to is not None and format is not None and to is not format:
        fail("--to 与 --format 不一致，请只给一个")
    if file is not None:
        doc = read_file(file)
        forms = doc.forms
        stem = file.stem
    else:
        forms = _from_db(db, unit=unit, year=year, kind=kind_option(kind), grade=grade, has_errors=has_errors)
        doc = Document(path=db or "数据库", forms=forms)
        stem = "jixiao-export"
    if not forms:
        fail("没有可导出的绩效表")
    if fmt is ExportFormat.json:
        emit(dumps([form_to_contract(f) for f in forms]) + "\n", output, force=force)
        return
    if fmt is ExportFormat.md:
        emit(_markdown_reports(doc, rules), output, force=force)
        return
    target = output or default_name(stem, fmt)
    if file is not None and target.resolve() == file.resolve():
        fail(f"输出文件与输入文件相同：{target}")
    from jixiao.write import OutputExistsError, Template, write_docx, write_pdf, write_xlsx
    from jixiao.write.pdf import PdfError

    tpl = Template(template.value)
    try:
        if fmt is ExportFormat.xlsx:
            write_xlsx(forms, target, tpl, overwrite=force)
        elif fmt is ExportFormat.docx:
            write_docx(forms, target, tpl, overwrite=force)
        elif fmt is ExportFormat.pdf:
            write_pdf(forms, target, tpl, overwrite=force)
        else:
            from jixiao.write.report import write_report_docx

            pairs = _reviewed(doc, rules)
            if not pairs:
                fail("文件中没有自评表，无法生成自评结果")
            write_report_docx(pairs, target, overwrite=force)
            err.print(f"已写入 {len(pairs)} 份自评结果：{target}", highlight=False)
            return
    except (PdfError, OutputExistsError) as e:
        fail(str(e))
    except OSError as e:
        from jixiao._oserror import os_reason

        fail(f"无法写入 {target}：{os_reason(e)}（未留下不完整的文件）")
    note(f"已导出 {len(forms)} 张表：{target}")


def default_name(stem: str, fmt: ExportFormat) -> Path:
    """Distinct names per output, so that forms and reports of one input never collide."""
    if fmt is ExportFormat.report_docx:
        return Path(f"{stem}-自评结果.docx")
    return Path(f"{stem}-绩效表.{fmt.value}")


def _from_db(db: str | None, **filters: object) -> list[Form]:
    try:
        from jixiao.store import export_forms
    except ImportError:
        fail("数据库导出不可用（jixiao.store 未安装或版本过旧）；请给出要导出的文件")
    from jixiao.store import DatabaseError, StoreError, explain

    try:
        return export_forms(db, **filters)  # type: ignore[arg-type]
    except StoreError as e:
        fail(str(e))
    except DatabaseError as e:  # database driver errors: one Chinese line, no traceback
        fail(explain(e))


def _reviewed(doc: Document, rules: str | None) -> list[tuple[Form, object, list]]:
    from jixiao.review import review_document

    try:
        result = review_document(doc, rules)
    except (KeyError, ValueError) as e:
        fail(f"评分规则无效：{e}")
    cards = {c.form: c for c in result.scorecards}
    pairs = []
    for i, form in enumerate(doc.forms):
        if form.kind.is_target:
            continue
        findings = [f for f in result.findings if f.form == i]
        pairs.append((form, cards.get(i), findings))
    return pairs


def _markdown_reports(doc: Document, rules: str | None) -> str:
    from jixiao.write.report import report_markdown

    pairs = _reviewed(doc, rules)
    if not pairs:
        fail("文件中没有自评表，无法生成自评结果")
    return "\n\n---\n\n".join(report_markdown(f, card, findings) for f, card, findings in pairs)  # type: ignore[arg-type]
