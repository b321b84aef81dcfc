"""Cross-checks that make a confident OCR reading doubtful, so a person sees the cell.

A wrong value read with high confidence is the worst outcome of a scan: nothing sends a
reviewer to it. The figures of a row bound each other, by the cells' roles (``_ocr_fix``):
a score is at most its weight, an execution rate is the executed amount over the budget.
Where a row breaks such a bound, one of its cells is misread or the form is wrong; either way
the cells are shown with their crops (``read.low_confidence``), never corrected here. The
review's own findings on the form (a score above its weight …) are reported as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from jixiao.read._clean import amount, rate_value, score_value
from jixiao.read._headers import budget_role, column_role, is_budget_label, simplified

__all__ = [
    "DROPPED_HEAD",
    "after_first_glyph",
    "dash_sign_doubt",
    "header_doubt",
    "missing_glyphs",
    "mixed_script",
    "overflow_doubts",
    "page_em",
    "row_doubts",
]

Box = tuple[int, int, int, int]
_RATE_TOLERANCE = 0.0051  # a rate printed to two decimals of a percent (or a whole percent)


class _Cell(Protocol):
    col: int
    text: str
    doubt: str | None


class _BoxCell(_Cell, Protocol):
    box: tuple[int, int, int, int]


def _doubt(cells: Sequence[_Cell], why: str) -> None:
    for c in cells:
        if c.doubt is None:
            c.doubt = why


def row_doubts(cells: Sequence[_Cell], roles: Sequence[str]) -> None:
    """Mark the cells of one table row whose figures contradict each other (``cell.doubt``)."""
    by_role: dict[str, list[_Cell]] = {}
    for c in cells:
        role = roles[c.col] if c.col < len(roles) else ""
        if role and c.text:
            by_role.setdefault(role, []).append(c)
    score = next(iter(by_role.get("score", [])), None)
    weight = next(iter(by_role.get("weight", [])), None)
    if score is not None and weight is not None:
        s, w = score_value(score.text), score_value(weight.text)
        if s is not None and w is not None and s > w:
            why = f"得分 {score.text} 高于分值 {weight.text}，两格必有一格识别有误或原表有误"
            _doubt([score, weight], why)
    rate = next(iter(by_role.get("rate", [])), None)
    planned = next(iter(by_role.get("planned", [])), None)
    executed = next(iter(by_role.get("executed", [])), None)
    if rate is not None and planned is not None and executed is not None:
        p, e, r = amount(planned.text), amount(executed.text), rate_value(rate.text)
        if p and e is not None and r is not None and abs(e / p - r) > _RATE_TOLERANCE + r * 0.001:
            _doubt(
                [rate, planned, executed],
                f"执行率 {rate.text} 与执行数 {executed.text} ÷ 预算数 {planned.text} 不符，"
                "其中必有一格识别有误或原表有误",
            )


def header_doubt(texts: Sequence[str], confs: Sequence[float], threshold: float) -> str | None:
    """Why the columns under a header row are in doubt, or ``None``.

    A row of column labels (two or more vocabulary labels) with a cell that is no label and was
    read below the threshold: that cell was a label the recogniser could not read (text
    overflowing from a neighbour, a seal), so the builder cannot know its column's role and the
    values below it may land in another field however confidently they were read.
    """
    labels = sum(1 for t in texts if t and (column_role(t) or budget_role(t)))
    if labels < 2:
        return None
    unread = [
        t
        for t, c in zip(texts, confs, strict=False)
        if t and c < threshold and not (column_role(t) or budget_role(t) or is_budget_label(t))
    ]
    if not unread:
        return None
    shown = "”“".join(unread[:3])
    return f"上方表头有识别不清的列标题（“{shown}”），本行各格所属的列可能有误"


_DASH_BEFORE_FIGURE = re.compile(r"^[一—－_]\s*\d")  # not "-": a negative figure


def dash_sign_doubt(text: str) -> str | None:
    """Why a 指标值 read as a dash before its figure ("一9所") is in doubt, or None: the dash is
    a sign the recogniser cannot read (═, ≧ blurred at low resolution) that its strokes did not
    tell (``_ocr_sign``); no target is written "一9" on a form."""
    if _DASH_BEFORE_FIGURE.match(text):
        return f"指标值“{text}”开头的横线应是一个比较符号（如“═”“≧”），字迹不清未能分辨，请核对"
    return None


DROPPED_HEAD = "指标值开头有一个字形未被识别（多为“≥”“≤”等比较符号，识别模型漏读），请核对"
_STARTS_FIGURE = re.compile(r"^\d")


def after_first_glyph(text: str, ink: Any, box: Box) -> Box | None:
    """The box of a 指标值 line without its first glyph (its first run of inked columns), or
    None: tried only where the text read starts with a figure.

    The recogniser drops a sign it cannot make out ("≥865亩" read "865亩" at 0.99, on a blurred
    scan whose "≥" has a slanted bar): read again without that glyph, such a line reads the same,
    while a line whose first glyph is the figure read loses that figure.
    """
    import numpy as np

    if not _STARTS_FIGURE.match(text):
        return None
    x0, y0, x1, y1 = box
    cols = np.flatnonzero(ink[y0:y1, x0:x1].any(axis=0))
    if len(cols) == 0:
        return None
    breaks = np.flatnonzero(np.diff(cols) > 1)
    if len(breaks) == 0:  # one run of ink: nothing after it
        return None
    start = x0 + int(cols[breaks[0] + 1])
    return (start, y0, x1, y1)


def mixed_script(text: str) -> bool:
    """Whether a cell mixes traditional and simplified characters: a printed cell is one or the
    other, so a mix means the recogniser replaced characters it could not read."""
    from jixiao.read._headers import _s2t

    simp = simplified(text)
    has_traditional = simp != text
    if not has_traditional:
        return False
    conv = _s2t()
    return conv is not None and any(conv.convert(ch) != ch for ch in text)


_NARROW = 0.65  # ems at most of a half-width character (digits, Latin letters, ASCII signs)


def _wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in "WF"


def missing_glyphs(text: str, box: Box, em: float | None = None) -> float | None:
    """How many characters' width of ink the text read leaves unexplained (``None``: not
    judged): a character the model cannot write is dropped from its output, confidently.

    Chinese print is one em per character. ``em`` is the page's (``page_em``: measured on its
    own cells, whose ink runs 0.9–1.05 em high by font); without it a line of Chinese only is
    judged by its height (about one em, 0.96). With it, a line of three Chinese characters or
    more is judged whatever else it holds: a half-width character counted at its widest, any
    other (a sign, a full-width bracket) as a whole em, so a line read whole never exceeds it.
    """
    x0, y0, x1, y1 = box
    chars = [ch for ch in text if not ch.isspace()]
    wide = sum(1 for ch in chars if _wide(ch))
    if em is None:
        if y1 <= y0 or len(chars) < 3 or wide < len(chars):
            return None
        return (x1 - x0) / ((y1 - y0) / 0.96) - len(chars)
    if em <= 0 or wide < 3:
        return None
    narrow = sum(1 for ch in chars if not _wide(ch) and ch.isascii())
    return (x1 - x0) / em - (len(chars) - narrow) - narrow * _NARROW


def page_em(lines: Sequence[tuple[str, Box]]) -> float | None:
    """The em of a page's cell text: the median ink width per character of its lines of four
    or more Chinese characters only (a line that dropped one is rare, and a median ignores it)."""
    import statistics

    per = []
    for text, (x0, _y0, x1, _y1) in lines:
        chars = [ch for ch in text if not ch.isspace()]
        if len(chars) >= 4 and all(_wide(ch) for ch in chars):
            per.append((x1 - x0) / len(chars))
    return statistics.median(per) if len(per) >= 5 else None


_CROSS_MIN = 0.03  # inches of a border that text runs through (a few strokes of one character)
_CROSS_SHARE = 0.55  # of the ink touching the border, the share that continues on its far side
_OVERFLOW = (
    "文字越过单元格边框（行高或列宽不足，文字溢出到相邻格或被截断），本格内容可能不全或混入相邻格的文字"
)


def _band(profile: Any) -> tuple[int, int] | None:
    import numpy as np

    idx = np.flatnonzero(profile > 0.5)
    return (int(idx[0]), int(idx[-1])) if len(idx) else None


def _through(ink: Any, lines: Any, at: int, lo: int, hi: int, horizontal: bool, dpi: float) -> bool:
    """Whether text runs through the ruling line at ``at`` between ``lo`` and ``hi``.

    Text that overflows a fixed row height (a spreadsheet printed as it is) is cut by the line:
    its strokes touch the line on both sides at the same places. Text merely cramped against a
    line touches one side, and where two cramped rows meet, their strokes rarely line up.
    """
    tol = max(3, round(dpi * 0.03))
    near = max(2, round(dpi * 0.01))
    lo, hi = lo + tol, hi - tol
    if hi - lo < tol:
        return False
    start = max(at - tol, 0)
    if horizontal:
        band = _band((lines[start : at + tol + 1, lo:hi] > 0).mean(axis=1))
        if band is None:  # no line here (a merged cell)
            return False
        a, b = start + band[0], start + band[1]
        one = ink[max(a - near, 0) : a, lo:hi].any(axis=0)
        other = ink[b + 1 : b + 1 + near, lo:hi].any(axis=0)
    else:
        band = _band((lines[lo:hi, start : at + tol + 1] > 0).mean(axis=0))
        if band is None:
            return False
        a, b = start + band[0], start + band[1]
        one = ink[lo:hi, max(a - near, 0) : a].any(axis=1)
        other = ink[lo:hi, b + 1 : b + 1 + near].any(axis=1)
    # a stroke at a slant moves on while it crosses the line: allow a pixel either way
    near_other = other.copy()
    near_other[1:] |= other[:-1]
    near_other[:-1] |= other[1:]
    both = int((one & near_other).sum())
    touching = min(int(one.sum()), int(other.sum()))
    return both >= dpi * _CROSS_MIN and both >= touching * _CROSS_SHARE


def overflow_doubts(cells: Sequence[_BoxCell], ink: Any, lines: Any, dpi: float) -> None:
    """Mark the cells whose text runs through their borders (``cell.doubt``): the text of one
    cell is cut off and lands in its neighbour, so neither cell can be trusted as read."""
    for c in cells:
        x0, y0, x1, y1 = c.box
        if (
            _through(ink, lines, y0, x0, x1, True, dpi)
            or _through(ink, lines, y1, x0, x1, True, dpi)
            or _through(ink, lines, x0, y0, y1, False, dpi)
            or _through(ink, lines, x1, y0, y1, False, dpi)
        ):
            _doubt([c], _OVERFLOW)
