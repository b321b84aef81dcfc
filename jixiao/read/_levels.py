"""Putting 一级/二级 labels right after reading: merged cells print their label mid-span."""

from __future__ import annotations

import re

from jixiao.model import Goal

# The national framework's 二级 dimensions under each 一级 indicator (财预〔2020〕10号 附件).
LEVEL2_PARENT = [
    (re.compile(r"数量|质量|时效|及时|成本"), "产出"),
    (re.compile(r"经济效益|社会效益|生态效益|环境效益|可持续"), "效益"),
    (re.compile(r"满意"), "满意"),
]


def family(level2: str | None) -> str | None:
    return next((p for rx, p in LEVEL2_PARENT if level2 and rx.search(level2)), None)


def regroup(goal: Goal) -> None:
    """Merged cells print their label mid-span, so carrying labels down can give the rows
    above a label the previous group's 一级: a 二级 dimension of another family (经济效益 under
    产出) belongs to the next 一级 label of its own family in the same goal."""
    inds = goal.indicators
    for k, ind in enumerate(inds):
        fam = family(ind.level2)
        if (
            not fam
            or not ind.level1
            or ind.level1.startswith(fam)
            or not ind.level1.startswith(("产出", "效益", "满意"))
        ):
            continue
        nxt = next((j for j in inds[k + 1 :] if j.level1 and j.level1.startswith(fam)), None)
        if nxt is not None:
            ind.level1, ind.level1_weight = nxt.level1, nxt.level1_weight
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
    """A merged 一级 cell prints its label in the middle of its rows (vertically centred):
    the rows above it, which carry no 一级 label, belong to it when their 二级 dimension
    belongs to it under the national framework."""
    inds = goal.indicators
    first = next((k for k, i in enumerate(inds) if i.level1), None)
    if not first:
        return
    parent = inds[first].level1 or ""
    for ind in inds[:first]:
        owner = next((p for rx, p in LEVEL2_PARENT if ind.level2 and rx.search(ind.level2)), None)
        if owner is None or not parent.startswith(owner):
            return
    for ind in inds[:first]:
        ind.level1, ind.level1_weight = parent, inds[first].level1_weight
