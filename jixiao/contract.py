"""The interchange formats of ``../shared/contract``: form JSON (``jixiao.form/1``) and
review findings (``jixiao.findings/1``).

Exact by design: every contract field is present, ``null`` where the form is silent, and
nothing is added at the top level but ``extra``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from jixiao.model import Budget, Finding, Form, FormKind, Goal, Indicator, OverallGoal

__all__ = [
    "FINDINGS_SCHEMA",
    "FORM_SCHEMA",
    "dumps",
    "findings_to_json",
    "form_from_contract",
    "form_to_contract",
]

FORM_SCHEMA = "jixiao.form/1"
FINDINGS_SCHEMA = "jixiao.findings/1"


def _num(value: float | None) -> float | int | None:
    """Plain JSON numbers: 20.0 prints as 20, 0.6883 stays as it is."""
    if value is None:
        return None
    if float(value).is_integer() and abs(value) < 1e15:
        return int(value)
    return float(value)


def form_to_contract(form: Form) -> dict[str, Any]:
    """One form as the ``jixiao.form/1`` object."""
    budget = None
    if form.budget is not None:
        b = form.budget
        budget = {
            "weight": _num(b.weight),
            "planned": _num(b.planned),
            "executed": _num(b.executed),
            "rate": _num(b.rate),
            "score": _num(b.score),
        }
    overall = None
    if form.overall_goal is not None:
        o = form.overall_goal
        overall = {"weight": _num(o.weight), "target": o.target, "actual": o.actual, "score": _num(o.score)}
    return {
        "schema": FORM_SCHEMA,
        "kind": form.kind.value,
        "title": form.title,
        "year": form.year,
        "unit": form.unit,
        "project": form.project,
        "supervisor": form.supervisor,
        "implementer": form.implementer,
        "filled_on": form.filled_on,
        "budget": budget,
        "overall_goal": overall,
        "goals": [
            {
                "name": g.name,
                "text": g.text,
                "weight": _num(g.weight),
                "indicators": [
                    {
                        "level1": i.level1,
                        "level2": i.level2,
                        "name": i.name,
                        "weight": _num(i.weight),
                        "target": i.target,
                        "actual": i.actual,
                        "score": _num(i.score),
                        "basis": i.basis,
                    }
                    for i in g.indicators
                ],
            }
            for g in form.goals
        ],
        "total_score": _num(form.total_score),
        "deviation_reason": form.deviation_reason,
        "improvement": form.improvement,
        "extra": form.extra,
    }


def form_from_contract(data: dict[str, Any]) -> Form:
    """Rebuild a form from its ``jixiao.form/1`` object (storage, round trips)."""
    if data.get("schema") != FORM_SCHEMA:
        raise ValueError(f"不是 {FORM_SCHEMA} 格式的表单：schema={data.get('schema')!r}")
    budget = Budget(**data["budget"]) if data.get("budget") else None
    overall = OverallGoal(**data["overall_goal"]) if data.get("overall_goal") else None
    goals = [
        Goal(
            name=g["name"],
            text=g.get("text"),
            weight=g.get("weight"),
            indicators=[Indicator(**i) for i in g.get("indicators", [])],
        )
        for g in data.get("goals", [])
    ]
    for g in goals:
        if g.name.startswith("长期"):
            g.term = "long_term"
        elif "年度" in g.name:
            g.term = "annual"
    return Form(
        kind=FormKind(data["kind"]),
        title=data["title"],
        year=data.get("year"),
        unit=data.get("unit"),
        project=data.get("project"),
        supervisor=data.get("supervisor"),
        implementer=data.get("implementer"),
        filled_on=data.get("filled_on"),
        budget=budget,
        overall_goal=overall,
        goals=goals,
        total_score=data.get("total_score"),
        deviation_reason=data.get("deviation_reason"),
        improvement=data.get("improvement"),
        extra=data.get("extra") or {},
    )


def finding_to_contract(finding: Finding) -> dict[str, Any]:
    d = finding.model_dump()
    for key in ("printed", "expected"):
        if isinstance(d[key], float):
            d[key] = _num(d[key])
    return d


def findings_to_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Findings as the ``jixiao.findings/1`` array."""
    return [finding_to_contract(f) for f in findings]


def dumps(obj: Any) -> str:
    """JSON as users read it: UTF-8 Chinese, two-space indent."""
    return json.dumps(obj, ensure_ascii=False, indent=2)
