"""Report checks: a narrative self-evaluation (自评结果) against the form it reports on."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, NarrativeReport, Scorecard
from jixiao.review.catalogue import fmt, fmt_pct, make_finding
from jixiao.score.rules import RuleSet, agrees, decimals_of
from jixiao.score.scorecard import budget_rate


def _reports(doc: Document, index: int) -> list[NarrativeReport]:
    return [r for r in doc.reports if r.form_index == index]


def _same(stated: float, printed: float) -> bool:
    """Two printed numbers agree when either, rounded or truncated to the other's decimals, equals it."""
    return agrees(stated, printed) or agrees(printed, stated)


def _title(r: NarrativeReport) -> str:
    return r.title + (f"（{r.version}）" if r.version else "")


def _rate_from_own_amounts(r: NarrativeReport, pct: float) -> bool:
    """The stated rate is the ratio of two amounts the report itself states."""
    values = sorted({a for _, a in r.amounts if a > 0})
    return any(
        agrees(pct, small / big * 100, decimals_of(pct)) for small in values for big in values if small < big
    )


def check_score(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    if form.total_score is None:
        return
    for r in _reports(doc, index):
        stated = list(r.stated_scores) or ([r.stated_score] if r.stated_score is not None else [])
        if not stated or any(_same(s, form.total_score) for s in stated):
            continue
        printed = r.stated_score if r.stated_score is not None else stated[0]
        yield make_finding(
            "report.score_mismatch", form, index, printed=printed, expected=form.total_score, title=_title(r)
        )


def _rate_agrees(r: NarrativeReport, rates: list[float]) -> bool:
    """The stated 执行率 agrees with the form's (printed or computed, capped or not) or its own amounts."""
    assert r.stated_rate is not None
    pct = round(r.stated_rate * 100, 8)
    if not rates or _rate_from_own_amounts(r, pct):
        return True  # nothing to compare, or the report states its rate on another base (压减前/后)
    return any(
        agrees(pct, x * 100, decimals_of(pct))
        or agrees(round(x * 100, 8), pct)
        or agrees(pct, min(x, 1.0) * 100, decimals_of(pct))
        for x in rates
    )


def check_figures(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """预算执行得分, 执行率 and 执行数 stated in the report against the form."""
    b = form.budget
    if b is None:
        return
    computed_rate, printed_rate = budget_rate(form)
    rates = [x for x in (printed_rate, computed_rate) if x is not None]
    for r in _reports(doc, index):
        if (
            r.stated_budget_score is not None
            and b.score is not None
            and not _same(r.stated_budget_score, b.score)
        ):
            rule = (
                f"（按规则应为 {fmt(card.budget_computed)} 分）" if card.budget_computed is not None else ""
            )
            yield make_finding(
                "report.figure_mismatch",
                form,
                index,
                printed=r.stated_budget_score,
                expected=b.score,
                printed_text=f"{fmt(r.stated_budget_score)} 分",
                expected_text=f"{fmt(b.score)} 分",
                title=_title(r),
                what="预算执行得分",
                note=rule,
            )
        if r.stated_rate is not None and not _rate_agrees(r, rates):
            shown = rates[0]
            yield make_finding(
                "report.figure_mismatch",
                form,
                index,
                printed=round(r.stated_rate, 6),
                expected=round(shown, 6),
                printed_text=fmt_pct(r.stated_rate, 4),
                expected_text=fmt_pct(shown, 4),
                title=_title(r),
                what="执行率",
                note="",
            )
        for context, amount in r.amounts:
            if b.executed is None or not any(k in context for k in ("实际执行", "执行数", "实际支出")):
                continue
            if _same(amount, b.executed) or (b.planned is not None and _same(amount, b.planned)):
                continue
            yield make_finding(
                "report.figure_mismatch",
                form,
                index,
                printed=amount,
                expected=b.executed,
                printed_text=f"{fmt(amount)} 万元",
                expected_text=f"执行数 {fmt(b.executed)} 万元",
                title=_title(r),
                what=f"“{context}”",
                note="",
                severity="warning",  # an amount read from running text may be a part, not the whole
            )


CHECKS = [check_score, check_figures]
