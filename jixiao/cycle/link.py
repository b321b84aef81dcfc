"""Targets ↔ self-evaluation: which 绩效目标表 a self-evaluation reports on, and what drifted.

A unit files its target table before the year and evaluates against it after the year. The
self-evaluation's 年初目标值 and 分值 should be the target table's; an indicator dropped, one
added, a target lowered or a "≥" turned into "≤" after the fact is what a reviewer looks for.

Pure functions over the model: ``match_targets`` ranks candidate target tables (same kind
family, unit — aliases honoured —, project and year) with a confidence and its reasons;
``pair_indicators`` lines the indicators up by normalised name; ``drift_findings`` turns the
differences into catalogued findings (``target.dropped/added/changed/weight_changed``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from jixiao._spool import FormHead, form_heads
from jixiao.cycle._names import name_key, similarity, text_key, vocabulary
from jixiao.model import Finding, Form, FormKind, Goal, Indicator
from jixiao.review.catalogue import fmt, fmt_pct, make_finding
from jixiao.score.values import Value, ValueKind, direction_from_name, parse_value

__all__ = [
    "IndicatorLink",
    "Linkage",
    "TargetMatch",
    "counterpart_kind",
    "drift_findings",
    "has_targets",
    "link_evaluation",
    "match_targets",
    "pair_indicators",
    "project_key",
    "target_goals",
    "term_of",
    "unit_key",
    "years_printed",
]

CONFIDENT = 0.8  # below this a match is shown but its drift findings are only "info"

_COUNTERPART = {
    FormKind.PROJECT_SELF_EVALUATION: FormKind.PROJECT_TARGET,
    FormKind.DEPARTMENT_SELF_EVALUATION: FormKind.DEPARTMENT_TARGET,
}


def counterpart_kind(kind: FormKind) -> FormKind | None:
    """The target-table kind a self-evaluation kind is evaluated against (None for target tables)."""
    return _COUNTERPART.get(kind)


def unit_key(unit: str | None, aliases: Mapping[str, str] | None = None) -> str:
    """A unit's key, through the alias table (alias key → unit key) when given."""
    key = text_key(unit)
    if aliases:
        return aliases.get(key, key)
    return key


def project_key(project: str | None) -> str:
    """A project name's key without a leading year and a trailing 项目/专项/经费/资金."""
    key = name_key(project)
    key = re.sub(r"^(?:19|20)\d{2}年?度?", "", key)
    return re.sub(r"(?:项目|专项|经费|资金)+$", "", key) or key


def years_printed(form: Form) -> int | None:
    """The year a form's indicator values name most often ("2023年工作日"), for a form without one."""
    counts: dict[int, int] = {}
    for _, ind in form.indicators():
        for m in re.finditer(r"((?:19|20)\d{2})\s*年", ind.target or ""):
            counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _printed_year(form: Form | FormHead) -> int | None:
    """``years_printed``, kept in a spooled form's head."""
    return form.printed_year if isinstance(form, FormHead) else years_printed(form)


def _implemented_by(form: Form, key: str, aliases: Mapping[str, str] | None) -> bool:
    """The national project form prints no 单位名称: its 实施单位 / 主管部门 name the unit."""
    return any(unit_key(name, aliases) == key for name in (form.implementer, form.supervisor) if name)


@dataclass(frozen=True)
class TargetMatch:
    """One candidate target table for a self-evaluation: its index, confidence 0–1 and why."""

    index: int
    confidence: float
    reasons: tuple[str, ...]

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


def match_targets(
    evaluation: Form,
    candidates: Sequence[Form],
    aliases: Mapping[str, str] | None = None,
    *,
    first_of_alike: bool = False,
) -> list[TargetMatch]:
    """Candidate target tables for ``evaluation``, best first; those that cannot be its target left out.

    Same kind family required (project ↔ project, department ↔ department); a different unit or
    a different printed year rules a candidate out; a unit or year one side leaves blank, or a
    project name spelled differently, lowers the confidence and says so.
    ``first_of_alike``: of candidates printing the same unit, year, project and title only the
    first is ranked (the rest score the same and rank after it): enough for the best match.
    """
    wanted = counterpart_kind(evaluation.kind)
    if wanted is None:
        return []
    found: list[TargetMatch] = []
    ukey = unit_key(evaluation.unit, aliases)
    heads = form_heads(candidates)  # a spooled document's forms are not loaded to be ruled out
    for n in _by_unit(candidates, aliases).possible(evaluation, wanted, ukey, aliases, first_of_alike):
        cand = heads[n]
        confidence = 1.0
        reasons: list[str] = []
        ckey = unit_key(cand.unit, aliases)
        if ukey and ckey:
            if ukey != ckey:
                continue
            same_print = text_key(evaluation.unit) == text_key(cand.unit)
            reasons.append("单位相同" if same_print else f"单位经别名对应（“{cand.unit}”）")
        elif ckey and _implemented_by(evaluation, ckey, aliases):
            reasons.append(f"自评表未印单位名称，其实施单位（或主管部门）为“{cand.unit}”")
        elif ckey and (evaluation.implementer or evaluation.supervisor):
            continue  # the evaluation names another unit as implementer and supervisor
        else:
            confidence *= 0.8
            reasons.append("目标表未印单位名称" if not ckey else "自评表未印单位名称")
        if evaluation.year is not None and cand.year is not None:
            if evaluation.year != cand.year:
                continue
            reasons.append(f"年度相同（{cand.year}）")
        else:
            confidence *= 0.7
            printed = _printed_year(cand) if cand.year is None else None
            if printed is not None and evaluation.year is not None and printed != evaluation.year:
                confidence *= 0.4
                reasons.append(
                    f"目标表未印年度，但其指标值写的是 {printed} 年，与自评年度 {evaluation.year} 年不同"
                )
            else:
                reasons.append("目标表未印年度" if cand.year is None else "自评表未印年度")
        if wanted is FormKind.PROJECT_TARGET:
            a, b = (
                project_key(evaluation.project or evaluation.title),
                project_key(cand.project or cand.title),
            )
            sim = similarity(a, b)
            if sim < 0.6:
                continue
            confidence *= sim
            reasons.append(
                "项目名称相同" if sim == 1.0 else f"项目名称相近（“{cand.project}”，相似度 {sim:.0%}）"
            )
        found.append(TargetMatch(n, round(confidence, 4), tuple(reasons)))
    return sorted(found, key=lambda m: (-m.confidence, m.index))


class _UnitIndex:
    """The candidates of each kind by unit key: a self-evaluation is compared only with the
    target tables its unit allows (its own unit's, or those printing no unit), not with every
    form of the document — a document of thousands of forms costs as much per form as one."""

    def __init__(self, candidates: Sequence[Form], aliases: Mapping[str, str] | None) -> None:
        self.by_key: dict[tuple[FormKind, str], list[int]] = {}
        self.by_kind: dict[FormKind, list[int]] = {}
        self.first: set[int] = set()  # the first candidate of each alike group (see match_targets)
        seen: set[tuple[object, ...]] = set()
        for n, cand in enumerate(form_heads(candidates)):
            self.by_key.setdefault((cand.kind, unit_key(cand.unit, aliases)), []).append(n)
            self.by_kind.setdefault(cand.kind, []).append(n)
            if cand.kind.is_target:
                # everything match_targets reads of a candidate
                printed = _printed_year(cand) if cand.year is None else None
                alike = (cand.kind, cand.unit, cand.year, printed, cand.project, cand.title)
                if alike not in seen:
                    seen.add(alike)
                    self.first.add(n)

    def possible(
        self,
        evaluation: Form,
        wanted: FormKind,
        ukey: str,
        aliases: Mapping[str, str] | None,
        first_of_alike: bool = False,
    ) -> list[int]:
        """Candidates of kind ``wanted`` whose unit does not rule them out, in printed order."""
        if ukey:
            keys = {ukey}
        elif evaluation.implementer or evaluation.supervisor:
            names = (evaluation.implementer, evaluation.supervisor)
            keys = {unit_key(name, aliases) for name in names if name} - {""}
        else:
            keys = set()  # no unit printed: any target table may be it
        if keys:
            keys.add("")  # a target table printing no unit
            found = sorted(n for k in keys for n in self.by_key.get((wanted, k), []))
        else:
            found = self.by_kind.get(wanted, [])
        return [n for n in found if n in self.first] if first_of_alike else found


_INDEX: list[tuple[Sequence[Form], int, Mapping[str, str] | None, _UnitIndex]] = []  # the last document


def _by_unit(candidates: Sequence[Form], aliases: Mapping[str, str] | None) -> _UnitIndex:
    """The unit index of ``candidates``, built once per document (the review asks form by form)."""
    last = _INDEX[0] if _INDEX else None
    if last is not None and last[0] is candidates and last[1] == len(candidates) and last[2] is aliases:
        return last[3]
    index = _UnitIndex(candidates, aliases)
    _INDEX[:] = [(candidates, len(candidates), aliases, index)]  # one document kept, no more
    return index


def has_targets(candidates: Sequence[Form]) -> bool:
    """Whether any of ``candidates`` is a target table (once per document, as above)."""
    return any(kind.is_target for kind in _by_unit(candidates, None).by_kind)


# --- indicators ------------------------------------------------------------------------------


def term_of(goal: Goal) -> str | None:
    """long_term (长期/中期目标) or annual (年度目标) as the goal says; None where it says neither."""
    if goal.term:
        return goal.term
    if "长期" in goal.name or "中期" in goal.name:
        return "long_term"
    return "annual" if "年度" in goal.name else None


def target_goals(form: Form) -> list[Goal]:
    """The goals a self-evaluation answers: the annual ones where a target table has both terms."""
    annual = [g for g in form.goals if term_of(g) == "annual"]
    if annual:
        return annual
    return [g for g in form.goals if term_of(g) != "long_term"] or list(form.goals)


@dataclass(frozen=True)
class IndicatorLink:
    """A target-table indicator and the self-evaluation indicator it became (either may be None)."""

    target_goal: str | None
    target: Indicator | None
    evaluation_goal: str | None
    evaluation: Indicator | None
    similarity: float = 0.0


def pair_indicators(target: Form, evaluation: Form) -> list[IndicatorLink]:
    """Line the indicators up one to one by normalised name (goal and 一级 break ties).

    Matched pairs first in the evaluation's order, then target indicators no evaluation row
    answers (dropped), then evaluation rows with no target (added).
    """
    threshold = vocabulary().similar
    t_rows = [(g, i) for g in target_goals(target) for i in g.indicators]
    e_rows = evaluation.indicators()
    t_keys = [name_key(i.name) for _, i in t_rows]
    e_keys = [name_key(i.name) for _, i in e_rows]
    scored: list[tuple[float, float, int, int]] = []
    for ei, ek in enumerate(e_keys):
        eg, e = e_rows[ei]
        for ti, tk in enumerate(t_keys):
            sim = similarity(ek, tk, threshold)
            if sim < threshold:
                continue
            tg, t = t_rows[ti]
            bonus = 0.0
            if text_key(tg.name) == text_key(eg.name):
                bonus += 0.05
            if text_key(t.level1) == text_key(e.level1):
                bonus += 0.02
            if text_key(t.target) == text_key(e.target):
                bonus += 0.01
            scored.append((sim + bonus, sim, ei, ti))
    scored.sort(key=lambda s: (-s[0], s[2], s[3]))
    e_taken: dict[int, tuple[int, float]] = {}
    t_taken: set[int] = set()
    for _, sim, ei, ti in scored:
        if ei in e_taken or ti in t_taken:
            continue
        e_taken[ei] = (ti, sim)
        t_taken.add(ti)
    links: list[IndicatorLink] = []
    for ei, (eg, e) in enumerate(e_rows):
        if ei in e_taken:
            ti, sim = e_taken[ei]
            tg, t = t_rows[ti]
            links.append(IndicatorLink(tg.name, t, eg.name, e, round(sim, 4)))
    for ti, (tg, t) in enumerate(t_rows):
        if ti not in t_taken:
            links.append(IndicatorLink(tg.name, t, None, None))
    for ei, (eg, e) in enumerate(e_rows):
        if ei not in e_taken:
            links.append(IndicatorLink(None, None, eg.name, e))
    return links


# --- drift -------------------------------------------------------------------------------------

_SIDE = {">=": "+", ">": "+", "<=": "-", "<": "-"}
_SHOW = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "~": "约", None: "无比较符"}


def _numeric(v: Value) -> bool:
    return v.kind in (ValueKind.NUMBER, ValueKind.RANGE) and v.number is not None


def value_change(name: str, before: str | None, after: str | None) -> tuple[str, bool] | None:
    """How a target value changed (Chinese), and whether it got easier; None if unchanged."""
    if text_key(before) == text_key(after):
        return None
    if not (before or "").strip():
        return ("目标表未填指标值，自评表补填了目标值", False)
    if not (after or "").strip():
        return ("自评表未填年初目标值", False)
    t, e = parse_value(before), parse_value(after)
    if _numeric(t) and _numeric(e):
        ts, es = _SIDE.get(t.comparator or ""), _SIDE.get(e.comparator or "")
        if ts and es and ts != es:
            return (f"比较方向由“{_SHOW[t.comparator]}”改为“{_SHOW[e.comparator]}”", True)
        if t.family != e.family or (t.unit and e.unit and t.unit != e.unit):
            return (f"计量单位由“{t.unit or '无'}”改为“{e.unit or '无'}”", False)
        side = ts or es
        if side is None:
            d = direction_from_name(name)
            side = "-" if d is not None and d.value == "negative" else "+"
        assert t.number is not None and e.number is not None
        if abs(t.number - e.number) > 1e-9 * max(1.0, abs(t.number)):
            easier = e.number < t.number if side == "+" else e.number > t.number
            word = "调低" if e.number < t.number else "调高"
            what = "目标值" if side == "+" else "上限"
            show = fmt_pct if t.family == "rate" else fmt
            return (f"{what}{word}（{show(t.number)} → {show(e.number)}）", easier)
        if t.comparator and e.comparator and t.comparator != e.comparator:
            return (f"比较符由“{_SHOW[t.comparator]}”改为“{_SHOW[e.comparator]}”", False)
        return None  # same number, the comparator kept or left off ("≥95%" / "95%"): the same value
    return ("指标值文字不同", False)


@dataclass
class Linkage:
    """A self-evaluation, the target table matched to it, the indicator pairs and the drift found."""

    match: TargetMatch
    links: list[IndicatorLink] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return sum(1 for x in self.links if x.target is not None and x.evaluation is not None)


def drift_findings(
    target: Form,
    evaluation: Form,
    index: int,
    match: TargetMatch,
    links: Sequence[IndicatorLink] | None = None,
) -> list[Finding]:
    """Catalogued findings for what changed between ``target`` and ``evaluation`` (the ``index``-th form)."""
    if links is None:
        links = pair_indicators(target, evaluation)
    low = not match.confident
    note = f"（目标表匹配置信度 {match.confidence:.0%}，请核实）" if low else ""
    title = f"“{target.title}”"
    out: list[Finding] = []
    for link in links:
        t, e = link.target, link.evaluation
        if t is not None and e is None:
            out.append(
                make_finding(
                    "target.dropped",
                    evaluation,
                    index,
                    goal=link.target_goal,
                    indicator=t.name,
                    printed=None,
                    expected=t.target,
                    target=t.target or "—",
                    target_title=title,
                    note=note,
                    severity="info" if low else None,
                )
            )
        elif t is None and e is not None:
            out.append(
                make_finding(
                    "target.added",
                    evaluation,
                    index,
                    goal=link.evaluation_goal,
                    indicator=e.name,
                    printed=e.target,
                    expected=None,
                    target_title=title,
                    note=note,
                    severity="info" if low else None,
                )
            )
        elif t is not None and e is not None:
            change = value_change(e.name, t.target, e.target)
            if change is not None:
                how, easier = change
                out.append(
                    make_finding(
                        "target.changed",
                        evaluation,
                        index,
                        goal=link.evaluation_goal,
                        indicator=e.name,
                        printed=e.target,
                        expected=t.target,
                        target_before=t.target or "—",
                        target_after=e.target or "—",
                        how=how,
                        note=note,
                        severity="info" if low else ("error" if easier else "warning"),
                    )
                )
            if t.weight is not None and e.weight is not None and abs(t.weight - e.weight) > 1e-9:
                out.append(
                    make_finding(
                        "target.weight_changed",
                        evaluation,
                        index,
                        goal=link.evaluation_goal,
                        indicator=e.name,
                        printed=e.weight,
                        expected=t.weight,
                        weight_before=fmt(t.weight),
                        weight_after=fmt(e.weight),
                        note=note,
                        severity="info" if low else None,
                    )
                )
    return out


def link_evaluation(
    evaluation: Form, index: int, candidates: Sequence[Form], aliases: Mapping[str, str] | None = None
) -> Linkage | None:
    """The best-matching target table for ``evaluation`` with its indicator pairs and drift; None if none."""
    matches = match_targets(evaluation, candidates, aliases, first_of_alike=True)
    if not matches:
        return None
    best = matches[0]
    target = candidates[best.index]
    links = pair_indicators(target, evaluation)
    return Linkage(best, links, drift_findings(target, evaluation, index, best, links))
