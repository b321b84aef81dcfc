"""Putting 一级/二级 labels right after reading.

A merged 一级 or 二级 cell prints its label once, in the middle of the rows it spans, and a PDF
conversion sometimes drops it or prints it a row early. Carrying labels down then gives some
rows the previous group's label. The national framework (财预〔2020〕10号 附件) says which 二级
dimensions belong under which 一级 indicator; a row whose 二级 dimension cannot belong to its
一级 label takes the nearest printed label of the right family, or the family's own label.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.model import Goal, Indicator

# 二级 dimension → the 一级 indicators it may sit under. 成本指标 was a 二级 dimension of 产出
# before 2021 and is a 一级 indicator since; some templates put 满意度指标 under 效益指标.
_PARENTS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"^成本指标\d*$"), ("产出", "成本")),
    (re.compile(r"经济成本|社会成本|生态环境成本|环境成本"), ("成本",)),
    (re.compile(r"数量|质量|时效|及时"), ("产出",)),
    (re.compile(r"经济效益|社会效益|生态效益|环境效益|可持续"), ("效益",)),
    (re.compile(r"满意"), ("满意", "效益")),
]
_CANONICAL = {"产出": "产出指标", "效益": "效益指标", "成本": "成本指标", "满意": "满意度指标"}
_KNOWN_LEVEL1 = tuple(_CANONICAL)


@lru_cache(maxsize=65536)
def parents(level2: str | None) -> tuple[str, ...]:
    """The 一级 families a 二级 label may sit under; empty when the label is not a known one."""
    if not level2:
        return ()
    return next((p for rx, p in _PARENTS if rx.search(level2)), ())


def _fits(ind: Indicator, allowed: tuple[str, ...]) -> bool:
    return bool(ind.level1) and ind.level1.startswith(allowed)  # type: ignore[union-attr]


def regroup(goals: list[Goal], printed: set[int]) -> None:
    """Give each row the 一级 label its 二级 dimension allows, then fill 二级 labels that a
    merged cell printed below the group's first rows.

    ``printed`` holds the ids of indicators whose own row prints a 一级 label: those keep it,
    unless it was printed one row early (the rows below take it, this row fits the one above).
    The same indicator in another goal of the form (a long-term and an annual table list the
    same indicators) is the best witness for a label the conversion lost.
    """
    witness: dict[str, str] = {}
    for g in goals:
        for ind in g.indicators:
            if ind.level1 and ind.level1.startswith(parents(ind.level2) or ("-",)):
                witness.setdefault(ind.name, ind.level1)
    for g in goals:
        _regroup_goal(g.indicators, printed, witness)


def _regroup_goal(inds: list[Indicator], printed: set[int], witness: dict[str, str]) -> None:
    for k, ind in enumerate(inds):
        allowed = parents(ind.level2)
        if not allowed or (ind.level1 is not None and ind.level1.startswith(allowed)):
            continue
        if ind.level1 is not None and not ind.level1.startswith(_KNOWN_LEVEL1):
            continue
        if id(ind) in printed:
            below = inds[k + 1] if k + 1 < len(inds) else None
            above = inds[k - 1] if k > 0 else None
            early = (
                below is not None
                and id(below) not in printed
                and below.level1 == ind.level1
                and bool(parents(below.level2))
                and (ind.level1 or "").startswith(parents(below.level2))
                and above is not None
                and _fits(above, allowed)
            )
            if early and above is not None:
                ind.level1, ind.level1_weight = above.level1, above.level1_weight
            continue
        seen = witness.get(ind.name)
        if seen is not None and seen.startswith(allowed):
            ind.level1, ind.level1_weight = seen, None
            continue
        nxt = next((j for j in inds[k + 1 :] if _fits(j, allowed)), None)
        if nxt is not None:
            ind.level1, ind.level1_weight = nxt.level1, nxt.level1_weight
        elif ind.level1 is None and len(allowed) == 1:
            ind.level1 = _CANONICAL[allowed[0]]
    # rows of a 一级 group printed before the group's first 二级 label belong to that label
    k = 0
    while k < len(inds):
        j = k
        while j < len(inds) and inds[j].level1 == inds[k].level1:
            j += 1
        group = inds[k:j]
        first = next((n for n, i in enumerate(group) if i.level2), None)
        if first:
            for i in group[:first]:
                if i.level2 is None and not (i.level1 or "").startswith("成本"):
                    i.level2, i.level2_weight = group[first].level2, group[first].level2_weight
        k = j


def backfill_level1(goal: Goal) -> None:
    """Rows above a goal's first printed 一级 label take it when their 二级 dimensions allow."""
    inds = goal.indicators
    first = next((k for k, i in enumerate(inds) if i.level1), None)
    if not first:
        return
    parent = inds[first].level1 or ""
    if not all(parent.startswith(parents(ind.level2)) and parents(ind.level2) for ind in inds[:first]):
        return
    for ind in inds[:first]:
        ind.level1, ind.level1_weight = parent, inds[first].level1_weight
