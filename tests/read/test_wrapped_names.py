"""A long 三级指标 name wrapped onto a line of its own (| stands for a tab): the second line
carries the rest of the name and its points, nothing else, and belongs to the row above."""

from __future__ import annotations

from tests.conftest import read_doc

DEPARTMENT = """
    2021年度示范区档案馆部门整体绩效自评表

    单位名称: 示范区档案馆

    填报日期: 2022年1月20日

    项目执行情况 (万元) (20分)||预算数(A)|执行数(B)|执行率(B/A)|得分 (20分*执行率)
    |部门整体支出总额|500|450|90%|18
    年度目标1: (80分)|推进档案信息化建设
    一级指标|二级指标|三级指标||年初目标值|实际完成值|得分
    年度 绩效 指标|产出 指标(60分)|数量指标(30分)|完成档案数字化扫描页(30分)|≥120万页|96万页|24
    ||时效指标(30分)|依申请查档答|100%|100%|30
    |||复及时率(30分)|||
    |效益 指标(20分)|社会效益指标(20分)|档案利用服务人次(20分)|≥6000人次|6000人次|20
    |总分|||||92
"""


def test_name_tail_on_its_own_line_joins_the_row_above() -> None:
    form = read_doc(DEPARTMENT).forms[0]
    rows = [(i.level2, i.name, i.weight, i.target, i.actual, i.score) for i in form.goals[0].indicators]
    assert rows == [
        ("数量指标", "完成档案数字化扫描页", 30, "≥120万页", "96万页", 24),
        ("时效指标", "依申请查档答复及时率", 30, "100%", "100%", 30),
        ("社会效益指标", "档案利用服务人次", 20, "≥6000人次", "6000人次", 20),
    ]
    assert form.total_score == 92


def test_name_tail_at_the_top_of_the_next_page() -> None:
    """The page break cuts the cell: the next page repeats the title lines and the block's
    vertical label (年度 绩效 指标) in column 0 beside the rest of the name."""
    text = DEPARTMENT.replace(
        "    |||复及时率(30分)|||\n",
        """
    2021年度示范区档案馆部门整体绩效自评表

    单位名称: 示范区档案馆

    填报日期: 2022年1月20日

    年度 绩效 指标|||复及时率(30分)|||
""",
    )
    form = read_doc(text).forms[0]
    names = [(i.name, i.weight) for i in form.goals[0].indicators]
    assert names == [("完成档案数字化扫描页", 30), ("依申请查档答复及时率", 30), ("档案利用服务人次", 20)]
    assert [g.name for g in form.goals] == ["年度目标1"]


def test_a_named_row_without_values_is_not_swallowed() -> None:
    """A row that names its own indicator without points is not a wrapped tail."""
    text = DEPARTMENT.replace("|||复及时率(30分)|||", "|||馆藏档案安全保存|||")
    names = [i.name for i in read_doc(text).forms[0].goals[0].indicators]
    assert "依申请查档答复及时率" not in names and "依申请查档答" in names


PROJECT = """
    2021 年度示范道路保洁项目自评表

    单位名称: 示范区城管局 填报日期: 2022 年 1 月 18 日

    项目名称||道路保洁作业外包
    主管部门||示范区城管局||项目实施单位||示范区城管局
    预算执行情况 (万元) (20分)||预算数(A)|执行数(B)|执行率(B/A)|得分 (20分*执行率)
    ||年度财政资金总额|200|200|100%|20
    年度绩效目标1 (80分)|一级指标|二级指标|三级指标|年初目标值(A)|实际完成值(B)|得分
    |产出指标|数量指标|机械化清扫道路|≥350万平方米|350万平方米|40
    |||面积||||
    |效益指标|社会效益指标|市民投诉办结率|≥98%|99%|40
    总分||100
"""


def test_name_tail_without_points_under_the_name_column() -> None:
    """The form prints no points beside its names: a lone cell exactly under the name above."""
    form = read_doc(PROJECT).forms[0]
    assert [(i.name, i.weight, i.target, i.score) for i in form.goals[0].indicators] == [
        ("机械化清扫道路面积", None, "≥350万平方米", 40),
        ("市民投诉办结率", None, "≥98%", 40),
    ]


def test_a_lone_cell_outside_the_name_column_is_not_a_name_tail() -> None:
    text = PROJECT.replace("    |||面积||||\n", "    ||面积||||\n")
    names = [i.name for i in read_doc(text).forms[0].goals[0].indicators]
    assert "机械化清扫道路面积" not in names


def test_points_cut_by_the_page_break_join_the_name() -> None:
    """A DOCX printed by LibreOffice splits the row at the page end: ``档案利用服务人次(20`` with
    the values, the next page ``分)`` alone in the name column. The points are the name's."""
    text = DEPARTMENT.replace(
        "|档案利用服务人次(20分)|≥6000人次|6000人次|20\n",
        "|档案利用服务人次(20|≥6000人次|6000人次|20\n    |||分)|||\n",
    )
    form = read_doc(text).forms[0]
    last = form.goals[0].indicators[-1]
    assert (last.name, last.weight, last.score) == ("档案利用服务人次", 20, 20)
    assert len(form.goals[0].indicators) == 3 and form.total_score == 92
