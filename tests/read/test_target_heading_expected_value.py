"""Target tables that head their value column 当年预期实现值 (next to a 绩效标准 column).

Without the label the value column had no role: the indicator names were read from the
绩效标准 column and the targets from the wrong cells.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

FORM = """2024年度项目支出绩效目标表
项目名称\t农村电商服务站点建设
主管部门\t桐江县商务局\t实施单位\t桐江县电子商务服务中心
年度绩效目标\t建设村级电商服务站点，带动农产品网络销售。
一级指标\t二级指标\t三级指标\t绩效标准\t当年预期实现值
产出指标\t数量指标\t新建村级电商服务站点\t计划标准\t≥25个
\t质量指标\t站点验收合格率\t行业标准\t≥95%
效益指标\t经济效益指标\t农产品网络销售额\t历史标准\t≥1800万元
满意度指标\t服务对象满意度指标\t站点服务对象满意度\t计划标准\t≥90%
"""


def test_expected_value_column_is_the_target(tmp_path: Path) -> None:
    path = tmp_path / "target.txt"
    path.write_text(FORM, encoding="utf-8")
    form = form_to_contract(read(path).forms[0])
    assert form["kind"] == "project_target"
    rows = [(i["level1"], i["name"], i["target"]) for g in form["goals"] for i in g["indicators"]]
    assert rows == [
        ("产出指标", "新建村级电商服务站点", "≥25个"),
        ("产出指标", "站点验收合格率", "≥95%"),
        ("效益指标", "农产品网络销售额", "≥1800万元"),
        ("满意度指标", "站点服务对象满意度", "≥90%"),
    ]
