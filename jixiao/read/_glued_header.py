"""The labels of a glued table line (``_glued``): a header line consumed entirely by column
labels of the vocabulary (each label may carry a bracketed remark such as （A）), and a line
cut at every header-field label (``项目名称XX主管部门YY``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.read._headers import budget_role, column_role, overall_role, simplified, vocabulary

__all__ = ["field_cells", "header_cells"]

_REMARK = re.compile(r"[（(][^（）()]{0,12}[)）]|[①-⑳][①-⑳=＝+＋/／×*]*")  # （A）, ④=①+②+③
_REMARK_START = re.compile(r"[（(①-⑳]")  # where a _REMARK can start
_DIGIT = re.compile(r"\d")
_MAX_CUTS = 16  # header cuts kept per position (a label line has few)
_MAX_BLOCK = 24  # longest block label before a glued header's column labels


@lru_cache(maxsize=8)
def _labels(_: int) -> tuple[str, ...]:
    """Every column and block label of the vocabulary, longest first (a greedy cut)."""
    v = vocabulary()
    out: set[str] = set()
    for table in (v.indicator_columns, v.budget_columns):
        for labels in table.values():
            out.update(labels)
    # the columns of a score table (评分标准) head unknown columns of indicator tables too
    out.update(v.budget_labels, v.group_labels, v.overall_target, v.overall_actual, v.score_table_columns)
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=8)
def _field_labels(_: int) -> tuple[str, ...]:
    v = vocabulary()
    out = {x for table in (v.header_fields, v.text_fields) for labels in table.values() for x in labels}
    out.update(v.overall_target, v.overall_actual)  # 年度总体目标…年度目标完成情况…
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=32)
def _starts(labels: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``labels`` at a position: asked of every plain line of every
    text document, so one C-level match instead of a loop over the labels."""
    return re.compile("|".join(map(re.escape, labels)) or r"(?!)")


@lru_cache(maxsize=8)
def _label_starts(vocab: int) -> re.Pattern[str]:
    """``_starts`` of the column labels, by vocabulary: asked per line, where hashing the
    label tuple for ``_starts``'s cache cost more than the match."""
    return _starts(_labels(vocab))


@lru_cache(maxsize=8)
def _field_starts(vocab: int) -> re.Pattern[str]:
    return _starts(_field_labels(vocab))


@lru_cache(maxsize=32)
def _by_first(labels: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The labels by their first character, longest first: the cut tries only those."""
    out: dict[str, list[str]] = {}
    for x in labels:
        out.setdefault(x[0], []).append(x)
    return {k: tuple(v) for k, v in out.items()}


def header_cells(line: str) -> list[str] | None:
    """The labels a line is made of, or ``None`` when some part of it is no label. The cut is
    made on the line as labels are compared (traditional characters simplified, bracketed
    remarks such as （A） or the （扣） of 评（扣）分标准 left out; a remark stays in its label's
    cell). The first cell may be the block label of the goal column, which the vocabulary
    names by a word it contains (项目年度绩效指标（60分）). Of the cuts, one whose columns'
    roles are all distinct (执行率（%）执行率权重 is 执行率（%） | 执行率权重, not … | 执行率 |
    权重 with the rate twice), then the one into the most labels (执行率得分 is 执行率 | 得分 in
    a glued header)."""
    vocab = id(vocabulary())
    labels, starts = _labels(vocab), _label_starts(vocab)
    # the test reads no further than the longest label or the block label's reach: the view of
    # that much of the line answers it (a long line of narrative is not converted whole)
    head, _ = _key_view(line, max(_MAX_BLOCK, len(labels[0]) if labels else 0))
    if not starts.match(head) and not starts.search(head, 1, _MAX_BLOCK):
        return None  # the common case, answered without the cut
    view, pos = _key_view(line)
    n = len(view)
    first = _by_first(labels)
    cuts: list[list[list[int]]] = [[] for _ in range(n + 1)]
    cuts[n] = [[]]
    for p in range(n - 1, -1, -1):
        found: list[list[int]] = []
        for x in first.get(view[p], ()):
            if view.startswith(x, p):
                found += ([p, *tail] for tail in cuts[p + len(x)])
        found.sort(key=len, reverse=True)  # the most labels first (a stable sort: longest label)
        cuts[p] = found[:_MAX_CUTS]
    found = cuts[0]
    if not found:
        block = next(
            (p for p in range(1, min(n, _MAX_BLOCK)) if cuts[p] and _block_label(line, pos, p, cuts[p])), None
        )
        if block is None:
            return None
        found = [[0, *c] for c in cuts[block]]
    options = [[line[pos[a] : pos[b]] for a, b in zip(c, [*c[1:], n], strict=True)] for c in found]
    cells = max(options, key=lambda c: (_distinct(c), len(c)))
    return cells if len(cells) >= 2 else None


def _block_label(line: str, pos: list[int], p: int, cuts: list[list[int]]) -> bool:
    """The text before a header's labels heads their block: the goal column's label (项目年度
    绩效指标（60分）, named by a word it contains), or the row label of an overall-goal header
    (项目绩效总目标（20分） before 年初设定目标全年实际完成情况)."""
    head = line[: pos[p]]
    if column_role(head) == "goal":
        return True
    if _DIGIT.search(_REMARK.sub("", head)):
        return False
    cells = [line[pos[a] : pos[b]] for a, b in zip(cuts[0], [*cuts[0][1:], len(pos) - 1], strict=True)]
    return any(overall_role(c) for c in cells) and all(
        overall_role(c) or column_role(c) == "score" for c in cells
    )


def _key_view(line: str, limit: int | None = None) -> tuple[str, list[int]]:
    """The line as labels are compared (simplified, remarks left out) and, for each of its
    characters, its place in the line (one more for the end); with ``limit``, only the first
    ``limit`` characters of that view (read left to right, the same as the whole view's).
    Read a stretch at a time: a remark can start only at a bracket or circled number."""
    simple = simplified(line)
    n = len(simple)
    stop = n if limit is None else limit
    view: list[str] = []
    pos: list[int] = []
    p = 0
    while p < n and len(view) < stop:
        m = _REMARK_START.search(simple, p)
        q = n if m is None else m.start()
        take = min(q, p + stop - len(view))
        view.extend(simple[p:take])
        pos.extend(range(p, take))
        p = take
        if p != q or p >= n or len(view) >= stop:
            continue  # the end of the line or of the view asked for
        r = _REMARK.match(simple, p) if view else None
        if r:  # a remark is never empty: skipped whole
            p = r.end()
            continue
        view.append(simple[p])
        pos.append(p)
        p += 1
    pos.append(len(line))
    return "".join(view), pos


def _distinct(cells: list[str]) -> bool:
    """No two columns of one role (a cut that splits a label into two makes one twice)."""
    roles = [budget_role(c) or column_role(c) for c in cells]
    named = [r for r in roles if r is not None]
    return len(named) == len(set(named))


def field_cells(line: str) -> list[str] | None:
    """``项目名称XX主管部门YY`` cut at its header-field labels; ``None`` if it starts with none."""
    vocab = id(vocabulary())
    labels = _field_labels(vocab)
    key = simplified(line)  # same length: the printed (traditional) characters are kept
    if not _field_starts(vocab).match(key):
        return None
    cells: list[str] = []
    p = start = 0
    while p < len(line):
        hit = next((x for x in labels if key.startswith(x, p)), None)
        if hit is None:
            p += 1
            continue
        if p > start:
            cells.append(line[start:p].lstrip(":："))
        cells.append(line[p : p + len(hit)])
        p = start = p + len(hit)
    if start < len(line):
        cells.append(line[start:].lstrip(":："))
    return cells
