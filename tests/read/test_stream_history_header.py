"""A Wuhan department target table one cell per line, its annual header in three rows.

``指标值`` stands over ``近两年指标值`` (itself over 前年 | 上年) and ``预期当年实现值`` (merged down
beside them), so one cell per line the header runs ``… 指标值 | 指标值确定依据 | 近两年指标值 |
预期当年实现值 | 前年 | 上年``: ten cells over eight columns. Read as one row the history was
taken as the target and every row after the first shifted. And each numbered goal (年度目标 2：
and its text) is printed before its own indicators under the one header: it does not end the
rows, the next goal's rows follow in the same columns.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

_ANNUAL = [
    "年度目标 1：", "完善城市档案数字化服务",
    "年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据",
    "近两年指标值", "预期当年实现值", "前年", "上年",
    "年度绩效指标", "产出指标", "数量指标", "档案数字化页数", "38万页", "41万页", "≥45万页", "计划标准",
    "查档接待人次", "5200人次", "5600人次", "≥6000人次", "历史指标",
    "质量指标", "数字化差错率", "0.5%", "0.4%", "≤0.3%", "行业标准",
]  # fmt: skip
_SECOND = [
    "年度目标 2：", "提升档案查阅利用水平",
    "年度绩效指标", "效益指标", "社会效益指标", "档案利用满足率", "92%", "94%", "≥95%", "历史指标",
    "满意度指标", "服务对象满意度指标", "查档群众满意度", "90%", "91%", "≥92%", "计划标准",
]  # fmt: skip


def _read(tmp_path: Path, cells: list[str]) -> list[tuple]:
    path = tmp_path / "部门整体支出绩效目标表.txt"
    head = ["部门整体支出绩效目标表", "部门（单位）名称", "某区档案馆"]
    path.write_text("\n\n".join(head + cells) + "\n", encoding="utf-8")
    [form] = read(path).forms
    return [(g.name, i.level1, i.level2, i.name, i.target, i.basis) for g, i in form.indicators()]


def test_the_history_is_not_the_target(tmp_path: Path) -> None:
    assert _read(tmp_path, _ANNUAL) == [
        ("年度目标1", "产出指标", "数量指标", "档案数字化页数", "≥45万页", "计划标准"),
        ("年度目标1", "产出指标", "数量指标", "查档接待人次", "≥6000人次", "历史指标"),
        ("年度目标1", "产出指标", "质量指标", "数字化差错率", "≤0.3%", "行业标准"),
    ]


def test_the_next_goal_continues_under_the_same_header(tmp_path: Path) -> None:
    rows = _read(tmp_path, _ANNUAL + _SECOND)
    assert rows[3:] == [
        ("年度目标2", "效益指标", "社会效益指标", "档案利用满足率", "≥95%", "历史指标"),
        ("年度目标2", "满意度指标", "服务对象满意度指标", "查档群众满意度", "≥92%", "计划标准"),
    ]
