"""Indicator headers as other offices word them: 标准分 for the points, 实际完成情况 for the actual.

Before, a 标准分 column had no role, so no indicator row of the table was read (corpus4 a02, 8 of
8 lost); and 实际完成情况 over the actual column was taken for a group label, so every actual was
lost and each score was reported as having no actual. The overall-goal block prints the same
实际完成情况 beside 预期目标 and must still give the overall goal.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

ROWS = [
    "2023年度项目支出绩效自评表",
    "项目名称\t公共图书馆免费开放",
    "项目资金（万元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分",
    "\t年度资金总额\t128.5\t128.5\t125.93\t10\t98.00%\t9.8",
    "年度总体目标\t预期目标\t\t\t实际完成情况",
    "\t年接待读者45万人次。\t\t\t接待读者47.3万人次。",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度目标值\t实际完成情况\t标准分\t得分",
    "\t产出指标\t数量指标\t年接待读者人次\t≥45万人次\t47.3万人次\t50\t50",
    "\t效益指标\t社会效益指标\t全民阅读氛围\t较上年提高\t较上年明显提高\t30\t30",
    "\t满意度指标\t服务对象满意度指标\t读者满意度\t≥92%\t90%\t10\t9.78",
    "合计\t\t\t\t\t\t100\t99.58",
]


def test_standard_points_and_actual_situation_columns(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = form_to_contract(form)
    inds = [i for g in got["goals"] for i in g["indicators"]]
    assert [(i["name"], i["weight"], i["actual"], i["score"]) for i in inds] == [
        ("年接待读者人次", 50, "47.3万人次", 50),
        ("全民阅读氛围", 30, "较上年明显提高", 30),
        ("读者满意度", 10, "90%", 9.78),
    ]
    assert got["overall_goal"]["target"] == "年接待读者45万人次。"
    assert got["overall_goal"]["actual"] == "接待读者47.3万人次。"
    assert got["total_score"] == 99.58
