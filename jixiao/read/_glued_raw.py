"""Text dumped in reading order with one space between runs (``pdftotext -raw`` of a PDF a word
processor printed): read as glued cells (``_glued``) once its spaces are taken out.

Such a dump prints a figure apart from its unit (``≥3000 件``, ``2025 年 4 月 16 日``), one
space between cells, and a cell whose text wraps on lines of its own, the row's next cells on
the line after (``单处避难场所建设`` / ``成本`` / ``≤80 万元 72 万元 9 9``). The spaces tell
no cell from the next, so they are dropped and the cuts made as for glued cells; a wrapped
row is joined only where the joined line reads as one row whose points and score are
printed (``_glued`` decides), never by a phrase.
"""

from __future__ import annotations

import re

from jixiao.read._glued_indicator import unit_words

__all__ = ["figures_apart", "is_raw_dump", "unspaced", "year_apart"]

_FIGURE_THEN_WORD = re.compile(r"(?:^|[ ≥≤<>＞＜=＝])\d+(?:\.\d+)? ([^\s\d]{1,4})")
_MIN_SPLIT_UNITS = 3  # figures printed apart from their unit before a run counts as a dump
_YEAR_APART = re.compile(r"(?<![\d.])(?:19|20)\d\d 年")  # 2024 年度, 2025 年 4 月: no cell ends in a year
_PERIODS = ("年", "月", "日")


def is_raw_dump(lines: list[str]) -> bool:
    """One space between every run, never two, and figures printed apart from their units."""
    if any("  " in ln.strip() or "\t" in ln for ln in lines):
        return False
    units = unit_words()
    split = 0
    for ln in lines:
        for m in _FIGURE_THEN_WORD.finditer(ln):
            word = m.group(1)
            split += word.startswith(_PERIODS) or any(word.startswith(u) for u in units if u != "%")
            if split >= _MIN_SPLIT_UNITS:
                return True
    return False


def year_apart(lines: list[str]) -> bool:
    """A year printed apart from its 年 (2024 年度): a dump, never cells of a table whose
    度量单位 column prints ``≥ 14 处`` as three cells."""
    return any(_YEAR_APART.search(ln) for ln in lines)


def unspaced(line: str) -> str:
    """The line as its cells print glued: the spaces of the dump taken out."""
    return line.strip().replace(" ", "")


_BETWEEN_FIGURES = re.compile(r"(?<=[\d%]) (?=[\d—－/-])")


def figures_apart(line: str) -> str:
    """The line glued but for the spaces between two figures: a dump never prints one figure
    in two runs, so a budget row's cells are given (91.01 95.8 78.08 10 81.5%)."""
    return unspaced(_BETWEEN_FIGURES.sub("\x00", line.strip())).replace("\x00", " ")
