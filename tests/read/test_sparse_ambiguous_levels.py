"""Pipe rows led by a label of both levels (满意度指标, 成本指标) under an open 一级 label.

Under 效果指标 such a label is read as a 二级 dimension unless a listed 二级 label follows it. A
Jiangxi department form prints 满意度指标（10分） | 服务对象满意度 | 数据使用部门满意度 | ≥90% | …:
the 二级 label is not in the vocabulary, so the row was read as a 二级 row, its name became the
target and 97.2% the 分值 (and the weights no longer summed: a false finding). The values of
the rest of the row decide which reading fits.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

HEAD = [
    "| 2024年度部门整体支出绩效自评表 |||",
    "部门（单位）名称 | 苇塘县统计局 ||||",
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |||||",
    "产出指标（60分） | 数量指标 | 完成统计调查项目 | ≥26项 | 29项 | 60 | 60 |  |||",
]


def _read(tmp_path: Path, rows: list[str]) -> list[tuple]:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join([*HEAD, *rows, "| 总分 | 100 | 100 |  |||||"]) + "\n", encoding="utf-8")
    [form] = read(path).forms
    return [(i.level1, i.level2, i.name, i.weight, i.target, i.actual, i.score) for _, i in form.indicators()]


def test_level1_before_an_unlisted_level2(tmp_path: Path) -> None:
    rows = [
        "| 效果指标（30分） | 社会效益 | 统计信息公开发布 | ≥40期 | 41期 | 30 | 30 |  |||",
        "满意度指标（10分） | 服务对象满意度 | 数据使用部门满意度 | ≥90% | 97.2% | 10 | 10 |  ||||",
    ]
    want = ("满意度指标", "服务对象满意度", "数据使用部门满意度", 10, "≥90%", "97.2%", 10)
    assert _read(tmp_path, rows)[-1] == want


def test_level2_kept_when_a_name_follows(tmp_path: Path) -> None:
    rows = [
        "| 效益指标（40分） | 社会效益 | 统计信息公开发布 | ≥40期 | 41期 | 30 | 30 |  |||",
        "满意度指标 | 数据使用部门满意率 | ≥90% | 97.2% | 10 | 10 |  ||||",
    ]
    want = ("效益指标", "满意度指标", "数据使用部门满意率", 10, "≥90%", "97.2%", 10)
    assert _read(tmp_path, rows)[-1] == want
