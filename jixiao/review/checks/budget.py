"""预算执行 checks: the printed 执行率 and its score against 执行数/预算数."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.review.catalogue import fmt, fmt_pct, make_finding
from jixiao.review.checks._common import printed_decimals, total_counts_missing
from jixiao.review.figures import fmt_money, fmt_pct_pair
from jixiao.score.rules import RuleSet, agrees, decimals_of, load_rule_set, rule_set_names
from jixiao.score.scorecard import budget_rate, is_scored


def _pct_agrees(printed: float, computed: float) -> bool:
    """A printed rate agrees in percent at its printed decimals ("99.1%" vs 99.1045%)."""
    pct = round(printed * 100, 8)
    return agrees(pct, computed * 100, decimals_of(pct))


def check_rate(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """执行率 printed vs 执行数/预算数; a rate printed capped at 100% is accepted."""
    if form.budget is None or form.kind.is_target:
        return
    computed, printed = budget_rate(form)
    if computed is None or printed is None:
        return
    if _pct_agrees(printed, computed) or _pct_agrees(printed, min(computed, 1.0)):
        return
    rates = fmt_pct_pair(printed, computed)
    yield make_finding(
        "budget.rate_mismatch",
        form,
        index,
        printed=round(printed, 6),
        expected=round(computed, 4),
        rate_printed=rates[0],
        rate_expected=rates[1],
        executed=fmt_money(form.budget.executed),
        planned=fmt_money(form.budget.planned),
    )


def check_score(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """得分 printed vs 分值 × min(执行率, 100%), from either the amounts or the printed rate."""
    b = form.budget
    if b is None or form.kind.is_target or card.budget_weight is None:
        return
    weight = card.budget_weight
    computed, printed_rate = budget_rate(form)
    wrong_rate = (
        computed is not None
        and printed_rate is not None
        and not (_pct_agrees(printed_rate, computed) or _pct_agrees(printed_rate, min(computed, 1.0)))
    )
    # a score computed from a wrongly printed 执行率 is wrong too (the rate check says why)
    rates = [r for r in (computed, None if wrong_rate else printed_rate) if r is not None]
    if not rates:
        return
    candidates = [weight * min(max(r, 0.0), 1.0) for r in rates]
    rate = rates[0]
    expected = rules.round(candidates[0])
    how = f"{fmt(weight)} 分 × 执行率 {fmt_pct(min(rate, 1.0))}" + (
        "（实际执行率超过 100%，按 100% 计）" if rate > 1 else ""
    )
    if b.score is None:
        if is_scored(form):
            counted = (
                f"（总分 {fmt(form.total_score)} 分已按 {fmt(weight)} 分计入）"
                if total_counts_missing(form)
                else ""
            )
            yield make_finding(
                "budget.score_mismatch",
                form,
                index,
                printed=None,
                expected=expected,
                severity="warning",
                detail=f"预算执行得分未填写，按 {how}，应为 {fmt(expected)} 分{counted}",
            )
        return
    decimals = printed_decimals(form, "budget.score")  # "9.00" judged at two decimals, not as 9
    if any(agrees(b.score, c, decimals) for c in candidates):
        return
    severity = None
    if b.weight is None:
        # The form prints no 分值 for execution: the rule set's is an assumption.
        others = {load_rule_set(n).budget.weight for n in rule_set_names() if load_rule_set(n).budget.scored}
        if any(agrees(b.score, w * min(max(r, 0.0), 1.0)) for w in others for r in rates):
            return
        severity = "warning"
        how += "（表中未印预算执行分值，按本规则计）"
    over = f"，且超过分值 {fmt(weight)} 分" if b.score > weight + 1e-9 else ""
    if wrong_rate and printed_rate is not None and agrees(b.score, weight * min(max(printed_rate, 0.0), 1.0)):
        over += f"（按印错的执行率 {fmt_pct(printed_rate, 4)} 计算）"
    yield make_finding(
        "budget.score_mismatch",
        form,
        index,
        printed=b.score,
        expected=expected,
        severity=severity,
        detail=f"预算执行得分印为 {fmt(b.score)} 分{over}，按 {how}，应为 {fmt(expected)} 分",
    )


def check_overspent(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """执行数 above 预算数: spending beyond the budget the rate is taken against."""
    b = form.budget
    if b is None or form.kind.is_target or b.planned is None or b.executed is None or b.planned <= 0:
        return
    if b.executed <= b.planned + 1e-9:
        return
    yield make_finding(
        "budget.overspent",
        form,
        index,
        printed=b.executed,
        expected=b.planned,
        executed=fmt_money(b.executed),
        planned=fmt_money(b.planned),
        rate=fmt_pct(b.executed / b.planned),
    )


# An amount in 元 read as 万元 is 10,000 times too large. 100 亿元: no project's budget reaches
# it, while a project of 100 万元 typed in 元 (1,000,000.00) does. A department's whole budget
# (部门整体) can pass 100 亿元 in a province, so for it the line is 1 万亿元 (a unit of 1 亿元 typed
# in 元). The form-v1 unit is 万元 and the templates give no convention for 元 under a 万元
# header, so it is flagged, not changed.
_IMPLAUSIBLE_WAN = 1_000_000.0
_IMPLAUSIBLE_WAN_DEPARTMENT = 100_000_000.0


def check_unit(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """An amount read in 万元 no such form reaches (100 亿元 a project, 1 万亿元 a department):
    most likely typed in 元 under a 万元 header."""
    b = form.budget
    if b is None:
        return
    limit = _IMPLAUSIBLE_WAN_DEPARTMENT if form.kind.is_department else _IMPLAUSIBLE_WAN
    for what, amount in (("预算数", b.planned), ("执行数", b.executed)):
        if amount is not None and amount >= limit:
            yield make_finding(
                "budget.unit_suspect",
                form,
                index,
                printed=amount,
                expected=round(amount / 10_000, 6),
                what=what,
                amount=f"{amount:,.2f}".rstrip("0").rstrip("."),
                yi=fmt(round(amount / 10_000, 2)),
                wan=fmt_money(amount / 10_000),
            )
            return  # one finding per form: the amounts share the unit


CHECKS = [check_rate, check_score, check_overspent, check_unit]
