"""A budget row copied from an HTML table as pipes (or spaces) keeps only the order of its
cells: the covered label cell is gone, and so is an empty 得分 at the end (the padding run of
``|``). An unscored budget (40/40/20 forms print 分值 and 得分 empty) then had one cell fewer
than its header, and its rate went to 得分, the amounts one column to the right (weight 312,
budget null, a false ``form.weight_mismatch``). A percentage is the rate; points are ≤ 100."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

FORM = """桐江县2023年度项目支出绩效自评表
| 项目名称 | 乡镇综合文化站运行 |||
| 主管部门 | 桐江县文化和旅游局 | 实施单位 | 桐江县文化馆 ||||
项目资金（万元） |  | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分 ||
| 年度资金总额 | 150 | 160 | 144 |  | 90% |  ||
| 其中：当年财政拨款 | 150 | 160 | 144 | — | 90% | — ||
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 ||
| 产出指标 | 数量指标 | 开放文化站数量 | ≥12个 | 12个 | 40 | 40 ||
| 效益指标 | 社会效益指标 | 年服务群众人次 | ≥3万人次 | 3.3万人次 | 40 | 40 ||
| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 95% | 20 | 20 ||
| 总分 | 100 | 100 ||
"""


def test_unscored_budget_row_in_pipes_keeps_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(FORM, encoding="utf-8")
    [form] = read(path).forms
    b = form.budget
    assert b is not None
    # 144 / 160 = 90 %; 分值 and 得分 printed empty
    assert (b.planned, b.executed, b.rate, b.weight, b.score) == (160, 144, 0.9, None, None)
    assert form.extra.get("initial_budget") == 150
