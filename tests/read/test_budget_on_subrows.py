"""年度资金总额 printed as zeros (or left blank) while the sub-rows carry the figures.

The templates README lists this variant of the national table. The total row still prints the
rate and the score; its amounts are the sum of the rows under it (answer convention of
``tests/corpus3``). Before, the budget was 0 / 0 (zeros) or lost its rate and score (blank).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read import read

HEAD = [
    "2023年度项目支出绩效自评表",
    "项目名称\t残疾儿童康复救助",
    "项目资金（万元）\t\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分",
]
TAIL = [
    "\t其中：当年财政拨款\t\t400\t400\t350\t—\t—\t—",
    "\t上年结转资金\t\t80\t80\t64\t—\t—\t—",
    "\t其他资金\t\t0\t0\t0\t—\t—\t—",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
    "\t产出指标\t数量指标\t救助残疾儿童人数\t≥420人\t466人\t90\t90",
    "总分\t\t\t\t\t\t100\t98.63",
]


@pytest.mark.parametrize("amounts", ["0\t0\t0", "\t\t"], ids=["zeros", "blank"])
def test_total_row_without_amounts(tmp_path: Path, amounts: str) -> None:
    path = tmp_path / "自评表.txt"
    total = f"\t年度资金总额\t\t{amounts}\t10\t86.25%\t8.63"
    path.write_text("\n".join([*HEAD, total, *TAIL]) + "\n", encoding="utf-8")
    [form] = read(path).forms
    b = form.budget
    assert b is not None
    assert (b.weight, b.planned, b.executed, b.rate, b.score) == (10, 480, 414, 0.8625, 8.63)
