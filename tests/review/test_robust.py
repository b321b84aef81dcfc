"""Findings are data, never exceptions: any printed values review without a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import Budget, Document, Form, FormKind, Goal, Indicator
from jixiao.review import review_document
from jixiao.score.compare import compare
from jixiao.score.values import parse_value

_cells = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        ["≥90%", "100%", "2-4个", "约30项", "≤1‰", "达成", "未达成", "2021.11.30前", "0", "-5%", "五星"]
    ),
)
_numbers = st.one_of(st.none(), st.floats(min_value=-10, max_value=200, allow_nan=False))


@settings(max_examples=200, deadline=None)
@given(_cells, _cells, st.text(max_size=10))
def test_parse_and_compare_never_raise(target: str | None, actual: str | None, name: str) -> None:
    parse_value(target)
    compare(target, actual, name)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_cells, _cells, _numbers, _numbers), min_size=1, max_size=6),
    _numbers,
    _numbers,
    _numbers,
)
def test_review_never_raises(
    rows: list, goal_weight: float | None, planned: float | None, total: float | None
) -> None:
    goal = Goal(
        name="年度绩效目标1",
        weight=goal_weight,
        indicators=[
            Indicator(level1="产出指标", name=f"指标{n}", target=t, actual=a, weight=w, score=s)
            for n, (t, a, w, s) in enumerate(rows)
        ],
    )
    form = Form(
        kind=FormKind.PROJECT_SELF_EVALUATION,
        title="自评表",
        budget=Budget(weight=20, planned=planned, executed=50, rate=0.5, score=10),
        goals=[goal],
        total_score=total,
    )
    result = review_document(Document(path="x.txt", forms=[form]))
    assert not [f for f in result.findings if f.code.startswith("internal.")]
