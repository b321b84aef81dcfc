"""单位 pages for analysts: units side by side, and one unit over the years.

The figures come from the core, not from here: ``store.stats`` (funds-weighted averages per
unit, year and kind, as ``jixiao stats``), ``cycle.history`` (a unit's years, a project's
indicator values year by year and ``target.fell_budget_rose``). Each page has its JSON twin
under ``/api``. A 填报人 sees only the units bound to the account.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from jixiao import store
from jixiao.cycle.history import FormRecord, project_history, unit_history
from jixiao.cycle.link import project_key
from jixiao.model import FormKind
from jixiao.review.catalogue import CATALOGUE, fmt
from jixiao.vocabulary import finding_title, kind_name
from jixiao.web._auth import check_csrf, current_user, db_of
from jixiao.web._views import render
from jixiao.web.pages import to_json

__all__ = ["api", "pages"]

pages = APIRouter(dependencies=[Depends(current_user), Depends(check_csrf)], include_in_schema=False)
api = APIRouter(prefix="/api", tags=["分析"], dependencies=[Depends(current_user), Depends(check_csrf)])

User = Annotated[store.User, Depends(current_user)]
PAGE_ROWS = 50


@dataclass
class UnitLine:
    """One unit, year and kind: what ``jixiao stats`` prints, with the gap named."""

    unit: str | None
    year: int | None
    kind: str
    kind_label: str
    forms: int
    funds: float | None
    printed_average: float | None
    computed_average: float | None
    gap: float | None  # printed − computed: how far the unit's own scores run above the rules
    unsound: int
    top_findings: list[tuple[str, int]]


@dataclass
class UnitsPage:
    year: int | None
    kind: str | None
    years: list[int]
    lines: list[UnitLine]
    total: int
    page: int
    pages: int
    # keyset cursors of the neighbouring pages (``?after=`` / ``?before=``), None at an end
    next_after: str | None = None
    prev_before: str | None = None


def encode_key(key: store.StatsKey) -> str:
    """A stats cursor as text for a link: ``unit.year.kind`` (0 for none)."""
    return ".".join(str(v) for v in key)


def decode_key(text: str) -> store.StatsKey:
    """The cursor of ``encode_key``; ValueError when it is not one."""
    unit, year, kind = text.split(".")
    if kind not in {k.value for k in FormKind}:
        raise ValueError(text)
    return (int(unit), int(year), kind)


@dataclass
class ProjectLine:
    project: str
    years: list[int]
    budgets: dict[int, str]
    totals: dict[int, str]  # printed total of the year's self-evaluation
    form_ids: dict[int, int]
    findings: list[str]  # target.fell_budget_rose, as the review words them


@dataclass
class IndicatorLine:
    name: str
    level1: str | None
    targets: dict[int, str]
    actuals: dict[int, str]


@dataclass
class UnitPage:
    unit: str
    years: list[dict[str, Any]]
    projects: list[ProjectLine]
    project: str | None = None  # the project whose indicators are shown, if one was asked for
    project_years: list[int] = field(default_factory=list)
    indicators: list[IndicatorLine] = field(default_factory=list)


def _notable(counts: dict[str, int], most: int) -> list[tuple[str, int]]:
    """The most frequent findings that ask for attention (提示, such as the rule set used, left out)."""
    shown = [(c, n) for c, n in counts.items() if c not in CATALOGUE or CATALOGUE[c].severity != "info"]
    return [(finding_title(c), n) for c, n in sorted(shown, key=lambda cn: -cn[1])[:most]]


def _line(s: store.UnitYearStats) -> UnitLine:
    gap = None
    if s.printed_average is not None and s.computed_average is not None:
        gap = round(s.printed_average - s.computed_average, 2)
    return UnitLine(
        unit=s.unit,
        year=s.year,
        kind=s.kind,
        kind_label=kind_name(s.kind),
        forms=s.forms,
        funds=s.funds,
        printed_average=None if s.printed_average is None else round(s.printed_average, 2),
        computed_average=None if s.computed_average is None else round(s.computed_average, 2),
        gap=gap,
        unsound=s.unsound,
        top_findings=_notable(s.findings, 3),
    )


def build_units(
    db: store.Database,
    user: store.User,
    year: int | None,
    kind: str | None,
    page: int,
    *,
    after: store.StatsKey | None = None,
    before: store.StatsKey | None = None,
) -> UnitsPage:
    """Page ``page`` of the units compared; with a cursor, the page right after or before that row."""
    flt = store.FormFilter(year=year, kind=kind)
    if user.role == "filler":  # a few units: each asked for by name, exactly
        rows = [
            r
            for name in user.unit_names
            for r in store.stats(db, store.FormFilter(unit=name, year=year, kind=kind))[0]
            if r.unit == name
        ]
        total, shown = len(rows), rows[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
        cursors = False
    else:
        shown, total = store.stats(
            db, flt, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS, after=after, before=before
        )
        cursors = True
    years = store.form_years(db, user.unit_ids if user.role == "filler" else None)
    pages = max(1, -(-total // PAGE_ROWS))
    return UnitsPage(
        year=year,
        kind=kind,
        years=years,
        lines=[_line(s) for s in shown],
        total=total,
        page=page,
        pages=pages,
        next_after=encode_key(shown[-1].key) if cursors and shown and page < pages else None,
        prev_before=encode_key(shown[0].key) if cursors and shown and page > 1 else None,
    )


def _records(db: store.Database, unit: str) -> list[FormRecord]:
    stored = store.stored_forms(db, store.FormFilter(unit=unit))
    return [
        FormRecord(s.form, s.unit, s.form.total_score, s.total_computed, s.grade, s.findings, s.errors, s.id)
        for s in stored
        if s.unit == unit  # the filter matches parts of names too; this page is one unit's
    ]


def _projects(records: list[FormRecord]) -> dict[str, list[FormRecord]]:
    groups: dict[str, list[FormRecord]] = defaultdict(list)
    for r in records:
        if r.form.project and r.form.year is not None:
            groups[project_key(r.form.project)].append(r)
    return groups


def build_unit(db: store.Database, unit: str, project: str | None) -> UnitPage:
    records = _records(db, unit)
    if not records:
        raise HTTPException(404, f"没有单位“{unit}”的表")
    years = [
        {
            "year": y.year,
            "forms": y.forms,
            "printed_average": y.printed_average,
            "computed_average": y.computed_average,
            "grades": y.grades,
            "grades_printed": y.grades_printed,
            "errors": y.errors,
            "findings": _notable(y.findings, 4),
        }
        for y in unit_history(records, unit)
    ]
    lines = []
    chosen = None
    for group in _projects(records).values():
        name = group[0].form.project or ""
        h = project_history([r.form for r in group], name, unit)
        by_year = {r.form.year: r for r in group if not r.form.kind.is_target}
        lines.append(
            ProjectLine(
                project=name,
                years=h.years,
                budgets={y: fmt(b) for y, b in h.budgets.items() if b is not None},
                totals={
                    y: fmt(r.total_printed) for y, r in by_year.items() if y and r.total_printed is not None
                },
                form_ids={y: r.id for y, r in by_year.items() if y and r.id is not None},
                findings=[f.message for f in h.findings],
            )
        )
        if project is not None and project_key(project) == project_key(name):
            chosen = h
    lines.sort(key=lambda p: (-len(p.findings), -len(p.years), p.project))
    out = UnitPage(unit=unit, years=years, projects=lines)
    if project is not None:
        if chosen is None:
            raise HTTPException(404, f"单位“{unit}”没有项目“{project}”的表")
        out.project, out.project_years = chosen.project, chosen.years
        out.indicators = [
            IndicatorLine(
                name=i.name,
                level1=i.level1,
                targets={y: t for y, t in i.targets.items() if t},
                actuals={y: a for y, a in i.actuals.items() if a},
            )
            for i in chosen.indicators
        ]
    return out


def visible_unit(unit: str, user: User) -> str:
    """The unit of the path, if the user may see it (a 填报人: only the account's own units)."""
    if user.role == "filler" and unit not in user.unit_names:
        raise HTTPException(403, "无权查看其他单位")
    return unit


Unit = Annotated[str, Depends(visible_unit)]
Year = Annotated[int | None, Query(ge=1990, le=2100)]
Page = Annotated[int, Query(ge=1)]


def _kind(kind: str | None) -> str | None:
    return kind if kind in {k.value for k in FormKind} else None


def cursor(after: str | None = None, before: str | None = None) -> dict[str, store.StatsKey | None]:
    """The units page's keyset cursors from the query string (``?after=`` / ``?before=``)."""
    out: dict[str, store.StatsKey | None] = {"after": None, "before": None}
    for name, text in (("after", after), ("before", before)):
        if text:
            try:
                out[name] = decode_key(text)
            except ValueError:
                raise HTTPException(422, f"翻页位置“{text}”无效") from None
    return out


Cursor = Annotated[dict[str, store.StatsKey | None], Depends(cursor)]


@pages.get("/units", response_class=HTMLResponse)
def units_page(
    request: Request, user: User, at: Cursor, year: Year = None, kind: str | None = None, page: Page = 1
) -> Response:
    model = build_units(db_of(request), user, year, _kind(kind), page, **at)
    return render(request, "units.html", page=model)


@pages.get("/units/{unit}", response_class=HTMLResponse)
def unit_page(request: Request, unit: Unit, project: str | None = None) -> Response:
    model = build_unit(db_of(request), unit, project or None)
    return render(request, "unit.html", page=model, chart=to_json(model.years))


@api.get("/units", summary="各单位比较：按单位、年度、类型的表数、预算数、填报与重算平均分（按资金加权）")
def units_json(
    request: Request, user: User, at: Cursor, year: Year = None, kind: str | None = None, page: Page = 1
) -> Any:
    return to_json(build_units(db_of(request), user, year, _kind(kind), page, **at))


@api.get("/units/{unit}", summary="单位历年：各年度得分、等级、审核发现；各项目历年预算、总分与目标值")
def unit_json(request: Request, unit: Unit, project: str | None = None) -> Any:
    return to_json(build_unit(db_of(request), unit, project or None))
