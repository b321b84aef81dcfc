"""Tables laid out by character position, as ``pdftotext -layout`` prints a PDF's tables.

No separator survives: a cell is where its characters stand. A table's columns are the spans of
its header line's labels (split at runs of two or more spaces), plus the columns its rows print
left of the header (merged labels) or a wrapped header label prints on the line next to it. A
row is a line printing a value under a value column (an *anchor*); a cell wrapped over lines
prints the rest of its text on the lines around its anchor (below it when the PDF tops its
cells, around it when it centres them): each such fragment joins the nearest anchor in its
column, on a tie the one whose own line leaves that column empty (a centred two-line cell
straddles its row's line), else the one above. Each anchor becomes a TAB row with its cells in
the table's columns, as a PDF converter prints it, so the builder reads it the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from jixiao.read._clean import clean_cell
from jixiao.read._headers import (
    INDICATOR_VALUE_ROLES,
    budget_role,
    budget_schema,
    column_role,
    indicator_schema,
)

__all__ = ["positioned_rows"]

_GAP = re.compile(r"\S+(?: \S+)*")  # a segment: text whose words are one space apart
_WORD = re.compile(r"\S+")
_BUDGET_VALUES = frozenset({"initial", "planned", "received", "executed", "weight", "rate", "score"})
_REACH = 2
_DRIFT = 3  # a label set in a wider cell (centred) may start this many characters left of it
_LABEL = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")  # lines a wrapped cell's fragment may stand from its anchor


@dataclass(slots=True)
class _Col:
    start: int
    end: int
    value: bool  # a value column: a line printing under it is a row
    wrapped: bool = False  # named by a header label wrapped onto the line above or below


def _segments(raw: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _GAP.finditer(raw)]


def _is_label(word: str) -> bool:
    return bool(column_role(clean_cell(word)) or budget_role(clean_cell(word)))


def _header_segments(raw: str) -> list[tuple[int, int, str]]:
    """A header line's labels: its segments, one cut at its spaces when every word is a label
    (``全年预算数（A） 全年执行数（B） 分值`` set one space apart), not ``得分（20 分*执行率）``."""
    out = []
    for a, b, text in _segments(raw):
        words = [(m.start() + a, m.end() + a, m.group(0)) for m in _WORD.finditer(text)]
        if len(words) > 1 and all(_is_label(w) for *_, w in words):
            out += words
        else:
            out.append((a, b, text))
    return out


def _header(raw: str) -> list[_Col] | None:
    """The columns of a header line, or ``None`` when the line is no table header."""
    segs = _header_segments(raw)
    if len(segs) < 3:
        return None
    cells = [clean_cell(s[2]) for s in segs]
    schema = indicator_schema(cells)
    values: frozenset[str] = INDICATOR_VALUE_ROLES
    if schema is None:
        schema, values = budget_schema(cells), _BUDGET_VALUES
    if schema is None:
        return None
    return [_Col(a, b, r in values) for (a, b, _), r in zip(segs, schema.roles, strict=True)]


def _column(cols: list[_Col], a: int, b: int) -> int:
    """The column a piece of text at ``[a, b)`` stands in: the one whose label starts at or before
    its centre, the next label not yet (labels and text are set from their cell's left, or both
    centred, and a figure set from the right still ends left of the next label)."""
    mid = (a + b - 1) / 2
    k = 0
    while k + 1 < len(cols) and cols[k + 1].start <= mid:
        k += 1
    return k


def _place(cols: list[_Col], raw: str) -> dict[int, str]:
    """A line's text by column: a segment standing over two columns is cut at its spaces."""
    out: dict[int, list[str]] = {}
    for _a, _b, text, k in _pieces(cols, raw):
        out.setdefault(k, []).append(text)
    return {k: " ".join(v) for k, v in out.items()}


def _pieces(cols: list[_Col], raw: str) -> list[tuple[int, int, str, int]]:
    """A line's pieces of text with their columns; two segments (two or more spaces apart) that
    fall in one column move apart into a free neighbour, the text standing between the labels."""
    pieces: list[tuple[int, int, str, int]] = []
    for a, b, text in _segments(raw):
        words = [(m.start() + a, m.end() + a, m.group(0)) for m in _WORD.finditer(text)]
        ks = {_column(cols, wa, wb) for wa, wb, _ in words}
        if len(ks) == 1:
            pieces.append((a, b, text, ks.pop()))
        else:
            pieces += [(wa, wb, w, _column(cols, wa, wb)) for wa, wb, w in words]
    for i in range(1, len(pieces)):
        a, b, text, k = pieces[i]
        prev = pieces[i - 1][3]
        if k == prev and a - pieces[i - 1][1] >= 2:
            if k + 1 < len(cols) and (i + 1 == len(pieces) or pieces[i + 1][3] > k + 1):
                pieces[i] = (a, b, text, k + 1)
            elif k > 0 and (i < 2 or pieces[i - 2][3] < k - 1):
                pieces[i - 1] = (*pieces[i - 1][:3], k - 1)
    return pieces


def _spills(cols: list[_Col], raw: str) -> bool:
    """Whether a piece of the line runs on past the column after its own (a wrapped cell's
    rest fits its column, or overflows into the next one at most)."""
    return any(k + 2 < len(cols) and b > cols[k + 2].start for _a, b, _, k in _pieces(cols, raw))


def _columns(header: list[_Col], lines: list[str], h: int, end: int) -> list[_Col]:
    """The header's columns with those its rows print left of it and its wrapped labels beside it."""
    cols = list(header)
    first = header[0].start
    starts = sorted({a for raw in lines[h + 1 : end] for a, _, _ in _segments(raw) if a < first})
    starts = [a for a in starts if a < first - _DRIFT]  # nearer, it is the first label's column
    for k, a in enumerate(starts):  # starts within two characters are one column
        if k == 0 or a - starts[k - 1] > 2:
            cols.append(_Col(a, first, False))
    for k in (h - 1, h + 1):  # a header label wrapped onto the line above or below
        if 0 <= k < len(lines):
            for a, b, text in _segments(lines[k]):
                if (
                    a >= first
                    and _LABEL.search(text)
                    and not _DIGIT.search(text)
                    and all(min(b, c.end) <= max(a, c.start) for c in cols)
                ):
                    cols.append(_Col(a, b, False, wrapped=True))
    cols.sort(key=lambda c: c.start)
    for c, nxt in pairwise(cols):
        c.end = min(c.end, nxt.start)
    return cols


_WIDE_GAP = re.compile(r"(?<=\S)( {2,})(?=\S)")


def _aligned(lines: list[str]) -> bool:
    """Whether the cells are set in columns by padding: a fifth of the gaps between them five
    spaces or more (pdftotext pads to the next cell's place; text typed with cells one to four
    spaces apart is read as space-separated rows)."""
    gaps = [len(m.group(1)) for raw in lines for m in _WIDE_GAP.finditer(raw)]
    return len(gaps) >= 4 and 5 * sum(g >= 5 for g in gaps) >= len(gaps)


def positioned_rows(lines: list[str]) -> tuple[dict[int, str], set[int]] | None:
    """The TAB rows of the tables laid out by position among ``lines`` (index of the anchor line →
    its row) and the lines their wrapped cells consumed; ``None`` when no line is a header."""
    heads = [k for k, raw in enumerate(lines) if "  " in raw.strip() and _header(raw) is not None]
    if not heads:
        return None
    rows: dict[int, str] = {}
    used: set[int] = set()
    for n, h in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        if not _aligned(lines[h:end]):
            continue
        cols = _columns(_header(lines[h]) or [], lines, h, end)
        placed = {k: _place(cols, lines[k]) for k in range(h, end) if lines[k].strip()}
        if h > 0:  # the line above gives only the wrapped header labels
            above = {c: t for c, t in _place(cols, lines[h - 1]).items() if cols[c].wrapped}
            if above and len(above) == len(_segments(lines[h - 1])):
                placed[h - 1] = above
        anchors = [h] + [k for k in placed if k > h and any(cols[c].value for c in placed[k])]
        parts: dict[int, dict[int, list[tuple[int, str]]]] = {a: {} for a in anchors}
        for k, cells in placed.items():
            if k in anchors:
                for c, text in cells.items():
                    parts[k].setdefault(c, []).append((k, text))
                continue
            near = [a for a in anchors if abs(a - k) <= _REACH]
            if not near or (k > anchors[-1] and not lines[k].startswith(" ")):
                continue  # after the table's last row, running text starts at the margin
            if _spills(cols, lines[k]):
                continue  # running text across the columns, no piece of a cell
            for c, text in cells.items():
                best = min(near, key=lambda a: (abs(a - k), c in placed[a], a > k))
                parts[best].setdefault(c, []).append((k, text))
            used.add(k)
        for a in anchors:
            cells = ["".join(t for _, t in sorted(parts[a].get(c, []))) for c in range(len(cols))]
            rows[a] = "\t".join(cells)
    return (rows, used - set(rows)) if rows else None
