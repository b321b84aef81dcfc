"""Characters → words → lines: the text of one table cell, or the running text of a page.

The rules are pdfplumber's (the engine the PDF reader used before), kept so that every PDF reads
as it did: characters whose tops lie within 3 pt of each other (chained) form a line; in a line,
left to right, a space character or a gap of more than 3 pt after the previous character's end
starts a new word; words are joined by one space, lines by a line break.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TypeVar

from jixiao.read._pdf_page import Char

__all__ = ["Line", "cell_text", "text_lines"]

TOLERANCE = 3.0  # pt: the x and y tolerance of pdfplumber's word extraction
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_TABLE = str.maketrans(_LIGATURES)

T = TypeVar("T")
_TOP, _X0 = attrgetter("top"), attrgetter("x0")


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    top: float
    chars: list[Char]


@dataclass(slots=True)
class Line:
    """One line of running text: its text, top, left end and largest font size."""

    text: str
    top: float
    x0: float
    size: float


def cluster(items: Sequence[T], key: Callable[[T], float], keep_order: bool = False) -> list[list[T]]:
    """Items whose keys chain within ``TOLERANCE`` of each other, one group each.

    Groups run in key order (``keep_order``: runs of consecutive items of one group, in item order).
    """
    keys = list(map(key, items))
    if not keys:
        return []
    if max(keys) - min(keys) <= TOLERANCE:  # one group (most cells: one line; a NaN key never splits)
        return [list(items)]
    group: dict[float, int] = {}
    n, last = 0, None
    for v in sorted(set(keys)):
        if last is not None and v > last + TOLERANCE:
            n += 1
        group[v] = n
        last = v
    groups = [group[k] for k in keys]
    order = range(len(items)) if keep_order else sorted(range(len(items)), key=groups.__getitem__)
    out: list[list[T]] = []
    prev = None
    for k in order:
        g = groups[k]
        if g != prev or not out:
            out.append([])
            prev = g
        out[-1].append(items[k])
    return out


def _words(chars: Sequence[Char]) -> list[_Word]:
    """The words of a page region, line by line from the top, left to right within a line."""
    words: list[_Word] = []
    for line in cluster(chars, _TOP):
        line.sort(key=_X0)
        current: list[Char] = []
        for c in line:
            if c.text.isspace():
                if current:
                    words.append(_word(current))
                current = []
                continue
            if current:
                prev = current[-1]
                if c.x0 < prev.x0 or c.x0 > prev.x1 + TOLERANCE or abs(c.top - prev.top) > TOLERANCE:
                    words.append(_word(current))
                    current = []
            current.append(c)
        if current:
            words.append(_word(current))
    return words


def _word(chars: list[Char]) -> _Word:
    text = "".join([c.text for c in chars]).translate(_LIGATURE_TABLE)  # one character per Char
    return _Word(text, min([c.x0 for c in chars]), min([c.top for c in chars]), chars)  # lists: cheaper


def cell_text(chars: Sequence[Char]) -> str:
    """The text of one cell: its lines, top to bottom, joined by line breaks."""
    if not chars:
        return ""
    lines = cluster(_words(chars), _TOP)
    return "\n".join(" ".join(w.text for w in line) for line in lines)


def text_lines(chars: Sequence[Char]) -> list[Line]:
    """The lines of running text (characters outside every table), top to bottom."""
    if not chars:
        return []
    out: list[Line] = []
    for line in cluster(_words(chars), _TOP, keep_order=True):
        members = [c for w in line for c in w.chars]
        out.append(
            Line(
                " ".join(w.text for w in line),
                min(c.top for c in members),
                min(c.x0 for c in members),
                max(c.size for c in members),
            )
        )
    return out
