"""Text whose lines are not in the table's order (``pdftotext -raw`` of a spreadsheet printed to
PDF: the PDF's content order, every one-line cell row by row, then the wrapped cells — the
title, the column labels, the long names — after the table).

Such text cannot be read as a form: values would go to the wrong labels and the review would
raise findings a reviewer trusts. It is told by structure, never by a phrase: after a form's
total row (总分 100 98.6) come column labels of the vocabulary or a form's title, and no data
row (a label and its figures) follows them — the labels printed far from the values they
head. In text in reading order the lines after a total row are a signature, notes, or the
next form, whose title and labels head its own rows.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from itertools import chain

from jixiao.read._glued_header import header_cells
from jixiao.read._glued_rows import is_indicator_header, total_row
from jixiao.read._segment import form_title_kind

__all__ = ["ORDER_MESSAGE", "disordered_line"]

ORDER_MESSAGE = (
    "文本的顺序不是表格的顺序（第 {line} 行起：表名或表头标签出现在总分行之后、远离其数值，"
    "如 pdftotext -raw 按 PDF 内容流输出的电子表格），无法可靠读取；"
    "请改用原文件、PDF 文件或 pdftotext -layout 的输出"
)

_FIGURE = re.compile(r"^[≥≤<>＞＜=＝]?[-+]?\d{1,9}(?:[.,]\d+)*%?$|^[—－-]+$")  # not a phone number
_VALUE = re.compile(r"^[≥≤<>＞＜=＝]*(?:\d{1,9}(?:[.,]\d+)*[^\s\d]{0,4})?$")  # ≥, 250天, 98%
_DIGIT = re.compile(r"\d")
_MIN_FIGURES = 1  # figures after a label that make a line a data row (资金总额 540)
_MAX_JOIN = 3  # lines one wrapped label is joined from (年初预算数（万元 / ）)


def _is_data_row(tokens: list[str]) -> bool:
    """A label and then figures: a budget or indicator row printed in reading order."""
    if len(tokens) < 1 + _MIN_FIGURES or _FIGURE.match(tokens[0]):
        return False
    return sum(bool(_FIGURE.match(t)) for t in tokens[1:]) >= _MIN_FIGURES


def _bare_values(tokens: list[str]) -> bool:
    """Values without their row's label (3, ≥100% 100% 3): the first line under an indicator
    header in reading order opens with its row's label or name."""
    return any(_DIGIT.search(t) for t in tokens) and all(_VALUE.match(t) for t in tokens)


def _labels_at(glued: list[str]) -> bool:
    """Column labels of the vocabulary opening ``glued`` (a label wrapped over a few lines joined)."""
    joined = ""
    for g in glued:
        joined += g
        if joined and header_cells(joined) is not None:
            return True
    return False


def disordered_line(lines: Iterable[str]) -> int | None:
    """The 1-based line where the text shows it is not in the table's order, else ``None``:
    column labels or a title after a total row with no data row after them, or, in text of
    one-space runs, bare values as the first row under an indicator header. One pass over the lines, a
    few held ahead: a dump of 10^4 forms is read in linear time and little memory."""
    after_total = False
    labels: int | None = None  # column labels after a total row, no data row after them yet
    spaced = False  # a line holds two spaces or a TAB: not one run a space (a layout keeps columns)
    header = False  # the line above is an indicator header of one-space runs
    bare: int | None = None  # the first line of bare values under such a header
    ahead: deque[tuple[str, str]] = deque()  # (line, line without its spaces) from line ``k``
    k = -1
    for line in chain(lines, [""] * (_MAX_JOIN - 1)):
        ahead.append((line, line.strip().replace(" ", "")))
        if len(ahead) < _MAX_JOIN:
            continue
        k += 1
        raw, g = ahead.popleft()
        if not g:
            continue
        spaced = spaced or "  " in raw.strip() or "\t" in raw
        if header and bare is None and _bare_values(raw.split()):
            bare = k
        header = not spaced and " " in raw.strip() and is_indicator_header(header_cells(g))
        if total_row(g) is not None:
            after_total, labels = True, None
        elif labels is not None:
            if _is_data_row(raw.split()):
                after_total, labels = False, None
        elif after_total and (form_title_kind(g) is not None or _labels_at([g, *(a for _, a in ahead)])):
            labels = k
    if labels is None and (bare is None or spaced):
        return None
    return (labels if labels is not None else bare) + 1  # type: ignore[operator]
