"""Forms written as the forms print them, for review tests.

A form is a few ``key: value`` header lines and one line per indicator, cells separated
by ``|`` in the printed column order (``-`` for an empty cell)::

    kind: project_self_evaluation
    title: 2020 年度统计工作经费项目自评表
    budget: 20 | 1029.73 | 475.12 | 46.14% | 9.23        # 分值 | 预算数 | 执行数 | 执行率 | 得分
    goal: 年度绩效目标1 | 56                               # 名称 | 分值
    产出指标 | 数量指标 | 统计报表上报完成率 | - | 100% | 100% | 8
    total: 89.23

An indicator line reads 一级 | 二级 | 三级 | 分值 | 目标值 | 实际完成值 | 得分 [| 指标值确定依据].
``review_codes(text)`` returns the ``(indicator or goal, code)`` pairs the review finds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.model import Budget, Document, Form, FormKind, Goal, Indicator, NarrativeReport, OverallGoal
from jixiao.review import ReviewResult, review_document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _num(cell: str) -> float | None:
    cell = cell.strip()
    if cell in ("", "-"):
        return None
    if cell.endswith("%"):
        return float(cell[:-1]) / 100
    return float(cell)


def _text(cell: str) -> str | None:
    cell = cell.strip()
    return None if cell in ("", "-") else cell


def form_from_text(text: str) -> Form:
    """Build a ``Form`` from the compact table text described in the module docstring."""
    fields: dict = {"kind": FormKind.PROJECT_SELF_EVALUATION, "title": "测试自评表", "goals": []}
    for raw in text.strip().splitlines():
        line = raw.split("  #", 1)[0].strip()
        if not line:
            continue
        key, sep, rest = line.partition(":")
        cells = [c.strip() for c in rest.split("|")] if sep else []
        if sep and key == "kind":
            fields["kind"] = FormKind(rest.strip())
        elif sep and key == "title":
            fields["title"] = rest.strip()
        elif sep and key == "total":
            fields["total_score"] = _num(rest)
        elif sep and key == "budget":
            w, a, b, r, s = [*cells, "-", "-", "-", "-", "-"][:5]
            fields["budget"] = Budget(
                weight=_num(w), planned=_num(a), executed=_num(b), rate=_num(r), score=_num(s)
            )
        elif sep and key == "overall":
            w, t, a, s = [*cells, "-", "-", "-", "-"][:4]
            fields["overall_goal"] = OverallGoal(
                weight=_num(w), target=_text(t), actual=_text(a), score=_num(s)
            )
        elif sep and key == "goal":
            name, w = [*cells, "-"][:2]
            fields["goals"].append(Goal(name=name, weight=_num(w)))
        else:
            cells = [c.strip() for c in line.split("|")]
            l1, l2, name, w, t, a, s, basis = [*cells, "-", "-", "-", "-", "-", "-", "-", "-"][:8]
            if not fields["goals"]:
                fields["goals"].append(Goal(name="年度绩效目标"))
            fields["goals"][-1].indicators.append(
                Indicator(
                    level1=_text(l1),
                    level2=_text(l2),
                    name=name,
                    weight=_num(w),
                    target=_text(t),
                    actual=_text(a),
                    score=_num(s),
                    basis=_text(basis),
                )
            )
    return Form(**fields)


def _review(
    text: str | list[str], reports: list[NarrativeReport] | None = None, rules: str | None = None
) -> ReviewResult:
    texts = [text] if isinstance(text, str) else text
    doc = Document(path="test.txt", forms=[form_from_text(t) for t in texts], reports=reports or [])
    return review_document(doc, rules)


@pytest.fixture
def review() -> Callable[..., ReviewResult]:
    """``review(text, reports=None, rules=None) -> ReviewResult``."""
    return _review


@pytest.fixture
def review_codes() -> Callable[..., set[tuple[str | None, str]]]:
    """``review_codes(text, ...)``: the (indicator or goal, code) pairs found, info findings left out."""

    def run(
        text: str | list[str], reports: list[NarrativeReport] | None = None, rules: str | None = None
    ) -> set[tuple[str | None, str]]:
        result = _review(text, reports, rules)
        return {(f.indicator or f.goal, f.code) for f in result.findings if f.severity != "info"}

    return run


@pytest.fixture
def make_form() -> Callable[[str], Form]:
    return form_from_text
