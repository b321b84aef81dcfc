"""Does an actual meet its target? Outcome, the ratio the scoring formulas use, and why.

Met / partly / not_met / unknown, with B/A for positive and A/B for negative indicators, and a
Chinese reason the review shows. Precision over recall: what cannot be compared is ``unknown``.
"""

from __future__ import annotations

from functools import lru_cache

from jixiao.score._lexicon import lexicon
from jixiao.score.values import (
    Comparison,
    Direction,
    Outcome,
    Value,
    ValueKind,
    direction_from_name,
    normalise,
    parse_value,
)

__all__ = ["compare", "compare_texts"]

_PARTLY_PREFIXES = lexicon().qualitative.partly_prefixes


def _fmt(v: Value) -> str:
    return normalise(v.text)


def _same_text(a: str, b: str) -> bool:
    na, nb = normalise(a), normalise(b)
    return na == nb or na.removeprefix("已") == nb.removeprefix("已")


def _units_agree(t: Value, a: Value) -> tuple[bool, bool]:
    """(comparable, clearly_incomparable)."""
    ft, fa = t.family, a.family
    if ft == fa:
        if ft == "count" and t.unit != a.unit:
            return False, False  # 户 vs 人: different things, but say nothing
        return True, False
    pair = {ft, fa}
    if pair == {"rate", "permille"}:
        return False, True
    if "rate" in pair and ("count" in pair or any(f.startswith("money") for f in pair)):
        return False, True
    if "" in pair and not ({"rate", "permille"} & pair):
        return True, False  # "90家/年" vs "92": the unit is left off the actual
    return False, False


def compare(
    target: Value | str | None, actual: Value | str | None, indicator_name: str | None = None
) -> Comparison:
    """Does the actual meet the target? Direction from the comparator, else from the indicator's name."""
    t = target if isinstance(target, Value) else parse_value(target)
    a = actual if isinstance(actual, Value) else parse_value(actual)
    if a.kind is ValueKind.EMPTY:
        return Comparison(Outcome.UNKNOWN, None, "未填写实际完成值")
    if t.kind is ValueKind.EMPTY:
        return Comparison(Outcome.UNKNOWN, None, "未填写目标值")
    # Qualitative: a negated or partial actual speaks for itself.
    if a.kind is ValueKind.LEVEL and a.level in (Outcome.NOT_MET, Outcome.PARTLY):
        word = "未达成" if a.level is Outcome.NOT_MET else "部分达成"
        return Comparison(a.level, None, f"实际“{_fmt(a)}”为{word}")
    if t.kind in (ValueKind.NUMBER, ValueKind.RANGE) and a.kind in (ValueKind.NUMBER, ValueKind.RANGE):
        return _compare_numbers(t, a, indicator_name)
    if t.kind is ValueKind.DATE and a.kind is ValueKind.DATE:
        return _compare_dates(t, a)
    if _same_text(t.text, a.text):
        return Comparison(Outcome.MET, 1.0, "实际与目标一致")
    partly = _partly_prefix(t, a)
    if partly:
        return Comparison(Outcome.PARTLY, None, f"实际“{_fmt(a)}”为部分达成（“{partly}”）")
    if a.kind is ValueKind.LEVEL and a.level is Outcome.MET and t.kind in (ValueKind.LEVEL, ValueKind.TEXT):
        return Comparison(Outcome.MET, 1.0, f"实际“{_fmt(a)}”表明目标已达成")
    if t.kind is ValueKind.REFERENCE:
        return Comparison(Outcome.UNKNOWN, None, f"目标“{_fmt(t)}”未给出具体数值，无法比较")
    return Comparison(Outcome.UNKNOWN, None, "目标与实际无法直接比较")


def _partly_prefix(t: Value, a: Value) -> str | None:
    """A qualitative actual that qualifies its target with 基本/部分 (健全 → 基本健全) is 部分达成."""
    if t.kind not in (ValueKind.LEVEL, ValueKind.TEXT) or a.kind not in (ValueKind.LEVEL, ValueKind.TEXT):
        return None
    actual = normalise(a.text)
    for prefix in _PARTLY_PREFIXES:
        if (
            actual.startswith(prefix)
            and not normalise(t.text).startswith(prefix)
            and len(actual) > len(prefix)
        ):
            return prefix
    return None


def _compare_dates(t: Value, a: Value) -> Comparison:
    assert t.date is not None and a.date is not None
    tk = (t.date[0], t.date[1], t.date[2] or 31)
    ak = (a.date[0], a.date[1], a.date[2] or 1) if t.date[2] else (a.date[0], a.date[1], a.date[2] or 31)
    if t.comparator in (None, "=", "~") and t.date[2] == 0:
        ok = (a.date[0], a.date[1]) <= (t.date[0], t.date[1])
    else:
        ok = ak <= tk
    if ok:
        return Comparison(Outcome.MET, 1.0, "按期完成", quantitative=False)
    return Comparison(Outcome.NOT_MET, None, f"实际完成时间“{_fmt(a)}”晚于目标“{_fmt(t)}”")


def _compare_numbers(t: Value, a: Value, name: str | None) -> Comparison:
    comparable, incomparable = _units_agree(t, a)
    if not comparable:
        if incomparable:
            return Comparison(
                Outcome.UNKNOWN,
                None,
                f"目标“{_fmt(t)}”与实际“{_fmt(a)}”计量单位不同，无法比较",
                incomparable=True,
            )
        return Comparison(Outcome.UNKNOWN, None, f"目标“{_fmt(t)}”与实际“{_fmt(a)}”单位不一致")
    assert t.number is not None and a.number is not None
    # Direction: comparator first, then the indicator's meaning, then positive by default.
    certain = True
    if t.comparator in (">=", ">"):
        direction = Direction.POSITIVE
    elif t.comparator in ("<=", "<"):
        direction = Direction.NEGATIVE
    else:
        by_name = direction_from_name(name)
        if by_name is not None:
            direction = by_name
        else:
            direction = Direction.POSITIVE
            # Counts, rates, ranks and ranges read positively; a bare amount of money may be a cost.
            certain = not t.family.startswith("money")
    if t.unit == "名次":
        direction, certain = Direction.NEGATIVE, True
    actual = a.number
    if a.kind is ValueKind.RANGE and a.high is not None:
        actual = a.number if direction is Direction.POSITIVE else a.high
    if t.kind is ValueKind.RANGE and t.high is not None:
        lo, hi = t.number, t.high
        if direction is Direction.POSITIVE:
            return _ratio_outcome(actual / lo if lo > 0 else 1.0, direction, certain, t, a)
        return _ratio_outcome(hi / actual if actual > 0 else 1.0, direction, certain, t, a)
    target = t.number
    if direction is Direction.POSITIVE:
        ratio = (1.0 if actual >= target else 0.0) if target <= 0 else actual / target
    else:
        if actual <= 0:
            ratio = 1.0
        elif target <= 0:
            ratio = 0.0
        else:
            ratio = target / actual
    return _ratio_outcome(ratio, direction, certain, t, a)


def _ratio_outcome(ratio: float, direction: Direction, certain: bool, t: Value, a: Value) -> Comparison:
    ratio = max(round(ratio, 12), 0.0)
    if t.comparator == "~" and ratio >= 0.9:
        ratio = 1.0  # "约30项": within a tenth of an approximate target counts as met
    sense = "正向" if direction is Direction.POSITIVE else "反向"
    formula = "B/A" if direction is Direction.POSITIVE else "A/B"
    if ratio >= 1:
        return Comparison(
            Outcome.MET, ratio, f"{sense}指标，实际“{_fmt(a)}”达到目标“{_fmt(t)}”", direction, certain, True
        )
    outcome = Outcome.NOT_MET if ratio <= 0 else Outcome.PARTLY
    reason = f"{sense}指标，实际“{_fmt(a)}”未达到目标“{_fmt(t)}”，{formula}={ratio:.2%}"
    return Comparison(outcome, ratio, reason, direction, certain, True)


@lru_cache(maxsize=8192)
def compare_texts(target: str | None, actual: str | None, indicator_name: str | None = None) -> Comparison:
    """``compare`` on printed strings, memoised: forms repeat the same cells many times."""
    return compare(target, actual, indicator_name)
