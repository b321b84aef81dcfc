"""Indicator checks: each 三级指标's score against its weight, target and actual."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, Goal, Indicator, IndicatorScore, Scorecard, Severity
from jixiao.review.catalogue import fmt, fmt_pct, make_finding
from jixiao.review.checks._common import (
    read_incomplete,
    score_decimals,
    total_counts_missing,
)
from jixiao.score.rules import RuleSet, agrees, decimals_of
from jixiao.score.scorecard import FULL_MARKS, comparison_of, converted_shares, is_satisfaction, is_scored
from jixiao.score.values import Comparison, Outcome, ValueKind, parse_value

_EPS = 1e-9
_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_MEASURABLE = re.compile(r"[零〇\d]|全部|全覆盖|每日|每天|每月")  # "工作人员零感染" states its own measure
_WEIGHT_SUFFIX = re.compile(r"[（(]\s*[\d.]+\s*分\s*[)）]")


def _rows(
    form: Form, card: Scorecard, rules: RuleSet
) -> Iterator[tuple[Goal, Indicator, IndicatorScore, Comparison]]:
    """Indicators with their scorecard entries (same order) and comparisons."""
    for (goal, ind), score in zip(form.indicators(), card.indicators, strict=False):
        yield goal, ind, score, comparison_of(ind, rules)


def _text(s: str | None) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", s or ""))


def _inferred(score: IndicatorScore) -> str:
    if score.weight_inferred and FULL_MARKS in score.reason:
        return f"（本目标{FULL_MARKS}）"
    return "（分值由表内其他分值推定）" if score.weight_inferred else ""


def _soft(score: IndicatorScore) -> bool:
    """Findings resting on a weight the form does not fix are warnings."""
    return score.weight_inferred and FULL_MARKS not in score.reason


def _raw(score: IndicatorScore, cmp: Comparison) -> float | None:
    """The unrounded rule score of a quantitative indicator (judged at the printed decimals)."""
    if score.weight is None or not cmp.quantitative or cmp.ratio is None:
        return None
    return score.weight * min(cmp.ratio, 1.0)


def _negative_alternatives(weight: float, cmp: Comparison, rules: RuleSet) -> list[float]:
    """Other scores the rule set accepts for a missed reverse target (``negative_also``)."""
    if cmp.direction != "negative" or cmp.ratio is None or cmp.ratio <= 0 or cmp.ratio >= 1:
        return []
    out = []
    if "weight_x_one_minus_excess" in rules.quantitative.negative_also:
        excess = 1.0 / cmp.ratio - 1.0  # (B − A)/A with ratio = A/B
        out.append(weight * max(0.0, 1.0 - excess))
    return out


def _full_score_unmet(
    ind: Indicator, score: IndicatorScore, cmp: Comparison, rules: RuleSet, decimals: int | None = None
) -> float | None:
    """The most the rules allow when a full score was given to an unmet indicator; None if not that case."""
    w = score.weight
    if w is None or ind.score is None or cmp.outcome not in (Outcome.PARTLY, Outcome.NOT_MET):
        return None
    if ind.score < w - _EPS and not agrees(ind.score, w, decimals):
        return None
    if cmp.quantitative:
        raw = _raw(score, cmp)
        if not cmp.direction_certain or raw is None or agrees(ind.score, raw, decimals):
            return None
        return raw
    band = rules.band(cmp.outcome.value)
    if band is None or band.high >= 1.0:
        return None
    return w * band.high


def check_exceeds_weight(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    for goal, ind, score, _ in _rows(form, card, rules):
        if score.weight is not None and ind.score is not None and ind.score > score.weight + _EPS:
            yield make_finding(
                "indicator.score_exceeds_weight",
                form,
                index,
                goal=goal.name,
                indicator=ind.name,
                printed=ind.score,
                expected=score.weight,
                weight=fmt(score.weight),
                inferred=_inferred(score),
                severity="warning" if _soft(score) else None,
            )


def check_full_score_unmet(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    for goal, ind, score, cmp in _rows(form, card, rules):
        limit = _full_score_unmet(ind, score, cmp, rules, score_decimals(form, ind))
        if limit is None or ind.score is None or ind.score > (score.weight or 0) + _EPS:
            continue
        limit = rules.round(limit)
        if cmp.quantitative:
            why = f"，按{'正向' if cmp.direction == 'positive' else '反向'}指标公式应得 {fmt(limit)} 分"
        else:
            word = "未达成" if cmp.outcome is Outcome.NOT_MET else "部分达成"
            why = f"，按定性指标计分规则{word}最多得 {fmt(limit)} 分"
        yield make_finding(
            "indicator.full_score_unmet",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=ind.score,
            expected=rules.round(limit),
            target=_text(ind.target),
            actual=_text(ind.actual),
            why=why + _inferred(score),
            severity="warning" if _soft(score) else None,
        )


def check_score_mismatch(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    for goal, ind, score, cmp in _rows(form, card, rules):
        w = score.weight
        if w is None or ind.score is None or ind.score > w + _EPS:
            continue
        decimals = score_decimals(form, ind)
        if _full_score_unmet(ind, score, cmp, rules, decimals) is not None:
            continue
        raw = _raw(score, cmp)
        if raw is not None and score.computed is not None:
            if agrees(ind.score, raw, decimals):
                continue
            if not cmp.direction_certain and cmp.ratio:
                # The direction was a default: accept the other formula too.
                other = w * min(1.0 / cmp.ratio, 1.0) if cmp.ratio > 0 else w
                if agrees(ind.score, other, decimals):
                    continue
            if any(agrees(ind.score, alt, decimals) for alt in _negative_alternatives(w, cmp, rules)):
                continue
            formula = "B/A" if cmp.direction == "positive" else "A/B"
            sense = "正向" if cmp.direction == "positive" else "反向"
            detail = (
                f"目标“{_text(ind.target)}”，实际“{_text(ind.actual)}”，按{sense}指标公式 "
                f"{fmt(w)}×{formula}={fmt(score.computed)} 分，表中印为 {fmt(ind.score)} 分{_inferred(score)}"
            )
            yield make_finding(
                "indicator.score_mismatch",
                form,
                index,
                goal=goal.name,
                indicator=ind.name,
                printed=ind.score,
                expected=score.computed,
                detail=detail,
                severity="warning" if _soft(score) or not cmp.direction_certain else None,
            )
        elif not cmp.quantitative and score.low is not None and score.high is not None:
            low, high = score.low, score.high
            if (
                low - _EPS <= ind.score <= high + _EPS
                or agrees(ind.score, low, decimals)
                or agrees(ind.score, high, decimals)
            ):
                continue
            word = {"met": "达成", "partly": "部分达成", "not_met": "未达成"}[cmp.outcome.value]
            detail = (
                f"目标“{_text(ind.target)}”，实际“{_text(ind.actual)}”，属{word}，按定性指标计分规则应得 "
                f"{fmt(low)}–{fmt(high)} 分，表中印为 {fmt(ind.score)} 分{_inferred(score)}"
            )
            yield make_finding(
                "indicator.score_mismatch",
                form,
                index,
                goal=goal.name,
                indicator=ind.name,
                printed=ind.score,
                expected=None,
                detail=detail,
                severity="warning" if _soft(score) else None,
            )


def _weights_add_up(form: Form) -> bool:
    """Budget and goal weights make the rule set's 100: the goal weights can be relied on."""
    if form.budget is None or form.budget.weight is None or any(g.weight is None for g in form.goals):
        return False
    total = form.budget.weight + (form.overall_goal.weight or 0 if form.overall_goal else 0)
    return abs(total + sum(g.weight or 0 for g in form.goals) - 100) <= 1e-6


def check_score_within_goal(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """An unmet indicator with no printed weight still cannot score more than its goal leaves it.

    Each score is at most its weight and the weights add up to the goal's, so an indicator's
    weight is at most the goal's weight less what the others scored; an unmet indicator earns
    at most its share of that (B/A, A/B or the qualitative band's top).
    """
    if not is_scored(form) or not _weights_add_up(form) or read_incomplete(doc, index):
        return
    entries = list(_rows(form, card, rules))
    for goal in form.goals:
        if goal.weight is None:
            continue
        rows = [(g, i, sc, c) for g, i, sc, c in entries if g is goal]
        scores = [i.score or 0.0 for _, i, _, _ in rows]
        if sum(scores) > goal.weight + _EPS:
            continue  # goal.score_exceeds_weight says it
        for n, (_, ind, score, cmp) in enumerate(rows):
            if score.weight is not None or ind.score is None:
                continue
            if cmp.outcome not in (Outcome.PARTLY, Outcome.NOT_MET):
                continue
            others = sum(
                (o.weight if o.weight is not None else (oi.score or 0.0))
                for m, (_, oi, o, _) in enumerate(rows)
                if m != n
            )
            bound = goal.weight - others
            if cmp.quantitative:
                if not cmp.direction_certain or cmp.ratio is None:
                    continue
                share, how = min(cmp.ratio, 1.0), f"按完成比例 {fmt_pct(cmp.ratio)}"
            else:
                band = rules.band(cmp.outcome.value)
                if band is None:
                    continue
                word = "未达成" if cmp.outcome is Outcome.NOT_MET else "部分达成"
                share, how = band.high, f"{word}按分值的 {band.high:.0%}"
            most = max(bound, 0.0) * share
            if ind.score <= most + _EPS or agrees(ind.score, most):
                continue
            detail = (
                f"目标“{_text(ind.target)}”，实际“{_text(ind.actual)}”；"
                f"“{goal.name}”分值 {fmt(goal.weight)} 分，"
                f"其余指标已得 {fmt(round(others, 6))} 分，该指标分值至多 {fmt(round(bound, 6))} 分，"
                f"{how}至多得 {fmt(rules.round(most))} 分，表中印为 {fmt(ind.score)} 分"
            )
            yield make_finding(
                "indicator.score_mismatch",
                form,
                index,
                goal=goal.name,
                indicator=ind.name,
                printed=ind.score,
                expected=rules.round(most),
                detail=detail,
            )


def check_missing_score(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    if not is_scored(form):
        return
    for goal, ind, _score, _ in _rows(form, card, rules):
        if ind.score is not None:
            continue
        if is_satisfaction(ind) and not rules.satisfaction_required and ind.weight is None:
            continue  # 满意度指标暂可不作为必评指标
        severity: Severity | None
        if ind.weight is not None:
            detail = f"指标分值 {fmt(ind.weight)} 分，但未填写得分"
            severity = "warning" if read_incomplete(doc, index) else None
            if total_counts_missing(form):
                detail += f"（总分 {fmt(form.total_score)} 分已按满分计入该项）"
                severity = "warning"
        else:
            detail, severity = "本表各指标已按分值打分，该指标却未填写得分", "warning"
        yield make_finding(
            "indicator.missing_score",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=None,
            expected=None,
            detail=detail,
            severity=severity,
        )


def check_missing_actual(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    if form.kind.is_target:
        return
    for goal, ind, _, _ in _rows(form, card, rules):
        if ind.score is None or _text(ind.actual):
            continue
        zero = ind.score <= _EPS
        why = "，应填写实际完成情况并据以计分" if zero else "，得分缺少依据"
        yield make_finding(
            "indicator.missing_actual",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=ind.score,
            expected=None,
            why=why,
            severity="warning" if zero or read_incomplete(doc, index) else "error",
        )


def check_incomparable(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    for goal, ind, _, cmp in _rows(form, card, rules):
        target, name = _text(ind.target), _text(_WEIGHT_SUFFIX.sub("", ind.name))
        if not target and _text(ind.actual) and ind.score is not None and not form.kind.is_target:
            detail = (
                f"未填写年初目标值，却按实际“{_text(ind.actual)}”记 {fmt(ind.score)} 分，无法判断是否达成"
            )
        elif cmp.incomparable:
            detail = f"目标“{target}”与实际“{_text(ind.actual)}”计量口径不同，无法判断是否达成"
        elif (
            target
            and len(target) >= 4
            and target.strip("。.") == name.strip("。.")
            and not _MEASURABLE.search(target)
            and not form.kind.is_target
        ):
            detail = f"目标值“{target}”只是重述指标名称，没有可衡量的目标"
        elif (
            not form.kind.is_target
            and len(target) >= 15
            and not _DIGIT.search(target)
            and parse_value(ind.actual).kind is ValueKind.NUMBER
            and parse_value(ind.target).kind is ValueKind.TEXT
        ):
            detail = f"目标值“{target}”是一段说明而不是数值，无法与实际“{_text(ind.actual)}”比较"
        else:
            continue
        yield make_finding(
            "indicator.incomparable",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=ind.target,
            expected=None,
            detail=detail,
        )


def check_negative_score(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Only 约束性指标 may score below zero, and only where the rules say so (备注：约束性指标以负数计分)."""
    for goal, ind in form.indicators():
        if ind.score is None or ind.score >= 0:
            continue
        constraint = "约束性" in f"{ind.level1 or ''}{ind.level2 or ''}{ind.name}"
        if constraint and rules.constraint_negative:
            continue
        why = "该规则不对约束性指标扣分" if constraint else "只有约束性指标可以负数计分"
        yield make_finding(
            "indicator.score_mismatch",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=ind.score,
            expected=0.0,
            detail=f"得分印为 {fmt(ind.score)} 分，{why}，得分不应低于 0 分",
        )


def _printed_map(form: Form, key: str) -> dict[str, object]:
    value = form.extra.get(key) if isinstance(form.extra, dict) else None
    return value if isinstance(value, dict) else {}


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def check_converted(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Converted totals (Hebei): each printed 单项指标折算得分 = 单项指标得分 × 权重占比."""
    if rules.total.formula != "converted":
        return
    shares = converted_shares(form)
    converted = _printed_map(form, "converted_scores")
    for goal, ind in form.indicators():
        printed = _number(converted.get(ind.name))
        share = shares.get(ind.level1)
        if printed is None or share is None or ind.score is None:
            continue
        expected = ind.score * share
        column = max(decimals_of(v) for v in converted.values() if isinstance(v, int | float))
        if agrees(printed, expected, column):
            continue
        yield make_finding(
            "indicator.converted_mismatch",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=printed,
            expected=rules.round(expected),
            score=fmt(ind.score),
            share=f"{share * 100:g}%",
            level1=ind.level1 or "",
        )


def check_coefficient(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Coefficient rules (Chongqing): each printed 指标得分 = 得分系数 × 指标权重."""
    if rules.coefficient is None:
        return
    coefficients = _printed_map(form, "score_coefficients")
    for goal, ind in form.indicators():
        k = _number(coefficients.get(ind.name))
        if k is None or ind.weight is None or ind.score is None:
            continue
        if k > 1.5:  # printed in a （%） column as 97, not 0.97
            k = k / 100
        expected = k * ind.weight
        if agrees(ind.score, expected, score_decimals(form, ind)):
            continue
        yield make_finding(
            "indicator.coefficient_mismatch",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=ind.score,
            expected=rules.round(expected),
            coefficient=f"{k * 100:g}%",
            weight=fmt(ind.weight),
        )


TOO_LOW = 1.3  # completion at 130% of the target or more: the target was set too low


def check_target_too_low(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """A positive quantitative target exceeded by 30% or more was set too low (财预〔2020〕10号：适度调减)."""
    if form.kind.is_target:
        return
    for goal, ind, _, cmp in _rows(form, card, rules):
        if not cmp.quantitative or cmp.direction != "positive" or not cmp.direction_certain:
            continue
        if cmp.ratio is None or cmp.ratio < TOO_LOW - 1e-9 or cmp.incomparable:
            continue
        target = parse_value(ind.target)
        if target.kind is not ValueKind.NUMBER or target.high is not None:
            continue  # a range (2-4个) reached at its top, a grade (三星及以上): no figure to exceed
        yield make_finding(
            "indicator.target_too_low",
            form,
            index,
            goal=goal.name,
            indicator=ind.name,
            printed=ind.actual,
            expected=ind.target,
            target=_text(ind.target),
            actual=_text(ind.actual),
            ratio=f"{cmp.ratio:.0%}",
        )


CHECKS = [
    check_exceeds_weight,
    check_negative_score,
    check_full_score_unmet,
    check_score_mismatch,
    check_score_within_goal,
    check_missing_score,
    check_missing_actual,
    check_incomparable,
    check_converted,
    check_coefficient,
    check_target_too_low,
]
