"""A Wuhan project target table one cell per line: its year is the 起始年度 it prints.

The title carries no year; the head prints ``项目负责人 | 联系电话 | 起始年度 | 终止年度`` pairs.
One cell per line only labels the vocabulary names are paired with the cell after them, so
``起始年度`` and its year stood as two lines of text and the form had no year.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

CELLS = [
    "项目支出绩效目标表", "单位：万元",
    "项目名称", "乡村道路养护项目", "项目主管部门", "某区交通运输局", "项目执行单位", "某区公路养护中心",
    "项目负责人", "某某", "联系电话", "02700000000", "起始年度", "2025", "终止年度", "2027",
    "年度绩效目标", "完成乡村道路日常养护。",
    "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据",
    "产出指标", "数量指标", "养护道路里程", "≥120公里", "计划标准",
    "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "历史指标",
]  # fmt: skip


def test_the_start_year_is_the_year(tmp_path: Path) -> None:
    path = tmp_path / "项目支出绩效目标表.txt"
    path.write_text("\n\n".join(CELLS) + "\n", encoding="utf-8")
    [form] = read(path).forms
    assert form.year == 2025
    assert form.implementer == "某区公路养护中心"
    assert [i.name for _, i in form.indicators()] == ["养护道路里程", "沿线群众满意度"]
