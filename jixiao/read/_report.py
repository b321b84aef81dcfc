"""Narrative self-evaluation reports (自评结果 / 自评报告) and the figures they state.

They are not forms; what they *claim* (自评得分, 执行率, amounts) is kept for cross-checks
against the form they report on, found by subject and year, then by proximity.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable
from difflib import SequenceMatcher

from jixiao._spool import form_heads
from jixiao.model import Document, NarrativeReport
from jixiao.read._clean import compact, year_in
from jixiao.read._grid import Row

__all__ = ["attach_reports", "read_report"]

_VERSION = re.compile(r"^[(（](缩略版|摘要版|简版|详细版|完整版)[)）]$")
_NUM = r"(\d+(?:\.\d+)?)"
_BUDGET_SCORE = [
    re.compile(rf"预算执行(?:率|情况)?(?:得分)?(?:为)?{_NUM}分"),
    re.compile(rf"执行率[^。；;]{{0,30}}?得{_NUM}分"),
]
_RATE = re.compile(rf"执行率(?:为|达|达到|是|约|约为|[:：])?(?:了)?{_NUM}%")
# A number starts where no digit (or thousands comma) precedes it: without the lookbehind the
# engine retries from every digit of a long run (a 100 KB run of digits took minutes).
_AMOUNT = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)万元")
_SUBJECT_NOISE = re.compile(
    r"^(\d{4})年度?|(项目)?(部门)?(单位)?(整体)?(绩效)?(自评结果|自评报告|评价报告)([(（].*?[)）])?$"
)


def read_report(title: str, rows: list[Row]) -> NarrativeReport:
    """The claims a narrative report states, read from its running text."""
    version = None
    texts: list[str] = []
    parts = _score_table(rows)
    for row in rows:
        t = compact(row.text)
        m = _VERSION.match(t)
        if m and version is None:
            version = m.group(1)
            continue
        texts.append(t)
    body = "".join(texts)
    ctitle = compact(title)
    m = re.search(r"[(（](缩略版|摘要版)[)）]", ctitle)
    if m:
        version = version or m.group(1)
    scores = _stated_scores(body)
    budget_score = None
    for pattern in _BUDGET_SCORE:
        bm = pattern.search(body)
        if bm:
            budget_score = float(bm.group(1))
            break
    rm = _RATE.search(body)
    rates = []
    for m in _RATE.finditer(body):
        sentence = re.split(r"[。；;]", body[max(0, m.start() - 60) : m.start()])[-1]
        rates.append((sentence, round(float(m.group(1)) / 100, 10)))
    amounts = []
    for m in _AMOUNT.finditer(body):
        ctx = re.split(r"[，。；,;：:（）()]", body[max(0, m.start() - 16) : m.start()])[-1]
        amounts.append((ctx, float(m.group(1).replace(",", ""))))
    return NarrativeReport(
        title=title,
        version=version,
        year=year_in(title),
        subject=_subject(ctitle),
        stated_score=scores[0] if scores else None,
        stated_scores=scores,
        stated_rate=round(float(rm.group(1)) / 100, 10) if rm else None,
        stated_rates=rates,
        parts=parts,
        stated_budget_score=budget_score,
        amounts=amounts,
        source=rows[0].source if rows else None,
    )


_POINTS = re.compile(rf"(?<!\d){_NUM}分")  # see _AMOUNT: one attempt per number, not per digit
_NOT_TOTAL = re.compile(r"执行|产出|效益|满意|目标|指标|权重|分值|设定|满分|其中|扣")
_SCALE = re.compile(r"分\s*[（(]$")  # "74.6 分（80 分）": the bracket after a score gives its scale


def _stated_scores(body: str) -> list[float]:
    """Every overall score a report states: numbers of 分 in sentences about 得分, except the
    parts (预算执行 19.8 分, 产出 76.2 分) and the scale (满分 100 分)."""
    found: list[float] = []
    for sentence in re.split(r"[。；;\n]", body):
        if "得分" not in sentence:
            continue
        for m in _POINTS.finditer(sentence):
            prefix = sentence[max(0, m.start() - 8) : m.start()]
            if _NOT_TOTAL.search(prefix) or _SCALE.search(prefix):
                continue
            found.append(float(m.group(1)))
    return found


def _score_table(rows: list[Row]) -> list[tuple[str, float | None, float | None]]:
    """Rows under a header naming 权重 (or 分值) and 得分: the report's own score breakdown."""
    found: list[tuple[str, float | None, float | None]] = []
    cols: tuple[int, int] | None = None
    for row in rows:
        if not row.table:
            cols = None
            continue
        cells = [compact(c) for c in row.cells]
        weight_col = next((i for i, c in enumerate(cells) if c in ("权重", "分值", "标准分")), None)
        score_col = next((i for i, c in enumerate(cells) if c.endswith("得分")), None)
        if weight_col is not None and score_col is not None:
            cols = (weight_col, score_col)
            continue
        if cols is None or not cells or not cells[0]:
            continue
        w = _number(cells[cols[0]]) if cols[0] < len(cells) else None
        sc = _number(cells[cols[1]]) if cols[1] < len(cells) else None
        if w is not None or sc is not None:
            found.append((cells[0], w, sc))
    return found


def _number(text: str) -> float | None:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)分?", text)
    return float(m.group(1)) if m else None


def _subject(ctitle: str) -> str:
    s = ctitle
    for _ in range(3):
        s = _SUBJECT_NOISE.sub("", s)
    return s or ctitle


def _line(obj: object) -> int:
    source = getattr(obj, "source", None)
    return (source.line or 0) if source is not None else 0


def attach_reports(doc: Document) -> None:
    """Link each report to the form it reports on (``form_index``).

    Every form is scored against the report (name similarity, same year, nearest before it) and
    the best wins unless nothing is alike by name. Only a form sharing a run of
    ``_least_run`` characters with the report's subject can be alike enough to win, so the
    forms are looked up by those runs (an index of the form names) instead of comparing every
    report with every form. Forms printing the same names in the same year score alike, so
    they are one candidate whose best member (nearest before the report, else after it) is
    found by bisection: a document of thousands of forms, however repetitive, costs as much
    per form as one.
    """
    if not doc.reports or not doc.forms:
        return
    forms = form_heads(doc.forms)  # a spooled document's forms are not loaded for this
    lines = [_line(f) for f in forms]
    nearest_of = _nearest_before(lines)
    groups: dict[tuple[str, ...], int] = {}  # a form's names → its name group
    members: list[dict[int | None, _Members]] = []  # per name group: its forms by year
    for i, form in enumerate(forms):
        names = tuple(compact(x) for x in (form.title, form.project or "", form.unit or "") if x)
        g = groups.setdefault(names, len(groups))
        if g == len(members):
            members.append({})
        members[g].setdefault(form.year, _Members()).add(lines[i], i)
    for by_year in members:
        for m in by_year.values():
            m.freeze()
    names_of = list(groups)
    matchers = [[_matcher(x) for x in names] for names in names_of]
    form_group = [0] * len(forms)
    for g, by_year in enumerate(members):
        for m in by_year.values():
            for i in m.indices:
                form_group[i] = g
    grams: dict[int, dict[str, set[int]]] = {}
    for report in doc.reports:
        subject = compact(report.subject or report.title)
        line = _line(report)
        nearest = nearest_of(line)
        sims: dict[int, float] = {}
        for g in [*_sharing(subject, names_of, grams), *([form_group[nearest]] if nearest >= 0 else [])]:
            if g not in sims:  # an untitled form has no names: 0
                sims[g] = max((_similarity(subject, m) for m in matchers[g]), default=0.0)
        scored: list[tuple[int, float]] = []  # (form, similarity with its bonuses)
        for g in sims:
            for year, m in members[g].items():
                i = m.best(line)
                if i != nearest:  # the nearest, with its bonus below, outscores its group
                    same_year = bool(report.year and year and report.year == year)
                    scored.append((i, sims[g] + (0.05 if same_year else 0.0)))
        if nearest >= 0:
            year = forms[nearest].year
            same_year = bool(report.year and year and report.year == year)
            # a report usually follows the form it reports on
            scored.append((nearest, sims[form_group[nearest]] + (0.05 if same_year else 0.0) + 0.2))
        best: tuple[tuple[float, int, int], int] | None = None
        for i, sim in scored:
            distance = line - lines[i]
            key = (round(sim, 3), 1 if distance >= 0 else 0, -abs(distance))
            if best is None or (key, -i) > (best[0], -best[1]):  # ties: the first form printed
                best = (key, i)
        if best is not None and best[0][0] >= 0.3:
            report.form_index = best[1]
        else:
            # nothing alike by name: the nearest form printed before the report
            report.form_index = nearest if nearest >= 0 else None


class _Members:
    """The forms of one name group and year, by printed line: the one a report prefers is the
    nearest printed before it (the first printed among equals), else the nearest after it."""

    def __init__(self) -> None:
        self.indices: list[int] = []
        self._pairs: list[tuple[int, int]] = []
        self._lines: list[int] = []
        self._first: list[int] = []

    def add(self, line: int, index: int) -> None:
        self.indices.append(index)
        self._pairs.append((line, index))

    def freeze(self) -> None:
        for line, index in sorted(self._pairs):
            if not self._lines or self._lines[-1] != line:
                self._lines.append(line)
                self._first.append(index)  # sorted: the smallest index of that line

    def best(self, line: int) -> int:
        k = bisect.bisect_right(self._lines, line)
        return self._first[k - 1] if k > 0 else self._first[0]


def _nearest_before(lines: list[int]) -> Callable[[int], int]:
    """``line → the last form printed at or before it`` (-1 if none), by bisection: the largest
    index whose line is at most the given one, whatever order the lines come in."""
    order = sorted(range(len(lines)), key=lambda i: lines[i])
    sorted_lines = [lines[i] for i in order]
    running = list(itertools.accumulate(order, max))

    def nearest(line: int) -> int:
        k = bisect.bisect_right(sorted_lines, line)
        return running[k - 1] if k > 0 else -1

    return nearest


_ALIKE = 0.249  # below this share of the subject in one run, a form scores under 0.3 even with its year


def _least_run(subject: str) -> int:
    """The shortest common run that can make a form (not the nearest) win for ``subject``."""
    return max(1, math.ceil(_ALIKE * len(subject)))


def _sharing(subject: str, names: list[tuple[str, ...]], grams: dict[int, dict[str, set[int]]]) -> set[int]:
    """Name groups one of whose names shares a run of ``_least_run(subject)`` characters with
    ``subject``."""
    if not subject:
        return set()
    k = _least_run(subject)
    index = grams.get(k)
    if index is None:
        index = grams[k] = {}
        for i, group in enumerate(names):
            for name in group:
                for j in range(len(name) - k + 1):
                    index.setdefault(name[j : j + k], set()).add(i)
    found: set[int] = set()
    for j in range(len(subject) - k + 1):
        found |= index.get(subject[j : j + k], set())
    return found


def _matcher(name: str) -> SequenceMatcher:
    """A matcher holding one form name (indexing it is the costly part, so it is done once)."""
    sm = SequenceMatcher(None, autojunk=False)
    sm.set_seq2(name)
    return sm


def _similarity(a: str, sm: SequenceMatcher) -> float:
    """Share of the report's subject ``a`` found as one run in the form name held by ``sm``."""
    if not a or not sm.b:
        return 0.0
    sm.set_seq1(a)
    m = sm.find_longest_match(0, len(a), 0, len(sm.b))
    return m.size / len(a)
