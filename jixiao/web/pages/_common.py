"""Helpers every page model shares: the JSON twin, number text, the one review door."""

from __future__ import annotations

import dataclasses
import math
from datetime import datetime
from typing import Any

from jixiao.model import Document, Finding, Form, FormKind, Scorecard
from jixiao.review import review_document
from jixiao.review.catalogue import fmt
from jixiao.vocabulary import kind_name

__all__ = ["KIND_LABELS", "evaluate", "num", "to_json"]

KIND_LABELS = {k.value: kind_name(k) for k in FormKind}  # the one vocabulary (jixiao.vocabulary)


def to_json(page: Any) -> Any:
    """A page model as JSON-ready data (dataclasses, datetimes and NaN handled)."""
    if dataclasses.is_dataclass(page) and not isinstance(page, type):
        return {f.name: to_json(getattr(page, f.name)) for f in dataclasses.fields(page)}
    if isinstance(page, dict):
        return {str(k): to_json(v) for k, v in page.items()}
    if isinstance(page, list | tuple):
        return [to_json(v) for v in page]
    if isinstance(page, datetime):
        return page.isoformat()
    if isinstance(page, float) and math.isnan(page):
        return None
    return page


def num(value: float | None) -> str:
    return "" if value is None else fmt(value)


def evaluate(form: Form, name: str, rules: str | None = None) -> tuple[Scorecard | None, list[Finding]]:
    """Score and review one form exactly as an import would (the review package's one door)."""
    result = review_document(Document(path=name, forms=[form]), rules)
    return (result.scorecards[0] if result.scorecards else None), result.findings
