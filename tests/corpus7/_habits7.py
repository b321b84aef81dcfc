"""Makers' habits applied to a printed grid (hidden code row and column, formulas, long forms
over several pages) and the texts around a form (a narrative before it, a 填表说明 sheet)."""

from __future__ import annotations

from _grid7 import Doc, Grid
from _vocab7 import SECTORS


def shift_down(g: Grid, n: int = 1) -> None:
    for c in g.cells:
        c.r += n
    g.rows += n


def hidden_codes(doc: Doc) -> None:
    """A hidden first row with the project code and a hidden last column with indicator codes."""
    g = doc.grids()[0]
    shift_down(g)
    g.width += 1
    g.put(0, 0, "项目编码", cs=2)
    g.put(0, 2, "420117-2024-000386", cs=g.width - 3)
    g.hidden_rows.add(0)
    col = g.width - 1
    start = _ind_start(g)
    names = sorted(
        (c for c in g.cells if c.c == 3 and c.r >= start and isinstance(c.v, str)), key=lambda c: c.r
    )
    for k, cell in enumerate(names, start=1):
        g.put(cell.r, col, f"ZB{k:04d}")
    g.hidden_cols.add(col)


def formulas(g: Grid) -> None:
    """执行率 = 执行数/预算数, 得分 = 分值 × min(执行率, 1), 总分 = execution + Σ scores, as formulas."""
    rb = next(c.r for c in g.cells if c.v == "年度资金总额")
    rt = next(c.r for c in g.cells if c.v == "总分")
    first = _ind_start(g)
    g.formulas[(rb, 7)] = f"=ROUND(F{{row:{rb}}}/E{{row:{rb}}},4)"
    g.formulas[(rb, 8)] = f"=ROUND(G{{row:{rb}}}*MIN(H{{row:{rb}}},1),2)"
    g.formulas[(rt, 7)] = f"=I{{row:{rb}}}+SUM(H{{row:{first}}}:H{{row:{rt - 1}}})"


def _ind_start(g: Grid) -> int:
    return next(c.r for c in g.cells if c.v == "三级指标") + 1


def long_rows(keys: list[str]) -> list[tuple]:
    """Indicators of several sectors under one form, grouped by level as a form prints them."""
    rows = [r for k in keys for r in SECTORS[k]["rows"]]
    order = []
    for r in rows:
        if (r[0], r[1]) not in order:
            order.append((r[0], r[1]))
    return sorted(rows, key=lambda r: order.index((r[0], r[1])))


def header_row(doc: Doc) -> int:
    """The sheet row (1-based) of the indicator header, for print titles."""
    lines = 0
    for kind, part in doc.parts:
        if kind == "p":
            lines += 1
            continue
        return lines + _ind_start(part)
    raise ValueError


NARRATIVE = [
    "栖梧市职业技能提升培训补贴项目绩效自评报告",
    "一、项目基本情况",
    "为落实职业技能提升行动，我局统筹使用就业补助资金，面向城乡劳动者开展职业技能培训。",
    "二、项目资金使用及管理情况",
    "项目全年预算资金按计划拨付，资金使用严格执行补贴标准，未发现截留挪用。",
    "三、项目绩效目标完成情况",
    "全年完成技能培训6120人次，培训后取证率86.2%，培训后就业4370人，参训人员满意度93%。",
    "四、存在的问题及改进措施",
    "部分培训工种报名人数不足，下一年度将结合企业用工需求动态调整培训目录。",
    "附件：项目支出绩效自评表",
]

INSTRUCTIONS = [
    "填表说明",
    "1.本表由项目实施单位填报，主管部门审核后报财政局。",
    "2.金额单位为万元，保留两位小数；执行率=全年执行数/全年预算数。",
    "3.得分按《项目支出绩效评价管理办法》规定的评分规则填写，不得超过分值。",
    "4.偏差原因分析须说明未完成指标的原因及改进措施。",
]
