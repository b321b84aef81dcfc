"""The two text fields under the table with their label cut over two lines (| stands for a
tab): ``偏差大或目标未完 | text`` then ``成原因分析``, and ``改进措施及结`` / ``果应用方案`` printed on
lines of their own with the text on the line after, as 000's last page prints them."""

from __future__ import annotations

from tests.conftest import read_doc

PROJECT = """
    2021 年度湖泊巡查项目自评表

    单位名称: 示范区水务局 填报日期: 2022年3月1日

    项目名称||湖泊巡查||||
    主管部门||示范区水务局||项目实施单位||示范区水务局
    预算执行情况 (万元) (20分)||预算数(A)|执行数(B)|执行率(B/A)|得分 (20分*执行率)|
    ||年度财政资金总额|100|90|90%|18
    年度绩效目标1 (80分)|一级指标|二级指标|三级指标|年初目标值(A)|实际完成值(B)|得分
    |产出指标|数量指标|巡查湖泊个数|≥40个|40个|40
    |效益指标|生态效益指标|湖泊水质达标率|≥80%|80%|40
    总分||98||||
    偏差大或目标未完|预算执行进度滞后，部分资金未支出。|||
    成原因分析
    改进措施及结
    果应用方案
    加快预算执行进度，将自评结果作为下年度预算安排的依据。||
"""


def test_labels_cut_over_two_lines_keep_their_texts() -> None:
    form = read_doc(PROJECT).forms[0]
    assert form.deviation_reason == "预算执行进度滞后，部分资金未支出。"
    assert form.improvement == "加快预算执行进度，将自评结果作为下年度预算安排的依据。"
    assert form.total_score == 98
    assert [i.name for i in form.goals[0].indicators] == ["巡查湖泊个数", "湖泊水质达标率"]


def test_a_short_cell_is_not_taken_for_a_cut_label() -> None:
    """Three characters are no label: ``偏差大`` stays whatever it was (no field starts)."""
    form = read_doc(PROJECT.replace("偏差大或目标未完|", "偏差大|").replace("    成原因分析\n", "")).forms[0]
    assert form.deviation_reason is None
