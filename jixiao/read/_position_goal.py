"""The overall-goal block of a form laid out by character position (``pdftotext -layout``).

The national template sets 预期目标 | 实际完成情况 as a line of two labels under the budget table;
below it the goal texts wrap over lines in their two wide cells, and the merged 年度总体目标 label
prints at the margin of one of them. Read by the budget table's columns, the texts would cut into
figure columns and each wrapped line would become a row; read here by the labels' own places,
they become the header row the builder knows (年度总体目标 | 预期目标 | 实际完成情况) and one row of
the whole texts.
"""

from __future__ import annotations

from jixiao.read._position_header import DIGIT, DRIFT, segments
from jixiao.read._vocab import role_of

__all__ = ["goal_block", "goal_header"]

_ROLES = ("target", "actual")


def goal_header(raw: str) -> list[int] | None:
    """Where the labels of a goal header line start (预期目标, 实际完成情况: an expected and an
    achieved label, indented past the goal's own label), or ``None`` for any other line."""
    segs = segments(raw)
    if len(segs) != len(_ROLES) or segs[0][0] == 0 or DIGIT.search(raw):
        return None
    if tuple(role_of(text.replace(" ", "")) for *_, text in segs) != _ROLES:
        return None
    return [a for a, _, _ in segs]


def goal_block(lines: list[str], g: int, end: int) -> tuple[dict[int, str], set[int]]:
    """The header row and the goal row of the block whose header is ``lines[g]`` (up to ``end``
    or a blank line after its texts), and the lines the wrapped texts consumed."""
    starts = goal_header(lines[g]) or []
    parts: list[list[str]] = [[] for _ in range(len(starts) + 1)]  # the margin label, then each label
    body: list[int] = []
    for k in range(g + 1, end):
        if not lines[k].strip():
            if body:
                break
            continue
        body.append(k)
        for a, _b, text in segments(lines[k]):
            c = sum(1 for s in starts if s <= a + DRIFT)
            parts[c].append(text)
    if not body:
        return {}, set()
    label, *texts = ("".join(p) for p in parts)
    heads = [t.strip() for *_, t in segments(lines[g])]
    rows = {g: "\t".join([label, *heads]), body[0]: "\t".join(["", *texts])}
    return rows, set(body[1:])
