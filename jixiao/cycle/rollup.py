"""汇总: the self-evaluations of sub-units / second-level projects combined into one form.

The seeds' 备注 state the method: "定量指标完成数汇总原则：绝对值直接累加计算，相对值按照资金额度
加权平均计算……定量指标先汇总完成数，再计算得分"; qualitative: "汇总时，以资金额度为权重，对分值进行
加权平均计算". The rule set carries it as data (``RuleSet.aggregation``). A rate is computed
from summed numerators and denominators where every sub-form prints them ("96%（48/50）"),
else weighted by funds — never a plain average of percentages.

``rollup`` returns the combined form (a plain ``Form`` any writer prints, its working kept in
``extra["rollup"]``), its scorecard, the working per indicator, and the indicators that do not
line up across the sub-forms — listed, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from jixiao.cycle._names import name_key, text_key
from jixiao.model import Budget, Form, Goal, Indicator, OverallGoal, Scorecard
from jixiao.review.catalogue import fmt
from jixiao.score.rules import RuleSet
from jixiao.score.scorecard import score_form
from jixiao.score.values import Value, ValueKind, parse_value

__all__ = ["CombinedValue", "Rollup", "RollupError", "SubForm", "Unaligned", "rollup"]


class RollupError(ValueError):
    """Forms that cannot be rolled up at all; ``str()`` is a Chinese message."""


@dataclass(frozen=True)
class SubForm:
    """One sub-form of the roll-up: its funds and its share of the total funds."""

    position: int
    title: str
    project: str | None
    funds: float | None
    share: float | None

    @property
    def label(self) -> str:
        """How the working names it: the project, else the title."""
        return self.project or self.title


@dataclass(frozen=True)
class Part:
    """What one sub-form prints for a combined indicator."""

    title: str
    target: str | None
    actual: str | None
    weight: float | None
    score: float | None


@dataclass
class CombinedValue:
    """One combined indicator with the working that produced it."""

    goal: str
    name: str
    method: str  # Chinese: 绝对值累加 / 分子分母合计 / 按资金额度加权 / 定性分值加权 / 完成时间取最晚
    target: str | None
    actual: str | None
    weight: float | None
    score: float | None
    working: str  # Chinese: the arithmetic, sub-form by sub-form
    parts: list[Part] = field(default_factory=list)


@dataclass(frozen=True)
class Unaligned:
    """An indicator not combined, where it appears and why."""

    name: str
    present_in: tuple[str, ...]
    reason: str


@dataclass
class Rollup:
    form: Form
    scorecard: Scorecard
    subforms: list[SubForm]
    values: list[CombinedValue]
    unaligned: list[Unaligned]
    rule_set: str
    basis: str
    partial_total: float  # budget + overall goal + combined indicators; the total only if none is unaligned

    @property
    def complete(self) -> bool:
        return not self.unaligned


_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_COUNTS = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*[/÷／]\s*(\d[\d,]*(?:\.\d+)?)")


def _printed_number(text: str) -> tuple[str, float, str] | None:
    """("≥", 12, "个") of a printed value: comparator text, the printed number, the rest."""
    s = text.strip()
    m = _NUMBER.search(s)
    if m is None:
        return None
    return s[: m.start()].strip(), float(m.group(0).replace(",", "")), s[m.end() :].strip()


def _counts(ind: Indicator) -> tuple[float, float] | None:
    """Numerator and denominator of a rate where the sub-form gives them."""
    num, den = ind.extra.get("numerator"), ind.extra.get("denominator")
    if isinstance(num, int | float) and isinstance(den, int | float) and den > 0:
        return float(num), float(den)
    m = _COUNTS.search(ind.actual or "")
    if m is None:
        return None
    n, d = float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))
    return (n, d) if d > 0 else None


def _pct(x: float) -> str:
    return f"{fmt(round(x * 100, 2))}%"


def _share_text(subs: Sequence[SubForm]) -> str:
    return "、".join(f"{fmt(round((s.share or 0) * 100, 2))}%" for s in subs)


def _combine_weights(parts: Sequence[Part], subs: Sequence[SubForm]) -> float | None:
    ws = [p.weight for p in parts if p.weight is not None]
    if len(ws) < len(parts):
        return None
    if all(abs(w - ws[0]) < 1e-9 for w in ws):
        return ws[0]
    if any(s.share is None for s in subs):
        return None
    return round(sum((s.share or 0) * w for s, w in zip(subs, ws, strict=True)), 4)


def _quantitative(values: Sequence[Value]) -> bool:
    return all(v.kind is ValueKind.NUMBER and v.number is not None for v in values)


def _combine(
    goal: str, rows: Sequence[tuple[SubForm, Indicator]], rules: RuleSet
) -> CombinedValue | Unaligned:
    agg = rules.aggregation
    subs = [s for s, _ in rows]
    inds = [i for _, i in rows]
    name = inds[0].name
    titles = tuple(s.label for s in subs)
    parts = [Part(s.label, i.target, i.actual, i.weight, i.score) for s, i in rows]
    weight = _combine_weights(parts, subs)
    targets = [parse_value(i.target) for i in inds]
    actuals = [parse_value(i.actual) for i in inds]
    funded = all(s.share is not None for s in subs)

    def unaligned(reason: str) -> Unaligned:
        return Unaligned(name, titles, reason)

    if any(v.kind is ValueKind.RANGE for v in targets + actuals):
        return unaligned("区间值（如“2-4个”）无法汇总：" + "、".join(i.target or "—" for i in inds))
    if _quantitative(targets) and _quantitative(actuals):
        families = {v.family for v in targets} | {v.family for v in actuals}
        comparators = {v.comparator for v in targets if v.comparator}  # "10个" reads as "≥10个"'s peer
        if len(families) != 1:
            return unaligned("各子表计量单位不同：" + "、".join(i.target or "—" for i in inds))
        if len(comparators) > 1:
            return unaligned("各子表目标值的比较符不同：" + "、".join(i.target or "—" for i in inds))
        family = families.pop()
        if family in ("rate", "permille"):
            if agg.relative == "not_aggregated":
                return unaligned("评分规则规定相对值不汇总")
            scale = 100 if family == "rate" else 1000
            sign = "%" if family == "rate" else "‰"
            t_values = [v.number or 0.0 for v in targets]
            same_target = all(abs(t - t_values[0]) < 1e-12 for t in t_values)
            with_comparator = next(
                (i.target for i, v in zip(inds, targets, strict=True) if v.comparator), None
            )
            if same_target:
                target = with_comparator or inds[0].target
                t_working = f"目标值各子表均为{target}"
            elif funded:
                t = sum((s.share or 0) * x for s, x in zip(subs, t_values, strict=True))
                first = _printed_number(with_comparator or "")
                comp = first[0] if first is not None else ""
                target = f"{comp}{fmt(round(t * scale, 2))}{sign}"
                t_working = (
                    "目标值按资金额度加权："
                    + "+".join(
                        f"{fmt(round((s.share or 0), 4))}×{fmt(round(x * scale, 2))}{sign}"
                        for s, x in zip(subs, t_values, strict=True)
                    )
                    + f"={fmt(round(t * scale, 2))}{sign}"
                )
            else:
                return unaligned("子表未印预算数，目标值无法按资金额度加权")
            counts = [_counts(i) for i in inds]
            if agg.counts_first and all(c is not None for c in counts):
                num = sum(c[0] for c in counts if c is not None)
                den = sum(c[1] for c in counts if c is not None)
                rate = num / den
                actual = f"{fmt(round(rate * scale, 2))}{sign}（{fmt(num)}/{fmt(den)}）"
                nums = "+".join(fmt(c[0]) for c in counts if c is not None)
                dens = "+".join(fmt(c[1]) for c in counts if c is not None)
                a_working = (
                    f"实际完成值由分子分母合计：（{nums}）÷（{dens}）={fmt(num)}÷{fmt(den)}={_pct(rate)}"
                )
                method = "分子分母合计"
            elif funded:
                a_values = [v.number or 0.0 for v in actuals]
                rate = sum((s.share or 0) * x for s, x in zip(subs, a_values, strict=True))
                actual = f"{fmt(round(rate * scale, 2))}{sign}"
                a_working = (
                    "实际完成值按资金额度加权："
                    + "+".join(
                        f"{fmt(round((s.share or 0), 4))}×{fmt(round(x * scale, 2))}{sign}"
                        for s, x in zip(subs, a_values, strict=True)
                    )
                    + f"={fmt(round(rate * scale, 2))}{sign}"
                )
                method = "按资金额度加权"
            else:
                return unaligned("子表未印预算数且未给出分子分母，比率无法汇总")
            return CombinedValue(
                goal, name, method, target, actual, weight, None, f"{t_working}；{a_working}", parts
            )
        if agg.absolute == "not_aggregated":
            return unaligned("评分规则规定绝对值不汇总")
        t_parts = [_printed_number(i.target or "") for i in inds]
        a_parts = [_printed_number(i.actual or "") for i in inds]
        if any(p is None for p in t_parts + a_parts):
            return unaligned("子表的目标值或实际完成值不是数值")
        t_rest = {p[2] for p in t_parts if p is not None}
        a_rest = {p[2] for p in a_parts if p is not None}
        if len(t_rest) != 1:
            return unaligned("各子表目标值的计量单位写法不同：" + "、".join(i.target or "—" for i in inds))
        unit = t_rest.pop()
        a_unit = a_rest.pop() if len(a_rest) == 1 else None
        if a_unit is None:
            return unaligned(
                "各子表实际完成值的计量单位写法不同：" + "、".join(i.actual or "—" for i in inds)
            )
        t_sum = sum(p[1] for p in t_parts if p is not None)
        a_sum = sum(p[1] for p in a_parts if p is not None)
        comp = next((p[0] for p in t_parts if p is not None and p[0]), "")
        target = f"{comp}{fmt(round(t_sum, 6))}{unit}"
        actual = f"{fmt(round(a_sum, 6))}{a_unit}"
        working = (
            "绝对值直接累加：目标值 "
            + "+".join(fmt(p[1]) for p in t_parts if p is not None)
            + f"={fmt(round(t_sum, 6))}{unit}；实际完成值 "
            + "+".join(fmt(p[1]) for p in a_parts if p is not None)
            + f"={fmt(round(a_sum, 6))}{a_unit}"
        )
        return CombinedValue(goal, name, "绝对值累加", target, actual, weight, None, working, parts)
    if all(v.kind is ValueKind.DATE and v.date for v in targets + actuals):
        if len({text_key(i.target) for i in inds}) != 1:
            return unaligned("各子表完成时限不同：" + "、".join(i.target or "—" for i in inds))
        latest = max(range(len(inds)), key=lambda k: actuals[k].date or (0, 0, 0))
        last = f"{subs[latest].label}：{inds[latest].actual}"
        working = f"完成时限各子表均为{inds[0].target}；实际完成时间取最晚者（{last}）"
        return CombinedValue(
            goal, name, "完成时间取最晚", inds[0].target, inds[latest].actual, weight, None, working, parts
        )
    # Qualitative: the scores weighted by funds.
    if agg.qualitative == "not_aggregated":
        return unaligned("评分规则规定定性指标不汇总")
    if any(i.score is None for i in inds):
        return unaligned("有子表未对该指标打分，定性得分无法加权")
    if not funded:
        return unaligned("子表未印预算数，定性得分无法按资金额度加权")
    if weight is None or any(i.weight is None for i in inds):
        return unaligned("有子表未印该指标分值，定性得分无法折算")
    fraction = sum((s.share or 0) * (i.score or 0) / (i.weight or 1) for s, i in rows)
    score = rules.round(fraction * weight)
    working = (
        "定性指标得分以资金额度为权重加权平均："
        + "+".join(f"{fmt(round(s.share or 0, 4))}×{fmt(i.score)}/{fmt(i.weight)}" for s, i in rows)
        + f"={fmt(round(fraction, 4))}，×分值{fmt(weight)}={fmt(score)}分"
    )
    target = _joined([i.target for i in inds])
    actual = _joined([i.actual for i in inds])
    return CombinedValue(goal, name, "定性分值加权", target, actual, weight, score, working, parts)


def _joined(texts: Sequence[str | None]) -> str | None:
    seen: dict[str, str] = {}
    for t in texts:
        if t and text_key(t) not in seen:
            seen[text_key(t)] = t.strip()
    return "；".join(seen.values()) or None


def _key(ind: Indicator) -> tuple[str, str]:
    level1 = text_key(ind.level1).removesuffix("指标")
    return (level1, name_key(ind.name))


def rollup(
    forms: Sequence[Form],
    rules: RuleSet,
    *,
    title: str | None = None,
    project: str | None = None,
    unit: str | None = None,
) -> Rollup:
    """Combine self-evaluation ``forms`` into one form by ``rules.aggregation``, then score it."""
    if len(forms) < 2:
        raise RollupError("汇总至少需要两张自评表")
    if any(f.kind.is_target for f in forms):
        raise RollupError("绩效目标表不能汇总，请只给出自评表")
    kinds = {f.kind for f in forms}
    if len(kinds) != 1:
        raise RollupError("汇总的自评表类型不同（项目自评表与部门整体自评表不能混合汇总）")
    agg = rules.aggregation

    def funds_of(f: Form) -> float | None:
        if f.budget is None:
            return None
        return f.budget.planned if agg.funds == "planned" else f.budget.executed

    funds = [funds_of(f) for f in forms]
    total_funds = sum(x for x in funds if x is not None)
    complete = all(x is not None for x in funds) and total_funds > 0
    subs = [
        SubForm(n, f.title, f.project, x, (x / total_funds) if complete and x is not None else None)
        for n, (f, x) in enumerate(zip(forms, funds, strict=True))
    ]

    # Indicators by key, per sub-form; a key printed twice in one sub-form cannot be lined up.
    per_form: list[dict[tuple[str, str], list[tuple[Goal, Indicator]]]] = []
    for f in forms:
        by_key: dict[tuple[str, str], list[tuple[Goal, Indicator]]] = {}
        for g, i in f.indicators():
            by_key.setdefault(_key(i), []).append((g, i))
        per_form.append(by_key)
    order: list[tuple[str, str]] = []
    for by_key in per_form:
        order.extend(k for k in by_key if k not in order)

    values: list[CombinedValue] = []
    unaligned: list[Unaligned] = []
    goals: dict[str, Goal] = {}
    for key in order:
        present = [(n, by_key[key]) for n, by_key in enumerate(per_form) if key in by_key]
        first_goal, first = present[0][1][0]
        titles = tuple(subs[n].label for n, _ in present)
        if len(present) < len(forms):
            missing = [subs[n].label for n in range(len(forms)) if key not in per_form[n]]
            unaligned.append(Unaligned(first.name, titles, "未见于：" + "、".join(missing)))
            continue
        if any(len(rows) > 1 for _, rows in present):
            unaligned.append(Unaligned(first.name, titles, "在同一子表中出现多次，无法一一对应"))
            continue
        rows = [(subs[n], rows[0][1]) for n, rows in present]
        combined = _combine(first_goal.name, rows, rules)
        if isinstance(combined, Unaligned):
            unaligned.append(combined)
            continue
        values.append(combined)
        goal = goals.setdefault(first_goal.name, Goal(name=first_goal.name, text=first_goal.text))
        goal.indicators.append(
            Indicator(
                level1=first.level1,
                level2=first.level2,
                name=first.name,
                weight=combined.weight,
                target=combined.target,
                actual=combined.actual,
                score=combined.score,
            )
        )

    planned = [f.budget.planned if f.budget else None for f in forms]
    executed = [f.budget.executed if f.budget else None for f in forms]
    budget = None
    if all(x is not None for x in planned) and all(x is not None for x in executed):
        a = round(sum(x for x in planned if x is not None), 6)
        b = round(sum(x for x in executed if x is not None), 6)
        weights = {f.budget.weight for f in forms if f.budget is not None and f.budget.weight is not None}
        budget = Budget(
            weight=weights.pop() if len(weights) == 1 else rules.budget.weight,
            planned=a,
            executed=b,
            rate=round(b / a, 6) if a > 0 else None,
        )
    overall = _overall(forms, subs, rules)

    years = {f.year for f in forms}
    units = {text_key(f.unit): f.unit for f in forms if f.unit}
    year = years.pop() if len(years) == 1 else None
    combined_unit = unit or (next(iter(units.values())) if len(units) == 1 else None)
    name = project or "汇总项目"
    form = Form(
        kind=forms[0].kind,
        title=title or f"{year or ''}{'年度' if year else ''}{name}自评表（汇总）",
        year=year,
        unit=combined_unit,
        project=project,
        budget=budget,
        overall_goal=overall,
        goals=list(goals.values()),
    )
    for g in form.goals:
        ws = [i.weight for i in g.indicators]
        g.weight = (
            round(sum(w for w in ws if w is not None), 6) if ws and all(w is not None for w in ws) else None
        )

    # 定量指标先汇总完成数，再计算得分: the scorecard scores the combined values.
    card = score_form(form, 0, rules)
    by_name = {(s.goal, s.indicator): s for s in card.indicators}
    for g in form.goals:
        for ind, cv in zip(g.indicators, [v for v in values if v.goal == g.name], strict=True):
            if ind.score is None:
                s = by_name.get((g.name, ind.name))
                ind.score = s.computed if s is not None else None
                cv.score = ind.score
                if s is not None:
                    cv.working += f"；得分：{s.reason}"
    if form.budget is not None:
        form.budget.score = card.budget_computed
    parts = [form.budget.score if form.budget and form.budget.score is not None else 0.0]
    if overall is not None and overall.score is not None:
        parts.append(overall.score)
    parts.extend(i.score for _, i in form.indicators() if i.score is not None)
    # An indicator left out leaves the total incomplete: no total (and no grade) is claimed for it.
    partial = rules.round(sum(parts))
    form.total_score = None if unaligned else partial
    basis = agg.basis
    form.extra["rollup"] = {
        "rule_set": rules.name,
        "basis": basis,
        "subforms": [asdict(s) for s in subs],
        "values": [{k: v for k, v in asdict(cv).items() if k != "parts"} for cv in values],
        "unaligned": [asdict(u) for u in unaligned],
        "partial_total": partial if unaligned else None,
    }
    card = score_form(form, 0, rules)
    if unaligned:
        card.total_computed = card.grade_computed = card.grade_printed = None
    return Rollup(form, card, subs, values, unaligned, rules.name, basis, partial)


def _overall(forms: Sequence[Form], subs: Sequence[SubForm], rules: RuleSet) -> OverallGoal | None:
    """The 总目标 block: scores weighted by funds where every sub-form prints one."""
    blocks = [f.overall_goal for f in forms]
    if any(b is None or b.score is None or not b.weight for b in blocks) or any(
        s.share is None for s in subs
    ):
        return None
    weights = {b.weight for b in blocks if b is not None}
    weight = weights.pop() if len(weights) == 1 else None
    if weight is None:
        return None
    fraction = sum(
        (s.share or 0) * (b.score or 0) / (b.weight or 1) for s, b in zip(subs, blocks, strict=True) if b
    )
    return OverallGoal(
        weight=weight,
        target=_joined([b.target for b in blocks if b]),
        actual=_joined([b.actual for b in blocks if b]),
        score=rules.round(fraction * weight),
    )
