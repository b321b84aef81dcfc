"""A target table whose only unit is its 项目执行单位 (form-v1 ``unit``: 单位名称, else that).

The fixtures are invented target tables in the dumps' TAB layout; expected values read off them.
"""

from __future__ import annotations

from tests.conftest import read_doc

TARGET = """
    项目支出绩效目标表
    项目名称|城区公厕改造
    项目主管部门|青石县城市管理局|项目执行单位|青石县环境卫生所
    {extra}
    一级指标|二级指标|三级指标|指标值|指标值确定依据
    产出指标|数量指标|改造公厕座数|≥12座|年度计划
    满意度指标|服务对象满意度指标|群众满意度|≥90%|历史水平
"""


def test_target_table_takes_its_executing_unit_as_unit() -> None:
    form = read_doc(TARGET.format(extra="")).forms[0]
    assert form.kind.is_target
    assert form.unit == "青石县环境卫生所"
    assert form.implementer == "青石县环境卫生所"
    assert form.supervisor == "青石县城市管理局"


def test_a_printed_unit_name_wins_over_the_executing_unit() -> None:
    form = read_doc(TARGET.format(extra="单位名称|青石县城市管理局")).forms[0]
    assert form.unit == "青石县城市管理局"
    assert form.implementer == "青石县环境卫生所"


def test_an_implementing_unit_is_not_taken_as_unit() -> None:
    """实施单位 on a target table is who does the work, not the unit: only 执行单位 is."""
    text = TARGET.format(extra="").replace("项目执行单位", "项目实施单位")
    form = read_doc(text).forms[0]
    assert form.unit is None
    assert form.implementer == "青石县环境卫生所"


def test_a_self_evaluation_keeps_no_unit() -> None:
    """form-v1 gives a self-evaluation's unit only from 单位名称 (the rule is the target table's)."""
    text = """
        项目支出绩效自评表
        项目名称|城区公厕改造
        项目主管部门|青石县城市管理局|项目执行单位|青石县环境卫生所
        一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分
        产出指标|数量指标|改造公厕座数|≥12座|12座|50|50
        总分|100|100
    """
    form = read_doc(text).forms[0]
    assert not form.kind.is_target
    assert form.unit is None
    assert form.implementer == "青石县环境卫生所"
