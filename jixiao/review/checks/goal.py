"""Goal checks: a goal's indicator weights and scores against the goal's own weight."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, Goal, Scorecard
from jixiao.review.catalogue import fmt, make_finding
from jixiao.review.checks._common import read_incomplete
from jixiao.score.rules import RuleSet, agrees
from jixiao.score.scorecard import comparison_of, is_scored
from jixiao.score.values import Outcome

_EPS = 1e-6


def check_weights(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Printed indicator weights must add up to the goal's weight (only when every weight is printed)."""
    for goal in form.goals:
        if goal.weight is None or not goal.indicators:
            continue
        weights = [i.weight for i in goal.indicators]
        if any(w is None for w in weights):
            continue
        total = round(sum(w for w in weights if w is not None), 6)
        if abs(total - goal.weight) <= _EPS:
            continue
        detail = (
            f"“{goal.name}”分值 {fmt(goal.weight)} 分，其下 {len(weights)} 项指标分值合计 {fmt(total)} 分"
        )
        yield make_finding(
            "goal.weight_mismatch",
            form,
            index,
            goal=goal.name,
            printed=goal.weight,
            expected=total,
            detail=detail,
        )


def check_scores(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """Indicator scores of a goal (and the 项目绩效总目标 score) may not exceed its weight."""
    og = form.overall_goal
    if og is not None and og.weight is not None and og.score is not None and og.score > og.weight + _EPS:
        yield make_finding(
            "goal.score_exceeds_weight",
            form,
            index,
            goal="项目绩效总目标",
            printed=og.score,
            expected=og.weight,
            weight=fmt(og.weight),
        )
    for goal, gs in zip(form.goals, card.goals, strict=False):
        if goal.weight is None or gs.printed is None:
            continue
        if gs.printed > goal.weight + _EPS and not agrees(goal.weight, gs.printed):
            yield make_finding(
                "goal.score_exceeds_weight",
                form,
                index,
                goal=goal.name,
                printed=gs.printed,
                expected=goal.weight,
                weight=fmt(goal.weight),
            )


def check_met_goal_short(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Every indicator met its target, yet the goal's scores fall short of its weight.

    A met quantitative indicator scores its full weight and a met qualitative one at least the
    band's floor (80%), so the weights the scores imply cannot add up to the goal's weight.
    Which indicator lost points is not determinable: a warning on the goal.
    """
    if not is_scored(form) or read_incomplete(doc, index):
        return
    floor = rules.qualitative.met.low
    for goal in form.goals:
        if goal.weight is None or not goal.indicators or any(i.weight is not None for i in goal.indicators):
            continue
        most = 0.0
        for ind in goal.indicators:
            cmp = comparison_of(ind, rules)
            if ind.score is None or cmp.outcome is not Outcome.MET:
                break
            if cmp.quantitative:
                if not cmp.direction_certain:
                    break
                most += ind.score
            else:
                most += ind.score / floor if floor > 0 else goal.weight
        else:
            total = sum(i.score or 0.0 for i in goal.indicators)
            if most < goal.weight - 0.01 * len(goal.indicators) and not agrees(goal.weight, most):
                detail = (
                    f"“{goal.name}”各项指标均已达成目标，按规则应得满分（定性指标不低于 {floor:.0%}），"
                    f"但得分合计 {fmt(round(total, 6))} 分，与目标分值 {fmt(goal.weight)} 分不符："
                    "或有指标未得满分，或各指标分值合计不等于目标分值"
                )
                yield make_finding(
                    "goal.weight_mismatch",
                    form,
                    index,
                    goal=goal.name,
                    printed=round(total, 6),
                    expected=goal.weight,
                    detail=detail,
                    severity="warning",
                )


def check_full_goal_with_zeros(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """A goal's scores add up exactly to its weight although some indicators score 0.

    Each indicator's score is at most its weight, so the others' weights already fill the goal
    and the zero-scored ones carry weight beyond it: either some score exceeds its weight or the
    indicator weights add up to more than the goal's.
    """
    if not is_scored(form) or read_incomplete(doc, index):
        return
    for goal in form.goals:
        if goal.weight is None or len(goal.indicators) < 2 or any(i.score is None for i in goal.indicators):
            continue
        zeros = [i.name for i in goal.indicators if i.score == 0 and i.weight != 0]
        total = round(sum(i.score or 0.0 for i in goal.indicators), 6)
        if not zeros or not agrees(goal.weight, total):
            continue
        shown = "、".join(f"“{z}”" for z in zeros[:3]) + ("等" if len(zeros) > 3 else "")
        detail = (
            f"“{goal.name}”各项得分合计 {fmt(total)} 分，恰等于目标分值，但{shown}得 0 分："
            "其余指标得分已占满目标分值，说明有指标得分超过其分值，或各指标分值合计超过目标分值"
        )
        yield make_finding(
            "goal.weight_mismatch",
            form,
            index,
            goal=goal.name,
            printed=total,
            expected=None,
            detail=detail,
            severity="warning",
        )


def _printed_level_weights(form: Form, goal: Goal) -> dict[tuple[str, ...], float]:
    """Points printed in the 一级/二级 labels of one goal: the indicators' ``level1_weight`` /
    ``level2_weight``, and on a single-goal form ``extra.level1_weights`` / ``level2_weights``
    (key ``一级/二级``)."""
    found: dict[tuple[str, ...], float] = {}
    for ind in goal.indicators:
        if ind.level1 and ind.level1_weight is not None:
            found.setdefault((ind.level1,), ind.level1_weight)
        if ind.level1 and ind.level2 and ind.level2_weight is not None:
            found.setdefault((ind.level1, ind.level2), ind.level2_weight)
    extra = form.extra if isinstance(form.extra, dict) else {}
    if len(form.goals) == 1:
        for key, depth in (("level1_weights", 1), ("level2_weights", 2)):
            raw = extra.get(key)
            if not isinstance(raw, dict):
                continue
            for label, w in raw.items():
                parts = tuple(str(label).split("/", 1)) if depth == 2 else (str(label),)
                if isinstance(w, int | float) and not isinstance(w, bool) and len(parts) == depth:
                    found.setdefault(parts, float(w))
    return found


def check_level_weights(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Points printed in a 一级/二级 label (产出指标（50分）) equal its indicators' printed points.

    A warning: a label's points are read from a merged cell, which a page break can separate
    from its rows (the goal's own weights and scores are what the errors rest on).
    """
    if read_incomplete(doc, index):
        return
    for goal in form.goals:
        for label, weight in _printed_level_weights(form, goal).items():
            rows = [
                i
                for i in goal.indicators
                if (i.level1,) == label[:1] and (len(label) == 1 or i.level2 == label[1])
            ]
            if not rows or any(i.weight is None for i in rows):
                continue
            total = round(sum(i.weight for i in rows if i.weight is not None), 6)
            if abs(total - weight) <= _EPS:
                continue
            shown = "/".join(label)
            yield make_finding(
                "goal.weight_mismatch",
                form,
                index,
                goal=goal.name,
                printed=weight,
                expected=total,
                detail=f"“{shown}”印为 {fmt(weight)} 分，其下 {len(rows)} 项指标分值合计 {fmt(total)} 分",
                severity="warning",
            )


CHECKS = [check_weights, check_level_weights, check_scores, check_met_goal_short, check_full_goal_with_zeros]
