"""The one door every check goes through: run all checks on each form, in document order.

A check that raises becomes an ``internal.check_failed`` finding for that form and the
review goes on (beancount's ``run_transformations``): findings are data, never exceptions.
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import Document, Finding, Form, Scorecard
from jixiao.review.catalogue import make_finding
from jixiao.review.checks import Check, budget, form, goal, indicator, report, target, target_table
from jixiao.review.checks.form import is_placeholder
from jixiao.score.rules import RuleSet

__all__ = ["CHECK_MODULES", "all_checks", "group_findings", "run_checks"]

CHECK_MODULES = (budget, goal, indicator, form, report, target, target_table)


def all_checks() -> list[Check]:
    return [check for module in CHECK_MODULES for check in module.CHECKS]


def _position(f: Finding, form_: Form) -> tuple[int, int]:
    """Where a finding sits in the form: budget, goals and indicators, totals, reports, the rule set used."""
    if f.code == "form.rule_set":
        return (4, 0)
    if f.code.startswith("budget."):
        return (0, 0)
    if f.indicator is not None:
        for n, (g, i) in enumerate(form_.indicators()):
            if i.name == f.indicator and (f.goal is None or g.name == f.goal):
                return (1, n * 2 + 1)
    if f.goal is not None:
        for n, (g, _) in enumerate(form_.indicators()):
            if g.name == f.goal:
                return (1, n * 2)
        return (1, 0)
    if f.code.startswith("report."):
        return (3, 0)
    return (2, 0)


def run_checks(
    form_: Form,
    index: int,
    card: Scorecard,
    rules: RuleSet,
    doc: Document,
    checks: Sequence[Check] | None = None,
) -> list[Finding]:
    """All findings for one form, in the order a reviewer reads the form."""
    found: list[Finding] = []
    for check in all_checks() if checks is None else checks:
        try:
            found.extend(check(form_, index, card, rules, doc))
        except Exception as e:  # a broken rule must not stop the review
            name = f"{check.__module__.rsplit('.', 1)[-1]}.{check.__name__}"
            found.append(
                make_finding(
                    "internal.check_failed",
                    form_,
                    index,
                    printed=None,
                    expected=None,
                    check=name,
                    error=f"{type(e).__name__}: {e}",
                )
            )
    found = _without_placeholders(found, form_)
    order = {id(f): n for n, f in enumerate(found)}
    return group_findings(sorted(found, key=lambda f: (_position(f, form_), order[id(f)])))


def _without_placeholders(found: list[Finding], form_: Form) -> list[Finding]:
    """Placeholder rows are reported once (``form.placeholder``), not reviewed as indicators."""
    rows = {i.name for _, i in form_.indicators() if is_placeholder(i.name)}
    if not rows:
        return found
    return [f for f in found if f.indicator not in rows or f.code == "form.placeholder"]


def group_findings(found: list[Finding]) -> list[Finding]:
    """One root cause, one finding: the same finding on the same indicator in several goals
    (a vague target repeated in the long-term and the annual table) is kept once, at its first
    place, its message listing the other places. findings-v1 shape is kept: the places are
    in the message (``goal`` is the first place's)."""
    groups: dict[tuple[object, ...], list[Finding]] = {}
    keyed: list[tuple[object, ...] | None] = []
    for f in found:
        if f.indicator is None or f.goal is None:
            keyed.append(None)
            continue
        key = (f.form, f.code, f.severity, f.indicator, f.printed, f.expected)
        groups.setdefault(key, []).append(f)
        keyed.append(key)
    out: list[Finding] = []
    for f, key in zip(found, keyed, strict=True):
        if key is None:
            out.append(f)
            continue
        same = groups[key]
        if same[0] is not f:
            continue
        goals = list(dict.fromkeys(g.goal for g in same if g.goal))
        if len(goals) < 2:
            out.extend(same)  # the same indicator twice in one goal: distinct rows, distinct findings
            continue
        places = "、".join(f"“{g}”" for g in goals)
        message = f"{f.message}（同一问题见于{places}，共 {len(goals)} 处）"
        out.append(f.model_copy(update={"message": message}))
    return out
