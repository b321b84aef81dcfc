"""Tables laid out by character position, as ``pdftotext -layout`` prints a PDF's tables.

No separator survives: a cell is where its characters stand. A table's columns are the spans of
its header line's labels (split at runs of two or more spaces; ``_position_header``), plus the
columns its rows print left of the header (merged labels) or a wrapped header label prints on the
line next to it. A row is a line printing a value under a value column (an *anchor*); a cell
wrapped over lines prints the rest of its text on the lines around its anchor (below it when the
PDF tops its cells, around it when it centres them): each such fragment joins the nearest anchor
in its column, on a tie the one whose own line leaves that column empty (a centred two-line cell
straddles its row's line), then in a value column the one the cell's rest on the far side of it
also goes on around (a centred 偏差原因 straddles its own row), else the one above. Each anchor
becomes a TAB row with its cells in the table's columns, as a PDF converter prints it, so the
builder reads it the same way.
"""

from __future__ import annotations

import re
from itertools import pairwise

from jixiao.read._position_goal import goal_block, goal_header
from jixiao.read._position_header import (
    DIGIT,
    DRIFT,
    WORD,
    Col,
    header_columns,
    segments,
    two_row_columns,
    wrapped_rest,
)

__all__ = ["positioned_rows", "wrapped_rest"]

_REACH = 2
_WRAPS = 4  # lines below a header its labels may wrap onto (未完 / 成原 / 因分 / 析)
_LABEL = re.compile(r"[\u4e00-\u9fff]")
_POINTS = re.compile(r"^\d+(?:\.\d+)?$")
_GLUED = re.compile(r"^(\d+(?:\.\d+)?%?) ?([^\d\s.%]+)$")  # a figure, a word (glued) on its right
_UNIT = re.compile(r"^(\d+(?:\.\d+)?) ?([^\d\s.]+)$")  # a figure, its unit (% too) on its right


def _column(cols: list[Col], a: int, b: int) -> int:
    """The column a piece of text at ``[a, b)`` stands in: the one whose label starts at or before
    its centre, the next label not yet (labels and text are set from their cell's left, or both
    centred, and a figure set from the right still ends left of the next label)."""
    mid = (a + b - 1) / 2
    k = 0
    while k + 1 < len(cols) and cols[k + 1].start <= mid:
        k += 1
    return k


def _place(cols: list[Col], raw: str) -> dict[int, str]:
    """A line's text by column: a segment standing over two columns is cut at its spaces."""
    out: dict[int, list[str]] = {}
    for _a, _b, text, k in _pieces(cols, raw):
        out.setdefault(k, []).append(text)
    return {k: " ".join(v) for k, v in out.items()}


def _pieces(cols: list[Col], raw: str) -> list[tuple[int, int, str, int]]:
    """A line's pieces of text with their columns; two segments (two or more spaces apart) that
    fall in one column move apart into a free neighbour, the text standing between the labels."""
    pieces: list[tuple[int, int, str, int]] = []
    for a, b, text in segments(raw):
        words = [(m.start() + a, m.end() + a, m.group(0)) for m in WORD.finditer(text)]
        ks = {_column(cols, wa, wb) for wa, wb, _ in words}
        if len(ks) == 1:
            pieces.append((a, b, text, ks.pop()))
        else:
            pieces += [(wa, wb, w, _column(cols, wa, wb)) for wa, wb, w in words]
        a, b, text, k = pieces[-1]
        unit = k + 1 < len(cols) and cols[k + 1].unit
        glued = (_UNIT if unit else _GLUED).match(text)
        if glued and k + 1 < len(cols) and (cols[k].figure or unit) and b > cols[k + 1].start - DRIFT:
            # 8否, 40 是: the figure and the next column's word as one piece; 45 公里: a target set
            # from the right and its unit centred under 度量单位, starting left of the label
            cut = a + glued.start(2)
            pieces[-1:] = [(a, a + glued.end(1), glued.group(1), k), (cut, b, glued.group(2), k + 1)]
    for i in range(1, len(pieces)):
        a, b, text, k = pieces[i]
        prev = pieces[i - 1][3]
        if k == prev and a - pieces[i - 1][1] >= 2:
            if k + 1 < len(cols) and (i + 1 == len(pieces) or pieces[i + 1][3] > k + 1):
                pieces[i] = (a, b, text, k + 1)
            elif k > 0 and (i < 2 or pieces[i - 2][3] < k - 1):
                pieces[i - 1] = (*pieces[i - 1][:3], k - 1)
    return pieces


def _spills(cols: list[Col], raw: str) -> bool:
    """Whether a piece of the line runs on past the column after its own (a wrapped cell's
    rest fits its column, or overflows into the next one at most)."""
    return any(k + 2 < len(cols) and b > cols[k + 2].start for _a, b, _, k in _pieces(cols, raw))


def _left_starts(cols: list[Col], body: list[str]) -> list[Col]:
    """A column starting where its cells start when they start left of its label (a label centred
    over a wider cell whose cells are set from the left): two or more lines start a cell at one
    place between the end of the label before and this label's start. Cells starting at several
    places there are figures of the column before, set from the right. Words (no figure) starting
    at one place before a column of figures are a column of their own whose label is merged away
    (the 资金来源 of 财政资金, 其他资金 under 预算执行情况), not that column's figures."""
    segs = [(a, text) for raw in body for a, _, text in segments(raw)]
    out = [cols[0]] if cols else []
    for prev, col in pairwise(cols):
        if not (prev.figure or prev.wrapped or col.wrapped):
            seen = sorted((a, text) for a, text in segs if prev.end <= a < col.start)
            if col.unit and all(DIGIT.match(text) for _, text in seen):
                pass  # 420 人: a target set from the right with its unit, a 度量单位 holds no figure
            elif len(seen) >= 2 and seen[-1][0] - seen[0][0] <= 1:
                if col.figure and not any(DIGIT.search(text) for _, text in seen):
                    out.append(Col(seen[0][0], col.start, False))
                else:
                    col.start = seen[0][0]
        out.append(col)
    return out


def _columns(header: list[Col], lines: list[str], h: int, end: int) -> list[Col]:
    """The header's columns with those its rows print left of it and its wrapped labels beside it."""
    cols = list(header)
    first = header[0].start
    starts = sorted({a for raw in lines[h + 1 : end] for a, _, _ in segments(raw) if a < first})
    starts = [a for a in starts if a < first - DRIFT]  # nearer, it is the first label's column
    for k, a in enumerate(starts):  # starts within two characters are one column
        if k == 0 or a - starts[k - 1] > 2:
            cols.append(Col(a, first, False))
    for k in (h - 1, h + 1):  # a header label wrapped onto the line above or below
        if 0 <= k < len(lines):
            for a, b, text in segments(lines[k]):
                if (
                    a >= first
                    and _LABEL.search(text)
                    and not DIGIT.search(text)
                    and all(min(b, c.end) <= max(a, c.start) for c in cols)
                ):
                    cols.append(Col(a, b, False, wrapped=True))
    cols.sort(key=lambda c: c.start)
    cols = _left_starts(cols, lines[h + 1 : end])
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


def _points_in_place(cols: list[Col], cells: dict[int, str]) -> None:
    """A row whose long text pushes its figures one column right (pdftotext sets a line's text
    by its characters, not the page's columns): nothing under 分值, a figure under 得分 and a
    figure alone in the column after it are the row's 分值 and 得分."""
    for w in range(len(cols) - 2):
        if cols[w].points and cols[w + 1].points and w not in cells:
            score, after = cells.get(w + 1, ""), cells.get(w + 2, "")
            if _POINTS.match(score) and _POINTS.match(after):
                cells[w], cells[w + 1] = score, after
                del cells[w + 2]
            return


def _anchor(cols: list[Col], cells: dict[int, str]) -> bool:
    """Whether a line is a row of its own: it prints a figure under 分值 or 得分 when the
    indicator table has them (a long name, target or 偏差原因 wrapped over lines prints its rest under a value
    column too, but never a row's points), else anything under a value column."""
    if any(c.points for c in cols):
        return any(cols[c].points and DIGIT.search(t) for c, t in cells.items())
    return any(cols[c].value for c in cells)


def _set_from_top(placed: dict[int, dict[int, str]], pieces: list[int]) -> bool:
    """Whether the table sets its cells from their top (a DOCX table as LibreOffice prints it):
    every piece of a wrapped cell goes on from text in its column on the line above, so each
    belongs to the row above it however long the cell; a table centring its cells starts some
    of them above their row's line."""
    return bool(pieces) and all(all(c in placed.get(k - 1, {}) for c in placed[k]) for k in pieces)


def _straddles(placed: dict[int, dict[int, str]], rests: set[int], a: int, k: int, c: int) -> bool:
    """Whether a centred cell would straddle anchor ``a`` taking the piece at line ``k``: the line
    as far beyond ``a`` prints the rest of a wrapped cell in the same column (a 偏差原因 of three
    lines between two rows of one line each belongs to the row its last line is next to)."""
    mirror = 2 * a - k
    return mirror in rests and c in placed.get(mirror, {})


def positioned_rows(lines: list[str]) -> tuple[dict[int, str], set[int]] | None:
    """The TAB rows of the tables laid out by position among ``lines`` (index of the anchor line →
    its row) and the lines their wrapped cells consumed; ``None`` when no line is a header."""
    found = {
        k: header_columns(raw, tuple(lines[k + 1 : k + 1 + _WRAPS]))
        or two_row_columns(raw, tuple(lines[k + 1 : k + 1 + _WRAPS]))
        for k, raw in enumerate(lines)
        if "  " in raw.strip()
    }
    heads: list[int] = []
    for k, cols in found.items():
        if cols is not None and not (heads and k <= heads[-1] + (found[heads[-1]] or [])[0].below):
            heads.append(k)  # not a line of the header above's wrapped labels
    if not heads:
        return None
    wrapped = {k for h in heads for k in range(h, h + 1 + (found[h] or [])[0].below)}
    goals = [k for k, raw in enumerate(lines) if k not in wrapped and goal_header(raw)]
    bounds = sorted([*heads, *goals, len(lines)])
    rows: dict[int, str] = {}
    used: set[int] = set()
    for g in goals:
        got, rest = goal_block(lines, g, bounds[bounds.index(g) + 1])
        rows.update(got)
        used.update(rest)
    for h in heads:
        end = bounds[bounds.index(h) + 1]
        header = found[h] or []
        if not (_aligned(lines[h:end]) or header[0].below):
            continue  # labels wrapped under their start are set by position, however close the cells
        cols = _columns(header, lines, h, end)
        wraps = range(h + 1, h + 1 + header[0].below)  # read whole into the header's labels
        used.update(wraps)
        placed = {k: _place(cols, lines[k]) for k in range(h, end) if lines[k].strip()}
        for k in placed:
            if k > h:
                _points_in_place(cols, placed[k])
        if h > 0:  # the line above gives only the wrapped header labels
            above = {c: t for c, t in _place(cols, lines[h - 1]).items() if cols[c].wrapped}
            if above and len(above) == len(segments(lines[h - 1])):
                placed[h - 1] = above
        anchors = [h] + [k for k in placed if k > h and k not in wraps and _anchor(cols, placed[k])]
        parts: dict[int, dict[int, list[tuple[int, str]]]] = {a: {} for a in anchors}
        pieces: list[int] = []  # the lines printing the rest of wrapped cells
        for k, cells in placed.items():
            if k in anchors:
                for c, text in cells.items():
                    parts[k].setdefault(c, []).append((k, text))
            elif k in wraps:
                continue
            elif not (k > anchors[-1] and not lines[k].startswith(" ")) and not _spills(cols, lines[k]):
                pieces.append(k)  # after the last row, running text starts at the margin
        top = _set_from_top(placed, pieces)
        rests = set(pieces)
        for k in pieces:
            above = [a for a in anchors if a < k]
            near = above[-1:] if top and above else [a for a in anchors if abs(a - k) <= _REACH]
            if not near:
                continue
            for c, text in placed[k].items():
                best = min(
                    near,
                    key=lambda a: (
                        abs(a - k),
                        c in placed[a],
                        cols[c].value and not _straddles(placed, rests, a, k, c),
                        a > k,
                    ),
                )
                parts[best].setdefault(c, []).append((k, text))
            used.add(k)
        for a in anchors:
            cells = ["".join(t for _, t in sorted(parts[a].get(c, []))) for c in range(len(cols))]
            if a == h:
                cells = [col.label or cell for col, cell in zip(cols, cells, strict=True)]
            rows[a] = "\t".join(cells)
    return (rows, used - set(rows)) if rows else None
