"""A Wuhan target table (部门整体支出绩效目标表) flattened onto one line reads as its TAB form:
each goal's numbered label and text (长期目标 1: | 提升…) name its goal, the indicator rows of
the next goal follow without a header, and the 年度 half's three header rows (指标值 over
近两年指标值 over 前年 | 上年, cells holding spaces: 一级 指标, 指标值确定 依据) are one header."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read
from jixiao.review import review_document

# invented; the TAB layout of the Wuhan target tables (a row per printed line, covered cells empty)
TAB = "\n".join(
    [
        "部门整体支出绩效目标表",
        "单位：万元",
        "部门（单位）名称\t江城区园林局",
        "整体绩效总目标\t长期目标\t\t年度目标",
        "\t目标 1: 提升城市绿化覆盖水平 目标 2: 加强园林养护管理\t\t目标 1: 提升城市绿化覆盖水平 目标 2: 加强园林养护管理",
        "长期目标 1:\t提升城市绿化覆盖水平",
        "目标名称\t一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据",
        "长期绩效指标\t产出指标\t数量指标\t新增绿地面积\t≥20公顷\t计划标准",
        "\t\t质量指标\t苗木成活率\t≥95%\t行业标准",
        "\t满意度指标\t服务对象满意度指标\t市民满意度\t≥90%\t计划标准",
        "长期目标 2:\t加强园林养护管理",
        "长期绩效指标\t产出指标\t数量指标\t养护道路绿带长度\t≥120公里\t计划标准",
        "\t效益指标\t社会效益指标\t园林景观效果\t明显改善\t行业标准",
        "年度目标 1:\t提升城市绿化覆盖水平",
        "年度绩效指标\t一级 指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定 依据",
        "\t\t\t\t近两年指标值\t\t预期当年 实现值\t",
        "\t\t\t\t前年\t上年\t\t",
        "年度绩效指标\t产出指标\t数量指标\t新增绿地面积\t\t\t≥5公顷\t计划标准",
        "\t\t时效指标\t工程按期完工率\t\t\t≥100%\t计划标准",
        "年度目标 2:\t加强园林养护管理",
        "年度绩效指标\t产出指标\t数量指标\t养护道路绿带长度\t\t\t≥120公里\t计划标准",
        "\t满意度指标\t服务对象满意度指标\t市民满意度\t\t\t≥90%\t计划标准",
    ]
)


def _flat(text: str) -> str:
    """Every cell of every line, in order, on one line: what a lost-line-break copy gives."""
    return " ".join(tok for line in text.splitlines() for cell in line.split("\t") for tok in cell.split())


def _reading(path: Path) -> list[tuple[str, str | None, list[tuple[str | None, ...]]]]:
    [form] = read(path).forms
    return [
        (g.name, g.text, [(i.level1, i.level2, i.name, i.target, i.basis) for i in g.indicators])
        for g in form.goals
    ]


def test_a_flattened_target_table_keeps_its_goals(tmp_path: Path) -> None:
    flat = tmp_path / "目标表.txt"
    flat.write_text(_flat(TAB) + "\n", encoding="utf-8")
    got = _reading(flat)
    assert [(name, text) for name, text, _ in got] == [
        ("长期目标1", "提升城市绿化覆盖水平"),
        ("长期目标2", "加强园林养护管理"),
        ("年度目标1", "提升城市绿化覆盖水平"),
        ("年度目标2", "加强园林养护管理"),
    ]
    assert got[1][2] == [
        ("产出指标", "数量指标", "养护道路绿带长度", "≥120公里", "计划标准"),
        ("效益指标", "社会效益指标", "园林景观效果", "明显改善", "行业标准"),
    ]
    # under the three header rows: the target in 预期当年实现值, the basis in the last column
    assert got[2][2] == [
        ("产出指标", "数量指标", "新增绿地面积", "≥5公顷", "计划标准"),
        ("产出指标", "时效指标", "工程按期完工率", "≥100%", "计划标准"),
    ]
    # no row made of the header's words (一级 | 指标 …) missing its target
    assert not [f for f in review_document(read(flat)).findings if f.severity == "error"]


def test_the_flattened_table_reads_as_its_tab_form(tmp_path: Path) -> None:
    tab, flat = tmp_path / "目标表.txt", tmp_path / "目标表_一行.txt"
    tab.write_text(TAB + "\n", encoding="utf-8")
    flat.write_text(_flat(TAB) + "\n", encoding="utf-8")
    assert _reading(flat) == _reading(tab)


# invented; a project target table: the goals' 名称 | 目标说明 block, then each table's title
# (长期绩效目标表) over its header, the goal column naming each goal once; the 年度 header's
# second row (前年 | 上年 | 预计当年实现 under 指标值) prints the two years before
PROJECT = "\n".join(
    [
        "项目支出绩效目标表",
        "单位：万元",
        "项目名称\t社区健身设施维护经费\t项目编码\t420100000000000001",
        "项目主管部门\t江城区体育局\t项目执行单位\t江城区体育中心",
        "项目总预算\t120\t项目当年预算\t120",
        "项目绩效总目标",
        "名称\t目标说明",
        "长期绩效目标 1\t完成社区健身设施维护第1阶段任务。",
        "年度绩效目标 1\t完成社区健身设施维护第1阶段任务。",
        "长期绩效目标表",
        "目标名称\t一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据",
        "长期绩效目标 1\t产出指标\t数量指标\t维护健身点位数\t≥60个\t计划标准",
        "\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t历史指标",
        "年度绩效目标表",
        "目标名称\t一级指标\t二级指标\t三级指标\t指标值\t\t\t指标值确定依据",
        "\t\t\t\t前年\t上年\t预计当年实现\t",
        "年度绩效目标 1\t产出指标\t数量指标\t维护健身点位数\t52个\t56个\t≥60个\t历史指标",
        "\t满意度指标\t服务对象满意度指标\t居民满意度\t85%\t88%\t≥90%\t计划标准",
    ]
)


def test_a_flattened_project_target_table_names_its_goals(tmp_path: Path) -> None:
    flat = tmp_path / "项目目标表.txt"
    flat.write_text(_flat(PROJECT) + "\n", encoding="utf-8")
    got = _reading(flat)
    text = "完成社区健身设施维护第1阶段任务。"
    assert [(name, text) for name, text, _ in got] == [("长期绩效目标1", text), ("年度绩效目标1", text)]
    assert got[1][2] == [
        ("产出指标", "数量指标", "维护健身点位数", "≥60个", "历史指标"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "计划标准"),
    ]
    tab = tmp_path / "项目目标表_tab.txt"
    tab.write_text(PROJECT + "\n", encoding="utf-8")
    assert got == _reading(tab)


# invented; a Wuhan project self-assessment whose goal column's label is printed over two lines
# (项目年度 绩效指标（60分）): on one line its scope 项目年度 is no text of the overall goal
SELF = "\n".join(
    [
        "2023 年度社区健身设施维护项目自评表",
        "单位名称(盖章): 江城区体育局 填报日期: 2024年1月15日 自评得分: 98.89分",
        "项目名称\t\t社区健身设施维护\t\t\t\t",
        "主管部门\t\t江城区体育局\t\t项目实施单位\t\t江城区体育中心\t",
        "预算执行情况 (万元) (20分)\t\t预算数(A)\t执行数(B)\t执行率(B/A)\t得分 (20分*执行率)\t\t",
        "\t\t年度财政资金总额\t100\t100\t100%\t20",
        "项目绩效总目标 (20分)\t年初设定目标\t\t\t全年实际完成情况\t\t得分\t",
        "\t完成社区健身设施年度维护任务。\t\t\t已完成社区健身设施年度维护任务。\t\t20",
        "项目年度 绩效指标（60分）\t一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分",
        "\t产出 指标\t数量指标\t维护健身点位数\t≥60个\t62个\t20",
        "\t\t质量指标\t设施完好率\t≥95%\t96%\t20",
        "\t满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t85%\t18.89",
        "偏差大或目标未完成原因分析\t居民满意度未达目标。\t\t\t",
        "改进措施及结果应用方案\t加强设施巡查，及时回应居民诉求。\t",
    ]
)


def test_a_goal_columns_label_over_two_lines_ends_the_overall_goal(tmp_path: Path) -> None:
    flat = tmp_path / "自评表.txt"
    flat.write_text(_flat(SELF) + "\n", encoding="utf-8")
    doc = read(flat)
    [form] = doc.forms
    assert form.overall_goal is not None
    assert (form.overall_goal.actual, form.overall_goal.score) == ("已完成社区健身设施年度维护任务。", 20)
    assert [(g.name, g.weight) for g in form.goals] == [("项目年度绩效指标", 60)]
    # 20 + 20 + 20 + 20 + 20 × 85/90 = 98.89: the overall goal's 20 counted, no total mismatch
    assert not [f for f in review_document(doc).findings if f.severity == "error"]


def test_a_name_wrapped_inside_its_cell_keeps_its_row(tmp_path: Path) -> None:
    # the cell printed its name on two lines (设施完 | 好率), a space between them on one line:
    # the second word ends the name, the row's values follow it (no row without a name)
    flat = tmp_path / "自评表.txt"
    flat.write_text(_flat(SELF.replace("\t设施完好率\t", "\t设施完 好率\t")) + "\n", encoding="utf-8")
    [form] = read(flat).forms
    got = [(i.name, i.target, i.actual, i.score) for _, i in form.indicators()]
    assert got == [
        ("维护健身点位数", "≥60个", "62个", 20),
        ("设施完好率", "≥95%", "96%", 20),
        ("居民满意度", "≥90%", "85%", 18.89),
    ]
