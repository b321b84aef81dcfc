"""目标审核: what a finance-bureau reviewer checks in a 绩效目标表 before signing it.

Every indicator measurable (a number with a unit, a dated deadline, or a qualitative value
that names its standard), with a basis; the dimensions present (产出: 数量/质量/时效; 效益;
满意度); cost bounded above; no "≥100%" for a rate that cannot exceed 100%; no satisfaction
target below the floor; no duplicates; annual targets consistent with the long-term ones;
printed weights adding up. Thresholds and word lists are data (``vocab.yaml``).

The checks have the review's one signature and run in ``jixiao review`` on target tables;
``review_target_table`` runs them together with the review's own target checks
(``target.vague``, ``target.missing_basis``, ``target.missing_dimension``) for one form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.cycle._names import name_key, text_key, vocabulary
from jixiao.cycle.link import target_goals, term_of
from jixiao.model import Document, Finding, Form, Goal, Indicator, Scorecard
from jixiao.review.catalogue import fmt, fmt_pct, make_finding
from jixiao.score.rules import RuleSet, load_rule_set
from jixiao.score.scorecard import is_satisfaction, score_form
from jixiao.score.values import ValueKind, parse_value

__all__ = ["CHECKS", "review_target_table"]

_SIDE = {">=": "+", ">": "+", "<=": "-", "<": "-"}
_UNIT_IN_NAME = re.compile(r"[（(][^（）()]{1,6}[)）]$")


def _words(key: str) -> tuple[str, ...]:
    return tuple(vocabulary().target_review[key])


def _has_any(text: str | None, words: tuple[str, ...]) -> bool:
    return text is not None and any(w in text for w in words)


def _term(goal: Goal) -> str | None:
    return term_of(goal)


def check_unmeasurable(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """A bare number without a unit, or a qualitative value naming no standard nor a checkable
    condition (vague ones are left to ``target.vague``; a figure in a unit the value parser does
    not know, e.g. 個/萬畝, is left alone)."""
    if not form.kind.is_target:
        return
    from jixiao.review.checks.target import _vague

    standards = _words("standard_words")
    for goal, ind in form.indicators():
        text = (ind.target or "").strip()
        if not text or _vague(text, descriptions_too=True):
            continue
        v = parse_value(text)
        why = None
        if (
            v.kind in (ValueKind.NUMBER, ValueKind.RANGE)
            and not v.unit
            and not _UNIT_IN_NAME.search(ind.name)
        ):
            why = "只有数值，没有计量单位"
        elif (
            v.kind in (ValueKind.LEVEL, ValueKind.TEXT)
            and not re.search(
                r"[\d%‰≥≤><＞＜=＝]", text
            )  # a figure the parser does not know is not qualitative
            and not _has_any(text, standards)
        ):
            why = "是定性表述，未写明评价标准"
        if why:
            yield make_finding(
                "target.unmeasurable", form, index, goal=goal.name, indicator=ind.name,
                printed=ind.target, expected=None, target=text, why=why,
            )  # fmt: skip


def check_subdimensions(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Each goal's 产出指标 cover 数量/质量/时效 (and 成本 where the rule set requires it)."""
    if not form.kind.is_target:
        return
    wanted = list(_words("output_dimensions"))
    if rules.target.cost_required:
        wanted.append("成本指标")
    for goal in form.goals:
        output = [i for i in goal.indicators if "产出" in (i.level1 or "")]
        if not output or not any(i.level2 for i in output):
            continue
        cost_level1 = any("成本" in (i.level1 or "") for i in goal.indicators)
        for dim in wanted:
            key = dim.removesuffix("指标")
            if key == "成本" and cost_level1:
                continue
            if not any(key in (i.level2 or "") for i in output):
                yield make_finding(
                    "target.missing_subdimension", form, index, goal=goal.name, printed=None,
                    expected=dim, dimension=dim,
                )  # fmt: skip


def _is_cost(ind: Indicator) -> bool:
    return "成本" in (ind.level1 or "") or "成本" in (ind.level2 or "")


def check_cost_bounded(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    if not form.kind.is_target:
        return
    saving = _words("saving_words")
    for goal, ind in form.indicators():
        if not _is_cost(ind) or is_satisfaction(ind):
            continue
        v = parse_value(ind.target)
        if v.kind is not ValueKind.NUMBER or v.number is None:
            continue
        side = _SIDE.get(v.comparator or "")
        if side == "-" or (side == "+" and _has_any(ind.name, saving)):
            continue
        yield make_finding(
            "target.cost_not_bounded", form, index, goal=goal.name, indicator=ind.name,
            printed=ind.target, expected=None, target=(ind.target or "").strip(),
        )  # fmt: skip


def check_rate_over_100(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    if not form.kind.is_target:
        return
    growth = _words("growth_words")
    for goal, ind in form.indicators():
        v = parse_value(ind.target)
        if v.unit != "%" or v.number is None or v.comparator not in (">=", ">"):
            continue
        if v.number >= 1.0 - 1e-9 and not _has_any(ind.name, growth):
            yield make_finding(
                "target.rate_over_100", form, index, goal=goal.name, indicator=ind.name,
                printed=ind.target, expected="=100%", target=(ind.target or "").strip(),
            )  # fmt: skip


def check_low_satisfaction(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    if not form.kind.is_target:
        return
    floor = float(vocabulary().target_review["satisfaction_floor"])
    for goal, ind in form.indicators():
        if not is_satisfaction(ind):
            continue
        v = parse_value(ind.target)
        if v.unit != "%" or v.number is None or v.comparator in ("<=", "<"):
            continue
        if v.number < floor - 1e-9:
            yield make_finding(
                "target.low_satisfaction", form, index, goal=goal.name, indicator=ind.name,
                printed=ind.target, expected=f"≥{fmt_pct(floor)}", target=(ind.target or "").strip(),
                floor=fmt_pct(floor),
            )  # fmt: skip


def check_duplicates(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    if not form.kind.is_target:
        return
    for goal in form.goals:
        seen: dict[str, Indicator] = {}
        for ind in goal.indicators:
            key = name_key(ind.name)
            if key in seen:
                yield make_finding(
                    "target.duplicate", form, index, goal=goal.name, indicator=ind.name,
                    printed=ind.target, expected=None, other=seen[key].name,
                )  # fmt: skip
            else:
                seen[key] = ind


def _pairs(form: Form) -> list[tuple[Goal, Goal | None]]:
    """Annual goals with the long-term goal they carry out: by position when the counts agree."""
    annual = [g for g in form.goals if _term(g) == "annual"]
    long_term = [g for g in form.goals if _term(g) == "long_term"]
    if not annual or not long_term:
        return []
    if len(annual) == len(long_term):
        return list(zip(annual, long_term, strict=True))
    return [(g, None) for g in annual]


def check_annual_consistent(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """An annual indicator named like a long-term one keeps its direction, unit and category."""
    if not form.kind.is_target:
        return
    all_long = [i for g in form.goals if _term(g) == "long_term" for i in g.indicators]
    for annual, long_goal in _pairs(form):
        pool = long_goal.indicators if long_goal is not None else all_long
        by_key: dict[str, Indicator] = {}
        for ind in pool:
            by_key.setdefault(name_key(ind.name), ind)
        for ind in annual.indicators:
            lt = by_key.get(name_key(ind.name))
            if lt is None:
                continue
            a, b = parse_value(lt.target), parse_value(ind.target)
            how = None
            sa, sb = _SIDE.get(a.comparator or ""), _SIDE.get(b.comparator or "")
            if sa and sb and sa != sb:
                how = f"的比较方向（“{ind.target}”）与长期指标（“{lt.target}”）相反"
            elif a.number is not None and b.number is not None and a.family != b.family:
                how = f"的计量单位（“{ind.target}”）与长期指标（“{lt.target}”）不同"
            elif (text_key(lt.level1), text_key(lt.level2)) != (text_key(ind.level1), text_key(ind.level2)):
                how = (
                    f"在年度目标中归入“{ind.level1 or '—'}/{ind.level2 or '—'}”，"
                    f"在长期目标中归入“{lt.level1 or '—'}/{lt.level2 or '—'}”"
                )
            if how:
                yield make_finding(
                    "target.annual_inconsistent", form, index, goal=annual.name, indicator=ind.name,
                    printed=ind.target, expected=lt.target, how=how,
                )  # fmt: skip


def check_weights_sum(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """Printed weights of a target table: a goal's indicators add up to the goal; all to the layout."""
    if not form.kind.is_target:
        return
    basis = f"{rules.title}：分值结构 {'、'.join(lay.name for lay in rules.layouts)}"
    goals = target_goals(form)
    weighted = [i for g in goals for i in g.indicators if i.weight is not None]
    if not weighted:
        return
    for goal in goals:
        ws = [i.weight for i in goal.indicators]
        if goal.weight is not None and ws and all(w is not None for w in ws):
            total = round(sum(w for w in ws if w is not None), 6)
            if abs(total - goal.weight) > 1e-6:
                detail = f"“{goal.name}”各指标分值合计 {fmt(total)} 分，与目标分值 {fmt(goal.weight)} 分不符"
                yield make_finding(
                    "target.weights_sum", form, index, goal=goal.name, printed=total, expected=goal.weight,
                    basis=basis, detail=detail,
                )  # fmt: skip
    all_inds = [i for g in goals for i in g.indicators]
    if len(weighted) == len(all_inds) and all(g.weight is None for g in goals):
        total = round(sum(i.weight for i in weighted if i.weight is not None), 6)
        # A target table has no budget row: its weights may be the indicators' points alone,
        # with the overall goal's, or the whole form's points spread over the indicators (权重
        # columns of 101号-style tables add up to the full 100).
        allowed = sorted(
            {lay.indicators for lay in rules.layouts}
            | {lay.indicators + lay.overall_goal for lay in rules.layouts}
            | {lay.total for lay in rules.layouts}
        )
        if not any(abs(total - a) <= 1e-6 for a in allowed):
            totals = "或".join(fmt(a) for a in allowed)
            detail = f"各指标分值合计 {fmt(total)} 分，而评分规则的指标总分为 {totals} 分"
            yield make_finding(
                "target.weights_sum", form, index, printed=total, expected=allowed[-1], basis=basis,
                detail=detail,
            )  # fmt: skip


CHECKS = [
    check_unmeasurable,
    check_subdimensions,
    check_cost_bounded,
    check_rate_over_100,
    check_low_satisfaction,
    check_duplicates,
    check_annual_consistent,
    check_weights_sum,
]


def review_target_table(form: Form, index: int = 0, rules: RuleSet | str | None = None) -> list[Finding]:
    """Every 目标审核 finding for one target table, in the review's order (review checks included)."""
    from jixiao.review.checks import target as review_target
    from jixiao.review.runner import run_checks
    from jixiao.score.rules import choose_rule_set

    rule_set = rules if isinstance(rules, RuleSet) else load_rule_set(rules or choose_rule_set(form))
    doc = Document(path=form.source.file if form.source and form.source.file else "", forms=[form])
    card = score_form(form, index, rule_set)
    return run_checks(form, index, card, rule_set, doc, [*review_target.CHECKS, *CHECKS])
