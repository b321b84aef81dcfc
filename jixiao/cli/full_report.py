"""``jixiao report``: the 自评结果（摘要版）with its 佐证材料, from a form, its review and a facts file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli._common import err, fail, note
from jixiao.cli._console import escape

if TYPE_CHECKING:
    pass

from jixiao.cli._cycle_io import (
    read_files,
    write_text,
)

FORM_HELP = "只生成其中一张：jixiao parse --format table 所列的序号 #；默认全部自评表"


def register(app: typer.Typer) -> None:
    app.command("report", help=REPORT_HELP)(report_command)


# --- report --------------------------------------------------------------------------------------

REPORT_HELP = (
    "生成自评结果（摘要版，含佐证材料），DOCX 或 Markdown。\n\n"
    "内容：一、自评结论（得分、目标完成情况、存在的问题和原因、改进措施）和二、佐证材料"
    "（基本情况、资金情况、部门自评工作开展情况、预算执行情况分析、绩效目标完成情况分析……）。"
    "表中已有的数据和审核结果自动写入；表中没有的叙述（如自评工作开展情况）由 --facts 文件（YAML/JSON）提供，"
    "未提供的部分注明“未提供”，决不编造。--facts-template 输出一份空白的叙述事实文件。"
)

FACTS_TEMPLATE = """\
# 自评结果（摘要版）叙述事实：只填写表中没有的事实；每项可写一段文字，或多段（列表）。
# 未填写的部分，报告中注明“未提供”。
purpose:            # 项目立项目的和年度绩效目标（部门：部门职能和年度整体绩效目标）
funds:              # 资金情况：资金结构、投向、用途、分配方式
work:               # 部门自评工作开展情况：准备、实施、总结各阶段
budget_analysis:    # 预算执行情况分析：未全部执行的原因等
output_analysis:    # 产出指标完成情况分析（补充）
benefit_analysis:   # 效益指标完成情况分析（补充）
satisfaction_analysis:  # 满意度指标完成情况分析（补充）
problems:           # 存在的问题和原因（列在表中偏差原因和审核发现之前）
improvements:       # 下一步拟改进措施（不填则用表中“改进措施及结果应用方案”）
last_year:          # 上年度自评结果应用情况
evidence:           # 其他佐证材料
"""


class ReportFormat(StrEnum):
    md = "md"
    docx = "docx"


def report_command(
    file: Annotated[Path | None, typer.Argument(help="含自评表的文件")] = None,
    facts: Annotated[Path | None, typer.Option("--facts", help="叙述事实文件（.yaml/.json）")] = None,
    select: Annotated[int | None, typer.Option("--form", help=FORM_HELP)] = None,
    to: Annotated[ReportFormat, typer.Option("--to", "-t", help="md 或 docx")] = ReportFormat.md,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件；md 默认输出到屏幕")] = None,
    rules: Annotated[str | None, typer.Option("--rules", help="评分规则（默认自动选择）")] = None,
    facts_template: Annotated[
        bool, typer.Option("--facts-template", help="输出空白的叙述事实文件后退出")
    ] = False,
) -> None:
    if facts_template:
        write_text(FACTS_TEMPLATE, output)
        return
    if file is None:
        fail("请给出含自评表的文件")
    from jixiao.review import review_document
    from jixiao.score.rules import RuleSetError
    from jixiao.write.report_full import (
        FactsError,
        full_report,
        full_report_markdown,
        load_facts,
        write_full_report_docx,
    )

    try:
        given = load_facts(facts) if facts is not None else None
    except FactsError as e:
        fail(str(e))
    [(_, doc)] = read_files([file])
    try:
        result = review_document(doc, rules)
    except RuleSetError as e:
        fail(str(e))
    evaluations = [n for n, f in enumerate(doc.forms) if not f.kind.is_target]
    if select is not None:
        if not 0 <= select < len(doc.forms):
            fail(
                f"--form {select} 超出范围（{file} 中共 {len(doc.forms)} 张表，序号 0–{len(doc.forms) - 1}）"
            )
        if doc.forms[select].kind.is_target:
            fail(f"{file} 中第 {select} 号表是绩效目标表，自评结果只能由自评表生成")
        evaluations = [select]
    if not evaluations:
        fail(f"{file} 中没有自评表，无法生成自评结果")
    reports = [
        full_report(doc.forms[n], result.scorecards[n], [f for f in result.findings if f.form == n], given)
        for n in evaluations
    ]
    for r in reports:
        if r.missing:
            err.print(
                f"[yellow]提示[/]：“{escape(r.content.title)}”未提供：{'、'.join(r.missing)}", highlight=False
            )
    if to is ReportFormat.md:
        write_text("\n---\n\n".join(full_report_markdown(r) for r in reports), output)
        return
    target = output or file.with_name(f"{file.stem}-自评结果（摘要版）.docx")
    try:
        write_full_report_docx(reports, target)
    except OSError as e:
        fail(f"无法写入 {target}：{e.strerror or e}")
    note(f"已写入 {target}")
