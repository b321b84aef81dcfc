"""Columns an office adds beside the indicators: 序号 before them, 评分标准 or 佐证材料 after.

They are no field of the form. Before, 序号 had no role, so a row's number under it did not fit
the header and the row was read by its value roles from the right: with a 评分标准 or 佐证材料
text at the right end every value slid one column (the weight read as the name, the rule as
the actual; corpus4 a04, all 8 indicators). Now 序号 and 佐证材料 are ``aside`` columns that fit
anything and place nothing; a column the vocabulary does not know (评分标准) was already kept
aside when the row fits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import read

ROWS = [
    "2023年度项目支出绩效自评表",
    "项目名称\t家庭医生签约服务",
    "项目资金（万元）\t\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分",
    "\t年度资金总额\t\t240\t240\t229.2\t10\t95.50%\t9.55",
    "绩效指标\t序号\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t{0}",
    "\t1\t产出指标\t数量指标\t家庭医生签约人数\t≥3.5万人\t3.9万人\t40\t40\t{1}",
    "\t2\t效益指标\t社会效益指标\t重点人群签约率\t≥75%\t70%\t40\t37.33\t{1}",
    "\t3\t满意度指标\t服务对象满意度指标\t签约居民满意度\t≥85%\t88%\t10\t10\t{1}",
    "总分\t\t\t\t\t\t\t100\t96.88\t",
]


@pytest.mark.parametrize(
    ("head", "cell"),
    [("评分标准", "完成目标值得满分，未完成按比例计分"), ("佐证材料", "签约台账")],
)
def test_number_and_rule_columns_are_not_fields(tmp_path: Path, head: str, cell: str) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n".join(ROWS).format(head, cell) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = form_to_contract(form)
    inds = [i for g in got["goals"] for i in g["indicators"]]
    assert [(i["level1"], i["name"], i["weight"], i["target"], i["actual"], i["score"]) for i in inds] == [
        ("产出指标", "家庭医生签约人数", 40, "≥3.5万人", "3.9万人", 40),
        ("效益指标", "重点人群签约率", 40, "≥75%", "70%", 37.33),
        ("满意度指标", "签约居民满意度", 10, "≥85%", "88%", 10),
    ]
    assert got["total_score"] == 96.88
