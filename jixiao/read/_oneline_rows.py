"""Where the rows of a flattened indicator table start: one choice for the whole table.

Dynamic programming over (cell, column, what the row holds so far): each cell scores its fit to
its column (``_align.fit``, the rule that places sparse rows), a row costs a little, a row
without an indicator name or without a value costs much, a cell that is no label in a label
column more; a short fragment after a row's values may end that row's wrapped name (a tail).
``_oneline`` cuts the flattened line and asks this module where its table's rows begin.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from jixiao.read._align import SKIP, fit_in, fit_memo
from jixiao.read._clean import strip_points
from jixiao.read._headers import INDICATOR_VALUE_ROLES, label_key
from jixiao.read._vocab import EMPTY_MARKS

__all__ = ["LABEL_CHARS", "Rows", "best_rows", "row_starts"]

LABEL_CHARS = 8  # a budget row label (财政专户管理资金) is a short name
_PLACEHOLDER = re.compile(r"^(……|…|\.{3,}|指标\d+[:：]?)$")

_ROW = -1.5  # starting a row: a cell that fits a later column of the row stays in it
_NO_NAME = -4.0  # a row of the indicator table that names no indicator
_NO_VALUE = -4.0  # … or holds no target, actual, points or score
_NOT_LABEL = -10.0  # a cell that is no label in a label column
_TAIL = -1.0  # a short word after a row's values ending its wrapped name (plus its fit as a name)
_MEASURES = frozenset(INDICATOR_VALUE_ROLES - {"deviation", "basis", "value_note", "note", "core"})


def _placeholder(t: str) -> bool:
    return bool(_PLACEHOLDER.match(label_key(strip_points(t))))


def row_starts(cells: list[str], roles: list[str | None]) -> list[int]:
    """Where each row of ``cells`` (a table's data cells run together) starts."""
    return best_rows(cells, roles).starts


def _fit(memo: dict[tuple[str | None, str], float], role: str | None, cell: str) -> float:
    if role is None:
        return 0.0
    f = fit_in(memo, role, cell)
    return _NOT_LABEL if f < 0 and role in ("goal", "level1", "level2") else f


def _tail_cell(memo: dict[tuple[str | None, str], float], cell: str) -> bool:
    """A short word that could end the name above it: no figure, no level label, no placeholder."""
    key = label_key(strip_points(cell))
    return (
        0 < len(key) <= LABEL_CHARS
        and not any(ch.isdigit() for ch in key)
        and not _placeholder(cell)
        and all(fit_in(memo, r, cell) < 0 for r in ("level1", "level2", "score"))
    )


class Rows(NamedTuple):
    """A cut of a table's cells into rows: its score, where rows start, and each wrapped name's
    tail (a cell after its row's values) with the cell of the name it ends."""

    score: float
    starts: list[int]
    tails: dict[int, int]


def best_rows(cells: list[str], roles: list[str | None]) -> Rows:
    """The best cut of ``cells`` into rows under ``roles``.

    Best placement of every cell in a column of its row, columns increasing along a row, by
    dynamic programming; the state is (cell, column, what the row holds yet: a name, a value,
    a name ending in its points). A row without an indicator name, or without any
    target/actual/points, is all but excluded.

    A name wrapped over two printed lines comes out with its second line after the row's
    values (政务信息公 ≥300条 253条 3.37 开条数(4分)): a short word with no figure may end
    the row as its name's tail when the row holds a name not yet closed by its points and a
    value, and the next cell starts a row — cheaper than a row of its own without values.
    A copy of the cells keeps the name's two lines together, a space between them (较大以上生产安
    全事故起数 ≤0起 0起 10): such a word right after the name ends it the same way.
    """
    m, w = len(cells), len(roles)
    if m == 0 or w == 0:
        return Rows(0.0, [0] if m else [], {})
    bits = [(1 if r == "name" else 0) | (2 if r in _MEASURES else 0) for r in roles]
    need = (1 if "name" in roles else 0) | (2 if _MEASURES & set(roles) else 0)
    memo = fit_memo()
    # a column whose header names no role (the header's one unknown label) may hold anything
    # a 一级/二级/goal column holds its label or nothing
    fits = [[_fit(memo, r, c) for r in roles] for c in cells]
    # a template's placeholder row (指标3（XX分）, ……) or a row of none (成本指标 无) holds a
    # name and nothing else;
    # a name printed with its points (…(4分)) is whole: no tail follows it
    # a level label (效益指标) in a value column is no value: the row it ends names no measure
    level = [any(fit_in(memo, r, c) > 0 for r in ("level1", "level2")) for c in cells]
    held = [
        [
            (bits[c] & ~2 if level[k] else bits[c])
            | (2 if bits[c] & 1 and (_placeholder(cell) or label_key(cell) in EMPTY_MARKS) else 0)
            | (4 if bits[c] & 1 and strip_points(cell) != cell else 0)
            for c in range(w)
        ]
        for k, cell in enumerate(cells)
    ]
    name_fit = [fit_in(memo, "name", c) for c in cells]
    # a word printed again elsewhere in the table is a column's value (计划标准), not a tail
    seen = Counter(cells)
    tail_ok = [need == 3 and seen[c] == 1 and _tail_cell(memo, c) for c in cells]
    name = roles.index("name") if "name" in roles else -1
    neg = float("-inf")
    best = [[[neg] * 8 for _ in range(w)] for _ in range(m)]
    # (previous column, previous state, how cell k joins: 0 same row, 1 new row, 2 new row
    # after a tail at k - 1 ending the row of k - 2, 3 the name cell k - 1 it ends)
    back: list[list[list[tuple[int, int, int]]]] = [[[(0, 0, 0)] * 8 for _ in range(w)] for _ in range(m)]

    def close(c: int, f: int) -> float:
        missing = need & ~f
        return SKIP * (w - 1 - c) + (_NO_NAME if missing & 1 else 0.0) + (_NO_VALUE if missing & 2 else 0.0)

    def closing(k: int) -> tuple[float, int, int, int]:
        """The best row ending at cell ``k`` - 1, plain or with ``k`` - 1 its name's tail."""
        out = (neg, 0, 0, 1)
        for c in range(w):
            for f in range(8):
                p = best[k - 1][c][f]
                if p > neg and p + close(c, f) > out[0]:
                    out = (p + close(c, f), c, f, 1)
        if k >= 2 and tail_ok[k - 1]:
            for c in range(w):
                p = best[k - 2][c][3]  # a name not closed by its points, and a value
                if p > neg and p + _TAIL + name_fit[k - 1] + close(c, 3) > out[0]:
                    out = (p + _TAIL + name_fit[k - 1] + close(c, 3), c, 3, 2)
        return out

    for c in range(w):
        best[0][c][held[0][c]] = _ROW + SKIP * c + fits[0][c]
    for k in range(1, m):
        prev, here, bk = best[k - 1], best[k], back[k]
        closed, cc, cf, how = closing(k)
        for c2 in range(w):
            fk = fits[k][c2]
            h = held[k][c2]
            v = closed + _ROW + SKIP * c2 + fk
            if v > here[c2][h]:
                here[c2][h], bk[c2][h] = v, (cc, cf, how)
            for c in range(c2):
                for f in range(8):
                    p = prev[c][f]
                    if p == neg:
                        continue
                    v = p + SKIP * (c2 - c - 1) + fk
                    g = f | h
                    if v > here[c2][g]:
                        here[c2][g], bk[c2][g] = v, (c, f, 0)
            if c2 == name and tail_ok[k] and prev[c2][1] > neg:
                # the name's second line before the values, with its points or without (one tail)
                v = prev[c2][1] + _TAIL + name_fit[k]
                if v > here[c2][1 | 4]:
                    here[c2][1 | 4], bk[c2][1 | 4] = v, (c2, 1, 3)
    score, c, f, how = closing(m)
    starts: list[int] = []
    tails: dict[int, int] = {}
    k, tail = m - 1, None
    if how == 2:
        k, tail = m - 2, m - 1
    while k >= 0:
        if c == name and tail is not None:
            tails[tail] = k
            tail = None
        if k == 0:
            break
        pc, pf, how = back[k][c][f]
        if how == 3:
            tails[k] = k - 1
        c, f = pc, pf
        if how in (1, 2):
            starts.append(k)
            tail = None
        if how == 2:
            tail = k - 1
            k -= 2
        else:
            k -= 1
    starts.append(0)
    return Rows(score, starts[::-1], tails)
