"""What a unit may type into a form, and how a typed value lands in the model.

Field names are paths into the form (``i.0.3.actual`` = goal 0, indicator 3, 实际完成值); this
module only moves text and numbers into place. Scoring and findings stay with the review
package, which the page recomputes from the edited form.
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.model import Budget, Form, Scorecard

__all__ = ["EditError", "apply_edits", "keep_inferred_weights"]

_INDICATOR_FIELDS = {
    "actual": ("实际完成值", False),
    "score": ("得分", True),
    "target": ("指标值", False),
    "basis": ("指标值确定依据", False),
    "weight": ("分值", True),
}
_BUDGET_FIELDS = {"planned": "预算数", "executed": "执行数", "rate": "执行率", "score": "预算执行得分"}
_FORM_FIELDS = {
    "total_score": ("总分", True),
    "deviation_reason": ("偏差原因", False),
    "improvement": ("改进措施", False),
}
_PATH = re.compile(r"^i\.(\d+)\.(\d+)\.(\w+)$")


class EditError(ValueError):
    """A typed value that cannot be taken; ``str()`` names the field in Chinese."""


def _number(label: str, text: str, percent: bool = False) -> float | None:
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    if percent and text.endswith("%"):
        text = text[:-1]
    try:
        value = float(text)
    except ValueError:
        raise EditError(f"{label}应为数字：{text}") from None
    # 91.8 / 100 is 0.9179999999999999: rounded, a rate posted again unchanged is no change
    return round(value / 100, 12) if percent else value


def _text(value: str) -> str | None:
    return value.strip() or None


def apply_edits(form: Form, data: dict[str, str]) -> tuple[Form, list[tuple[str, Any, Any]], dict[str, str]]:
    """The form with ``data`` applied, the changes as (field label, old, new), and refusals by field."""
    form = form.model_copy(deep=True)
    changes: list[tuple[str, Any, Any]] = []
    errors: dict[str, str] = {}
    for name, raw in data.items():
        try:
            if m := _PATH.match(name):
                g, i, attr = int(m[1]), int(m[2]), m[3]
                if (
                    attr not in _INDICATOR_FIELDS
                    or g >= len(form.goals)
                    or i >= len(form.goals[g].indicators)
                ):
                    continue
                ind = form.goals[g].indicators[i]
                label, numeric = _INDICATOR_FIELDS[attr]
                full = f"{form.goals[g].name} / {ind.name} / {label}"
                new = _number(full, raw) if numeric else _text(raw)
                old = getattr(ind, attr)
                if new != old:
                    setattr(ind, attr, new)
                    changes.append((full, old, new))
            elif name.startswith("budget."):
                attr = name.split(".", 1)[1]
                if attr not in _BUDGET_FIELDS:
                    continue
                label = _BUDGET_FIELDS[attr]
                new = _number(label, raw, percent=attr == "rate")
                if form.budget is None:
                    form.budget = Budget()
                old = getattr(form.budget, attr)
                if new != old:
                    setattr(form.budget, attr, new)
                    changes.append((label, old, new))
            elif name in _FORM_FIELDS:
                label, numeric = _FORM_FIELDS[name]
                new = _number(label, raw) if numeric else _text(raw)
                old = getattr(form, name)
                if new != old:
                    setattr(form, name, new)
                    changes.append((label, old, new))
        except EditError as e:
            errors[name] = str(e)
    return form, changes, errors


def keep_inferred_weights(form: Form, card: Scorecard | None) -> Form:
    """The form with the 分值 the review inferred for the form as filed written in where it prints
    none. The inference reads full scores (a goal's scores summing to its weight); once the unit
    corrects one score it no longer holds, and every recomputed score of the sheet went blank."""
    inferred = {
        (s.goal, s.indicator): s.weight
        for s in (card.indicators if card else [])
        if s.weight_inferred and s.weight is not None
    }
    if not inferred:
        return form
    form = form.model_copy(deep=True)
    for goal in form.goals:
        for ind in goal.indicators:
            if ind.weight is None and (w := inferred.get((goal.name, ind.name))) is not None:
                ind.weight = w
    return form
