"""Forms written out without a table: 自评报告 sentences, e-mail and chat lines, as table rows.

A report or a message often gives the whole form in lines of text: one indicator per line,
its values after their labels (``数量指标：培训人数，年度目标值≥100人，实际完成120人，分值10分，
自评得分10分。``), or the table's cells separated by ``；`` under a line naming the columns
(``一级指标；二级指标；三级指标；指标值``). The budget as a sentence (``年度资金总额：年初预算数…，
执行率…``) or as ``label：value`` lines, and the 预期目标 / 实际完成情况 lines, are the same.

``sentence_rows`` turns such runs of lines into the exact grid rows a table of the form would
give (a header row of vocabulary labels, then one row per line), so the one builder reads them.
Pieces are told apart structurally: a piece starting with a vocabulary column label is that
column's value; a piece without one is a level label (the national framework) or the name.
Lines that do not have this shape pass unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from jixiao.read._clean import strip_points
from jixiao.read._grid import Row
from jixiao.read._headers import _role, is_budget_total, level_ranks, overall_role
from jixiao.read._segment import form_title_kind

__all__ = ["sentence_rows"]

_SEP = re.compile(r"[，；,;]")
_END = "。；;，, "
_ENUM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])\s*")
_LABEL = re.compile(r"^([^：:，；,;]{2,20})[：:](.*)$")
# prose wordings of the actual (``实际完成120人``: the verb, not a column label)
_PROSE_ACTUAL = ("实际完成",)
_IND_COLS = ("level1", "level2", "name", "target", "actual", "weight", "score")
_IND_HEAD = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
# columns a target's sentence may add (``，设定依据：计划标准``): in the header only when named
_ASIDE = {"basis": "指标值设定依据", "value_note": "指标值说明"}
_BUD_COLS = ("initial", "planned", "executed", "weight", "rate", "score")
_BUD_HEAD = ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")
_SHARE = re.compile(r"[（(][^（()）]{0,8}\d+(?:\.\d+)?%[）)]$")
# budget columns a sentence may name besides the usual ones (Hebei: 预算数，到位数，执行数)
_BUD_MORE = {"received": "到位数"}
_VALUE_ROLES = {"target", "actual", "weight", "score"}
_UNIT_POINTS = re.compile(r"^(-?\d+(?:\.\d+)?)分$")
_UNIT_WAN = re.compile(r"^(-?\d[\d,]*(?:\.\d+)?)万元$")


def _labelled(piece: str, table: str) -> tuple[str, str] | None:
    """(role, value) of a piece that starts with a column label of ``table``: the longest."""
    for k in range(min(len(piece), 10), 1, -1):
        role = _role(table, piece[:k], exact=True)
        if role is not None:
            return role, piece[k:].lstrip("：:为是 ")
    if table == "indicator_columns":
        for verb in _PROSE_ACTUAL:
            if piece.startswith(verb) and len(piece) > len(verb):
                return "actual", piece[len(verb) :]
    return None


def _points(value: str, role: str, budget: bool = False) -> str:
    """A value without the unit its column implies: 分 of points, 万元 of a budget amount."""
    m = (
        _UNIT_POINTS.match(value)
        if role in ("weight", "score")
        else _UNIT_WAN.match(value)
        if budget
        else None
    )
    return m.group(1) if m else value


def _indicator(text: str, level1: str) -> list[str] | None:
    """The cells of an indicator line in ``_IND_HEAD`` order, or ``None``."""
    head, rest = "", text
    m = _LABEL.match(text)
    if m and level_ranks(m.group(1)):
        head, rest = m.group(1), m.group(2)
    # a name and two values need two separators; after a level label, a name and a target one
    if len(_SEP.findall(rest if head else text)) < (1 if head else 2):
        return None
    cells = dict.fromkeys(_IND_COLS, "")
    if head:
        cells["level2" if level_ranks(head) != {0} else "level1"] = head
    values = 0
    for piece in (p.strip() for p in _SEP.split(rest.strip(_END))):
        if not piece:
            continue
        found = _labelled(piece, "indicator_columns")
        if found and found[0] in _ASIDE and found[1] and not cells.get(found[0]):
            cells[found[0]] = found[1]
        elif found and found[0] in _VALUE_ROLES and found[1] and not cells[found[0]]:
            cells[found[0]] = _points(found[1], found[0])
            values += 1
        elif level_ranks(piece) and not cells["name"]:
            ranks = level_ranks(piece)
            slot = "level1" if ranks == {0} or (0 in ranks and not cells["level1"] and not head) else "level2"
            if cells[slot]:
                return None
            cells[slot] = piece
        elif not cells["name"] and not found:
            cells["name"] = piece
        else:
            return None
    if not cells["name"] or (values < 2 and not (head and cells["target"])):
        return None
    if not cells["level1"]:
        cells["level1"] = level1
    return [cells[c] for c in _IND_COLS] + [cells.get(a, "") for a in _ASIDE]


def _budget(text: str) -> list[str] | None:
    """A budget sentence (``年度资金总额：年初预算数…，全年预算数…，执行率…``) as a row."""
    m = _LABEL.match(text)
    if not m or not is_budget_total(m.group(1)):
        return None
    cells = dict.fromkeys(_BUD_COLS, "")
    for piece in (p.strip() for p in _SEP.split(m.group(2).strip(_END))):
        found = _labelled(piece, "budget_columns") if piece else None
        if found is None or found[0] not in {*cells, *_BUD_MORE} or cells.get(found[0]):
            return None
        cells[found[0]] = _points(found[1], found[0], budget=True)
    if sum(1 for v in cells.values() if v) < 3:
        return None
    return [m.group(1)] + [cells[c] for c in cells]


def _budget_head(cells: list[str]) -> list[str]:
    """The header row of a budget sentence's row: the usual columns, then any more it named."""
    more = list(_BUD_MORE.values())[: len(cells) - 1 - len(_BUD_HEAD)]
    return ["", *_BUD_HEAD, *more]


def _budget_line(text: str) -> tuple[str, str] | None:
    """One ``label：value`` line naming a budget column (``全年执行数：782万元``)."""
    m = _LABEL.match(text)
    if not m:
        return None
    label = m.group(1)
    # the label or its longest tail that names a budget column (``预算执行得分`` → 得分)
    role = next(
        (r for k in range(len(label) - 1) if (r := _role("budget_columns", label[k:], exact=True))), None
    )
    value = m.group(2).strip(_END)
    return (role, _points(value, role, budget=True)) if role in _BUD_COLS and value else None


def _heading_level1(text: str) -> str | None:
    """A heading naming a level-1 indicator (``（一）产出指标``, ``产出指标方面``)."""
    core = _ENUM.sub("", text).strip(_END + "：:")
    bare = strip_points(core)
    shared = _SHARE.sub("", bare)  # ``产出指标（权重占比60%）``: the level's share, not its name
    if shared != bare and shared and len(shared) <= 8 and 0 in level_ranks(shared):
        return shared
    return core if bare and len(bare) <= 8 and 0 in level_ranks(bare) else None


def _goal_label(text: str) -> bool:
    """A line that is only the indicator block's label (``年度绩效目标（80分）``, ``绩效指标（90分）``)."""
    bare = strip_points(_ENUM.sub("", text)).strip(_END + "：:")
    return bool(bare) and _role("indicator_columns", bare, exact=True) == "goal"


def _cells_row(template: Row, cells: list[str]) -> Row:
    return Row(cells, template.source, table=True, after_gap=template.after_gap, exact=True)


def _split_table(run: list[Row]) -> list[Row] | None:
    """Lines of ``；``-separated cells under a line of column labels (a chat message)."""
    first = run[0].text.strip(_END).split("；")
    if len(first) < 3 or sum(1 for c in first if _role("indicator_columns", c, exact=True)) < 3:
        return None
    out = [_cells_row(run[0], first)]
    for row in run[1:]:
        cells = row.text.strip(_END).split("；")
        if len(cells) != len(first):
            break
        out.append(_cells_row(row, cells))
    return out if len(out) > 1 else None


def _convert(lines: list[Row]) -> Iterator[Row]:
    """One run of text lines: indicator / budget / overall-goal lines as table rows."""
    level1 = ""
    head_done = False
    aside: list[int] = []  # the _ASIDE columns the first indicator line named
    goal = ""  # a block label line just above the indicator lines: the header's goal column
    budget: dict[str, str] = {}
    budget_rows: list[Row] = []
    k = 0
    while k < len(lines):
        row = lines[k]
        if row.table:  # budget ``label：value`` cells of one row (``sentence_rows``)
            yield from _flush_budget(budget_rows, budget) if budget_rows else ()
            for cell in row.texts:
                role, value = _budget_line(cell) or ("", "")
                budget[role] = value
            budget_rows.append(row)
            yield from _flush_budget(budget_rows, budget)
            k += 1
            continue
        text = row.text
        if budget_rows and _budget_line(text) is None:
            yield from _flush_budget(budget_rows, budget)
        split = _split_table(lines[k:]) if "；" in text else None
        if split:
            if goal:  # the block label line above it is the header's goal column
                split = [_cells_row(r, [goal if n == 0 else "", *r.cells]) for n, r in enumerate(split)]
                goal = ""
            yield from split
            k += len(split)
            continue
        text_pair = _LABEL.match(text)
        if (
            text_pair
            and text_pair.group(2)
            and overall_role(text_pair.group(1)) == "target"
            and k + 2 < len(lines)
            and _goal_label(lines[k + 1].text)
            and _split_table(lines[k + 2 :])
        ):  # 年度总体目标：… above a target table's block label: the goal text row
            yield _cells_row(row, [text_pair.group(1), text_pair.group(2).strip()])
            k += 1
            continue
        if _wrapped(lines, k, level1):  # a sentence a PDF page wrapped onto the next line
            lines = [*lines[:k], _joined(row, lines[k + 1]), *lines[k + 2 :]]
            continue
        heading = _heading_level1(text)
        if (
            heading is not None
            and k + 1 < len(lines)
            and (_indicator(lines[k + 1].text, heading) or _wrapped(lines, k + 1, heading))
        ):
            level1, k = heading, k + 1
            continue
        if _goal_label(text) and k + 1 < len(lines) and not head_done:
            goal, k = text.strip(_END + "：:"), k + 1
            continue
        found = _indicator(text, level1)
        if found is not None:
            n = len(_IND_COLS)
            if not head_done:
                aside = [k2 for k2 in range(len(_ASIDE)) if found[n + k2]]
                head = [*_IND_HEAD, *(list(_ASIDE.values())[k2] for k2 in aside)]
                yield _cells_row(row, [goal, *head] if goal else head)
                head_done = True
            cells = found[:n] + [found[n + k2] for k2 in aside]
            yield _cells_row(row, ["", *cells] if goal else cells)
            k += 1
            continue
        if goal and not head_done:  # the label line did not head indicator lines after all
            yield Row([goal], row.source, table=False)
            goal = ""
        bud = _budget(text)
        if bud is not None:
            yield _cells_row(row, _budget_head(bud))
            yield _cells_row(row, bud)
            k += 1
            continue
        line = _budget_line(text)
        if line is not None and line[0] not in budget:
            budget[line[0]] = line[1]
            budget_rows.append(row)
            k += 1
            continue
        pair = _overall_pair(lines, k)
        if pair:
            yield from pair
            k += 2
            continue
        named = _LABEL.match(text)
        if (
            named
            and form_title_kind(named.group(2).strip())
            and not _role("header_fields", named.group(1), exact=True)
        ):
            # ``表名：…自评表``: the line names the form's title
            yield Row([named.group(2).strip()], row.source, table=False, after_gap=row.after_gap)
            k += 1
            continue
        total = _TOTAL.match(text)
        if total and _role("header_fields", total.group(1), exact=True) == "total":
            yield Row(
                [f"{total.group(1)}：{total.group(2)}"], row.source, table=False, after_gap=row.after_gap
            )
            k += 1
            continue
        if _goal_line(text):  # a goal heading opens a new table under it
            head_done = False
            level1 = ""
        yield row
        k += 1
    if budget_rows:
        yield from _flush_budget(budget_rows, budget)


def _wrapped(lines: list[Row], k: int, level1: str) -> bool:
    """Line ``k`` is a sentence cut at the page edge: it lacks its end mark, the next line starts
    no item of its own (no ``label：``, no enumerator, no sentence naming its levels), and the two
    together are an indicator or budget sentence."""
    if k + 1 >= len(lines) or lines[k + 1].table:
        return False
    text, nxt = lines[k].text.rstrip(), lines[k + 1].text.strip()
    if not nxt or text.endswith(("。", "；", ";")) or _LABEL.match(nxt) or _ENUM.match(nxt):
        return False
    first, second = (_indicator(x, "") for x in (text, nxt))
    # both read alone: the second is the rest of the first only when the first names its
    # levels and the second names none (``展，分值8分，自评得分8分。`` under ``…常态化开``)
    both = bool(first or _budget(text)) and bool(second or _budget(nxt))
    rest = bool(first and second and (first[0] or first[1]) and not (second[0] or second[1]))
    if both and not rest:
        return False
    joined = text + nxt
    return bool(_indicator(joined, level1) or _budget(joined))


def _joined(row: Row, nxt: Row) -> Row:
    return Row([row.text.rstrip() + nxt.text.strip()], row.source, table=False, after_gap=nxt.after_gap)


def _flush_budget(rows: list[Row], budget: dict[str, str]) -> Iterator[Row]:
    """``label：value`` budget lines: three or more make the budget block, else they stay lines."""
    if len(budget) >= 3:
        cols = [c for c in _BUD_COLS if c in budget]
        heads = dict(zip(_BUD_COLS, _BUD_HEAD, strict=True))
        yield _cells_row(rows[0], ["", *(heads[c] for c in cols)])
        yield _cells_row(rows[0], ["年度资金总额", *(budget[c] for c in cols)])
    else:
        yield from rows
    rows.clear()
    budget.clear()


def _overall_pair(lines: list[Row], k: int) -> list[Row] | None:
    """``预期目标：…`` then ``实际完成情况：…``: the overall-goal block of the table."""
    if k + 1 >= len(lines):
        return None
    a, b = _LABEL.match(lines[k].text), _LABEL.match(lines[k + 1].text)
    if not (a and b and a.group(2) and b.group(2)):
        return None
    if overall_role(a.group(1)) != "target" or overall_role(b.group(1)) != "actual":
        return None
    return [
        _cells_row(lines[k], ["年度总体目标", a.group(1), b.group(1)]),
        _cells_row(lines[k + 1], ["", a.group(2).strip(), b.group(2).strip()]),
    ]


_TOTAL = re.compile(r"^([^\d：:，。]{2,6})(\d+(?:\.\d+)?分)[。；;]?$")  # 自评总分98.57分。 (with its 分)
_GOAL = re.compile(r"^(?:年度)?(?:绩效)?目标\s*\d+")


def _goal_line(text: str) -> bool:
    return bool(_GOAL.match(text))


def sentence_rows(rows: Iterable[Row]) -> Iterator[Row]:
    """``rows`` with runs of one-cell text lines that give a form's cells as table rows."""
    run: list[Row] = []
    for row in rows:
        if not row.table and len(row.cells) == 1:
            run.append(row)
            continue
        labelled = row.table and len(row.texts) >= 3 and all("：" in c or ":" in c for c in row.texts)
        pairs = [_budget_line(c) for c in row.texts] if labelled else []
        if pairs and all(pairs) and len({p[0] for p in pairs if p}) == len(pairs):
            # ``label：value`` budget lines a text layout read as the cells of one row
            run.append(row)
            continue
        if run:
            yield from _convert(run)
            run = []
        yield row
    if run:
        yield from _convert(run)
