"""One page model for review output, shown as text (Rich) or as one standalone HTML page.

``build_page`` turns reviewed documents into plain dataclasses (``ReviewPage``); the HTML
template and the text report both read only this model (datasette's documented template
context), so what a reviewer sees in either is the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment, select_autoescape
from rich.console import Console
from rich.text import Text

from jixiao._wrap import wrap_text
from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.review import ReviewResult
from jixiao.review.catalogue import CATALOGUE, fmt, fmt_pct
from jixiao.vocabulary import finding_rule, kind_name, rule_set_title, severity_name

__all__ = [
    "FindingView",
    "FormView",
    "ReviewPage",
    "Row",
    "build_page",
    "form_views",
    "render_html",
    "render_text",
]

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


@dataclass
class FindingView:
    severity: str
    severity_label: str
    code: str
    title: str
    message: str
    rule: str
    where: str
    advice: str = ""  # 整改建议 of the finding's type


@dataclass
class Row:
    """One printed row of the form: budget, overall goal, goal heading or indicator."""

    kind: str  # budget / overall / goal / indicator
    cells: list[str]
    printed: str = ""
    computed: str = ""
    findings: list[FindingView] = field(default_factory=list)


@dataclass
class FormView:
    file: str
    file_name: str
    index: int
    title: str
    kind: str  # the printed form title of the kind: 项目支出绩效自评表
    kind_name: str  # its short name in lists: 项目自评
    rule_set: str  # the rule set's Chinese title
    total_printed: str
    total_computed: str
    grade_printed: str
    grade_computed: str
    errors: int
    warnings: int
    infos: int
    is_target: bool = False  # 绩效目标表: 指标值 and 确定依据 instead of actual and scores
    form_findings: list[FindingView] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"f{abs(hash((self.file, self.index))) % 10**8}-{self.index}"


@dataclass
class ReviewPage:
    title: str
    generated: str
    files: list[str]
    forms: list[FormView]

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.forms)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.forms)

    @property
    def infos(self) -> int:
        return sum(f.infos for f in self.forms)


def _view(f: Finding, rule_set: str, form: Form) -> FindingView:
    kind = CATALOGUE.get(f.code)
    where = " / ".join(x for x in (f.goal, f.indicator) if x)
    return FindingView(
        severity=f.severity,
        severity_label=severity_name(f.severity),
        code=f.code,
        title=kind.title if kind else f.code,
        message=f.message,
        rule=finding_rule(f.code, rule_set, form.kind),
        where=where,
        advice=kind.advice if kind else "",
    )


def _form_view(path: str, index: int, form: Form, card: Scorecard, findings: list[Finding]) -> FormView:
    view = FormView(
        file=path,
        file_name=Path(path).name,
        index=index,
        title=form.title,
        kind=form.kind.label,
        kind_name=kind_name(form.kind),
        rule_set=rule_set_title(card.rule_set),
        total_printed=fmt(card.total_printed) if card.total_printed is not None else "—",
        total_computed=(
            fmt(card.total_computed)
            if card.total_computed is not None
            else "无法复核"  # the weights do not add up to the rules' points: no total, no grade
            if card.total_printed is not None and not form.kind.is_target
            else "—"
        ),
        grade_printed=card.grade_printed or "—",
        grade_computed=card.grade_computed or "—",
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
        infos=sum(f.severity == "info" for f in findings),
        is_target=form.kind.is_target,
    )
    placed: set[int] = set()

    def take(pred: object) -> list[FindingView]:
        out = []
        for n, f in enumerate(findings):
            if n not in placed and pred(f):  # type: ignore[operator]
                placed.add(n)
                out.append(_view(f, card.rule_set, form))
        return out

    b = form.budget
    if b is not None and not form.kind.is_target:
        view.rows.append(
            Row(
                "budget",
                [
                    f"预算执行情况（{fmt(b.weight)}分）",
                    f"预算数 {fmt(b.planned)}",
                    f"执行数 {fmt(b.executed)}",
                    f"执行率 {fmt_pct(b.rate)}",
                ],
                printed=fmt(b.score),
                computed=fmt(card.budget_computed),
                findings=take(lambda f: f.code.startswith("budget.")),
            )
        )
    og = form.overall_goal
    if og is not None:
        view.rows.append(
            Row(
                "overall",
                [f"项目绩效总目标（{fmt(og.weight)}分）", og.target or "", og.actual or ""],
                printed=fmt(og.score),
                findings=take(lambda f: f.goal == "项目绩效总目标"),
            )
        )
    scores = iter(card.indicators)
    for goal, gs in zip(form.goals, card.goals, strict=False):
        view.rows.append(
            Row(
                "goal",
                [
                    goal.name + (f"（{fmt(goal.weight)}分）" if goal.weight is not None else ""),
                    goal.text or "",
                ],
                printed=fmt(gs.printed) if gs.printed is not None else "",
                computed=fmt(gs.computed) if gs.computed is not None else "",
                findings=take(lambda f, g=goal.name: f.goal == g and f.indicator is None),
            )
        )
        for ind in goal.indicators:
            score = next(scores, None)
            computed = ""
            if score is not None:
                if score.computed is not None:
                    computed = fmt(score.computed)
                elif score.low is not None and score.high is not None:
                    computed = f"{fmt(score.low)}–{fmt(score.high)}"
            weight = fmt(score.weight) if score is not None and score.weight is not None else ""
            if score is not None and score.weight_inferred:
                weight += "（推定）"
            view.rows.append(
                Row(
                    "indicator",
                    [ind.level1 or "", ind.level2 or "", ind.name, ind.target or "", ind.basis or ""]
                    if form.kind.is_target
                    else [
                        ind.level1 or "",
                        ind.level2 or "",
                        ind.name,
                        weight,
                        ind.target or "",
                        ind.actual or "",
                    ],
                    printed=fmt(ind.score) if ind.score is not None else "",
                    computed=computed,
                    findings=take(lambda f, g=goal.name, i=ind.name: f.goal == g and f.indicator == i),
                )
            )
    view.form_findings = take(lambda f: True)
    return view


def build_page(
    entries: list[tuple[str, Document, ReviewResult]], title: str = "绩效自评审核报告"
) -> ReviewPage:
    """The page model for a list of (path, document, review result)."""
    forms: list[FormView] = []
    for path, doc, result in entries:
        forms.extend(form_views(path, doc, result))
    return ReviewPage(
        title=title,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        files=[p for p, _, _ in entries],
        forms=forms,
    )


def form_views(path: str, doc: Document, result: ReviewResult) -> list[FormView]:
    """The views of one reviewed document: what the page keeps of it once it is read (a
    command reviewing many files keeps these, not the documents)."""
    by_form: dict[int | None, list[Finding]] = {}
    for f in result.findings:  # grouped once: filtering all findings per form is quadratic
        by_form.setdefault(f.form, []).append(f)
    return [
        _form_view(path, index, form, card, by_form.get(index, []))
        for index, (form, card) in enumerate(zip(doc.forms, result.scorecards, strict=False))
    ]


def render_html(page: ReviewPage) -> str:
    """One standalone Chinese page: inline CSS, no external assets."""
    env = Environment(autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
    source = (resources.files("jixiao.review") / "templates" / "review.html.j2").read_text(encoding="utf-8")
    return env.from_string(source).render(page=page)


def render_text(page: ReviewPage, console: Console, *, show_info: bool = False) -> None:
    """The Rich report: one block per form, printed vs recomputed total and grade, then findings.

    Each finding is its severity, place and message, wrapped at the console width between words
    (never inside a number or a Latin word) and indented under its severity.
    """
    width = max(console.width, 40)
    console.print(
        Text(
            f"{page.title}：{len(page.files)} 个文件，{len(page.forms)} 张表；"
            f"{severity_name('error')} {page.errors}，{severity_name('warning')} {page.warnings}，"
            f"{severity_name('info')} {page.infos}",
            style="bold",
        ),
        soft_wrap=False,
    )
    current = None
    for fv in page.forms:
        if fv.file != current:
            current = fv.file
            console.rule(Text(fv.file, style="bold"))
        _print_wrapped(console, f"[{fv.index}] {fv.title}", width, "", style="bold")
        _print_wrapped(console, f"（{fv.kind_name}；{fv.rule_set}）", width, "  ", style="dim")
        if fv.total_printed != "—" or fv.total_computed != "—":
            _print_wrapped(
                console,
                f"表中总分 {fv.total_printed}（{fv.grade_printed}）　按规则复核 {fv.total_computed}"
                f"（{fv.grade_computed}）　{severity_name('error')} {fv.errors}　"
                f"{severity_name('warning')} {fv.warnings}　{severity_name('info')} {fv.infos}",
                width,
                "  ",
            )
        every = [f for r in fv.rows for f in r.findings] + fv.form_findings
        shown = every if show_info else [f for f in every if f.severity != "info"]
        infos = len(every) - len(shown)
        note = f"另有 {infos} 条{severity_name('info')}，加 --all 显示" if infos else ""
        if not shown:
            console.print(Text(f"  未发现问题{'（' + note + '）' if note else ''}", style="green"))
            continue
        for f in shown:
            label = severity_name(f.severity)
            where = f.where or "全表"
            _print_wrapped(
                console,
                f"{label}　{where}：{f.message}",
                width,
                "  ",
                hang="　" * (len(label) + 1),
                style=_SEVERITY_STYLE[f.severity] if f.severity != "error" else "",
            )
        if note:
            console.print(Text(f"  （{note}）", style="dim"))


def _print_wrapped(
    console: Console, text: str, width: int, indent: str, *, hang: str = "", style: str = ""
) -> None:
    lines = wrap_text(text, width - len(indent) * 1 - 1, hang=hang)
    for line in lines:
        console.print(Text(indent + line, style=style), soft_wrap=True, highlight=False)
