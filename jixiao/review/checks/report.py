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


def check_figures(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    b = form.budget
    if b is None:
        return
    computed_rate, printed_rate = budget_rate(form)
    for r in _reports(doc, index):
        if (
            r.stated_budget_score is not None
            and b.score is not None
            and not _same(r.stated_budget_score, b.score)
        ):
            note = ""
            if card.budget_computed is not None:
                note = f"（按规则应为 {fmt(card.budget_computed)} 分）"
            yield make_finding(
                "report.figure_mismatch",
                form,
                index,
                printed=r.stated_budget_score,
                expected=b.score,
                title=_title(r),
                what="预算执行得分",
                note=note,
            )
        if r.stated_rate is not None:
            rates = [x for x in (printed_rate, computed_rate) if x is not None]
            pct = round(r.stated_rate * 100, 8)
            if _rate_from_own_amounts(r, pct):
                continue  # the report states its rate on another base and shows the amounts (压减前/后)
            if rates and not any(
                agrees(pct, x * 100, decimals_of(pct))
                or agrees(round(x * 100, 8), pct)
                or agrees(pct, min(x, 1.0) * 100, decimals_of(pct))
                for x in rates
            ):
                shown = printed_rate if printed_rate is not None else computed_rate
                yield make_finding(
                    "report.figure_mismatch",
                    form,
                    index,
                    printed=fmt_pct(r.stated_rate, 4),
                    expected=fmt_pct(shown, 4),
                    title=_title(r),
                    what="执行率",
                    note="",
                )
        for context, amount in r.amounts:
            expected = None
            if any(k in context for k in ("实际执行", "执行数", "实际支出")) and b.executed is not None:
                expected = b.executed
            if (
                expected is None
                or _same(amount, expected)
                or (b.planned is not None and _same(amount, b.planned))
            ):
                continue
            yield make_finding(
                "report.figure_mismatch",
                form,
                index,
                printed=amount,
                expected=expected,
                title=_title(r),
                what=f"“{context}”",
                note=" 万元（执行数）",
                severity="warning",  # an amount read from running text may be a part, not the whole
            )


CHECKS = [check_score, check_figures]
