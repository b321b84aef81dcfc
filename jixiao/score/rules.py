"""Rule sets (评分规则) as validated data: one YAML file per regime under ``rulesets/``.

Every number the scoring uses — execution weight, point split, formulas, qualitative bands,
rounding, grade bands — comes from a ``RuleSet``; code never branches on a rule set's name.
Unknown keys are rejected (``extra="forbid"``) so a typo in a rule file fails loudly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jixiao.model import Form

__all__ = [
    "Aggregation",
    "Band",
    "Detection",
    "GradeBand",
    "Layout",
    "RuleSet",
    "RuleSetError",
    "agrees",
    "choose_rule_set",
    "decimals_of",
    "detect_rule_set",
    "load_rule_set",
    "parse_rule_set",
    "rule_set_names",
]


class RuleSetError(ValueError):
    """A rule file that cannot be used: unknown name, bad YAML or an unknown/invalid key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Layout(_Strict):
    """One point split (分值结构): budget + overall goal + indicators = total.

    ``per_level1`` is for converted totals (Hebei): each 一级指标's points add up to it on their
    own and the form's total is Σ 单项得分 × 权重占比, so the indicators' points add up to
    ``per_level1`` × the number of 一级指标 rather than to ``indicators``.
    """

    name: str
    budget: float
    overall_goal: float = 0
    indicators: float
    level1: dict[str, float] = Field(default_factory=dict)  # 产出指标: 50 … where the rules fix it
    per_level1: float | None = None

    @property
    def total(self) -> float:
        return self.budget + self.overall_goal + self.indicators


class Band(_Strict):
    """A qualitative band as fractions of the indicator's weight, e.g. 达成 0.8–1.0."""

    low: float = Field(ge=0, le=1)
    high: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.low > self.high:
            raise ValueError(f"区间下限 {self.low} 大于上限 {self.high}")
        return self


class GradeBand(_Strict):
    grade: str
    min: float  # inclusive lower bound of the total score


class Budget(_Strict):
    weight: float  # 0 where execution is not scored (``scored: false``)
    scored: bool = True  # False: 预算执行 is reported but earns no points (Hebei exports)
    formula: Literal["weight_x_min_rate_1"] = "weight_x_min_rate_1"  # 得分 = 分值 × min(执行率, 100%)
    basis: str


class Quantitative(_Strict):
    positive: Literal["weight_x_b_over_a"] = "weight_x_b_over_a"  # 正向：权重 × B/A
    negative: Literal["weight_x_a_over_b"] = "weight_x_a_over_b"  # 反向：权重 × A/B
    # Where the rules give no formula for a missed reverse target, other readings accepted too:
    # weight_x_one_minus_excess = 权重 × (1 − (B−A)/A), 0 at B ≥ 2A (the vendor software's).
    negative_also: list[Literal["weight_x_one_minus_excess"]] = Field(default_factory=list)
    cap_at_weight: bool = True
    basis: str


class Qualitative(_Strict):
    met: Band
    partly: Band
    not_met: Band
    basis: str


class Rounding(_Strict):
    modes: list[Literal["half_up", "truncate"]] = Field(min_length=1)
    decimals: int = Field(ge=0, le=6)  # decimals of a recomputed score


class Target(_Strict):
    """What a 绩效目标表 must hold."""

    required_dimensions: list[str]  # 一级指标 each goal needs: 产出指标, 效益指标 …
    cost_required: bool = False  # 成本指标 required (newer regimes)
    basis_required: bool = True  # the template has a 指标值确定依据 column every indicator must fill
    basis: str


class Total(_Strict):
    """How the form's total is reached: the sum of its parts, or Σ 单项得分 × 权重占比 (converted)."""

    formula: Literal["sum", "converted"] = "sum"
    basis: str = ""


class Coefficient(_Strict):
    """指标得分 = 得分系数 × 指标权重, with the coefficient printed per indicator (Chongqing)."""

    basis: str


class Evidence(_Strict):
    """One thing a form prints that points to this rule set; ``points`` weigh it against the others.

    Exactly one of the matchers is given:
    ``extra_key`` (the reader kept this key under ``extra``), ``title`` (a word of the title),
    ``text`` (a word of the title, unit, departments, project or printed notes), ``header`` (a
    column label the reader kept under ``extra["headers"]``), ``level1`` (an 一级指标 label),
    ``target_sign`` (a character printed in a target), ``goal_weight`` (a goal printed with these
    points), ``null_levels`` (a flat list: no 一级/二级 at all), ``budget_unscored`` (a budget
    block printed without points or score).
    """

    says: str  # Chinese, what was seen, for the review output
    points: float = 1
    extra_key: str | None = None
    title: str | None = None
    text: str | None = None
    header: str | None = None
    level1: str | None = None
    target_sign: str | None = None
    goal_weight: float | None = None
    null_levels: bool | None = None
    budget_unscored: bool | None = None
    level1_points: float | None = None
    goal_points: float | None = None

    @model_validator(mode="after")
    def _one_matcher(self) -> Evidence:
        given = [k for k in _MATCHERS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"每条依据须恰有一个匹配项（{'、'.join(_MATCHERS)}），实有 {len(given)} 个")
        return self


_MATCHERS = (
    "extra_key",
    "title",
    "text",
    "header",
    "level1",
    "target_sign",
    "goal_weight",
    "null_levels",
    "budget_unscored",
    "level1_points",
    "goal_points",
)


class Detect(_Strict):
    """How a form is recognised as following this rule set (see ``choose_rule_set``).

    ``prior`` breaks ties between rule sets the evidence does not separate (the general
    regime of a budget weight gets the higher prior, a regional one wins only on evidence).
    """

    prior: float = 0
    evidence: list[Evidence] = Field(default_factory=list)


# --- aggregation (汇总): how sub-forms roll up into one form (jixiao.cycle.rollup) ---------------


class Aggregation(_Strict):
    """How second-level self-evaluations roll up into the first-level form (汇总).

    Absolute values are summed; relative values (rates) are computed from summed numerators and
    denominators where the sub-forms print them, else weighted by funds; qualitative scores are
    weighted by funds; quantitative scores are recomputed from the combined values.
    """

    funds: Literal["planned", "executed"] = "planned"  # 资金额度: 预算数 (A) or 执行数 (B)
    absolute: Literal["sum", "not_aggregated"] = "sum"
    relative: Literal["funds_weighted", "not_aggregated"] = "funds_weighted"
    counts_first: bool = True  # 分子/分母 printed by every sub-form: the rate of the sums
    qualitative: Literal["funds_weighted_score", "not_aggregated"] = "funds_weighted_score"
    basis: str = "未规定汇总口径：按资金额度加权（可在规则文件的汇总口径中修改）"


class RuleSet(_Strict):
    name: str
    version: str
    title: str
    basis: str  # 文件 the rules come from
    budget: Budget
    layouts: list[Layout] = Field(min_length=1)
    quantitative: Quantitative
    qualitative: Qualitative
    rounding: Rounding
    grades: list[GradeBand] = Field(min_length=1)
    satisfaction_required: bool
    satisfaction_basis: str = ""
    constraint_negative: bool = False  # 约束性指标以负数计分
    target: Target
    total: Total = Field(default_factory=Total)
    coefficient: Coefficient | None = None
    # Look-alike comparison signs mapped before comparing (≧ → ≥, ═ → =): some templates print them.
    signs: dict[str, str] = Field(default_factory=dict)
    detect: Detect = Field(default_factory=Detect)
    aggregation: Aggregation = Field(default_factory=Aggregation)  # 汇总 of sub-forms

    def layout_for(self, form: Form) -> Layout:
        """The point split a form uses: a weighted overall-goal block selects the layout with one."""
        has_overall = form.overall_goal is not None and form.overall_goal.weight
        for layout in self.layouts:
            if bool(layout.overall_goal) == bool(has_overall):
                return layout
        return self.layouts[0]

    def grade(self, total: float | None) -> str | None:
        if total is None:
            return None
        for band in sorted(self.grades, key=lambda b: -b.min):
            if total >= band.min - 1e-9:
                return band.grade
        return self.grades[-1].grade

    def band(self, outcome: str) -> Band | None:
        return {
            "met": self.qualitative.met,
            "partly": self.qualitative.partly,
            "not_met": self.qualitative.not_met,
        }.get(outcome)

    def round(self, value: float) -> float:
        return float(_round(value, self.rounding.decimals, self.rounding.modes[0]))


@cache
def rule_set_names() -> tuple[str, ...]:
    """Names of the shipped rule sets (file stems under ``rulesets/``); read once per process."""
    folder = resources.files("jixiao.score") / "rulesets"
    return tuple(sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")))


_LOADED_FILES: dict[str, RuleSet] = {}


@cache
def load_rule_set(name: str) -> RuleSet:
    """Load and validate a shipped rule set by name, or a rule file by path (``.yaml``).

    ``RuleSetError`` with a Chinese message for an unknown name or an invalid file.
    """
    if name in _LOADED_FILES:
        return _LOADED_FILES[name]
    names = rule_set_names()
    if name not in names:
        path = Path(name)
        if path.suffix in (".yaml", ".yml") and path.is_file():  # a rule set of one's own
            rules = parse_rule_set(path.read_text(encoding="utf-8"), source=str(path))
            _LOADED_FILES.setdefault(rules.name, rules)  # scorecards name it; reports look it up
            return rules
        raise RuleSetError(f"未知的评分规则“{name}”，可用：{'、'.join(names)}，或给出规则文件（.yaml）的路径")
    text = (resources.files("jixiao.score") / "rulesets" / f"{name}.yaml").read_text(encoding="utf-8")
    return parse_rule_set(text, source=f"{name}.yaml")


def parse_rule_set(text: str, source: str = "<规则>") -> RuleSet:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise RuleSetError(f"{source}：YAML 格式错误：{e}") from None
    if not isinstance(data, dict):
        raise RuleSetError(f"{source}：应为键值映射")
    try:
        return RuleSet.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            where = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                problems.append(f"未知的键“{where}”")
            elif err["type"] == "missing":
                problems.append(f"缺少键“{where}”")
            else:
                problems.append(f"“{where}”取值无效（{err['msg']}）")
        raise RuleSetError(f"{source}：" + "；".join(problems)) from None


@dataclass(frozen=True, slots=True)
class Detection:
    """The rule set a form was matched to and what it prints that says so (Chinese phrases)."""

    name: str
    evidence: tuple[str, ...] = ()


def _printed_text(form: Form) -> str:
    parts = [form.title, form.unit, form.supervisor, form.implementer, form.project]
    notes = form.extra.get("notes") if isinstance(form.extra, dict) else None
    parts.extend(notes if isinstance(notes, list) else [notes] if isinstance(notes, str) else [])
    return " ".join(p for p in parts if isinstance(p, str))


def _matches(ev: Evidence, form: Form) -> bool:
    """Whether ``form`` prints what ``ev`` looks for (see ``Evidence``)."""
    extra = form.extra if isinstance(form.extra, dict) else {}
    indicators = [i for _, i in form.indicators()]
    if ev.extra_key is not None:
        return bool(extra.get(ev.extra_key))
    if ev.title is not None:
        return ev.title in (form.title or "")
    if ev.text is not None:
        return ev.text in _printed_text(form)
    if ev.header is not None:
        headers = extra.get("headers") or []
        return isinstance(headers, list) and any(ev.header in str(h) for h in headers)
    if ev.level1 is not None:
        return any(i.level1 and ev.level1 in i.level1 for i in indicators)
    if ev.target_sign is not None:
        return any(i.target and ev.target_sign in i.target for i in indicators)
    if ev.goal_weight is not None:
        return any(g.weight is not None and abs(g.weight - ev.goal_weight) < 1e-9 for g in form.goals)
    if ev.null_levels is not None:
        flat = bool(indicators) and all(i.level1 is None and i.level2 is None for i in indicators)
        return flat == ev.null_levels
    if ev.budget_unscored is not None:
        b = form.budget
        unscored = b is not None and b.weight is None and b.score is None
        return unscored == ev.budget_unscored
    if ev.goal_points is not None:
        total = 0.0
        for goal in form.goals:
            weights = [i.weight for i in goal.indicators]
            if goal.weight is not None:
                total += goal.weight
            elif weights and all(w is not None for w in weights):
                total += sum(w for w in weights if w is not None)
            else:
                return False
        if form.overall_goal is not None and form.overall_goal.weight:
            total += form.overall_goal.weight
        return bool(form.goals) and abs(total - ev.goal_points) < 1e-6
    if ev.level1_points is not None:
        sums: dict[str, float] = {}
        for i in indicators:
            if i.level1 is None or i.weight is None:
                return False
            sums[i.level1] = sums.get(i.level1, 0.0) + i.weight
        return len(sums) >= 2 and all(abs(v - ev.level1_points) < 1e-6 for v in sums.values())
    return False


def detect_rule_set(form: Form, default: str = "wuhan") -> Detection:
    """The rule set whose evidence the form prints most strongly.

    A printed budget weight (执行率分值) rules out every rule set that scores execution otherwise
    and counts as one point for those that agree; each rule set's ``detect.evidence`` adds its
    points; ties go to the higher ``detect.prior``. Less than one point anywhere → ``default``.
    All of it is data in the rule files: a user's rule file can add a family without code.
    """
    weight = form.budget.weight if form.budget else None
    best: tuple[tuple[float, float], str, list[str]] | None = None
    for name in rule_set_names():
        rules = load_rule_set(name)
        score, says = 0.0, []
        if weight is not None:
            if not rules.budget.scored or abs(rules.budget.weight - weight) > 1e-9:
                continue
            score += 1
            says.append(f"预算执行 {weight:g} 分")
        for ev in rules.detect.evidence:
            if _matches(ev, form):
                score += ev.points
                says.append(ev.says)
        key = (score, rules.detect.prior)
        if best is None or key > best[0]:
            best = (key, name, says)
    if best is None or best[0][0] < 1:  # half-points alone (a weak hint) choose nothing
        return Detection(default)
    return Detection(best[1], tuple(best[2]))


def choose_rule_set(form: Form, default: str = "wuhan") -> str:
    """The name of the rule set a form prints (``detect_rule_set``)."""
    return detect_rule_set(form, default).name


# --- rounding ------------------------------------------------------------------------------


def _round(value: float, decimals: int, mode: str) -> Decimal:
    if not math.isfinite(value) or abs(value) >= 1e15:
        return Decimal(repr(value)) if math.isfinite(value) else Decimal(0)
    d = Decimal(repr(round(value, 9)))
    q = Decimal(1).scaleb(-decimals)
    return d.quantize(q, rounding=ROUND_HALF_UP if mode == "half_up" else ROUND_DOWN)


def decimals_of(printed: float) -> int:
    """Decimals as printed: 7.47 → 2, 19.2 → 1, 20 → 0 (at most 8)."""
    text = f"{printed:.8f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def agrees(printed: float, computed: float, decimals: int | None = None) -> bool:
    """findings-v1 rounding: the computed value rounded half-up, or truncated, to the printed decimals."""
    n = decimals_of(printed) if decimals is None else decimals
    n = min(n, 6)  # "8.89259938" carries spreadsheet noise, not precision
    if not (math.isfinite(printed) and math.isfinite(computed)) or max(abs(printed), abs(computed)) >= 1e15:
        return printed == computed
    p = _round(printed, n, "half_up")
    return any(_round(computed, n, mode) == p for mode in ("half_up", "truncate"))
