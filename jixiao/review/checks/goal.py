"""Goal checks: a goal's indicator weights and scores against the goal's own weight."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.review.catalogue import fmt, make_finding
from jixiao.score.rules import RuleSet, agrees

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


CHECKS = [check_weights, check_scores]
