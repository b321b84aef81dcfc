"""A target table's annual block headed 指标值 over three columns (前年 | 上年 | 预计当年实现):
the target is the planned year's value, never the 前年 figure, in a workbook (the group label
merged across) and in TAB text with the history filled in (001's layout, other units' values)."""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

HEAD = [
    ["项目名称", "社区书屋提档升级", "项目编码", "4201050001"],
    ["项目主管部门", "示范区文化和旅游局", "项目执行单位", "示范区文化和旅游局"],
    ["起始年度", "2022", "终止年度", "2022"],
]
ROWS = [
    [
        "年度绩效目标1",
        "产出指标",
        "数量指标",
        "新增社区书屋藏书",
        "1.2万册",
        "1.4万册",
        "≥1.5万册",
        "计划标准",
    ],
    ["", "", "质量指标", "图书编目合格率", "90%", "95%", "≥98%", "行业标准"],
    ["", "满意度指标", "服务对象满意度指标", "读者满意度", "85%", "88%", "≥90%", "历史指标"],
]
EXPECTED = [
    ("新增社区书屋藏书", "≥1.5万册", "计划标准"),
    ("图书编目合格率", "≥98%", "行业标准"),
    ("读者满意度", "≥90%", "历史指标"),
]


def _targets(path: Path) -> list[tuple]:
    form = form_to_contract(read(path).forms[0])
    assert form["kind"] == "project_target" and form["project"] == "社区书屋提档升级"
    return [(i["name"], i["target"], i["basis"]) for g in form["goals"] for i in g["indicators"]]


def test_merged_group_header_in_a_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["项目支出绩效目标表"])
    for row in HEAD:
        ws.append(row)
    ws.append(["年度绩效目标表"])
    ws.append(["目标名称", "一级指标", "二级指标", "三级指标", "指标值", None, None, "指标值确定依据"])
    ws.append([None, None, None, None, "前年", "上年", "预计当年实现", None])
    top = ws.max_row - 1
    ws.merge_cells(start_row=top, start_column=5, end_row=top, end_column=7)
    for col in (1, 2, 3, 4, 8):
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
    for row in ROWS:
        ws.append(row)
    ws.merge_cells(start_row=top + 2, start_column=1, end_row=top + 4, end_column=1)
    ws.merge_cells(start_row=top + 2, start_column=2, end_row=top + 3, end_column=2)
    path = tmp_path / "target.xlsx"
    wb.save(path)
    assert _targets(path) == EXPECTED


def test_history_filled_in_tab_text(tmp_path: Path) -> None:
    lines = ["项目支出绩效目标表", *("\t".join(r) for r in HEAD), "", "年度绩效目标表", ""]
    lines += [
        "目标名称\t一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据",
        "\t\t\t\t前年\t上年\t预计当年实现\t",
    ]
    lines += ["\t".join(r) for r in ROWS]
    path = tmp_path / "target.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _targets(path) == EXPECTED
