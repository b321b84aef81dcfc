"""The review queue's query string read leniently: what cannot be read is a field error.

A typed 年度 "abc" used to end on an error page; now the queue is shown without that filter and
the page says, beside the field, what was wrong (``QueueQuery.errors``). The 问题清单 download,
which has no page to show an error on, refuses such a query (``strict_filter``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from jixiao import store
from jixiao.web import pages
from jixiao.web._auth import current_user

__all__ = ["QueueQuery", "queue_query", "strict_filter"]


@dataclass
class QueueQuery:
    flt: store.QueueFilter
    sort: str = ""
    page: int = 1
    after: store.QueueKey | store.SortedKey | None = None
    before: store.QueueKey | store.SortedKey | None = None
    errors: dict[str, str] = field(default_factory=dict)  # query field → what is wrong with it


def _number(text: str | None, label: str, errors: dict[str, str], name: str) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        errors[name] = f"{label}应为数字（收到“{text.strip()[:40]}”），未按{label}筛选"
        return None
    return value


def queue_query(
    user: Annotated[store.User, Depends(current_user)],
    unit: str | None = None,
    year: Annotated[str | None, Query()] = None,
    kind: str | None = None,
    state: str | None = None,
    errors: str | None = None,
    inflation: Annotated[str | None, Query()] = None,
    sort: Annotated[str | None, Query()] = None,
    page: Annotated[str | None, Query()] = None,
    after: Annotated[str | None, Query()] = None,
    before: Annotated[str | None, Query()] = None,
) -> QueueQuery:
    """The queue's filters, order and page from the query string (empty fields mean none)."""
    wrong: dict[str, str] = {}
    y = _number(year, "年度", wrong, "year")
    if y is not None and (y != int(y) or not 1900 <= y <= 2999):
        wrong["year"] = f"年度应为四位数的年份（收到“{(year or '').strip()[:40]}”），未按年度筛选"
        y = None
    order = (sort or "").strip()
    if order not in pages.SORT_LABELS:
        wrong["sort"] = f"没有“{order[:40]}”这种排序，已按默认顺序排列"
        order = ""
    number = 1
    if page and page.strip():
        try:
            number = int(page)
        except ValueError:
            number = 0
        if number < 1:
            wrong["page"] = f"页码应为正整数（收到“{page.strip()[:40]}”），已显示第 1 页"
            number = 1
    cursors: dict[str, store.QueueKey | store.SortedKey | None] = {"after": None, "before": None}
    for name, text in (("after", after), ("before", before)):
        if text:
            try:
                cursors[name] = pages.decode_key(text, order)
            except ValueError:
                wrong["page"] = "翻页位置无效，已按页码显示"
                cursors = {"after": None, "before": None}
                break
    flt = store.QueueFilter(
        unit=unit or None,
        year=int(y) if y is not None else None,
        kind=kind if kind in pages.KIND_LABELS else None,
        state=state if state in store.STATE_LABELS else None,
        has_errors={"yes": True, "no": False}.get(errors or ""),
        min_inflation=_number(inflation, "分差", wrong, "inflation"),
        unit_ids=user.unit_ids if user.role == "filler" else None,
    )
    return QueueQuery(flt, order, number, cursors["after"], cursors["before"], wrong)


def strict_filter(q: Annotated[QueueQuery, Depends(queue_query)]) -> store.QueueFilter:
    """The filters of a query with no page to show a field error on (a download): 422 instead."""
    filter_errors = [v for k, v in q.errors.items() if k in ("year", "inflation")]
    if filter_errors:
        raise HTTPException(422, "；".join(filter_errors))
    return q.flt
