"""Render Wuhan 20/80 records as the seeds' PDF-to-text conversion prints them.

TAB-separated rows whose empty merged cells are sometimes dropped (a row shifted left),
labels with spaces inside (``产出 指标 (7分)``), points in labels in half- or full-width
brackets, page breaks that repeat the title and header lines, long cells wrapped with a
space or onto a continuation line, ``<p>`` paragraphs, placeholder rows, 备注 and narratives.
"""

from __future__ import annotations

import random

from tests.corpus_wuhan._forms import num

BEIZHU = [
    "备注：",
    "",
    "1.预算执行情况口径：预算数为调整后财政资金总额（包括上年结余结转），执行数为资金使用单位财政资金实际支出数。",
    "",
    "2.定量指标完成数汇总原则：绝对值直接累加计算，相对值按照资金额度加权平均计算。定量指标计分原则：正向指标（即目标值为≥X，"
    "得分=权重×B/A），反向指标（即目标值为≤X，得分=权重×A/B），得分不得突破权重总额。",
    "",
    "3.定性指标计分原则：达成预期指标、部分达成预期指标、未达成预期指标三档，分别按照该指标对应分值区间100%-80%（≥80%）、"
    "80%-50%（≥50%，<80%）、50%-0%（<50%）合理确定分值。",
    "",
    "4.基于经济性和必要性等因素考虑，满意度指标暂可不作为必评指标。",
]


def pts(w: float, rng: random.Random, style: str) -> str:
    """``(7分)`` in one of the printed shapes."""
    n = num(w)
    return {
        "half": f"({n}分)",
        "half_sp": f" ({n}分)",
        "full": f"（{n}分）",
        "gap": f"({n} 分)",
    }[style if style != "mix" else rng.choice(["half", "half_sp", "full", "gap"])]


def spaced(label: str, rng: random.Random, p: float) -> str:
    """``产出指标`` → ``产出 指标`` (the converter's space inside a wrapped label)."""
    if rng.random() < p and label.endswith("指标") and len(label) > 2:
        return label[:-2] + " " + label[-2:]
    return label


def wrap(text: str, rng: random.Random, p: float) -> str:
    """A space where a long cell wrapped inside the PDF cell."""
    if len(text) > 11 and rng.random() < p:
        k = rng.randint(6, len(text) - 3)
        return text[:k] + " " + text[k:]
    return text


def shift(cells: list[str], rng: random.Random, p: float) -> list[str]:
    """Drop some empty leading cells (merged cells lost by the converter) or add trailing ones."""
    out = list(cells)
    if rng.random() < p:
        lead = 0
        while lead < len(out) - 1 and out[lead] == "":
            lead += 1
        if lead:
            drop = rng.randint(1, lead)
            out = out[drop:]
    if rng.random() < 0.4:
        out += [""] * rng.randint(1, 2)
    return out


def tab(cells: list[str]) -> str:
    return "\t".join(cells)


def date_text(iso: str, style: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return {
        "cn": f"{y}年{m}月{d}日",
        "cn_sp": f"{y} 年 {m} 月 {d} 日",
        "cn0": f"{y}年{m:02d}月{d:02d}日",
        "iso": iso,
    }[style]


def rate_text(rate: float, style: str) -> str:
    if style == "pct2":
        return f"{rate * 100:.2f}%"
    if style == "bare":
        return f"{rate * 100:.2f}"
    return f"{num(round(rate * 100, 2))}%"


def amount(x: float, sep: bool) -> str:
    return f"{x:,.2f}" if sep and x >= 1000 else num(x)


def para(text: str, html: bool) -> str:
    return f"<p>{text}</p>" if html else text


class Row(list):
    """Cells of one printed row; ``w2`` = the points of the level-2 group the row continues."""

    w2: float | None = None


def indicator_rows(goal: dict, o: dict, rng: random.Random, col0: str) -> list[list[str]]:
    """The indicator rows of one goal: [col0, level1, level2, name, (gap), target, actual, score]."""
    rows: list[list[str]] = []
    inds = goal["inds"]
    last1 = last2 = None
    w2 = 0.0
    for k, ind in enumerate(inds):
        l1 = l2 = ""
        if ind["level1"] != last1:
            w1 = sum(i["weight"] for i in inds if i["level1"] == ind["level1"])
            l1 = spaced(ind["level1"], rng, 0.5) + (pts(w1, rng, o["pts"]) if o["level_pts"] else "")
            last1, last2 = ind["level1"], None
        if ind["level2"] != last2:
            w2 = sum(
                i["weight"] for i in inds if i["level1"] == ind["level1"] and i["level2"] == ind["level2"]
            )
            l2 = ind["level2"] + (pts(w2, rng, o["pts"]) if o["level_pts"] else "")
            last2 = ind["level2"]
        name = ind["name"]
        cont = None
        if o.get("continuation") and len(name) > 6 and rng.random() < 0.5:
            cut = rng.randint(5, len(name) - 2)
            name, cont = name[:cut], name[cut:]
        else:
            name = wrap(name, rng, o.get("wrap", 0.3))
        if o["ind_pts"]:
            if cont is not None:
                cont += pts(ind["weight"], rng, o["pts"])
            else:
                name += pts(ind["weight"], rng, o["pts"])
        target = ind["target"]
        tail = [target, ind["actual"], num(ind["score"])]
        if not l1 and not l2 and k and o.get("name_first") and rng.random() < 0.5:
            cells = [name, "", "", *tail]  # the converter lost the merged cells: name in column 0
        else:
            cells = [col0 if k == 0 else "", l1, l2, name] + [""] * o.get("gap", 0) + tail
        row = Row(cells)
        row.w2 = w2 if not l2 and o["level_pts"] else None
        rows.append(row)
        if cont is not None:
            rows.append(["", "", "", cont] + [""] * (o.get("gap", 0) + 3))
        for ph in ind.get("placeholders_after", []):
            rows.append(["", "", ph, o.get("placeholder", "无"), "", "", ""])
    return rows


def page_header(o: dict, form: dict) -> list[str]:
    lines = ["", o["title_line"], ""]
    for line in o["header_lines"]:
        lines += [line, ""]
    return lines


def render_rows(rows: list[list[str]], o: dict, form: dict, rng: random.Random) -> list[str]:
    """Rows as TAB lines, with page breaks every ``o['page']`` rows repeating the page header."""
    out: list[str] = []
    every = o.get("page") or 0
    for k, cells in enumerate(rows):
        if every and k and k % every == 0 and cells and cells[0] != "总分":
            out += page_header(o, form)
            if o.get("repeat_col0") and cells[0] == "" and len(cells) > 4 and "总分" not in cells:
                cells = [o["col0"], *cells[1:]]
            if o.get("cut_label") and getattr(cells, "w2", None) and cells[1] == cells[2] == "":
                cells = [
                    o["col0"],
                    "",
                    f"({num(cells.w2)}分)",
                    *cells[3:],
                ]  # a level-2 label cut by the break
        out.append(tab(shift(cells, rng, o.get("shift", 0.0))))
    return out
