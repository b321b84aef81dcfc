"""An i1 target table printed one cell per line: the 总体目标 row holds two goal headings.

``总体目标 | 中期目标（2024年—2026年） | 年度目标`` and the row of the two goal texts under it reach the
reader as five cells in a row. The stream paired them as label/value cells, so the 中期 goal was
named ``中期目标`` and neither goal got its text (corpus5 t02).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

CELLS = [
    "项目支出绩效目标申报表",
    "（2024年度）",
    "项目名称",
    "乡村公路养护",
    "总体目标",
    "中期目标（2024年—2026年）",
    "年度目标",
    "三年内完成全县农村公路养护。",
    "完成农村公路日常养护。",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "二级指标",
    "三级指标",
    "指标值",
    "产出指标",
    "数量指标",
    "累计养护里程",
    "≥360公里",
    "数量指标",
    "养护里程",
    "≥120公里",
    "效益指标",
    "社会效益指标",
    "道路优良率",
    "≥85%",
    "社会效益指标",
    "道路优良率",
    "≥85%",
]


def test_goal_headings_one_cell_per_line(tmp_path: Path) -> None:
    path = tmp_path / "目标表.txt"
    path.write_text("\n\n".join(CELLS) + "\n", encoding="utf-8")
    [form] = [form_to_contract(f) for f in read(path).forms]
    assert [(g["name"], g["text"]) for g in form["goals"]] == [
        ("中期目标（2024年—2026年）", "三年内完成全县农村公路养护。"),
        ("年度目标", "完成农村公路日常养护。"),
    ]
    assert [i["name"] for i in form["goals"][0]["indicators"]] == ["累计养护里程", "道路优良率"]
    assert [i["target"] for i in form["goals"][1]["indicators"]] == ["≥120公里", "≥85%"]
