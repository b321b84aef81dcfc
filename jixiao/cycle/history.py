"""Year over year and across units: scores, grades and findings; a project's targets side by side.

Inputs are plain records (``FormRecord``: a form and what its review said), so the same
functions serve files read now and forms fetched from the store (``jixiao.store.cycle_records``).
``project_history`` flags a target that fell while the budget rose (``target.fell_budget_rose``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jixiao.cycle._names import name_key, similarity, text_key, vocabulary
from jixiao.cycle.link import project_key, value_change
from jixiao.model import Finding, Form, Scorecard
from jixiao.review.catalogue import make_finding
from jixiao.review.figures import fmt_money

__all__ = [
    "FormRecord",
    "IndicatorYears",
    "ProjectHistory",
    "UnitRow",
    "YearRow",
    "budget_of",
    "compare_units",
    "project_history",
    "record_of",
    "unit_history",
]


@dataclass(frozen=True)
class FormRecord:
    """One form with its review verdict: the input of history and comparison."""

    form: Form
    unit: str | None  # canonical unit name (aliases resolved), else the printed one
    total_printed: float | None = None
    total_computed: float | None = None
    grade: str | None = None
    findings: dict[str, int] = field(default_factory=dict)  # code → count
    errors: int = 0
    id: int | None = None  # the store's form id, where stored


def record_of(
    form: Form, card: Scorecard | None, findings: Sequence[Finding], unit: str | None = None
) -> FormRecord:
    return FormRecord(
        form=form,
        unit=unit or form.unit,
        total_printed=form.total_score,
        total_computed=card.total_computed if card else None,
        grade=(card.grade_computed or card.grade_printed) if card else None,
        findings=dict(Counter(f.code for f in findings)),
        errors=sum(1 for f in findings if f.severity == "error"),
    )


def _mean(xs: Iterable[float | None]) -> float | None:
    vals = [x for x in xs if x is not None]
    return round(sum(vals) / len(vals), 2) if vals else None


def _grades(records: list[FormRecord], computed: bool) -> dict[str, int]:
    """Grade counts of the re-scored forms (a stored grade is the re-scored one when there is a
    重算总分, else the printed one), or of the others: the two are never mixed under one name."""
    picked = [r.grade for r in records if r.grade and (r.total_computed is not None) == computed]
    return dict(Counter(picked).most_common())


@dataclass
class YearRow:
    year: int | None
    forms: int
    printed_average: float | None
    computed_average: float | None
    grades: dict[str, int]  # 重算等级: of the forms the rules could re-score
    grades_printed: dict[str, int]  # 填报等级: of the forms they could not (no 重算总分)
    findings: dict[str, int]
    errors: int


def unit_history(records: Iterable[FormRecord], unit: str) -> list[YearRow]:
    """One unit's self-evaluations year by year (oldest first)."""
    want = text_key(unit)
    by_year: dict[int | None, list[FormRecord]] = defaultdict(list)
    for r in records:
        if text_key(r.unit) == want and not r.form.kind.is_target:
            by_year[r.form.year].append(r)
    rows = []
    for year in sorted(by_year, key=lambda y: (y is None, y or 0)):
        rs = by_year[year]
        codes: Counter[str] = Counter()
        for r in rs:
            codes.update(r.findings)
        rows.append(
            YearRow(
                year=year,
                forms=len(rs),
                printed_average=_mean(r.total_printed for r in rs),
                computed_average=_mean(r.total_computed for r in rs),
                grades=_grades(rs, computed=True),
                grades_printed=_grades(rs, computed=False),
                findings=dict(codes.most_common()),
                errors=sum(r.errors for r in rs),
            )
        )
    return rows


@dataclass
class UnitRow:
    unit: str | None
    forms: int
    printed_average: float | None
    computed_average: float | None
    gap: float | None  # printed − computed: how much a unit's own scores run above the rules
    grades: dict[str, int]  # 重算等级
    grades_printed: dict[str, int]  # 填报等级 where no 重算总分
    errors: int


def compare_units(records: Iterable[FormRecord], year: int | None = None) -> list[UnitRow]:
    """Units side by side (self-evaluations of ``year``, or all years): the largest gap first."""
    by_unit: dict[str | None, list[FormRecord]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in records:
        if r.form.kind.is_target or (year is not None and r.form.year != year):
            continue
        key = text_key(r.unit)
        names.setdefault(key, r.unit or "")
        by_unit[key or None].append(r)
    rows = []
    for key, rs in by_unit.items():
        printed = _mean(r.total_printed for r in rs)
        computed = _mean(r.total_computed for r in rs)
        rows.append(
            UnitRow(
                unit=names.get(key or "") or None,
                forms=len(rs),
                printed_average=printed,
                computed_average=computed,
                gap=round(printed - computed, 2) if printed is not None and computed is not None else None,
                grades=_grades(rs, computed=True),
                grades_printed=_grades(rs, computed=False),
                errors=sum(r.errors for r in rs),
            )
        )
    rows.sort(key=lambda r: (r.gap is None, -(r.gap or 0), r.unit or ""))
    return rows


@dataclass
class IndicatorYears:
    name: str
    level1: str | None
    targets: dict[int, str | None] = field(default_factory=dict)  # year → target as printed
    actuals: dict[int, str | None] = field(default_factory=dict)


@dataclass
class ProjectHistory:
    project: str
    unit: str | None
    years: list[int]
    budgets: dict[int, float | None]
    forms: dict[int, str]  # year → title of the form used
    indicators: list[IndicatorYears]
    findings: list[Finding]


def budget_of(form: Form) -> float | None:
    """预算数 of a self-evaluation; a target table's from its header field (``vocab.yaml``)."""
    if form.budget is not None and form.budget.planned is not None:
        return form.budget.planned
    fields = form.extra.get("fields") if isinstance(form.extra, dict) else None
    if not isinstance(fields, dict):
        return None
    for label in vocabulary().target_budget_fields:
        text = fields.get(label)
        if isinstance(text, int | float):
            return float(text)
        if isinstance(text, str):
            m = re.fullmatch(r"\s*(\d[\d,]*(?:\.\d+)?)\s*(?:万元)?\s*", text)
            if m:
                return float(m.group(1).replace(",", ""))
    return None


def project_history(
    forms: Sequence[Form], project: str, unit: str | None = None, *, threshold: float = 0.8
) -> ProjectHistory:
    """A project's indicator values side by side over the years it appears in ``forms``.

    Per year the self-evaluation is used (its 年初目标值 and budget), else the target table.
    ``findings`` (``target.fell_budget_rose``) carry the index of the later form in ``forms``.
    """
    want = project_key(project)
    ukey = text_key(unit) if unit else None
    chosen: dict[int, tuple[int, Form]] = {}
    for n, f in enumerate(forms):
        if f.year is None or (ukey and text_key(f.unit) != ukey):
            continue
        if similarity(project_key(f.project or f.title), want) < threshold:
            continue
        have = chosen.get(f.year)
        if have is None or (have[1].kind.is_target and not f.kind.is_target):
            chosen[f.year] = (n, f)
    years = sorted(chosen)
    rows: dict[tuple[str, str], IndicatorYears] = {}
    for y in years:
        _, f = chosen[y]
        for _, ind in f.indicators():
            key = (text_key(ind.level1).removesuffix("指标"), name_key(ind.name))
            row = rows.setdefault(key, IndicatorYears(ind.name, ind.level1))
            row.targets.setdefault(y, ind.target)
            row.actuals.setdefault(y, ind.actual)
    budgets = {y: budget_of(chosen[y][1]) for y in years}
    findings: list[Finding] = []
    for before, after in itertools.pairwise(years):
        b0, b1 = budgets[before], budgets[after]
        if b0 is None or b1 is None or b1 <= b0:
            continue
        n, later = chosen[after]
        for row in rows.values():
            if before not in row.targets or after not in row.targets:
                continue
            change = value_change(row.name, row.targets[before], row.targets[after])
            if change is None or not change[1] or "比较方向" in change[0]:
                continue
            findings.append(
                make_finding(
                    "target.fell_budget_rose",
                    later,
                    n,
                    indicator=row.name,
                    printed=row.targets[after],
                    expected=row.targets[before],
                    year_before=before,
                    year_after=after,
                    target_before=row.targets[before],
                    target_after=row.targets[after],
                    budget_before=fmt_money(b0),
                    budget_after=fmt_money(b1),
                )
            )
    return ProjectHistory(
        project=project,
        unit=unit,
        years=years,
        budgets=budgets,
        forms={y: chosen[y][1].title for y in years},
        indicators=list(rows.values()),
        findings=findings,
    )
