"""Placing the cells of a row that lost its empty and merged-away cells under their header columns.

Pipe rows copied from HTML tables drop the cells a rowspan/colspan covers; space-separated rows
lose every empty cell. Such a row is only a sequence: its cells keep their order, not their
positions. ``align`` finds the placement of that sequence into the header's columns that fits
best, column role by column role (a 指标性质 column wants a sign, a 得分 column a number, a 一级
column a 一级 label …), by dynamic programming over (cell, column) — the same rule for every
template and layout, never a position learned from one file.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.read._clean import strip_points
from jixiao.read._headers import label_key, vocab_memo, vocabulary

__all__ = ["align", "fit", "fit_in", "fit_memo", "level_sets", "placement", "unit_cell"]

_NUM = re.compile(r"^[-+]?\d+(?:[.,]\d+)*\s*[%％分]?$")
_SIGN = re.compile(r"^[≥≤<>=＞＜≧≦═﹦＝]")
_SIGN_ONLY = re.compile(r"^([≥≤<>=＞＜≧≦═﹦＝]{1,2}|定量|定性|正向|反向|正向指标|反向指标)$")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_GOAL = re.compile(r"(年度|长期|中期)?(绩效)?(总体)?目标\d*|绩效指标|年度绩效指标")
_LEADING_NUM = re.compile(r"^\d[\d,.]*\s*[(（]")  # "940（压缩后）"
_DOTS = re.compile(r"^(……|…|\.{3,}|指标\d+[:：]?)$")
_PLACEHOLDER = re.compile(r"^(……|…|\.{3,}|指标\d*[:：]?.*|无|/|／)$")

SKIP = -0.05  # leaving a column empty costs a little: prefer placing cells where they fit
# … and more for the columns a template prints on every row (分值, 指标值), so that
# a lone figure of a row published with 完成值/得分 blank is its 分值 and a lone 定性 text its target
# (and the score and converted score a row always has, before a 权重占比 printed once per 一级)
_SKIP_OF = {"weight": -0.15, "target": -0.1, "score": -0.1, "converted_score": -0.1}


@lru_cache(maxsize=1)
def _unit() -> re.Pattern[str]:
    """A 度量单位 cell: one of the units ``jixiao/score/lexicon.yaml`` lists (money, counted
    things, periods, column symbols), with a 万/亿 multiplier and a "/年" or "每…" rate after it.
    The scorer reads values with the same list, so a unit added there is placed here too."""
    from jixiao.score._lexicon import alternation, lexicon  # the scorer: loaded on first use

    u = lexicon().units
    words = alternation(frozenset((*u.money, *u.count, *u.periods, *u.column, "%")))
    # two counted units run together name one thing too (台套, 人次 …)
    return re.compile(rf"^[%‰℃]$|^(万|亿|千|百)?({words})({words})?([/每].{{1,6}})?$")


def unit_cell(cell: str) -> bool:
    """A 度量单位 cell alone (万平方米, 人次, %): the units the scorer reads."""
    return bool(_unit().match(cell))


def level_sets() -> tuple[frozenset[str], frozenset[str]]:
    """The 一级 and 二级 labels of the vocabulary in force, as compared (``label_key``)."""
    return _levels_of(id(vocabulary()))


@lru_cache(maxsize=8)
def _levels_of(_: int) -> tuple[frozenset[str], frozenset[str]]:
    v = vocabulary()
    return frozenset(label_key(x) for x in v.level1_labels), frozenset(label_key(x) for x in v.level2_labels)


def fit(role: str | None, cell: str) -> float:
    """How well ``cell`` fits a column of ``role``: positive fits, negative does not."""
    return _fit_of(id(vocabulary()), role, cell)  # one cell: the C-level cache is quicker


@lru_cache(maxsize=65536)
def _fit_of(_: int, role: str | None, cell: str) -> float:
    return _fit(role, cell)


def fit_memo() -> dict[tuple[str | None, str], float]:
    """The fits already judged under the vocabulary in force (for a loop over a row's cells)."""
    return vocab_memo("fit")


def fit_in(memo: dict[tuple[str | None, str], float], role: str | None, cell: str) -> float:
    """``fit`` read from ``memo`` (``vocab_memo("fit")``): each (role, cell text) judged once."""
    try:
        return memo[role, cell]
    except KeyError:
        value = memo[role, cell] = _fit(role, cell)
        return value


def _fit(role: str | None, cell: str) -> float:
    if not cell:
        return 0.0
    key = label_key(strip_points(cell))
    l1, l2 = level_sets()
    number = bool(_NUM.match(cell.replace(" ", "")))
    sign = bool(_SIGN.match(cell))
    has_digit = bool(_DIGIT.search(cell))
    cjk = bool(_CJK.search(cell))
    if role is None:
        return -0.5
    if role == "rowlabel":
        return 1.0 if cjk and not number else -3.0
    if role == "aside":
        return 0.0  # 序号 / 佐证材料: anything may stand there, and it places nothing
    if role.startswith("b_"):
        dash = key in ("-", "—", "/", "——", "－")
        if role == "b_reason":
            return 0.8 if cjk and not number else (-0.5 if dash else -2.0)
        if number:
            return _budget_number(role, cell)
        if dash:
            return 0.5
        return 1.0 if _LEADING_NUM.match(cell) and role != "b_rate" else -2.0
    if role != "name" and _DOTS.match(key):
        return -1.0  # a template's placeholder row (……, 指标1：) names no value
    if role == "goal":
        return 2.5 if _GOAL.fullmatch(key) else -2.0
    if role == "level1":
        return 3.0 if key in l1 else -3.0
    if role == "level2":
        return 2.5 if key in l2 else (-0.5 if key.endswith("指标") and len(key) <= 12 else -2.5)
    if role == "name":
        if _PLACEHOLDER.match(key):
            return 0.5
        if number or _SIGN_ONLY.match(cell) or key in ("是", "否"):
            return -3.0
        if key in l1 or key in l2:
            return -1.0
        return 1.0 if cjk else -0.5
    if role == "comparator":
        return 3.0 if _SIGN_ONLY.match(cell) else -3.0
    if role == "unit":
        if _SIGN_ONLY.match(cell) or has_digit or key in ("是", "否"):
            return -3.0
        if _unit().match(key):
            return 2.0
        return 0.5 if len(key) <= 2 else -1.0
    if role in ("target", "adjusted_target"):
        if _SIGN_ONLY.match(cell) or key in ("是", "否"):
            return -3.0
        bonus = -0.2 if role == "adjusted_target" else 0.0  # usually left blank
        if sign:
            return 2.0 + bonus
        return (1.2 if has_digit else 0.6) + bonus
    if role in ("actual", "prev1", "prev2"):  # a past year's column holds what was achieved
        if _SIGN_ONLY.match(cell) or key in ("是", "否"):
            return -3.0
        if sign:
            return -0.3
        return 1.2 if has_digit else 0.6
    if role == "score" and number and "%" in cell:
        return 0.5  # a score is points: a percentage is the actual or a share beside it
    if role in (
        "weight",
        "score",
        "coefficient",
        "share",
        "converted_score",
        "audit_score",
    ):
        return 1.5 if number else -3.0
    if role == "core":
        return 3.0 if key in ("是", "否", "★", "√", "核心") else -3.0
    if role in ("deviation", "basis", "value_note", "note"):
        if number or _SIGN_ONLY.match(cell):
            return -2.0
        return 0.8 if cjk else -0.5
    return -0.5


_POINT_ROLES = ("b_weight", "b_score")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _budget_number(role: str, cell: str) -> float:
    """A figure in a budget column: a percentage is the rate, never an amount or points; points
    are at most 100. Left equal, a row that lost an empty cell could shift its rate into 得分."""
    pct = "%" in cell or "％" in cell
    if role == "b_rate":
        return 2.0 if pct else 1.5
    if pct:
        return -1.0
    if role in _POINT_ROLES:
        m = _FIGURE.search(cell.replace(",", ""))
        return 1.5 if m is None or float(m.group()) <= 100 else -1.0
    return 1.5


def align(cells: list[str], roles: list[str | None], start: int = 0) -> list[str]:
    """The row's cells placed under ``roles`` (columns ``start`` … end), as a full-width row.

    Cells keep their order; each goes to one column; columns left over are empty. When the row
    has more cells than columns, it is returned unchanged (it is not a row of this table).
    """
    return placement(cells, roles, start)[1]


def placement(cells: list[str], roles: list[str | None], start: int = 0) -> tuple[float, list[str]]:
    """``align``'s placement and how well it fits (the sum of the cells' fits and the skip
    costs; ``-inf`` when the row has more cells than columns), to weigh two readings of a row."""
    cols = list(range(start, len(roles)))
    n, m = len(cells), len(cols)
    if n == 0 or n > m:
        return (0.0 if n == 0 else float("-inf")), list(cells)
    neg = float("-inf")
    memo = fit_memo()
    # best[i][j]: best score placing cells[:i] into cols[:j]; cell i needs n - i columns after
    # its own, so only j <= m - (n - i) can lie on a placement of the whole row (the rest of the
    # table is never read: the band gives the same placement)
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]  # 1 = cell i-1 in col j-1, 0 = skip
    costs = [_SKIP_OF.get(roles[c], SKIP) for c in cols]  # type: ignore[arg-type]
    best[0][0] = 0.0
    for j in range(1, m + 1):
        best[0][j] = best[0][j - 1] + costs[j - 1]
    for i in range(1, n + 1):
        cell = cells[i - 1]
        row, above, back_i = best[i], best[i - 1], back[i]
        for j in range(i, m - (n - i) + 1):
            skip = row[j - 1] + costs[j - 1] if j - 1 >= i else neg
            role = roles[cols[j - 1]]
            f = memo.get((role, cell))
            place = above[j - 1] + (f if f is not None else fit_in(memo, role, cell))
            if place >= skip:
                row[j], back_i[j] = place, 1
            else:
                row[j], back_i[j] = skip, 0
    out = [""] * len(roles)
    i, j = n, m
    while i > 0 and j > 0:
        if back[i][j] == 1:
            out[cols[j - 1]] = cells[i - 1]
            i -= 1
        j -= 1
    return best[n][m], out
