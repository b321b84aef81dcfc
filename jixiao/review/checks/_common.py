"""Helpers several check families share: printed sums and whether a form was read whole."""

from __future__ import annotations

import re
from bisect import bisect_left

from jixiao._spool import form_heads
from jixiao.model import Document, Form, Indicator
from jixiao.score.rules import agrees, decimals_of


def printed_parts(form: Form) -> float:
    """Budget score + overall-goal score + indicator scores, as printed."""
    parts = [form.budget.score if form.budget and form.budget.score is not None else 0.0]
    if form.overall_goal is not None and form.overall_goal.score is not None:
        parts.append(form.overall_goal.score)
    parts.extend(i.score for _, i in form.indicators() if i.score is not None)
    return round(sum(parts), 6)


def total_counts_missing(form: Form) -> bool:
    """The printed total equals the printed parts plus full marks for every unscored, weighted part.

    Then a score cell was left blank (or lost in conversion) while the total counted it: the
    missing score is worth a look, the total itself is not wrong.
    """
    if form.total_score is None:
        return False
    missing = 0.0
    blanks = 0
    if form.budget is not None and form.budget.score is None:
        if form.budget.weight is None:
            return False
        missing += form.budget.weight
        blanks += 1
    for _, i in form.indicators():
        if i.score is None:
            if i.weight is None:
                return False
            missing += i.weight
            blanks += 1
    return blanks > 0 and agrees(form.total_score, printed_parts(form) + missing)


def read_incomplete(doc: Document, index: int) -> bool:
    """The reader skipped rows inside this form (its read issues fall between it and the next form)."""
    return index in _incomplete_forms(doc)


_LAST: list[tuple[Document, int, int, frozenset[int]]] = []  # the document last asked about


def _incomplete_forms(doc: Document) -> frozenset[int]:
    """The forms of ``doc`` a read issue falls in, computed once per document (the checks ask
    form by form; rescanning every form and issue per call made a large document quadratic)."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is doc and last[1:3] == (len(doc.forms), len(doc.issues)):
        return last[3]
    found: set[int] = set()
    if doc.issues:
        lines = sorted(i.source.line for i in doc.issues if i.source and i.source.line is not None)
        end: int | None = None  # the first line of any later form
        forms = form_heads(doc.forms)  # a spooled document's forms are not loaded for this
        for index in range(len(forms) - 1, -1, -1):
            source = forms[index].source
            if source is None or source.line is None:
                continue
            start = source.line
            k = bisect_left(lines, start)
            if k < len(lines) and (end is None or lines[k] < end):
                found.add(index)
            end = start if end is None else min(end, start)
    result = frozenset(found)
    _LAST[:] = [(doc, len(doc.forms), len(doc.issues), result)]  # one document kept, no more
    return result


_DECIMALS = re.compile(r"-?\d+(?:\.(\d+))?")


def printed_decimals(form: Form, path: str) -> int | None:
    """Decimals of a number as printed, where the reader kept its text (``extra["printed"]``).

    form-v1 numbers lose trailing zeros ("9.00" → 9); the printed text keeps the precision the
    rounding rule is judged at (findings-v1: rounded or truncated to the printed decimals).
    ``path`` names the field as ``extra["recovered"]`` does: ``budget.score``, ``total_score``,
    ``goals[0].indicators[2].score``. None where nothing was kept.
    """
    printed = form.extra.get("printed") if isinstance(form.extra, dict) else None
    if not isinstance(printed, dict):
        return None
    text = printed.get(path)
    if not isinstance(text, str):
        return None
    m = _DECIMALS.search(text.replace(",", ""))
    if m is None:
        return None
    return len(m.group(1) or "")


def indicator_path(form: Form, indicator: Indicator, field: str = "score") -> str:
    """``goals[i].indicators[j].<field>`` of ``indicator`` (by identity) in ``form``."""
    for gi, goal in enumerate(form.goals):
        for ii, ind in enumerate(goal.indicators):
            if ind is indicator:
                return f"goals[{gi}].indicators[{ii}].{field}"
    return ""


def score_decimals(form: Form, indicator: Indicator) -> int | None:
    """Decimals an indicator's printed score is judged at: its printed text where kept, else the
    score column's precision — the most decimals any indicator score of the form prints.

    A column printed to two decimals (9.47, 8.53) prints a full score as 10.00: a 10 there
    against 9.79 is a full score, not 9.79 rounded to a whole number.
    """
    kept = printed_decimals(form, indicator_path(form, indicator))
    if kept is not None:
        return kept
    inds = [i for _, i in form.indicators() if i.score is not None]
    if not inds or indicator.score is None:
        return None
    # A full score prints as its weight whatever the column's precision: only partial scores
    # show it. When every indicator got full marks, the form's other scores (budget, total) do.
    scores = [i.score for i in inds if i.score is not None]
    if any(i.weight is None or abs(s - i.weight) > 1e-9 for i, s in zip(inds, scores, strict=True)):
        return max(decimals_of(s) for s in scores)
    others = [s for s in (form.budget.score if form.budget else None, form.total_score) if s is not None]
    return max(decimals_of(s) for s in [*scores, *others])
