"""Form checks: the printed total and the point split (分值结构)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, Goal, Scorecard
from jixiao.review.catalogue import fmt, make_finding
from jixiao.review.checks._common import read_incomplete, total_counts_missing
from jixiao.score.rules import RuleSet, agrees
from jixiao.score.scorecard import is_scored


def check_total(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """总分 printed vs budget score + overall-goal score + indicator scores, all as printed."""
    if not is_scored(form) or form.total_score is None or total_counts_missing(form):
        return
    parts: list[float] = []
    names: list[str] = []
    notes: list[str] = []
    if form.budget is not None:
        if form.budget.score is not None:
            parts.append(form.budget.score)
            names.append("预算执行得分")
        else:
            notes.append("预算执行得分未填写")
    og = form.overall_goal
    if og is not None:
        if og.score is not None:
            parts.append(og.score)
            names.append("总目标得分")
        elif og.weight:
            notes.append("项目绩效总目标未填写得分")
    scores = [i.score for _, i in form.indicators()]
    if any(s is not None for s in scores):
        parts.extend(s for s in scores if s is not None)
        names.append("各指标得分")
    missing = [i.name for _, i in form.indicators() if i.score is None]
    if missing:
        shown = "、".join(f"“{m}”" for m in missing[:3]) + ("等" if len(missing) > 3 else "")
        notes.append(f"{len(missing)} 项指标未填写得分（{shown}）")
    if not parts:
        return
    total = round(sum(parts), 6)
    if agrees(form.total_score, total):
        return
    severity = None
    unweighted_blanks = [i for _, i in form.indicators() if i.score is None and i.weight is None]
    if read_incomplete(doc, index):
        notes.append("读取时本表有行未能识别，合计可能不全")
        severity = "warning"
    elif unweighted_blanks and form.total_score > total:
        notes.append("差额可能是未填写得分的指标计入了总分")
        severity = "warning"
    note = "；" + "，".join(notes) if notes else ""
    yield make_finding(
        "form.total_mismatch",
        form,
        index,
        printed=form.total_score,
        expected=total,
        parts="、".join(names),
        note=note,
        severity=severity,
    )


def _goal_weight(goal: Goal) -> float | None:
    """The goal's printed weight, else the sum of its indicators' printed weights (a 分值 column)."""
    if goal.weight is not None:
        return goal.weight
    ws = [i.weight for i in goal.indicators]
    if ws and all(w is not None for w in ws):
        return round(sum(w for w in ws if w is not None), 6)
    return None


def check_weights(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Budget weight + overall-goal weight + goal weights must make 100 points."""
    if not is_scored(form) or not form.goals:
        return
    layout = rules.layout_for(form)
    basis = (
        f"{rules.title}：预算执行 {fmt(layout.budget)} 分"
        + (f" + 总目标 {fmt(layout.overall_goal)} 分" if layout.overall_goal else "")
        + f" + 绩效指标 {fmt(layout.indicators)} 分 = {fmt(layout.total)} 分"
    )
    weights = {g.name: _goal_weight(g) for g in form.goals}
    missing = [g.name for g in form.goals if weights[g.name] is None]
    if (missing and len(missing) < len(form.goals)) or (
        missing and len(form.goals) == 1 and form.budget is not None
    ):
        placeholders = form.extra.get("placeholder_weights") or [] if isinstance(form.extra, dict) else []
        shown = "、".join(f"“{m}”" for m in missing)
        if any(m in placeholders for m in missing):
            detail = f"{shown}的分值印为占位符“XX 分”，未填写实际分值，无法核对分值结构"
            severity = None
        else:
            detail = f"{shown}未印明分值，无法核对分值结构"
            severity = "warning"
        yield make_finding(
            "form.weight_mismatch",
            form,
            index,
            printed="XX" if severity is None else None,
            expected=None,
            basis=basis,
            detail=detail,
            severity=severity,
        )
        return
    if missing:
        return
    parts = []
    if form.budget is not None and form.budget.weight is not None:
        parts.append(("预算执行", form.budget.weight))
    og = form.overall_goal
    if og is not None and og.weight is not None:
        parts.append(("总目标", og.weight))
    goal_sum = round(sum(w for w in weights.values() if w is not None), 6)
    total = round(sum(w for _, w in parts) + goal_sum, 6)
    if abs(total - layout.total) <= 1e-6:
        return
    shown = " + ".join(f"{n} {fmt(w)} 分" for n, w in parts) + f" + 各目标 {fmt(goal_sum)} 分"
    detail = f"{shown} = {fmt(total)} 分，不等于 {fmt(layout.total)} 分"
    yield make_finding(
        "form.weight_mismatch", form, index, printed=total, expected=layout.total, basis=basis, detail=detail
    )


def check_recovered(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Cells the reader recovered from the printed total (``extra["recovered"]``), for the record."""
    for place in form.extra.get("recovered", []) if isinstance(form.extra, dict) else []:
        if place == "budget.score" and form.budget is not None:
            score = form.budget.score
            yield make_finding(
                "form.recovered_value",
                form,
                index,
                expected=score,
                place="预算执行得分",
                how=f"按表中总分推定为 {fmt(score)} 分" if score is not None else "推定",
            )
            continue
        m = re.fullmatch(r"goals\[(\d+)\]\.indicators\[(\d+)\]\.(score|basis)", place)
        if m is None:
            continue
        goal = form.goals[int(m.group(1))]
        ind = goal.indicators[int(m.group(2))]
        if m.group(3) == "score":
            value: float | str | None = ind.score
            what, how = "得分", f"按表中总分推定为 {fmt(ind.score)} 分" if ind.score is not None else "推定"
        else:
            value = ind.basis
            what, how = "指标值确定依据", f"按本表另一处同名指标推定为“{ind.basis}”"
        yield make_finding(
            "form.recovered_value",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            expected=value,
            place=f"指标“{ind.name}”的{what}",
            how=how,
        )


CHECKS = [check_total, check_weights, check_recovered]
