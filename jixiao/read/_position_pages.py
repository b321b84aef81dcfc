"""A sheet wider than its paper, printed across pages (``pdftotext -layout`` of an XLSX): each page
a strip of the same rows. The first strip holds the indicator table's names (一级指标 | 二级指标 |
三级指标, long names wrapped over lines), a later strip its values (年度指标值 | 实际完成值 | 分值
| 得分, one line a row, no name). The strips are joined back side by side into the lines one wide
page would print, so ``_positions`` reads one table.

Rows are matched by count: the names' pieces minus the pieces that are the rest of a wrapped name
must equal the later strip's rows (its last row the total when it leaves the columns the others
fill). A piece can be a wrapped rest only after a full piece (as wide as the widest: the cell's
line was full) among the two before it; of such candidates the shortest are the rests (the rest of
a wrapped name is short, a name of its own rarely is). LibreOffice prints rests in two orders: two
names wrapped side by side give both first lines, then both rests (each run of rests goes on the
names just before it, in order), and centred cells print every rest after the next row's first
line (each onto the earliest open name of the two before it); the first order that places every
rest is taken. A later strip's rows then go on the lines of the names' first lines (on the row's
middle line when the names' strip prints other cells of the row, centred), the rests of its own
wrapped cells beside them. When no choice is consistent the pages are left as printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from jixiao.read._clean import clean_cell
from jixiao.read._headers import INDICATOR_VALUE_ROLES, column_role
from jixiao.read._position_header import DIGIT, DRIFT, WORD, segments
from jixiao.read._vocab import TOTAL

__all__ = ["join_strips"]

_NAME_ROLES = frozenset({"goal", "level1", "level2", "name"})
_POINT_ROLES = frozenset({"weight", "score"})
_Labels = list[tuple[int, int, str | None]]  # a header line's labels: start, end, role
_SENTENCE = re.compile(r"[。，；;,]")
_BREAK = 3  # blank lines, more than a wrapped cell reaches (``_positions._REACH``)
_NEAR = 2  # pieces before a wrapped rest among which its first line may be


@dataclass(slots=True)
class _Lines:
    """The stretch's lines with the lines the join inserts before or after each of them."""

    text: list[str]
    before: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    after: dict[int, list[tuple[str, int]]] = field(default_factory=dict)

    def block_width(self, ks: list[int]) -> int:
        texts = [self.text[k] for k in ks] + [
            t for k in ks for t, _ in self.before.get(k, []) + self.after.get(k, [])
        ]
        return max(len(t.rstrip()) for t in texts)

    def flat(self) -> tuple[list[str], list[int]]:
        out: list[str] = []
        orig: list[int] = []
        for k, raw in enumerate(self.text):
            for t, o in self.before.get(k, []):
                out.append(t)
                orig.append(o)
            out.append(raw)
            orig.append(k)
            for t, o in self.after.get(k, []):
                out.append(t)
                orig.append(o)
        return out, orig


def _labels(raw: str) -> _Labels:
    """A line's labels with their places and roles (a segment of labels one space apart cut)."""
    out: _Labels = []
    for a, b, text in segments(raw):
        words = [(m.start() + a, m.end() + a, m.group(0)) for m in WORD.finditer(text)]
        roles = [column_role(clean_cell(w)) for *_, w in words]
        if len(words) > 1 and all(roles):
            out += [(x, y, r) for (x, y, _), r in zip(words, roles, strict=True)]
        else:
            out.append((a, b, column_role(clean_cell(text))))
    return out


def _left_header(raw: str) -> _Labels | None:
    """The header of the strip with the names: 三级指标 and other labels (one unnamed, the
    margin's 绩效指标), no name-less strip."""
    labels = _labels(raw)
    roles = [r for *_, r in labels]
    known = [r for r in roles if r is not None]
    if not (len(known) >= 2 and len(roles) - len(known) <= 1 and "name" in known):
        return None
    return labels if all(r in _NAME_ROLES or r in INDICATOR_VALUE_ROLES for r in known) else None


def _right_header(raw: str) -> _Labels | None:
    """The header of a strip of values: every label a value column's (one alone too: the row
    count it must match tells a column's header from a label printed alone)."""
    labels = _labels(raw)
    if labels and all(r in INDICATOR_VALUE_ROLES for *_, r in labels):
        return labels
    return None


def _pick(
    lines: list[str],
    pages: list[int],
    page: int,
    pieces: list[tuple[int, int, str]],
    total: int | None,
    rows: list[int] | None,
) -> tuple[int, _Labels, list[int], list[int], dict[int, int], bool] | None:
    """The first header on ``page`` whose rows match the names' (or ``rows``), the lowest line of
    a header of two rows (指标值 | 得分情况 over 年度指标值 | 实际完成值 | …): its header, labels,
    table lines, row lines, wrapped rests and whether its last row is the total."""
    found = [(k, lab) for k, raw in enumerate(lines) if pages[k] == page and (lab := _right_header(raw))]
    heads = dict(found)
    for hq, labels in found:
        if hq + 1 in heads:
            continue
        body = _right_block(lines, pages, hq, labels)
        anchors = _anchors(lines, body, labels)
        if not anchors:
            continue
        if rows is not None:
            if len(anchors) in (len(rows), len(rows) + (total is not None and total not in rows)):
                return hq, labels, body, anchors, {}, False
            continue
        # the strip's last row is the total when it leaves the columns every other row fills
        lead = [len(lines[k]) - len(lines[k].lstrip()) for k in anchors]
        with_total = total is not None and len(lead) > 1 and lead[-1] > min(lead[:-1]) + DRIFT
        wraps = _wraps(pieces, len(anchors) - with_total)
        if wraps is not None:
            return hq, labels, body, anchors, wraps, with_total
    return None


def _names(lines: list[str], ks: list[int], labels: _Labels) -> list[tuple[int, int, str]]:
    """The pieces of the name column on lines ``ks``: (line, start, text)."""
    n = next(i for i, (*_, r) in enumerate(labels) if r == "name")
    lo = labels[n][0] - DRIFT
    hi = labels[n + 1][0] - DRIFT if n + 1 < len(labels) else 10**6
    out = []
    for k in ks:
        words = [m for m in WORD.finditer(lines[k]) if lo <= m.start() < hi]
        if words:
            out.append((k, words[0].start(), "".join(m.group(0) for m in words)))
    return out


def _wraps(pieces: list[tuple[int, int, str]], rows: int) -> dict[int, int] | None:
    """Which pieces are the rests of wrapped names (piece → the piece it goes on), ``rows`` names
    in all; ``None`` when no consistent choice."""
    need = len(pieces) - rows
    if need < 0:
        return None
    if need == 0:
        return {}
    widths = [_width(t) for *_, t in pieces]
    full = [w >= max(widths) - 1 for w in widths]
    cands = [i for i in range(1, len(pieces)) if any(full[j] for j in range(max(0, i - _NEAR), i))]
    if len(cands) < need:
        return None
    chosen = sorted(sorted(cands, key=lambda i: (widths[i], -i))[:need])
    return _side_by_side(chosen, full) or _one_row_late(chosen, full)


def _side_by_side(chosen: list[int], full: list[bool]) -> dict[int, int] | None:
    """Each run of rests on consecutive pieces onto as many open names just before it, in their
    order (two names wrapped side by side print both first lines, then both rests)."""
    out: dict[int, int] = {}
    runs: list[list[int]] = []
    for i in chosen:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        open_ = [j for j in range(run[0]) if full[j] and j not in out.values() and j not in chosen]
        if len(open_) < len(run) or open_[-len(run)] < run[0] - _NEAR - len(run) + 1:
            return None
        out.update(zip(run, open_[-len(run) :], strict=True))
    return out


def _one_row_late(chosen: list[int], full: list[bool]) -> dict[int, int] | None:
    """Each rest onto the earliest open name of the two before it (centred cells: every row's
    rest prints after the next row's first line)."""
    out: dict[int, int] = {}
    for i in chosen:
        heads = [j for j in range(i) if j not in chosen][-_NEAR:]
        open_ = [j for j in heads if full[j] and j not in out.values()]
        if not open_:
            return None
        out[i] = open_[0]
    return out


def _width(text: str) -> int:
    """A piece's printed width, a sign of ambiguous width (“ ” in a CJK font) full-width."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _anchors(lines: list[str], ks: list[int], labels: _Labels) -> list[int]:
    """The lines of the right strip that are rows: a figure under 分值 / 得分, else two cells."""
    points = [a for a, _, r in labels if r in _POINT_ROLES]
    out = []
    for k in ks:
        words = [m for m in WORD.finditer(lines[k]) if not points or m.start() >= min(points) - DRIFT]
        if DIGIT.search("".join(m.group(0) for m in words)) if points else len(segments(lines[k])) >= 2:
            out.append(k)
    return out


def _right_block(lines: list[str], pages: list[int], h: int, labels: _Labels) -> list[int]:
    """The lines of the right strip's table below its header ``h``: to the first blank line after
    a row, or a line starting left of the table (text run over from another cell), or the page end."""
    first = labels[0][0]
    out: list[int] = []
    for k in range(h + 1, len(lines)):
        if pages[k] != pages[h]:
            break
        raw = lines[k]
        if not raw.strip():
            if out:
                break
            continue
        if len(raw) - len(raw.lstrip()) < first - DRIFT - 2:
            break
        out.append(k)
    return out


def join_strips(lines: list[str], pages: list[int]) -> tuple[list[str], list[int], set[int]] | None:
    """The lines with wide sheets' strips joined (each new line's index in ``lines``) and the lines
    of ``lines`` read into them; ``None`` when no strip joins."""
    heads = [(k, lab) for k, raw in enumerate(lines) if "  " in raw.strip() and (lab := _left_header(raw))]
    if not heads or len(set(pages)) < 2:
        return None
    out = _Lines(list(lines))
    consumed: set[int] = set()
    for h, labels in heads:
        ks = [k for k in range(h + 1, len(lines)) if pages[k] == pages[h]]
        total = next((k for k in ks if TOTAL.match(lines[k].strip())), None)
        if total is not None:
            ks = [k for k in ks if k < total]
        pieces = _names(lines, ks, labels)
        if not pieces:
            continue
        rows: list[int] | None = None
        block = [h, *ks] + ([total] if total is not None else [])
        for page in sorted({p for p in pages if p > pages[h]}):
            values = any(r in INDICATOR_VALUE_ROLES for *_, r in labels)
            joined = _join(out, lines, pages, page, block, pieces, total, rows, consumed, values)
            if joined is None:
                break
            rows = joined
        if rows is not None:  # the page break after the joined table: its rows take nothing below
            out.after.setdefault(block[-1], []).extend(("", block[-1]) for _ in range(_BREAK))
            if total is not None and total in rows:  # a total is one line: the rest is the rows' above
                out.before.setdefault(total, []).extend(("", total) for _ in range(_BREAK))
    if not consumed:
        return None
    flat, orig = out.flat()
    return flat, orig, consumed


def _join(
    out: _Lines,
    lines: list[str],
    pages: list[int],
    page: int,
    block: list[int],
    pieces: list[tuple[int, int, str]],
    total: int | None,
    rows: list[int] | None,
    consumed: set[int],
    values: bool,
) -> list[int] | None:
    """Join the right strip on ``page`` to the table whose lines are ``block``; the row lines."""
    h = block[0]
    picked = _pick(lines, pages, page, pieces, total, rows)
    if picked is None:
        return None
    hq, labels, body, anchors, wraps, with_total = picked
    if rows is None:
        starts = [k for i, (k, _, _) in enumerate(pieces) if i not in wraps]
        for i in wraps:  # the rests leave their lines
            k, a, text = pieces[i]
            out.text[k] = out.text[k][:a] + " " * len(text) + out.text[k][a + len(text) :]
        for i, j in wraps.items():
            (hk, ha, head), (k, a, text) = pieces[j], pieces[i]
            inside = sorted(range(hk + 1, k + 1), key=lambda x: abs(2 * x - hk - k))
            mid = next((x for x in inside if x not in starts and out.text[x].strip()), hk)
            if values and mid != hk:
                # the strip prints the row's other cells on its middle line (centred): the row
                # is there, its name's lines around it
                out.text[hk] = out.text[hk][:ha] + " " * len(head) + out.text[hk][ha + len(head) :]
                out.before.setdefault(mid, []).append((" " * ha + head, hk))
                out.after.setdefault(mid, []).append((" " * a + text, k))
                starts[starts.index(hk)] = mid
            else:  # the rest onto a line right after its name's first line
                out.after.setdefault(hk, []).append((" " * a + text, k))
        rows = starts + ([total] if with_total and total is not None else [])
    if total is not None and total not in rows and len(anchors) == len(rows) + 1:
        rows = [*rows, total]  # this strip prints the total row, the first one left it empty
    if len(rows) != len(anchors):
        return None
    w = out.block_width(block) + 4
    pad = " " * w
    out.text[h] = out.text[h].ljust(w) + lines[hq]
    for k in (hq - 1, hq + 1):  # a label of the header wrapped onto the line above or below it
        if 0 <= k < len(lines) and pages[k] == page and k not in body and _label_only(lines[k], labels):
            side = (out.before if k < hq else out.after).setdefault(h, [])
            side[:] = [(_overlay(side[0][0] if side else "", pad + lines[k]), side[0][1] if side else k)]
            out.text[k] = ""
            consumed.add(k)
    for r, a in zip(rows, anchors, strict=True):
        out.text[r] = out.text[r].ljust(w) + lines[a]
    for k in body:
        if k not in anchors:  # the rest of a wrapped cell: beside its nearest row, on its side
            a = min(anchors, key=lambda x: (abs(x - k), _mirror_free(anchors, body, x, k)))
            r = rows[anchors.index(a)]
            (out.before if k < a else out.after).setdefault(r, []).append((pad + lines[k], k))
    for k in [hq, *body]:
        out.text[k] = "" if k not in rows else out.text[k]
        consumed.add(k)
    return rows


def _overlay(a: str, b: str) -> str:
    """Two lines of labels in different columns as one line (the header's line above or below
    holds the wrapped labels of every strip, as one page prints them)."""
    return "".join(
        y if x == " " else x for x, y in zip(a.ljust(len(b)), b.ljust(len(a)), strict=True)
    ).rstrip()


def _label_only(raw: str, labels: _Labels) -> bool:
    """A line of header labels only: under the header's span, no figure, no sentence."""
    segs = segments(raw)
    return (
        bool(segs)
        and not DIGIT.search(raw)
        and not _SENTENCE.search(raw)
        and all(a >= labels[0][0] - DRIFT and column_role(clean_cell(t)) for a, _, t in segs)
    )


def _mirror_free(anchors: list[int], body: list[int], a: int, k: int) -> bool:
    """A centred cell straddles its row: the piece goes to the row whose far side holds its rest."""
    mirror = 2 * a - k
    return not (mirror in body and mirror not in anchors)
