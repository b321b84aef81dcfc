"""Form checks: the printed total and the point split (分值结构)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, Goal, Scorecard
from jixiao.review.catalogue import fmt, make_finding
from jixiao.review.checks._common import printed_decimals, read_incomplete, total_counts_missing
from jixiao.score.rules import RuleSet, agrees, detect_rule_set
from jixiao.score.scorecard import budget_counts, converted_shares, is_scored, weight_structure


def check_total(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """总分 printed vs budget score + overall-goal score + indicator scores, all as printed."""
    if not is_scored(form) or form.total_score is None:
        return
    if rules.total.formula == "converted":
        yield from _converted_total(form, index, rules)
        return
    if total_counts_missing(form):
        return
    parts: list[float] = []
    names: list[str] = []
    notes: list[str] = []
    if form.budget is not None:
        if form.budget.score is not None:
            parts.append(form.budget.score)
            names.append("预算执行得分")
        elif budget_counts(form, rules):
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
    if agrees(form.total_score, total, printed_decimals(form, "total_score")):
        return
    severity = None
    unweighted_blanks = [i for _, i in form.indicators() if i.score is None and i.weight is None]
    subtotal = _subtotal_of(form)
    if subtotal:
        notes.append(f"表中“总分”等于{subtotal}的小计，所读可能是合计行而非总分")
        severity = "warning"
    elif read_incomplete(doc, index):
        notes.append("读取时本表有行未能识别，合计可能不全")
        severity = "warning"
    elif unweighted_blanks and form.total_score > total:
        notes.append("差额可能是未填写得分的指标计入了总分")
        severity = "warning"
    elif _blank_budget_counted(form, card, total):
        notes.append("差额不超过预算执行分值，可能是未填写的预算执行得分计入了总分")
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


def _blank_budget_counted(form: Form, card: Scorecard, parts: float) -> bool:
    """The budget score cell is blank and the total exceeds the printed parts by no more than
    the budget's points: the blank (or a cell lost in reading) may be what the total counts."""
    b = form.budget
    if b is None or b.score is not None or card.budget_weight is None or form.total_score is None:
        return False
    gap = form.total_score - parts
    return 0 < gap <= card.budget_weight + 1e-6


def _subtotal_of(form: Form) -> str | None:
    """What part of the form the printed total is the subtotal of (合计 80 | 77.96), if any.

    A total that equals the indicator scores alone while the budget also scored, or one goal's
    scores while there are several, was read from a 合计 row, not from the 总分 row.
    """
    total = form.total_score
    if total is None:
        return None
    scores = [i.score for _, i in form.indicators() if i.score is not None]
    budget_scored = form.budget is not None and (form.budget.score or 0) > 0
    if budget_scored and scores and agrees(total, round(sum(scores), 6)):
        return "各指标得分"
    if len(form.goals) > 1:
        for goal in form.goals:
            part = [i.score for i in goal.indicators if i.score is not None]
            if part and agrees(total, round(sum(part), 6)):
                return f"“{goal.name}”"
    return None


def _converted_total(form: Form, index: int, rules: RuleSet) -> Iterator[Finding]:
    """Converted totals (Hebei): 总分 = Σ 单项指标折算得分, each = 单项指标得分 × 权重占比."""
    assert form.total_score is not None
    shares = converted_shares(form)
    printed = form.extra.get("converted_scores") if isinstance(form.extra, dict) else None
    printed = printed if isinstance(printed, dict) else {}
    parts: list[float] = []
    for _, ind in form.indicators():
        value = printed.get(ind.name)
        if isinstance(value, int | float):
            parts.append(float(value))
        elif ind.score is not None and shares.get(ind.level1) is not None:
            parts.append(ind.score * shares[ind.level1])
    if not parts:
        return
    total = round(sum(parts), 6)
    if agrees(form.total_score, total):
        return
    yield make_finding(
        "form.total_mismatch",
        form,
        index,
        printed=form.total_score,
        expected=rules.round(total),
        parts="各单项指标折算得分（单项指标得分×权重占比）",
        note=f"；{rules.total.basis}" if rules.total.basis else "",
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
    if layout.per_level1 is not None:
        yield from _converted_weights(form, index, rules)
        return
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
    elif form.budget is not None and budget_counts(form, rules):
        parts.append(("预算执行（表中未印分值，按规则）", layout.budget))
    og = form.overall_goal
    if og is not None and og.weight is not None:
        parts.append(("总目标", og.weight))
    goal_sum = round(sum(w for w in weights.values() if w is not None), 6)
    total = round(sum(w for _, w in parts) + goal_sum, 6)
    if abs(total - layout.total) <= 1e-6:
        return
    shown = " + ".join([*(f"{n} {fmt(w)} 分" for n, w in parts), f"各目标 {fmt(goal_sum)} 分"])
    detail = f"{shown} = {fmt(total)} 分，不等于 {fmt(layout.total)} 分"
    yield make_finding(
        "form.weight_mismatch", form, index, printed=total, expected=layout.total, basis=basis, detail=detail
    )


def _converted_weights(form: Form, index: int, rules: RuleSet) -> Iterator[Finding]:
    """Converted totals: each 一级指标's points make ``per_level1`` and the 权重占比 make 100%."""
    layout = rules.layout_for(form)
    per = layout.per_level1
    assert per is not None
    basis = (
        f"{rules.title}：{rules.total.basis}；各一级指标的指标分值各自合计 {fmt(per)} 分，权重占比合计 100%"
    )
    points, _ = weight_structure(form, rules)  # None unless every indicator has its weight and 一级
    sums: dict[str, float] = {}
    for _, ind in form.indicators():
        if ind.weight is not None and ind.level1 is not None:
            sums[ind.level1] = round(sums.get(ind.level1, 0.0) + ind.weight, 6)
    wrong = {k: v for k, v in sums.items() if abs(v - per) > 1e-6}
    if points is not None and wrong:
        detail = "；".join(f"“{k}”各指标分值合计 {fmt(v)} 分，不等于 {fmt(per)} 分" for k, v in wrong.items())
        yield make_finding(
            "form.weight_mismatch",
            form,
            index,
            printed=round(sum(sums.values()), 6),
            expected=per * len(sums),
            basis=basis,
            detail=detail,
        )
    shares = converted_shares(form)
    # only a complete set of 权重占比 (one per 一级 the form prints) can be summed
    if points is not None and set(sums) <= set(shares) and abs(sum(shares.values()) - 1) > 1e-6:
        shown = "、".join(f"“{k}”{v:.0%}" for k, v in shares.items())
        yield make_finding(
            "form.weight_mismatch",
            form,
            index,
            printed=round(sum(shares.values()) * 100, 6),
            expected=100.0,
            basis=basis,
            detail=f"权重占比 {shown} 合计 {sum(shares.values()):.0%}，不等于 100%",
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


def check_rule_set(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Which rule set the form was re-scored under, and why (what the form prints that chose it)."""
    detection = detect_rule_set(form)
    if detection.name != rules.name:
        why = "（按指定的评分规则）"
    elif detection.evidence:
        why = "（判断依据：" + "；".join(dict.fromkeys(detection.evidence)) + "）"
    else:
        why = "（表中未印出可判断地区的特征，按默认规则）"
    yield make_finding(
        "form.rule_set", form, index, printed=None, expected=rules.name, title=rules.title, why=why
    )


_PLACEHOLDER = re.compile(
    r"^(?:指标\s*\d*\s*[:：]?|目标\s*\d*\s*[:：]|[.…。·、]+|无|/|／|-|—+|[Xx×＊*]+|[（(]\s*[Xx]+\s*分\s*[)）])$"
)
_WEIGHT_SUFFIX = re.compile(r"[（(]\s*(?:[\d.]+|[Xx]+)\s*分\s*[)）]\s*$")


def is_placeholder(name: str | None) -> bool:
    """A template row that names no indicator: 指标1：, 指标3（XX分）, ……, 无, /."""
    text = re.sub(r"\s+", "", name or "")
    text = _WEIGHT_SUFFIX.sub("", text)
    return not text or bool(_PLACEHOLDER.match(text))


def placeholder_rows(form: Form) -> list[str]:
    """Placeholder rows: those the reader set aside (``extra["placeholders"]``) and any left as indicators."""
    rows: list[str] = []
    kept = form.extra.get("placeholders") if isinstance(form.extra, dict) else None
    if isinstance(kept, list):
        rows.extend(str(r) for r in kept if str(r).strip())
    rows.extend(ind.name for _, ind in form.indicators() if is_placeholder(ind.name))
    return list(dict.fromkeys(rows))


def check_placeholders(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    rows = placeholder_rows(form)
    if not rows:
        return
    shown = "、".join(f"“{r}”" for r in rows[:5]) + (f"等 {len(rows)} 行" if len(rows) > 5 else "")
    yield make_finding("form.placeholder", form, index, printed=rows[0], expected=None, rows=shown)


_DEADLINE = re.compile(
    r"(?<![较比同])(20\d\d)\s*年\s*(?:\d{1,2}\s*月|底|末)[^，。；,;]{0,6}?(?:之?前|以前|完成)"
)
_FILED = re.compile(r"(20\d\d)")


def check_year(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """The year of the title against the 填报日期 and the deadlines printed in annual targets.

    A self-evaluation is filled in during or after its year (the year itself or the next); a
    target table in the year before or the year itself. An annual target's deadline
    (``2023年11月底前``) falls in the form's year (on a target table: not before it).
    """
    year = form.year
    if year is None:
        return
    places: list[str] = []
    filed = _FILED.match(form.filled_on or "")
    if filed:
        filed_year = int(filed.group(1))
        allowed = (year - 1, year) if form.kind.is_target else (year, year + 1)
        if filed_year not in allowed:
            places.append(f"填报日期为 {form.filled_on}")
    for goal, ind in form.indicators():
        if goal.term == "long_term" or any(w in goal.name for w in ("中期", "长期", "長期")):
            continue
        for text in (ind.target, ind.name if not form.kind.is_target else None):
            for m in _DEADLINE.finditer(text or ""):
                deadline = int(m.group(1))
                # a target table may set a deadline beyond its year (a project of several years)
                if deadline < year or (deadline > year and not form.kind.is_target):
                    places.append(f"指标“{ind.name}”的时限为“{m.group(0)}”")
    if not places:
        return
    yield make_finding(
        "form.year_mismatch",
        form,
        index,
        printed=year,
        expected=None,
        year=year,
        what="、".join(dict.fromkeys(places)),
    )


CHECKS = [check_rule_set, check_total, check_weights, check_recovered, check_placeholders, check_year]
