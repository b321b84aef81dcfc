"""Scanned forms: every OCR cell below the confidence threshold, or repaired, shown to a person.

The reader keeps those cells in ``Document.cells`` with the crop of the cell; here each is tied
to its form, goal and indicator (by page, table and row, the same source the form builder gives
an indicator), and to the field it fills, so the finding says what depends on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.model import CellReading, Document, Finding, Form, Goal, Indicator, Scorecard, Source
from jixiao.review.catalogue import fmt, make_finding
from jixiao.score.rules import RuleSet
from jixiao.vocabulary import UNCERTAIN

__all__ = [
    "CHECKS",
    "Located",
    "check_low_confidence",
    "check_repairs",
    "located_cells",
    "mark_uncertain",
    "temper",
]

LOW_CONFIDENCE = 0.8  # the reader's threshold (jixiao.read._ocr.LOW_CONFIDENCE)

_CELL = re.compile(r"r(\d+)")
_SCORED_FIELDS = {"score": "得分", "target": "指标值", "actual": "实际完成值", "weight": "分值"}


@dataclass(slots=True)
class Located:
    """A cell to check, with the indicator it belongs to and the field it fills (if known)."""

    cell: CellReading
    goal: Goal | None = None
    indicator: Indicator | None = None
    field: str | None = None  # Indicator attribute: score / target / actual / weight / name …


def _key(source: Source | None) -> tuple[int, int, int]:
    if source is None:
        return (0, 0, 0)
    m = _CELL.match(source.cell or "")
    sheet = int(source.sheet) if source.sheet and source.sheet.isdigit() else 0
    return (source.page or 0, sheet, int(m[1]) if m else 0)


def _same_row(a: Source | None, b: Source | None) -> bool:
    return a is not None and b is not None and a.file == b.file and _key(a) == _key(b) and _key(a)[2] > 0


def _field(ind: Indicator, text: str) -> str | None:
    for name in ("score", "weight", "target", "actual", "name", "basis"):
        value = getattr(ind, name)
        if value is None:
            continue
        shown = fmt(value) if isinstance(value, float | int) else str(value)
        if shown == text or (text and text in shown):
            return name
    return None


def located_cells(form: Form, index: int, doc: Document) -> list[Located]:
    """The cells to check that fall in form ``index`` of ``doc``, in reading order."""
    if not doc.cells:
        return []
    starts = [_key(f.source) for f in doc.forms]
    lo = starts[index]
    hi = starts[index + 1] if index + 1 < len(starts) else (10**9, 0, 0)
    out: list[Located] = []
    for cell in doc.cells:
        hit = next(((g, i) for g, i in form.indicators() if _same_row(i.source, cell.source)), None)
        if hit is None and not (lo <= _key(cell.source) < hi):
            continue
        if hit is None:
            out.append(Located(cell))
            continue
        goal, ind = hit
        # a cell read as nothing (a smudge) fills no value to match: its column's header says which
        field = _field(ind, cell.text) or (cell.role if not cell.text else None)
        out.append(Located(cell, goal, ind, field))
    return out


def _doubtful(cell: CellReading) -> bool:
    """Below the confidence threshold, or confident but failing a cross-check of its row."""
    return cell.confidence < LOW_CONFIDENCE or cell.doubt is not None


def _where(cell: CellReading) -> str:
    s = cell.source
    if s is None:
        return ""
    table = f"表{s.sheet}" if s.sheet else ""
    return f"第{s.page}页{table}{s.cell or ''}"


def check_low_confidence(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """A scanned cell read with low confidence (or confident but contradicted by its row): shown
    with its crop, never silently trusted."""
    for loc in located_cells(form, index, doc):
        if not _doubtful(loc.cell):
            continue
        field = _SCORED_FIELDS.get(loc.field or "", "单元格")
        consequence = f"据此计算的得分标为{UNCERTAIN}" if loc.field in _SCORED_FIELDS else "识别结果可能有误"
        if loc.cell.doubt:
            consequence = f"{loc.cell.doubt}；{consequence}"
        yield make_finding(
            "read.low_confidence",
            form,
            index,
            goal=loc.goal.name if loc.goal else None,
            indicator=loc.indicator.name if loc.indicator else None,
            printed=loc.cell.text,
            expected=None,
            where=_where(loc.cell),
            field=field,
            confidence=f"{loc.cell.confidence:.2f}",
            consequence=consequence,
        )


def check_repairs(
    form: Form, index: int, card: Scorecard, rules: RuleSet, doc: Document
) -> Iterator[Finding]:
    """A repaired OCR confusion: reported, so the repair is never a silent correction."""
    for loc in located_cells(form, index, doc):
        if loc.cell.repair is None:
            continue
        yield make_finding(
            "read.ocr_repair",
            form,
            index,
            goal=loc.goal.name if loc.goal else None,
            indicator=loc.indicator.name if loc.indicator else None,
            printed=loc.cell.read_as,
            expected=loc.cell.text,
            where=_where(loc.cell),
            repair=loc.cell.repair,
        )


def mark_uncertain(card: Scorecard, form: Form, index: int, doc: Document) -> None:
    """Scores computed from a low-confidence cell are flagged uncertain, with the reason said."""
    doubtful = {
        (loc.goal.name, loc.indicator.name)
        for loc in located_cells(form, index, doc)
        if _doubtful(loc.cell) and loc.goal and loc.indicator and loc.field in _SCORED_FIELDS
    }
    for score in card.indicators:
        if (score.goal, score.indicator) in doubtful and not score.uncertain:
            score.uncertain = True
            score.reason = f"{score.reason}（所据扫描单元格识别置信度低，得分{UNCERTAIN}）"


_DIGIT = re.compile(r"\d")
_LOWER: dict[str, str] = {"error": "warning"}  # a warning already asks a person to look


def _rests_on(f: Finding, doubtful: list[Located], first_indicator: tuple[int, int, int]) -> list[Located]:
    """The doubtful cells a finding's figures come from: its indicator's row; for a goal, the
    scores and weights of its indicators; for the budget, the figures above the first
    indicator; for a form total or weight sum, any doubtful figure of the form."""
    if f.code.startswith("read."):
        return []
    if f.indicator is not None:
        return [
            d
            for d in doubtful
            if d.indicator
            and d.indicator.name == f.indicator
            and d.field not in ("name", "basis")
            and (f.goal is None or (d.goal is not None and d.goal.name == f.goal))
        ]
    figures = [d for d in doubtful if _DIGIT.search(d.cell.text or "")]
    if f.goal is not None:
        return [
            d for d in figures if d.goal and d.goal.name == f.goal and d.field in ("score", "weight", None)
        ]
    if f.code.startswith("budget."):
        return [d for d in figures if d.indicator is None and _key(d.cell.source) < first_indicator]
    if f.code.startswith("form."):
        return figures
    return []


def temper(found: list[Finding], form: Form, index: int, doc: Document) -> list[Finding]:
    """Findings that rest on a doubtful scanned cell say so, and an error among them becomes a
    warning (the catalogue's severity is a default a check may lower): a misread cell must not
    be reported as an error the form does not have. Findings on confident cells are unchanged."""
    doubtful = [loc for loc in located_cells(form, index, doc) if _doubtful(loc.cell)]
    if not doubtful:
        return found
    sources = [_key(i.source) for _, i in form.indicators() if i.source is not None]
    first = min(sources, default=(10**9, 0, 0))
    out: list[Finding] = []
    for f in found:
        cells = _rests_on(f, doubtful, first)
        if not cells:
            out.append(f)
            continue
        places = "、".join(dict.fromkeys(_where(d.cell) for d in cells[:3]))
        note = f"（所据扫描单元格{places}识别待核对，可能是识别误差而非原表有误）"
        out.append(
            f.model_copy(update={"severity": _LOWER.get(f.severity, f.severity), "message": f.message + note})
        )
    return out


CHECKS = [check_low_confidence, check_repairs]
