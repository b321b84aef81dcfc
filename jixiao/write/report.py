"""The narrative 自评结果（缩略版） of a form, from the form and its review, as Markdown or DOCX.

Every sentence states a figure or a text the form prints, or a result of the rule-set review
(named as such). Where the form is silent the report says 表中未填报 — it never fills a gap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.model import Finding, Form, Scorecard
from jixiao.write._layout import fmt_num, fmt_rate

__all__ = ["Report", "build_report", "report_markdown", "write_report_docx", "write_report_markdown"]

SILENT = "表中未填报"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # a numbered list after the paragraphs


@dataclass
class Report:
    title: str
    sections: list[Section]


def _subject(form: Form) -> str:
    if form.project:
        return form.project
    name = re.sub(r"^\d{4}年度?", "", form.title)
    name = re.sub(r"(项目|部门整体|整体)?(支出)?(绩效)?(自评表|目标表)$", "", name)
    return name or form.unit or form.title


def build_report(form: Form, card: Scorecard | None, findings: Sequence[Finding] = ()) -> Report:
    """The 缩略版 report's sections for one form (``card`` and ``findings`` from its review)."""
    year = f"{form.year}年度" if form.year else ""
    title = f"{year}{_subject(form)}绩效自评结果（缩略版）"
    sections = [_overview(form, card), _budget(form, card), *_goals(form, card)]
    sections.append(_problems(form, findings))
    sections.append(Section("五、下一步改进措施", [form.improvement or f"改进措施：{SILENT}。"]))
    return Report(title, sections)


def _overview(form: Form, card: Scorecard | None) -> Section:
    s = Section("一、自评得分")
    head = []
    if form.unit:
        head.append(f"填报单位：{form.unit}")
    if form.implementer and form.implementer != form.unit:
        head.append(f"实施单位：{form.implementer}")
    if head:
        s.paragraphs.append("；".join(head) + "。")
    if form.total_score is None:
        s.paragraphs.append(f"自评得分：{SILENT}。")
    else:
        grade = f"，等级为“{card.grade_printed}”" if card and card.grade_printed else ""
        s.paragraphs.append(f"自评得分为{fmt_num(form.total_score)}分{grade}。")
    if card and card.total_computed is not None and card.total_computed != form.total_score:
        grade = f"（{card.grade_computed}）" if card.grade_computed else ""
        s.paragraphs.append(
            f"按{_rule_title(card.rule_set)}复核，得分应为{fmt_num(card.total_computed)}分{grade}，"
            "与表中所填不一致，详见“存在的问题和原因”。"
        )
    return s


def _rule_title(name: str) -> str:
    from jixiao.score.rules import RuleSetError, load_rule_set

    try:
        return load_rule_set(name).title
    except RuleSetError:
        return f"{name}评分规则"


def _budget(form: Form, card: Scorecard | None) -> Section:
    s = Section("二、预算执行情况")
    b = form.budget
    if b is None:
        s.paragraphs.append(f"预算执行情况：{SILENT}。")
        return s
    amounts = []
    amounts.append(f"预算数{fmt_num(b.planned)}万元" if b.planned is not None else f"预算数{SILENT}")
    amounts.append(f"执行数{fmt_num(b.executed)}万元" if b.executed is not None else f"执行数{SILENT}")
    if b.rate is not None:
        amounts.append(f"执行率{fmt_rate(b.rate)}")
    elif b.planned and b.executed is not None:
        amounts.append(
            f"执行率{SILENT}（按预算数和执行数计算为{fmt_rate(round(b.executed / b.planned, 4))}）"
        )
    else:
        amounts.append(f"执行率{SILENT}")
    s.paragraphs.append("，".join(amounts) + "。")
    if b.score is not None:
        weight = f"（满分{fmt_num(b.weight)}分）" if b.weight is not None else ""
        s.paragraphs.append(f"预算执行得分{fmt_num(b.score)}分{weight}。")
    return s


def _goals(form: Form, card: Scorecard | None) -> list[Section]:
    done = Section("三、完成的绩效目标")
    undone = Section("四、未完成的绩效目标")
    if form.overall_goal is not None and form.overall_goal.actual:
        done.paragraphs.append(f"项目绩效总目标全年实际完成情况：{form.overall_goal.actual}")
    by_name: dict[tuple[str, str], object] = {}
    if card is not None:
        by_name = {(e.goal, e.indicator): e for e in card.indicators}
    unknown: list[str] = []
    for goal, ind in form.indicators():
        entry = by_name.get((goal.name, ind.name))
        target = ind.target or SILENT
        actual = ind.actual or SILENT
        where = f"{goal.name}·" if len(form.goals) > 1 else ""
        line = f"{where}{ind.name}：目标值{target}，实际完成值{actual}"
        if ind.score is not None:
            line += f"，得分{fmt_num(ind.score)}"
            if ind.weight is not None:
                line += f"/{fmt_num(ind.weight)}"
        outcome = getattr(entry, "outcome", "unknown")
        if outcome == "met":
            done.items.append(line + "。")
        elif outcome in ("partly", "not_met"):
            reason = getattr(entry, "reason", "")
            label = "部分完成" if outcome == "partly" else "未完成"
            undone.items.append(f"{line}（{label}：{reason}）。" if reason else f"{line}（{label}）。")
        else:
            unknown.append(line + "。")
    if not done.items and not done.paragraphs:
        done.paragraphs.append("表中没有可判定为已完成的绩效指标。")
    if not undone.items:
        undone.paragraphs.append("按表中目标值与实际完成值，未发现未完成的绩效指标。")
    if unknown:
        undone.paragraphs.append(f"以下{len(unknown)}项指标表中信息不足，无法判断是否完成：")
        undone.items.extend(unknown)
    return [done, undone]


def _problems(form: Form, findings: Sequence[Finding]) -> Section:
    s = Section("存在的问题和原因")
    s.paragraphs.append(
        f"表中填报的偏差原因：{form.deviation_reason}"
        if form.deviation_reason
        else f"偏差原因分析：{SILENT}。"
    )
    serious = [f for f in findings if f.severity in ("error", "warning")]
    if serious:
        s.paragraphs.append(f"复核发现的问题（{len(serious)}项）：")
        for f in serious:
            where = "，".join(x for x in (f.goal, f.indicator) if x)
            level = "错误" if f.severity == "error" else "提示"
            s.items.append(f"[{level}] {where + '：' if where else ''}{f.message}")
    else:
        s.paragraphs.append("按评分规则复核，未发现需要更正的问题。")
    return s


# ------------------------------------------------------------------------------ renderers


def _numbered(sections: list[Section]) -> list[Section]:
    """Headings numbered in print order (一、二、…), whatever they were built with."""
    digits = "一二三四五六七八九十"
    out = []
    for k, s in enumerate(sections):
        name = re.sub(r"^[一二三四五六七八九十]+、", "", s.heading)
        out.append(Section(f"{digits[k]}、{name}", s.paragraphs, s.items))
    return out


def report_markdown(report: Report) -> str:
    lines = [f"# {report.title}", ""]
    for s in _numbered(report.sections):
        lines += [f"## {s.heading}", ""]
        for p in s.paragraphs:
            lines += [p, ""]
        if s.items:
            lines += [f"{k}. {item}" for k, item in enumerate(s.items, start=1)]
            lines.append("")
    return "\n".join(lines)


def write_report_markdown(reports: Sequence[Report], path: str | Path) -> Path:
    from jixiao.write._files import atomic_write_text

    return atomic_write_text(Path(path), "\n\n".join(report_markdown(r) for r in reports))


def write_report_docx(reports: Sequence[Report], path: str | Path) -> Path:
    """One report per page run, 宋体 body and 黑体-style bold headings."""
    from docx import Document as new_document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    from jixiao.write.docx import save_docx, set_run_font

    doc = new_document()
    for k, report in enumerate(reports):
        title = doc.add_paragraph()
        if k:
            title.add_run().add_break(WD_BREAK.PAGE)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(title.add_run(report.title), 16, bold=True)
        for s in _numbered(report.sections):
            h = doc.add_paragraph()
            h.paragraph_format.space_before = Pt(8)
            set_run_font(h.add_run(s.heading), 12, bold=True)
            for text in s.paragraphs:
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(24)
                set_run_font(p.add_run(text), 12)
            for n, item in enumerate(s.items, start=1):
                p = doc.add_paragraph()
                p.paragraph_format.left_indent = Pt(24)
                set_run_font(p.add_run(f"{n}. {item}"), 12)
    return save_docx(doc, path)
