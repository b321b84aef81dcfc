"""Row geometry: reading value columns right to left, and cells wrapped onto the next line."""

from __future__ import annotations

import re

from jixiao.read._clean import is_score_like


def columns_of(cells: list[str], texts: list[str]) -> list[int]:
    """The column of each text, in order (texts are a subsequence of the cells)."""
    found: list[int] = []
    start = 0
    for t in texts:
        i = cells.index(t, start)
        found.append(i)
        start = i + 1
    return found


def join_wrapped(head: str, tail: str) -> str:
    """A cell and its wrapped remainder, without the line break the page put between them."""
    return re.sub(r"\s+", "", head + tail)


def cell_value(text: str | None) -> str | None:
    if text is None:
        return None
    t = text.strip()
    return t or None


def split_values(
    cells: list[str], roles: list[str], step: int = 1
) -> tuple[dict[str, str | None], list[str]]:
    """Read the value columns right to left; return them and the cells left of them.

    ``step`` is the distance between value columns (2 when each column spans two cells).
    """
    n = len(cells)
    while n and not cells[n - 1]:
        n -= 1
    if step > 1 and not (n >= step and not any(cells[n - step : n - 1])):
        step = 1  # this row is not spread (a later page of the same table often is not)
    values: dict[str, str | None] = {}
    pos = n - 1
    for role in reversed(roles):
        if pos < 0:
            break
        cell = cells[pos]
        if role in ("score", "weight"):
            if not cell:
                values[role] = None
                pos -= step
            elif is_score_like(cell):
                values[role] = cell
                pos -= step
            else:
                values[role] = None
            continue
        if (
            role in ("basis", "deviation", "note")
            and cell
            and (re.match(r"^[≥≤<>=＞＜]", cell) or is_score_like(cell))
        ):
            values[role] = None  # an optional text column left blank: the number belongs to the left
            continue
        values[role] = cell or None
        pos -= step
    left_end = pos + 1 if step == 1 else pos + step - 1
    return values, cells[: max(left_end, 0)]
