"""Report checks: a narrative self-evaluation (自评结果) against the form it reports on."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model import Document, Finding, Form, NarrativeReport, Scorecard
from jixiao.review.catalogue import fmt, make_finding
from jixiao.review.figures import fmt_money, fmt_pct_pair
from jixiao.score.rules import RuleSet, agrees, decimals_of
from jixiao.score.scorecard import budget_rate


def _reports(doc: Document, index: int) -> list[NarrativeReport]:
    """The reports linked to form ``index``, in printed order."""
    return _by_form(doc).get(index, [])


_LAST: list[tuple[Document, int, dict[int | None, list[NarrativeReport]]]] = []  # the last document


def _by_form(doc: Document) -> dict[int | None, list[NarrativeReport]]:
    """The reports by the form they report on, grouped once per document (the checks ask form by
    form; scanning every report per form made a large document quadratic)."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is doc and last[1] == len(doc.reports):
        return last[2]
    grouped: dict[int | None, list[NarrativeReport]] = {}
    for r in doc.reports:
        grouped.setdefault(r.form_index, []).append(r)
    _LAST[:] = [(doc, len(doc.reports), grouped)]  # one document kept, no more
    return grouped


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


_PART = re.compile(r"专项|结转|其中|子项|分项|[一二三四五六七八九十\d]号")
_OTHER_BASE = re.compile(r"未压减|压减前|调整前|年初预算")


def _overall_rates(r: NarrativeReport) -> list[float]:
    """The overall 执行率 a report states: not a part's (专项, 结转, 其中 …), not another base's
    (压减前, 调整前), each once."""
    if not r.stated_rates:
        return [r.stated_rate] if r.stated_rate is not None else []
    found: list[float] = []
    for sentence, rate in r.stated_rates:
        clause = re.split(r"[，,、]", sentence)[-1]
        if _PART.search(clause) or _OTHER_BASE.search(sentence):
            continue
        if rate not in found:
            found.append(rate)
    return found


def _rate_agrees(r: NarrativeReport, stated: float, rates: list[float]) -> bool:
    """The stated 执行率 agrees with the form's (printed or computed, capped or not) or its own amounts."""
    pct = round(stated * 100, 8)
    if not rates:
        return True
    if not r.stated_rates and _rate_from_own_amounts(r, pct):
        return True  # no sentence to read the base from: the report may state it on another base
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
        for stated in _overall_rates(r):
            if _rate_agrees(r, stated, rates):
                continue
            shown = rates[0]
            rate_texts = fmt_pct_pair(stated, shown)
            yield make_finding(
                "report.figure_mismatch",
                form,
                index,
                printed=round(stated, 6),
                expected=round(shown, 6),
                printed_text=rate_texts[0],
                expected_text=rate_texts[1],
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
                printed_text=f"{fmt_money(amount)} 万元",
                expected_text=f"执行数 {fmt_money(b.executed)} 万元",
                title=_title(r),
                what=f"“{context}”",
                note="",
                severity="warning",  # an amount read from running text may be a part, not the whole
            )


def _form_parts(form: Form) -> dict[str, tuple[float | None, float]]:
    """The form's own breakdown by 一级 indicator: (weight printed in the label or summed from
    the indicators' weights, sum of scores)."""
    parts: dict[str, tuple[float | None, float]] = {}
    for _, ind in form.indicators():
        if not ind.level1:
            continue
        key = ind.level1[:2]
        weight, score = parts.get(key, (None, 0.0))
        if ind.level1_weight is not None:
            weight = ind.level1_weight
        parts[key] = (weight, score + (ind.score or 0.0))
    return parts


def check_parts(form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document) -> Iterator[Finding]:
    """A report's score table (评价准则 | 权重 | 得分) against the form's 一级 weights and scores."""
    own = _form_parts(form)
    for r in _reports(doc, index):
        for label, weight, score in r.parts:
            if label.startswith("预算执行"):
                printed = (form.budget.weight, form.budget.score) if form.budget else (None, None)
            elif label[:2] in own:
                printed = own[label[:2]]
            elif any(label.startswith(k) for k in ("服务对象满意", "社会公众满意", "满意")) and "满意" in own:
                printed = own["满意"]
            else:
                continue
            for what, stated, value in (("权重", weight, printed[0]), ("得分", score, printed[1])):
                if stated is None or value is None or _same(stated, round(value, 6)):
                    continue
                yield make_finding(
                    "report.figure_mismatch",
                    form,
                    index,
                    printed=stated,
                    expected=round(value, 6),
                    printed_text=f"{fmt(stated)} 分",
                    expected_text=f"{fmt(round(value, 6))} 分",
                    title=_title(r),
                    what=f"“{label}”的{what}",
                    note="",
                )


CHECKS = [check_score, check_figures, check_parts]
