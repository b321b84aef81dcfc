"""What the read queries answer, as plain records: no SQLAlchemy, so that the SQLite read path
(``_lite``) and the Core queries (``_query``, ``_stats``, ``_units``) share one definition."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.model import Finding, Form, Scorecard
    from jixiao.store._db import Conn

__all__ = [
    "STRUCTURE_CODES",
    "FormDetail",
    "FormFilter",
    "FormSummary",
    "Revision",
    "StatsKey",
    "UnitInfo",
    "UnitYearStats",
    "form_from_rows",
    "form_view",
    "name_key",
    "stats_rows",
]

# Findings that mean the form's weights do not add up to the rules' points (budget + goals ≠
# 100): a catalogue naming rule, so a new form-level ``*weight_mismatch`` type joins without a
# change here. A goal whose sub-labels disagree with its indicators is a warning, not this.
STRUCTURE_CODES = "form.%weight_mismatch"


def name_key(name: str) -> str:
    """The matching key of a unit or project name."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


@dataclass(frozen=True)
class FormFilter:
    """The filters shared by ``forms``, ``stats`` and ``export``."""

    unit: str | None = None  # matched loosely: alias, name, or part of a name
    year: int | None = None
    kind: str | None = None  # a FormKind value
    grade: str | None = None
    has_errors: bool | None = None
    include_superseded: bool = False

    def apply(self, session: Conn, query: Any) -> Any | None:
        """``query`` narrowed by the filters; None when the unit text matches no unit."""
        from jixiao.store._filters import FORM_COLUMNS, narrow
        from jixiao.store._tables import FORMS

        if not self.include_superseded:
            query = query.where(FORMS.c.superseded.is_(False))
        return narrow(session, query, FORM_COLUMNS, **self._narrowing())

    def _narrowing(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "year": self.year,
            "kind": self.kind,
            "grade": self.grade,
            "has_errors": self.has_errors,
        }


@dataclass
class FormSummary:
    """One row of ``jixiao forms``."""

    id: int
    kind: str
    title: str
    unit: str | None  # the unit's canonical name (alias-resolved)
    year: int | None
    project: str | None
    total_score: float | None  # printed
    total_computed: float | None
    grade: str | None
    errors: int
    warnings: int
    revision: int
    superseded: bool
    file_name: str
    # the weights add up (no ``*.weight_mismatch`` finding): only then is the recomputed total
    # and its grade a score to compare
    sound: bool = True


@dataclass
class Revision:
    id: int
    revision: int
    superseded: bool
    file_name: str
    imported_at: datetime


@dataclass
class FormDetail:
    """Everything ``jixiao show`` prints about one form."""

    summary: FormSummary
    form: Form
    position: int  # index of the form in its document
    document_id: int
    sha256: str
    imported_at: datetime
    imported_by: str | None
    rule_set: str | None
    rule_set_version: str | None
    scorecard: Scorecard | None
    findings: list[Finding]
    history: list[Revision] = field(default_factory=list)  # every revision of this form, oldest first
    link_year: int | None = None  # the year revisions are matched by (None: never linked)
    year_source: str | None = None  # "printed", "document" or "file_name"


def form_from_rows(body: dict[str, Any], f: Any) -> Form:
    """The stored form: its form-v1 object, plus the provenance the contract has no field for."""
    from jixiao.contract import form_from_contract
    from jixiao.model import Source

    form = form_from_contract(body)
    if any(getattr(f, c) is not None for c in ("source_file", "source_page", "source_line", "source_sheet")):
        form.source = Source(
            file=f.source_file,
            page=f.source_page,
            line=f.source_line,
            sheet=f.source_sheet,
            cell=f.source_cell,
        )
    return form


def finding_from_row(r: Any) -> Finding:
    """A stored finding row (``FindingRow`` or a plain query row of its columns) as the model's."""
    from jixiao.model import Finding

    return Finding(
        form=r.form_index,
        form_title=r.form_title,
        code=r.code,
        severity=r.severity,
        goal=r.goal,
        indicator=r.indicator,
        printed=r.printed,
        expected=r.expected,
        message=r.message,
    )


def _float(value: Any) -> float | None:
    """A stored number as the model's float field holds it (the contract writes 20.0 as 20)."""
    return None if value is None else float(value)


@dataclass(frozen=True)
class BudgetView:
    """The stored 预算执行 row, read without the data model."""

    weight: float | None
    planned: float | None
    executed: float | None
    rate: float | None
    score: float | None


@dataclass(frozen=True)
class IndicatorView:
    """One stored indicator row: the fields ``jixiao show`` prints."""

    level1: str | None
    level2: str | None
    name: str
    weight: float | None
    target: str | None
    actual: str | None
    score: float | None


@dataclass(frozen=True)
class GoalView:
    name: str
    weight: float | None
    indicators: list[IndicatorView]


@dataclass(frozen=True)
class FormView:
    """A stored form's printed fields straight from its form-v1 object.

    Why: building ``jixiao.model.Form`` imports Pydantic and the models (about half of a
    ``show``'s start-up) only to print strings and numbers the contract already holds.
    """

    title: str
    unit: str | None
    year: int | None
    project: str | None
    filled_on: str | None
    budget: BudgetView | None
    total_score: float | None
    goals: list[GoalView]

    def indicators(self) -> list[tuple[GoalView, IndicatorView]]:
        return [(g, i) for g in self.goals for i in g.indicators]


def form_view(body: dict[str, Any]) -> FormView:
    """The stored form-v1 object as a ``FormView`` (as ``contract.form_from_contract`` reads it)."""
    if body.get("schema") != "jixiao.form/1":  # not this contract: the full reader explains why
        from jixiao.contract import form_from_contract

        form_from_contract(body)
    b = body.get("budget")
    goals = [
        GoalView(
            name=g["name"],
            weight=_float(g.get("weight")),
            indicators=[
                IndicatorView(
                    level1=i.get("level1"),
                    level2=i.get("level2"),
                    name=i["name"],
                    weight=_float(i.get("weight")),
                    target=i.get("target"),
                    actual=i.get("actual"),
                    score=_float(i.get("score")),
                )
                for i in g.get("indicators", [])
            ],
        )
        for g in body.get("goals", [])
    ]
    return FormView(
        title=body["title"],
        unit=body.get("unit"),
        year=body.get("year"),
        project=body.get("project"),
        filled_on=body.get("filled_on"),
        budget=BudgetView(*(_float(b.get(k)) for k in ("weight", "planned", "executed", "rate", "score")))
        if b
        else None,
        total_score=_float(body.get("total_score")),
        goals=goals,
    )


@dataclass(frozen=True)
class ScoreView:
    """A stored scorecard's printed fields: totals, grades and each indicator's computed score."""

    total_computed: float | None
    grade_printed: str | None
    grade_computed: str | None
    indicators: list[Any]  # rows with goal, indicator and computed


StatsKey = tuple[int, int, str]  # (unit id or 0, year or 0, kind): where a stats row stands


@dataclass
class UnitYearStats:
    """One row of ``jixiao stats``: the forms of one unit, year and kind.

    Averages are weighted by funds, as the forms' 备注 prescribe for 汇总 (以资金额度为权重):
    each form's total counts in proportion to its 预算数. Department and project forms (and
    self-evaluations and target tables) are never averaged together. A recomputed total counts
    only where the form's weight structure adds up; a total re-scored over a broken structure
    (weights summing to 118.94 points) is no score to average.
    """

    unit: str | None
    year: int | None
    kind: str  # a FormKind value
    forms: int
    funds: float | None  # sum of 预算数 (万元) of the forms that print one
    printed_average: float | None  # funds-weighted mean printed total
    printed_forms: int  # forms in that mean (a printed total and a 预算数)
    computed_average: float | None  # funds-weighted mean recomputed total, sound forms only
    computed_forms: int  # forms in that mean
    unsound: int  # scored forms whose weight structure does not add up (no comparable recomputed total)
    findings: dict[str, int] = field(default_factory=dict)  # code -> count (latest review)
    unit_id: int | None = None  # the unit's id (None: forms printing no unit)

    @property
    def key(self) -> StatsKey:
        """Where the row stands in the order of ``stats``: the cursor of the page after (or before) it."""
        return (self.unit_id or 0, self.year or 0, self.kind)


def stats_rows(
    rows: list[Any], by_cell: Mapping[tuple[int | None, int | None, str], dict[str, int]]
) -> list[UnitYearStats]:
    """``stats`` rows from the page's sums (unit id, year, kind, the nine sums, unit name) and
    the findings counted per cell."""

    def mean(num: float | None, den: float | None) -> float | None:
        return None if num is None or not den else float(num) / float(den)

    return [
        UnitYearStats(
            unit=r[12],
            year=r[1],
            kind=r[2],
            forms=r[3],
            funds=None if r[4] is None else float(r[4]),
            printed_average=mean(r[5], r[6]),
            printed_forms=int(r[7] or 0),
            computed_average=mean(r[8], r[9]),
            computed_forms=int(r[10] or 0),
            unsound=int(r[11] or 0),
            findings=dict(sorted(by_cell.get((r[0], r[1], r[2]), {}).items())),
            unit_id=r[0],
        )
        for r in rows
    ]


@dataclass
class UnitInfo:
    id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    forms: int = 0  # current (not superseded) forms


def unit_infos(
    units: Iterable[tuple[int, str]], aliases: Iterable[tuple[int, str]], counts: Iterable[tuple[int, int]]
) -> list[UnitInfo]:
    """``list_units``' answer from the units by key, their aliases by id, and the current counts."""
    infos = {unit_id: UnitInfo(unit_id, name) for unit_id, name in units}
    for unit_id, alias in aliases:
        infos[unit_id].aliases.append(alias)
    for unit_id, n in counts:
        if unit_id in infos:
            infos[unit_id].forms = n
    return list(infos.values())
