"""The full 自评结果（摘要版）: the 自评结论 of the 缩略版 plus the 佐证材料 the seeds print.

Sections as the seeds print them: 一、自评结论 （一）–（四）; 二、佐证材料 （一）基本情况
(1. 立项目的和年度绩效目标, 2. 资金情况), （二）部门自评工作开展情况, （三）绩效目标完成情况分析
(1. 预算执行情况分析, 2. 绩效目标完成情况分析: 产出/效益/满意度), （四）上年度自评结果应用情况,
（五）其他佐证材料.

Every sentence comes from the form, its review, or the narrative facts the user supplies
(``ReportFacts``, a YAML/JSON file); a section nobody supplied says 未提供 and is listed in
``FullReport.missing`` — never an invented fact.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from jixiao.model import Finding, Form, Scorecard
from jixiao.score.scorecard import budget_rate
from jixiao.write._page import fmt_money, fmt_num, fmt_percent
from jixiao.write.report import SILENT, ReportContent, Section, report_content, report_title

__all__ = [
    "FactsError",
    "FullReport",
    "ReportFacts",
    "full_report",
    "full_report_markdown",
    "load_facts",
    "write_full_report_docx",
    "write_full_report_markdown",
]

MISSING = "未提供"

# Facts file keys and the section each fills, for messages and the template.
FACT_SECTIONS = {
    "purpose": "立项目的和年度绩效目标",
    "funds": "资金情况",
    "work": "部门自评工作开展情况",
    "budget_analysis": "预算执行情况分析",
    "output_analysis": "产出指标完成情况分析",
    "benefit_analysis": "效益指标完成情况分析",
    "satisfaction_analysis": "满意度指标完成情况分析",
    "problems": "存在的问题和原因",
    "improvements": "下一步拟改进措施",
    "last_year": "上年度自评结果应用情况",
    "evidence": "其他佐证材料",
}


class FactsError(ValueError):
    """A facts file that cannot be used; ``str()`` names the file and the key, in Chinese."""


class ReportFacts(BaseModel):
    """Narrative facts the form does not hold; each a paragraph or a list of paragraphs."""

    model_config = ConfigDict(extra="forbid")

    purpose: list[str] = []
    funds: list[str] = []
    work: list[str] = []
    budget_analysis: list[str] = []
    output_analysis: list[str] = []
    benefit_analysis: list[str] = []
    satisfaction_analysis: list[str] = []
    problems: list[str] = []
    improvements: list[str] = []
    last_year: list[str] = []
    evidence: list[str] = []

    @field_validator("*", mode="before")
    @classmethod
    def _paragraphs(cls, v: object) -> object:
        if v is None:
            return []
        if isinstance(v, str):
            return [p.strip() for p in v.split("\n\n") if p.strip()]
        if isinstance(v, list):
            return [str(p).strip() for p in v if p is not None and str(p).strip()]
        return v


def load_facts(path: str | Path) -> ReportFacts:
    """Read a facts file (.yaml/.yml/.json); ``FactsError`` with the file and key on bad input."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise FactsError(f"{p}：无法读取（{e.strerror or e}）") from None
    except UnicodeDecodeError:
        raise FactsError(f"{p}：不是 UTF-8 编码的文本文件") from None
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as e:
        raise FactsError(f"{p}：格式错误（{str(e).splitlines()[0]}）") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FactsError(f"{p}：应为键值映射（{'、'.join(FACT_SECTIONS)}）")
    try:
        return ReportFacts.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            key = ".".join(str(x) for x in err["loc"])
            if err["type"] == "extra_forbidden":
                problems.append(f"未知的键“{key}”（可用：{'、'.join(FACT_SECTIONS)}）")
            else:
                problems.append(f"“{key}”应为一段文字或文字列表")
        raise FactsError(f"{p}：" + "；".join(problems)) from None


@dataclass
class FullReport:
    content: ReportContent
    missing: list[str] = field(default_factory=list)  # sections no fact and no form value filled


def _level1_group(level1: str | None) -> str:
    text = level1 or ""
    if "满意" in text:
        return "satisfaction"
    if "效益" in text:
        return "benefit"
    if "产出" in text or "成本" in text:
        return "output"
    return ""


_OUTCOME = {"met": "已完成", "partly": "部分完成", "not_met": "未完成"}


def _indicator_lines(form: Form, card: Scorecard | None, group: str) -> tuple[list[str], dict[str, int]]:
    """One sentence per indicator of a 一级 group, and how many are 已完成/部分完成/未完成."""
    tally: dict[str, int] = {}
    outcome = {}
    if card is not None:
        for s in card.indicators:
            outcome.setdefault((s.goal, s.indicator), s.outcome)
    lines = []
    for goal, ind in form.indicators():
        if _level1_group(ind.level1) != group:
            continue
        parts = [f"{ind.level2 + '“' if ind.level2 else '“'}{ind.name}”"]
        parts.append(f"年初目标值{ind.target}" if ind.target else f"年初目标值{SILENT}")
        parts.append(f"实际完成值{ind.actual}" if ind.actual else f"实际完成值{SILENT}")
        o = outcome.get((goal.name, ind.name))
        if o in _OUTCOME:
            parts.append(_OUTCOME[o])
            tally[_OUTCOME[o]] = tally.get(_OUTCOME[o], 0) + 1
        if ind.score is not None:
            parts.append(
                f"得分{fmt_num(ind.score)}分" + (f"（分值{fmt_num(ind.weight)}分）" if ind.weight else "")
            )
        lines.append("，".join(parts))
    return lines, tally


def full_report(
    form: Form, card: Scorecard | None, findings: Sequence[Finding], facts: ReportFacts | None = None
) -> FullReport:
    """The 摘要版 content of one self-evaluation form: its 自评结论 and 佐证材料."""
    facts = facts or ReportFacts()
    missing: list[str] = []
    short = report_content(form, card, findings)
    head, score, done, problems, nxt = short.sections
    sections: list[Section] = [head, score, done]
    # (三) 存在的问题和原因: the user's account first, then what the form and the review say.
    problems = Section(problems.heading, 3, [*facts.problems, *problems.paragraphs])
    sections.append(problems)
    if facts.improvements:
        nxt = Section(nxt.heading, 3, list(facts.improvements))
    sections.append(nxt)

    department = form.kind.is_department
    sections.append(Section("二、佐证材料", 2))
    sections.append(Section("（一）基本情况", 3))
    purpose_title = "1. 部门职能和年度整体绩效目标" if department else "1. 项目立项目的和年度绩效目标"
    purpose = list(facts.purpose)
    goals = [f"{g.name}：{g.text}" for g in form.goals if g.text]
    if form.overall_goal is not None and form.overall_goal.target:
        goals.insert(0, f"年初设定的总体目标：{form.overall_goal.target}")
    if goals:
        purpose.append("表中填报的年度绩效目标：" + "；".join(goals) + "。")
    if not purpose:
        purpose = [f"{MISSING}。"]
        missing.append(FACT_SECTIONS["purpose"])
    sections.append(Section(purpose_title, 4, purpose))
    funds = list(facts.funds)
    b = form.budget
    if b is not None and b.planned is not None:
        line = f"表中填报的预算数为{fmt_money(b.planned)}万元"
        if b.executed is not None:
            line += f"，执行数为{fmt_money(b.executed)}万元"
        funds.append(line + "。")
    if not facts.funds:
        missing.append(FACT_SECTIONS["funds"])
    if not funds:
        funds = [f"{MISSING}。"]
    sections.append(Section("2. 部门资金情况" if department else "2. 项目资金情况", 4, funds))

    work = list(facts.work) or [f"{MISSING}。"]
    if not facts.work:
        missing.append(FACT_SECTIONS["work"])
    sections.append(Section("（二）部门自评工作开展情况", 3, work))

    sections.append(Section("（三）绩效目标完成情况分析", 3))
    budget = [*_budget_analysis(form, findings), *facts.budget_analysis]
    _, printed_rate = budget_rate(form)
    if printed_rate is not None and printed_rate < 1 - 1e-9 and not facts.budget_analysis:
        if form.deviation_reason and form.deviation_reason.strip() not in ("无", "/", "-", "无。"):
            budget.append(f"表中填报的偏差原因：{form.deviation_reason}")
        else:
            missing.append("预算未全部执行的原因")
    sections.append(Section("1. 预算执行情况分析", 4, budget))
    sections.append(Section("2. 绩效目标完成情况分析", 4))
    for n, (group, label) in enumerate(
        (("output", "产出指标"), ("benefit", "效益指标"), ("satisfaction", "满意度指标")), start=1
    ):
        lines, tally = _indicator_lines(form, card, group)
        told = getattr(facts, f"{group}_analysis")
        body = []
        if lines:
            counted = "、".join(f"{word}{tally[word]}项" for word in _OUTCOME.values() if tally.get(word))
            head_line = f"表中{label}共{len(lines)}项" + (f"，其中{counted}" if counted else "") + "。"
            body.append(head_line + "；".join(lines) + "。")
        else:
            body.append(f"表中未设{label}。")
        body.extend(told)
        sections.append(Section(f"（{n}）{label}完成情况分析", 5, body))
    last = list(facts.last_year) or [f"{MISSING}。"]
    if not facts.last_year:
        missing.append(FACT_SECTIONS["last_year"])
    title = (
        "（四）上年度部门（单位）整体自评结果应用情况" if department else "（四）上年度部门自评结果应用情况"
    )
    sections.append(Section(title, 3, last))
    evidence = list(facts.evidence) or [f"{MISSING}。"]
    if not facts.evidence:
        missing.append(FACT_SECTIONS["evidence"])
    sections.append(Section("（五）其他佐证材料", 3, evidence))
    return FullReport(ReportContent(report_title(form), "摘要版", sections), missing)


def _budget_analysis(form: Form, findings: Sequence[Finding]) -> list[str]:
    b = form.budget
    if b is None or (b.planned is None and b.executed is None):
        return [f"预算执行情况{SILENT}。"]
    computed, printed = budget_rate(form)
    parts = []
    if b.planned is not None:
        parts.append(f"预算数{fmt_money(b.planned)}万元")
    if b.executed is not None:
        parts.append(f"实际执行{fmt_money(b.executed)}万元")
    rate = printed if printed is not None else computed
    if rate is not None:
        parts.append(f"预算执行率{fmt_percent(rate)}")
    line = "，".join(parts) + "。"
    if b.score is not None:
        line += (
            f"预算执行得分{fmt_num(b.score)}分"
            + (f"（分值{fmt_num(b.weight)}分）" if b.weight else "")
            + "。"
        )
    for f in findings:  # what the review found in the budget block, in its own words
        if f.code.startswith("budget."):
            line += f"审核发现：{f.message.rstrip('。')}。"
    return [line]


# --- rendering -----------------------------------------------------------------------------------


def full_report_markdown(report: FullReport) -> str:
    c = report.content
    lines = [f"# {c.title}", "", f"（{c.version}）", ""]
    for s in c.sections:
        lines.append("#" * min(s.level, 6) + " " + s.heading)
        lines.append("")
        for p in s.paragraphs:
            lines.extend([p, ""])
    return "\n".join(lines).rstrip() + "\n"


def write_full_report_markdown(reports: Sequence[FullReport], path: str | Path) -> Path:
    out = Path(path)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text("\n---\n\n".join(full_report_markdown(r) for r in reports), encoding="utf-8")
    tmp.replace(out)
    return out


def write_full_report_docx(reports: Sequence[FullReport], path: str | Path) -> Path:
    """The reports as one Word document, each from a new page: 黑体 title and 一、 headings,
    楷体 （一） headings, 仿宋 body, as the seeds' 自评结果 print."""
    from docx import Document as new_document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from jixiao.write.docx import save_docx, set_run_font

    doc = new_document()
    for k, report in enumerate(reports):
        section = doc.sections[0] if k == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.8)
        section.top_margin = section.bottom_margin = Cm(3.0)
        c = report.content
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
            h.paragraph_format.keep_with_next = True  # a heading never ends a page
            font = {2: "黑体", 3: "楷体"}.get(s.level, "仿宋")
            set_run_font(h.add_run(s.heading), 14, bold=s.level <= 4, name=font)
            for text in s.paragraphs:
                para = doc.add_paragraph()
                para.paragraph_format.first_line_indent = Pt(28)
                para.paragraph_format.line_spacing = Pt(26)
                set_run_font(para.add_run(text), 14, name="仿宋")
    return save_docx(doc, path)
