"""Re-score one form under a rule set: the ``Scorecard`` beside the printed scores.

Weights are used as printed. Where a weight is not printed it is inferred only when the
form determines it: a 一级/二级 group or goal with a printed weight and exactly one indicator
left without one gets the remainder (a goal with a single indicator gives it the goal's
weight). Inferred weights are marked ``weight_inferred`` and the review treats findings
built on them as warnings, never errors. A goal weight is never divided among indicators.

One inference is certain: when a goal's indicator scores, all printed and none printed with
a weight, add up exactly to the goal's weight, every indicator got full marks (a score may
not exceed its weight), so each weight equals its score (``FULL_MARKS``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from jixiao.model import Form, Goal, GoalScore, Indicator, IndicatorScore, Scorecard
from jixiao.score.compare import compare_texts
from jixiao.score.rules import RuleSet
from jixiao.score.values import Comparison, Outcome

__all__ = [
    "FULL_MARKS",
    "budget_counts",
    "budget_rate",
    "comparison_of",
    "converted_shares",
    "is_satisfaction",
    "is_scored",
    "score_form",
    "weight_structure",
]

# Reason of the one inference that is certain: a goal whose indicator scores add up to its
# weight gave every indicator full marks (no score may exceed its weight).
FULL_MARKS = "各指标得分合计等于目标分值，即各项均得满分"

_EPS = 1e-9


def _signs(text: str | None, signs: Mapping[str, str] | None) -> str | None:
    if not text or not signs:
        return text
    for printed, meant in signs.items():
        text = text.replace(printed, meant)
    return text


def comparison_of(indicator: Indicator, rules: RuleSet | None = None) -> Comparison:
    """The indicator's actual against its target (memoised on the printed strings).

    The rule set's look-alike signs (``signs``: ≧ → ≥, ═ → =) are read as the signs they stand for.
    """
    signs = rules.signs if rules is not None else None
    return compare_texts(_signs(indicator.target, signs), _signs(indicator.actual, signs), indicator.name)


def is_satisfaction(indicator: Indicator) -> bool:
    """满意度指标 by its 一级/二级 label or its name."""
    labels = f"{indicator.level1 or ''}{indicator.level2 or ''}"
    return "满意" in labels or (not labels and "满意" in indicator.name)


def is_scored(form: Form) -> bool:
    """A self-evaluation form that prints scores (target tables and blank forms are not scored)."""
    if form.kind.is_target:
        return False
    return any(i.score is not None for _, i in form.indicators()) or form.total_score is not None


def budget_rate(form: Form) -> tuple[float | None, float | None]:
    """(执行率 from 执行数/预算数, printed 执行率 as a fraction) — either may be None.

    A rate printed without its % sign ("67.24") reads as a percentage — unless the amounts
    show it is the fraction itself: 494% of a budget (4.94 against 执行数/预算数 = 4.94) stays 4.94.
    """
    b = form.budget
    if b is None:
        return None, None
    computed = None
    if b.planned is not None and b.executed is not None and b.planned > 0:
        computed = b.executed / b.planned
    printed = b.rate
    if printed is not None and printed > 2.5:
        as_pct = printed / 100
        if computed is None or abs(as_pct - computed) <= abs(printed - computed):
            printed = as_pct
    return computed, printed


def _goal_points(form: Form) -> float | None:
    """The goals' points as printed (a goal's weight, else its indicators' weights); None if unknown."""
    total = 0.0
    for goal in form.goals:
        if goal.weight is not None:
            total += goal.weight
            continue
        weights = [i.weight for i in goal.indicators]
        if not weights or any(w is None for w in weights):
            return None
        total += sum(w for w in weights if w is not None)
    return total


def budget_counts(form: Form, rule_set: RuleSet) -> bool:
    """Whether the form's 预算执行 earns points.

    Printed points or a printed score say yes. Printed as neither, it earns none where the rules
    do not score it, or where the goals' points alone make the whole (40/40/20 with the budget
    row unscored); otherwise the rules' points are assumed.
    """
    b = form.budget
    if b is None:
        return False
    if b.weight is not None or b.score is not None:
        return True
    if not rule_set.budget.scored:
        return False
    points = _goal_points(form)
    og = form.overall_goal.weight if form.overall_goal is not None and form.overall_goal.weight else 0.0
    return points is None or abs(points + og - rule_set.layout_for(form).total) > 1e-6


def weight_structure(form: Form, rule_set: RuleSet) -> tuple[float | None, float]:
    """(points the form's weights add up to, points the rules expect), as printed.

    Budget weight (or the rules' where the budget prints none) + overall-goal weight + each
    goal's weight, or the sum of its indicators' weights when the goal prints none. None where
    some weight is not printed. Converted totals (Hebei): each 一级指标's points must make
    ``per_level1`` on their own; the structure then counts as the layout's total when they do.
    """
    layout = rule_set.layout_for(form)
    if not form.goals:
        return None, layout.total
    if layout.per_level1 is not None:
        by_level1: dict[str | None, float] = defaultdict(float)
        for _, ind in form.indicators():
            if ind.weight is None or ind.level1 is None:  # a 一级 not read: the blocks cannot be told apart
                return None, layout.total
            by_level1[ind.level1] += ind.weight
        if all(abs(v - layout.per_level1) <= 1e-6 for v in by_level1.values()):
            return layout.total, layout.total
        return round(sum(by_level1.values()), 6), layout.per_level1 * len(by_level1)
    total = 0.0
    if form.budget is not None and budget_counts(form, rule_set):
        total += form.budget.weight if form.budget.weight is not None else layout.budget
    og = form.overall_goal
    if og is not None and og.weight is not None:
        total += og.weight
    for goal in form.goals:
        if goal.weight is not None:
            total += goal.weight
            continue
        weights = [i.weight for i in goal.indicators]
        if not weights or any(w is None for w in weights):
            return None, layout.total
        total += sum(w for w in weights if w is not None)
    return round(total, 6), layout.total


@dataclass(slots=True)
class _Row:
    """One indicator while its form is scored: its comparison and the weight used (printed or inferred)."""

    goal_index: int
    goal: Goal
    indicator: Indicator
    cmp: Comparison
    weight: float | None
    inferred: str | None = None  # why the weight was inferred, None if printed or unknown


def _infer_weights(form: Form, rows: list[_Row]) -> None:
    """Fill ``weight`` where the form determines it: a weighted group with one unweighted indicator."""
    by_goal: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        by_goal[row.goal_index].append(row)

    def remainder(group: list[_Row], total: float | None, why: str) -> None:
        if total is None or not group:
            return
        unknown = [row for row in group if row.weight is None]
        if len(unknown) != 1:
            return
        rest = round(total - sum(row.weight for row in group if row.weight is not None), 9)
        if rest > _EPS:
            unknown[0].weight = rest
            unknown[0].inferred = why

    for gi, group in by_goal.items():
        goal: Goal = form.goals[gi]
        scores = [row.indicator.score for row in group]
        if (
            goal.weight is not None
            and all(row.weight is None for row in group)
            and all(s is not None and s > _EPS for s in scores)
            and abs(sum(s for s in scores if s is not None) - goal.weight) <= 1e-6
        ):
            for row in group:
                row.weight = row.indicator.score
                row.inferred = f"目标“{goal.name}”{FULL_MARKS}"
            continue
        level2: dict[tuple[str | None, str | None], list[_Row]] = defaultdict(list)
        level1: dict[str | None, list[_Row]] = defaultdict(list)
        for row in group:
            ind: Indicator = row.indicator
            level2[(ind.level1, ind.level2)].append(row)
            level1[ind.level1].append(row)
        for rows2 in level2.values():
            first = rows2[0].indicator
            remainder(rows2, first.level2_weight, f"二级指标“{first.level2}”分值减去其余指标分值")
        for rows1 in level1.values():
            first = rows1[0].indicator
            remainder(rows1, first.level1_weight, f"一级指标“{first.level1}”分值减去其余指标分值")
        remainder(group, goal.weight, f"目标“{goal.name}”分值减去其余指标分值")


def score_form(form: Form, index: int, rule_set: RuleSet) -> Scorecard:
    """Re-score ``form`` (the ``index``-th of its document) under ``rule_set``."""
    layout = rule_set.layout_for(form)
    scored = is_scored(form)
    card = Scorecard(form=index, rule_set=rule_set.name)

    # Budget execution (预算执行率), where it earns points (``budget_counts``).
    if form.budget is not None and not form.kind.is_target and budget_counts(form, rule_set):
        weight = form.budget.weight if form.budget.weight is not None else layout.budget
        card.budget_weight = weight
        card.budget_printed = form.budget.score
        computed_rate, printed_rate = budget_rate(form)
        rate = computed_rate if computed_rate is not None else printed_rate
        if rate is not None:
            card.budget_computed = rule_set.round(weight * min(max(rate, 0.0), 1.0))

    # Indicators.
    rows: list[_Row] = []
    for gi, goal in enumerate(form.goals):
        for ind in goal.indicators:
            cmp = comparison_of(ind, rule_set)
            rows.append(_Row(gi, goal, ind, cmp, ind.weight))
    if scored:
        _infer_weights(form, rows)

    goal_printed: dict[int, list[float]] = defaultdict(list)
    goal_computed: dict[int, list[float]] = defaultdict(list)
    for row in rows:
        ind, cmp, weight = row.indicator, row.cmp, row.weight
        computed = low = high = None
        reason = cmp.reason
        if weight is not None and cmp.outcome is not Outcome.UNKNOWN:
            if cmp.quantitative and cmp.ratio is not None:
                ratio = min(cmp.ratio, 1.0) if rule_set.quantitative.cap_at_weight else cmp.ratio
                computed = rule_set.round(weight * ratio)
                low = high = computed
                formula = "B/A" if cmp.direction == "positive" else "A/B"
                reason = f"{reason}；得分=权重{weight:g}×{formula}" + (
                    "（不超过权重）" if cmp.ratio > 1 else ""
                )
            else:
                band = rule_set.band(cmp.outcome.value)
                if band is not None:
                    low, high = weight * band.low, weight * band.high
                    word = {"met": "达成", "partly": "部分达成", "not_met": "未达成"}[cmp.outcome.value]
                    reason = f"{reason}；定性指标{word}，得分应在 {low:g}–{high:g} 分"
        if row.inferred:
            reason = f"{reason}（分值 {weight:g} 由{row.inferred}推定）"
        card.indicators.append(
            IndicatorScore.model_construct(  # values built here, typed: skip re-validation on the hot path
                goal=row.goal.name,
                indicator=ind.name,
                weight=weight,
                weight_inferred=bool(row.inferred),
                printed=ind.score,
                computed=computed,
                low=low,
                high=high,
                outcome=cmp.outcome.value,
                reason=reason,
            )
        )
        if ind.score is not None:
            goal_printed[row.goal_index].append(ind.score)
        # What the rules give for the total: the computed score, else the printed one held inside its band.
        value = computed
        if value is None and ind.score is not None:
            value = ind.score
            if low is not None and high is not None:
                value = min(max(value, low), high)
        if value is not None:
            goal_computed[row.goal_index].append(value)

    for gi, goal in enumerate(form.goals):
        printed = round(sum(goal_printed[gi]), 9) if goal_printed[gi] else None
        computed = round(sum(goal_computed[gi]), 9) if goal_computed[gi] else None
        if computed is not None and goal.weight is not None:
            computed = min(computed, goal.weight)
        card.goals.append(GoalScore(name=goal.name, weight=goal.weight, printed=printed, computed=computed))

    if scored:
        card.total_printed = form.total_score
        parts: list[float] = []
        if rule_set.total.formula == "converted":
            shares = converted_shares(form)
            for row, entry in zip(rows, card.indicators, strict=True):
                value = entry.computed
                if value is None and entry.printed is not None:
                    value = entry.printed
                    if entry.low is not None and entry.high is not None:
                        value = min(max(value, entry.low), entry.high)
                share = shares.get(row.indicator.level1)
                if value is not None and share is not None:
                    parts.append(value * share)
        else:
            if card.budget_computed is not None:
                parts.append(card.budget_computed)
            elif card.budget_printed is not None:
                parts.append(card.budget_printed)
            og = form.overall_goal
            if og is not None and og.score is not None:
                parts.append(min(og.score, og.weight) if og.weight is not None else og.score)
            parts.extend(g.computed for g in card.goals if g.computed is not None)
        card.total_computed = rule_set.round(sum(parts)) if parts else None
        points, expected = weight_structure(form, rule_set)
        broken = points is not None and abs(points - expected) > 1e-6
        if broken:
            card.total_computed = None  # 分值结构不合计 100 分：复核总分无从谈起（无法复核），不评等级
        over = card.total_printed is not None and card.total_printed > expected + 1e-6
        # a total above the points there are (118.94 of 100) earns no grade either
        card.grade_printed = None if broken or over else rule_set.grade(card.total_printed)
        card.grade_computed = rule_set.grade(card.total_computed)
    return card


def converted_shares(form: Form) -> dict[str | None, float]:
    """权重占比 per 一级指标 (``extra.share_by_level1``, fractions; a printed 60 reads as 60%)."""
    raw = form.extra.get("share_by_level1") if isinstance(form.extra, dict) else None
    if not isinstance(raw, dict):
        return {}
    shares: dict[str | None, float] = {}
    for key, value in raw.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            shares[key] = value / 100 if value > 1 else float(value)
    return shares
