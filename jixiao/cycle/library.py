"""指标库: every indicator of every imported form, grouped however it is spelled.

Names are normalised (``_names.name_key``: whitespace, punctuation, weights, filler and
synonyms) and near spellings joined (difflib ratio ≥ ``vocab.yaml similar``, within one 一级
category), so "服务对象满意率" of one unit and "服务对象满意度" of another are one group. Per
group: the 二级 categories, typical units, comparators and value ranges, and which units use it.

Used to suggest indicators for a new target table (``suggest``) and to flag a target far
easier than what comparable units set (``peer_findings``, ``target.below_peers``).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from jixiao.cycle._names import name_key, similarity, text_key, vocabulary
from jixiao.model import Finding, Form
from jixiao.review.catalogue import fmt, fmt_pct, make_finding
from jixiao.score.values import ValueKind, parse_value

__all__ = [
    "LIBRARY_SCHEMA",
    "IndicatorGroup",
    "IndicatorLibrary",
    "Suggestion",
    "Usage",
    "build_library",
    "peer_findings",
    "suggest",
]

LIBRARY_SCHEMA = "jixiao.library/1"


@dataclass(frozen=True)
class Usage:
    """One indicator row of one form."""

    name: str
    unit: str | None
    year: int | None
    project: str | None
    form_title: str
    kind: str
    level1: str | None
    level2: str | None
    target: str | None
    family: str  # rate / count / money:元 / "" (see ``Value.family``), "" where not a number
    comparator: str | None
    number: float | None


@dataclass
class ValueRange:
    family: str
    count: int
    low: float
    median: float
    high: float


@dataclass
class IndicatorGroup:
    key: str
    name: str  # the most used spelling
    level1: str | None
    spellings: dict[str, int] = field(default_factory=dict)
    level2: dict[str, int] = field(default_factory=dict)
    units_of_measure: dict[str, int] = field(default_factory=dict)
    comparators: dict[str, int] = field(default_factory=dict)
    ranges: list[ValueRange] = field(default_factory=list)
    users: list[str] = field(default_factory=list)  # units using it
    years: list[int] = field(default_factory=list)
    usages: list[Usage] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.usages)

    def spellings_keys(self) -> set[str]:
        return {name_key(s) for s in self.spellings}


@dataclass
class IndicatorLibrary:
    groups: list[IndicatorGroup]
    _by_key: dict[str, list[IndicatorGroup]] | None = field(default=None, repr=False, compare=False)

    def find(self, name: str, level1: str | None = None) -> IndicatorGroup | None:
        """The group an indicator name belongs to (same key, else the most similar above the threshold)."""
        if self._by_key is None:
            self._by_key = {}
            for g in self.groups:
                for k in g.spellings_keys():
                    self._by_key.setdefault(k, []).append(g)
        key = name_key(name)
        l1 = _level1_key(level1)

        def fits(g: IndicatorGroup) -> bool:
            return not (l1 and g.level1 and _level1_key(g.level1) != l1)

        exact = [g for g in self._by_key.get(key, []) if fits(g)]
        if exact:  # the same spelling under several 一级 labels: the most used group
            return max(exact, key=lambda g: g.count)
        groups = [g for g in self.groups if fits(g)]
        best, best_sim = None, vocabulary().similar
        for g in groups:
            sim = similarity(key, g.key)
            if sim >= best_sim:
                best, best_sim = g, sim
        return best

    def to_json(self) -> dict[str, Any]:
        return {"schema": LIBRARY_SCHEMA, "groups": [_group_json(g) for g in self.groups]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndicatorLibrary:
        if not isinstance(data, dict) or data.get("schema") != LIBRARY_SCHEMA:
            raise ValueError(f"不是 {LIBRARY_SCHEMA} 格式的指标库")
        groups = []
        for g in data["groups"]:
            usages = [Usage(**u) for u in g["usages"]]
            grp = IndicatorGroup(
                key=g["key"], name=g["name"], level1=g["level1"], spellings=g["spellings"],
                level2=g["level2"], units_of_measure=g["units_of_measure"], comparators=g["comparators"],
                ranges=[ValueRange(**r) for r in g["ranges"]], users=g["users"], years=g["years"],
                usages=usages,
            )  # fmt: skip
            groups.append(grp)
        return cls(groups)


def _group_json(g: IndicatorGroup) -> dict[str, Any]:
    d = asdict(g)
    d["count"] = g.count
    return d


def _level1_key(level1: str | None) -> str:
    return text_key(level1).removesuffix("指标")


def _bigrams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} or {key}


def _usage(form: Form, level1: str | None, level2: str | None, name: str, target: str | None) -> Usage:
    v = parse_value(target)
    numeric = v.kind in (ValueKind.NUMBER, ValueKind.RANGE) and v.number is not None
    return Usage(
        name=name, unit=form.unit, year=form.year, project=form.project, form_title=form.title,
        kind=form.kind.value, level1=level1, level2=level2, target=target,
        family=v.family if numeric else "", comparator=v.comparator if numeric else None,
        number=v.number if numeric else None,
    )  # fmt: skip


def build_library(forms: Iterable[Form], units: Sequence[str | None] | None = None) -> IndicatorLibrary:
    """Group every indicator of ``forms``; ``units`` (same order) gives each form's canonical unit
    (aliases resolved by the store), else the printed unit is used."""
    threshold = vocabulary().similar
    by_key: dict[tuple[str, str], list[Usage]] = defaultdict(list)
    for n, form in enumerate(forms):
        canonical = units[n] if units is not None and n < len(units) else None
        f = form.model_copy(update={"unit": canonical}) if canonical else form
        for _, ind in f.indicators():
            key = name_key(ind.name)
            if key:
                by_key[(_level1_key(ind.level1), key)].append(
                    _usage(f, ind.level1, ind.level2, ind.name, ind.target)
                )
    # Leader clustering within each 一级: most used spellings lead; a key joins the most similar leader.
    clusters: dict[tuple[str, str], list[tuple[str, str]]] = {}
    index: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    for lk in sorted(by_key, key=lambda k: (-len(by_key[k]), k)):
        level1, key = lk
        grams = _bigrams(key)
        candidates: Counter[tuple[str, str]] = Counter()
        for gram in grams:
            for leader in index[level1][gram]:
                candidates[leader] += 1
        best, best_sim = None, threshold
        for leader, shared in candidates.most_common(50):
            if shared < 0.4 * len(grams):
                break
            sim = similarity(key, leader[1])
            if sim >= best_sim:
                best, best_sim = leader, sim
        if best is None:
            clusters[lk] = [lk]
            for gram in grams:
                index[level1][gram].add(lk)
        else:
            clusters[best].append(lk)
    groups = [_group(leader, [u for k in members for u in by_key[k]]) for leader, members in clusters.items()]
    groups.sort(key=lambda g: (_level1_key(g.level1), -len(g.users), -g.count, g.key))
    return IndicatorLibrary(groups)


def _group(leader: tuple[str, str], usages: list[Usage]) -> IndicatorGroup:
    spellings = Counter(u.name for u in usages)
    level1 = Counter(u.level1 for u in usages if u.level1).most_common(1)
    families: dict[str, list[float]] = defaultdict(list)
    for u in usages:
        if u.number is not None:
            families[u.family].append(u.number)
    ranges = [
        ValueRange(fam, len(xs), min(xs), statistics.median(xs), max(xs))
        for fam, xs in sorted(families.items(), key=lambda kv: -len(kv[1]))
    ]
    units_of_measure = Counter(parse_value(u.target).unit for u in usages if u.number is not None)
    return IndicatorGroup(
        key=leader[1],
        name=spellings.most_common(1)[0][0],
        level1=level1[0][0] if level1 else None,
        spellings=dict(spellings.most_common()),
        level2=dict(Counter(u.level2 for u in usages if u.level2).most_common()),
        units_of_measure=dict(units_of_measure.most_common()),
        comparators=dict(Counter(u.comparator or "无" for u in usages if u.number is not None).most_common()),
        ranges=ranges,
        users=sorted({u.unit for u in usages if u.unit}),
        years=sorted({u.year for u in usages if u.year is not None}),
        usages=usages,
    )


# --- suggestions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    group: IndicatorGroup
    score: float  # 0–1, how close the projects using it are to the one asked for
    typical: str | None  # the most used target value
    why: str  # Chinese


def suggest(library: IndicatorLibrary, project: str, limit: int = 12) -> list[Suggestion]:
    """Indicators used by projects like ``project`` (by name), the closest and most used first."""
    want = _bigrams(name_key(project))
    out: list[Suggestion] = []
    for g in library.groups:
        best, best_project = 0.0, None
        for u in g.usages:
            name = u.project or u.form_title
            grams = _bigrams(name_key(name))
            score = len(want & grams) / len(want | grams) if grams else 0.0
            if score > best:
                best, best_project = score, name
        if best <= 0.1:
            continue
        typical = Counter(u.target for u in g.usages if u.target).most_common(1)
        why = f"“{best_project}”等 {len(g.users) or 1} 个单位使用，共 {g.count} 次"
        out.append(Suggestion(g, round(best, 4), typical[0][0] if typical else None, why))
    out.sort(key=lambda s: (-s.score, -len(s.group.users), -s.group.count, s.group.key))
    return out[:limit]


# --- peers ---------------------------------------------------------------------------------------


def peer_findings(
    library: IndicatorLibrary, form: Form, index: int, unit: str | None = None
) -> list[Finding]:
    """``target.below_peers``: a ≥ target far below (or a ≤ ceiling far above) other units' median."""
    peers_cfg = vocabulary().peers
    min_units, ratio = int(peers_cfg["min_units"]), float(peers_cfg["ratio"])
    own = text_key(unit or form.unit)
    out: list[Finding] = []
    for goal, ind in form.indicators():
        v = parse_value(ind.target)
        if v.kind is not ValueKind.NUMBER or v.number is None or v.comparator not in (">=", ">", "<=", "<"):
            continue
        group = library.find(ind.name, ind.level1)
        if group is None:
            continue
        positive = v.comparator in (">=", ">")
        per_unit: dict[str, list[float]] = defaultdict(list)
        for u in group.usages:
            if not u.unit or text_key(u.unit) == own or u.number is None or u.family != v.family:
                continue
            if (u.comparator in (">=", ">")) != positive or u.comparator is None:
                continue
            per_unit[u.unit].append(u.number)
        if len(per_unit) < min_units:
            continue
        median = statistics.median(statistics.median(xs) for xs in per_unit.values())
        easy = v.number < ratio * median if positive else v.number > median / ratio
        if not easy or median <= 0:
            continue
        shown = fmt_pct(median) if v.family == "rate" else fmt(median)
        out.append(
            make_finding(
                "target.below_peers",
                form,
                index,
                goal=goal.name,
                indicator=ind.name,
                printed=ind.target,
                expected=shown,
                target=(ind.target or "").strip(),
                peers=len(per_unit),
                median=shown,
                units="、".join(sorted(per_unit)[:5]) + ("等" if len(per_unit) > 5 else ""),
            )
        )
    return out
