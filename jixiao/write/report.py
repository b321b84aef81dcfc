"""The narrative 自评结果（缩略版）of a self-evaluation form, from the form and its review.

Every sentence states a value the form prints or a result of the review (scorecard outcomes,
findings); where the form is silent the report says 表中未填报 instead of inventing a fact.
One content model (``ReportContent``) is rendered as Markdown and as DOCX.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.model import Finding, Form, Scorecard
from jixiao.vocabulary import rule_set_title
from jixiao.write._files import write_text
from jixiao.write._page import fmt_money, fmt_num, fmt_percent

__all__ = ["ReportContent", "report_content", "report_markdown", "write_report_docx", "write_report_markdown"]

SILENT = "表中未填报"
_LIST_MAX = 8  # beyond this many completed indicators, name them without values
_EMPTY = {"", "无", "/", "-", "—", "无。"}


@dataclass
class Section:
    heading: str
    level: int  # 2 = 一、 3 = （一）
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ReportContent:
    title: str
    version: str
    sections: list[Section]


def report_title(form: Form) -> str:
    title = re.sub(r"(绩效)?自评表$", "", form.title.strip())
    return f"{title}自评结果"


def _blank(text: str | None) -> bool:
    return text is None or text.strip() in _EMPTY


def report_content(form: Form, card: Scorecard | None, findings: Sequence[Finding]) -> ReportContent:
    """What the 缩略版 says, section by section (一、自评结论 with its four parts)."""
    s1 = Section("一、自评结论", 2)
    # (一) 自评得分
    score = Section("（一）自评得分", 3)
    if form.total_score is not None:
        line = f"{form.title}填报的自评得分为{fmt_num(form.total_score)}分"
        if card is not None and card.grade_printed:
            line += f"，等级为“{card.grade_printed}”"
        score.paragraphs.append(line + "。")
    else:
        score.paragraphs.append(f"自评得分：{SILENT}。")
    if card is not None and card.total_computed is not None and card.total_computed != form.total_score:
        line = f"按“{rule_set_title(card.rule_set)}”复核，得分应为{fmt_num(round(card.total_computed, 2))}分"
        if card.grade_computed:
            line += f"，等级为“{card.grade_computed}”"
        score.paragraphs.append(line + "。")
    # (二) 绩效目标完成情况
    done = Section("（二）绩效目标完成情况", 3)
    done.paragraphs.append("1. 执行率情况。" + _budget_sentence(form))
    met, unmet, unknown = _outcomes(form, card)
    total = len(met) + len(unmet) + len(unknown)
    if len(met) > _LIST_MAX:
        names = "、".join(m.partition("（")[0] for m in met[:_LIST_MAX])
        done.paragraphs.append(
            f"2. 完成的绩效目标。表中{total}项绩效指标中{len(met)}项已完成，包括{names}等。"
        )
    elif met:
        done.paragraphs.append("2. 完成的绩效目标。" + "；".join(met) + "。")
    else:
        done.paragraphs.append("2. 完成的绩效目标。表中没有可判定为已完成的绩效指标。")
    if unmet:
        done.paragraphs.append("3. 未完成的绩效目标。" + "；".join(unmet) + "。")
    elif unknown:
        done.paragraphs.append(
            f"3. 未完成的绩效目标。另有{len(unknown)}项指标表中信息不足，无法判定是否完成："
            + "、".join(unknown)
            + "。"
        )
    else:
        done.paragraphs.append("3. 未完成的绩效目标。无未完成的绩效目标。")
    # (三) 存在的问题和原因
    problems = Section("（三）存在的问题和原因", 3)
    if not _blank(form.deviation_reason):
        problems.paragraphs.append(f"表中填报的偏差原因分析：{form.deviation_reason}")
    serious = [f for f in findings if f.severity in ("error", "warning")]
    for f in serious:
        where = "、".join(x for x in (f.goal, f.indicator) if x)
        kind = "错误" if f.severity == "error" else "问题"
        problems.paragraphs.append(
            f"审核发现的{kind}：{where + '：' if where else ''}{f.message}。".replace("。。", "。")
        )
    if not problems.paragraphs:
        reason = "表中偏差原因分析填报为“无”" if form.deviation_reason else f"偏差原因分析{SILENT}"
        problems.paragraphs.append(f"{reason}，审核未发现错误或需要说明的问题。")
    # (四) 下一步改进措施
    nxt = Section("（四）下一步拟改进措施", 3)
    if _blank(form.improvement):
        nxt.paragraphs.append(
            f"改进措施及结果应用方案：{SILENT if form.improvement is None else '表中填报为“无”'}。"
        )
    else:
        nxt.paragraphs.append(form.improvement or "")
    return ReportContent(report_title(form), "缩略版", [s1, score, done, problems, nxt])


def _budget_sentence(form: Form) -> str:
    b = form.budget
    if b is None:
        return f"预算执行情况{SILENT}。"
    parts = []
    parts.append(f"预算数{fmt_money(b.planned)}万元" if b.planned is not None else f"预算数{SILENT}")
    parts.append(f"执行数{fmt_money(b.executed)}万元" if b.executed is not None else f"执行数{SILENT}")
    parts.append(f"预算执行率{fmt_percent(b.rate)}" if b.rate is not None else f"执行率{SILENT}")
    if b.score is not None:
        parts.append(
            f"预算执行得分{fmt_num(b.score)}分" + (f"（分值{fmt_num(b.weight)}分）" if b.weight else "")
        )
    return "，".join(parts) + "。"


def _outcomes(form: Form, card: Scorecard | None) -> tuple[list[str], list[str], list[str]]:
    """Indicators met / not met (with printed target and actual) / not decidable from the form."""
    outcome = {}
    if card is not None:
        for s in card.indicators:
            outcome.setdefault((s.goal, s.indicator), s.outcome)
    met, unmet, unknown = [], [], []
    for goal, ind in form.indicators():
        o = outcome.get((goal.name, ind.name), "unknown")
        desc = ind.name
        values = []
        if ind.target:
            values.append(f"目标值{ind.target}")
        values.append(f"实际完成{ind.actual}" if ind.actual else f"实际完成值{SILENT}")
        desc += "（" + "，".join(values) + "）"
        if o == "met":
            met.append(desc)
        elif o in ("partly", "not_met"):
            unmet.append(desc + ("，部分完成" if o == "partly" else "，未完成"))
        else:
            unknown.append(ind.name)
    return met, unmet, unknown


def report_markdown(form: Form, card: Scorecard | None, findings: Sequence[Finding]) -> str:
    c = report_content(form, card, findings)
    lines = [f"# {c.title}", "", f"（{c.version}）", ""]
    for s in c.sections:
        lines.append("#" * s.level + " " + s.heading)
        lines.append("")
        for p in s.paragraphs:
            lines.append(p)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_report_markdown(
    items: Sequence[tuple[Form, Scorecard | None, Sequence[Finding]]],
    path: str | Path,
    *,
    overwrite: bool = True,
) -> Path:
    text = "\n---\n\n".join(report_markdown(*item) for item in items)
    return write_text(path, text, overwrite=overwrite)


def write_report_docx(
    items: Sequence[tuple[Form, Scorecard | None, Sequence[Finding]]],
    path: str | Path,
    *,
    overwrite: bool = True,
) -> Path:
    """The reports as one Word document, each starting on a new page (仿宋 body, 黑体 headings)."""
    from docx import Document as new_document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from jixiao.write.docx import save_docx, set_run_font

    doc = new_document()
    for k, item in enumerate(items):
        section = doc.sections[0] if k == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.8)
        section.top_margin = section.bottom_margin = Cm(3.0)
        c = report_content(*item)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(p.add_run(c.title), 18, bold=True, name="黑体")
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(p.add_run(f"（{c.version}）"), 14, name="楷体")
        for s in c.sections:
            h = doc.add_paragraph()
            h.paragraph_format.space_before = Pt(6)
            h.paragraph_format.first_line_indent = Pt(28)
            set_run_font(h.add_run(s.heading), 14, bold=True, name="黑体" if s.level == 2 else "楷体")
            for text in s.paragraphs:
                para = doc.add_paragraph()
                para.paragraph_format.first_line_indent = Pt(28)
                para.paragraph_format.line_spacing = Pt(26)
                set_run_font(para.add_run(text), 14, name="仿宋")
    return save_docx(doc, path, overwrite=overwrite)
