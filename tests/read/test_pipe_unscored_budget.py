"""An unscored budget row in pipe rows: ``年度资金总额 | 2480 | 2600 | 2242.5 |  | 86.25% |``.

A pipe row keeps its blank 分值 and 得分 cells but drops the covered block label, so its cells
must be placed under the header by how well they fit. A percentage fitted the score column as
well as the rate column: the figures slid one column (全年预算数 null, 执行数 2600, 分值 2242.5).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

LINES = [
    "| 2023年度部门整体支出绩效自评表 |||",
    "| 部门（单位）名称 | 桐江县统计局 |||",
    "| 部门资金（万元） |  | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分 |||",
    "年度资金总额 | 2480 | 2600 | 2242.5 |  | 86.25% |  |||",
    "| 其中：基本支出 | 1040 | 1040 | 897 | — | — | — ||||",
    "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |||",
    "| 产出指标 | 数量指标 | 完成统计调查项目 | ≥26项 | 27项 | 100 | 100 |||",
    "| 总分 | 100 | 100 |||",
]


def test_unscored_budget_row_in_pipe_rows(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    [form] = read(path).forms
    b = form.budget
    assert b is not None
    assert (b.weight, b.planned, b.executed, b.rate, b.score) == (None, 2600, 2242.5, 0.8625, None)
