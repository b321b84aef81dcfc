"""The indicator block of a printed table: level cells merged down their runs (or repeated), an
optional 小计 row per level 1 and an optional blank row between level-1 groups."""

from __future__ import annotations

from collections.abc import Callable

from _grid6 import Grid
from _model6 import Ind, num


def ind_rows(
    g: Grid,
    r: int,
    inds: list[Ind],
    cols: dict[str, int],
    cells: Callable[[Ind], dict[str, str]],
    *,
    merge: bool = True,
    subtotal: bool = False,
    blank_between: bool = False,
    l1_label: Callable[[str, list[Ind]], str] = lambda s, _: s,
    l2_label: Callable[[str, list[Ind]], str] = lambda s, _: s,
    blank_from: int = 1,
) -> int:
    """Write the rows from ``r``; return the next free row. ``cols`` maps l1/l2/other keys to columns."""
    groups: list[list[Ind]] = []
    for i in inds:
        if groups and groups[-1][0].level1 == i.level1:
            groups[-1].append(i)
        else:
            groups.append([i])
    for k, grp in enumerate(groups):
        top = r
        span = len(grp) + (1 if subtotal else 0)
        if "l1" in cols:
            if merge:
                g.put(r, cols["l1"], l1_label(grp[0].level1, grp), span)
            else:
                for q in range(len(grp)):
                    g.put(r + q, cols["l1"], l1_label(grp[0].level1, grp))
        q = 0
        while q < len(grp):
            run = [i for i in grp[q:] if i.level2 == grp[q].level2]
            n = 0
            for i in grp[q:]:
                if i.level2 != grp[q].level2:
                    break
                n += 1
            run = grp[q : q + n]
            if "l2" in cols:
                if merge:
                    g.put(r + q, cols["l2"], l2_label(grp[q].level2 or "", run), n)
                else:
                    for z in range(n):
                        g.put(r + q + z, cols["l2"], l2_label(grp[q].level2 or "", run))
            q += n
        for q, i in enumerate(grp):
            for key, v in cells(i).items():
                g.put(top + q, cols[key], v)
        r = top + len(grp)
        if subtotal:
            if "l1" in cols and not merge:
                g.put(r, cols["l1"], "")
            g.put(r, cols.get("l2", cols["name"]), "小计")
            if "weight" in cols:
                g.put(r, cols["weight"], num(sum(i.weight or 0 for i in grp)))
            if "score" in cols:
                g.put(r, cols["score"], num(round(sum(i.score or 0 for i in grp), 2)))
            g.blank(r, blank_from)
            r += 1
        if blank_between and k < len(groups) - 1:
            g.blank(r, blank_from)
            r += 1
    return r
