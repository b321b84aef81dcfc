"""A form flattened onto one line (every line break lost, cells separated by spaces, empty
cells gone) reads as the form it was: the line is cut back into its rows by the header
vocabulary (``jixiao/read/_oneline.py``). Before, such a file was a ReadError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import read
from jixiao.read._oneline import flattened_lines
from tests.conftest import REPO

SHARED = REPO.parent / "shared"

# Sichuan-like form: a 原因 column in the budget (a sentence after one row's amounts), a row
# label with no amounts, 偏差原因 texts after some rows' scores, rows that start with their name
ONE_LINE = (
    "桐江县2024年度部门预算项目支出绩效自评表 单位（盖章）：桐江县农业农村局 "
    "项目名称 高标准农田建设 主管部门 桐江县农业农村局 预算单位 桐江县农田建设服务中心 "
    "预算执行情况（万元）（10分） 年初预算 调整后预算数 预算执行数 预算执行率 权重 得分 原因 "
    "财政资金 500 480 432 90% 10 9 部分工程款按合同于次年支付。 单位资金 20 20 20 100% 其他资金 "
    "年度目标 预期目标 实际完成情况 新建高标准农田1.2万亩。 建成高标准农田1.1万亩。 "
    "绩效指标（90分） 一级指标 二级指标 三级指标 指标值 实际完成值 权重 得分 偏差原因 "
    "产出指标 数量指标 新建高标准农田面积 ≥1.2万亩 1.1万亩 30 27.5 受雨季影响部分地块延期。 "
    "配套灌溉渠道长度 ≥40公里 42公里 20 20 "
    "质量指标 工程验收合格率 100% 100% 20 20 "
    "满意度指标 服务对象满意度指标 农户满意度 ≥90% 86% 20 19.11 宣传不到位，将加强政策解读。 "
    "总分 100 95.61"
)


def test_a_form_on_one_line_is_read_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(ONE_LINE + "\n", encoding="utf-8")
    [form] = read(path).forms
    assert (form.project, form.implementer) == ("高标准农田建设", "桐江县农田建设服务中心")
    got = [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for _, i in form.indicators()]
    assert got == [
        ("产出指标", "数量指标", "新建高标准农田面积", "≥1.2万亩", "1.1万亩", 30, 27.5),
        ("产出指标", "数量指标", "配套灌溉渠道长度", "≥40公里", "42公里", 20, 20),
        ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 20, 20),
        ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "86%", 20, 19.11),
    ]
    # 30 × 1.1/1.2 = 27.5; 20 × 86/90 = 19.11; 9 + 27.5 + 20 + 20 + 19.11 = 95.61
    assert form.budget is not None
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (480, 432, 9)
    assert form.total_score == 95.61
    assert form.overall_goal is not None
    assert form.overall_goal.target == "新建高标准农田1.2万亩。"


def test_a_header_line_of_a_spaced_table_is_not_cut() -> None:
    assert (
        flattened_lines("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施")
        is None
    )
    assert flattened_lines("产出指标 数量指标 新增馆藏纸质图书 ≥12000册 9952册 15 12.44") is None


def _flat(text: str) -> str:
    """Every cell of every line, in order, on one line: what a lost-line-break copy gives."""
    return " ".join(tok for line in text.splitlines() for cell in line.split("\t") for tok in cell.split())


def _core(form: Any) -> dict[str, Any]:
    """The form-v1 reading without ``extra`` (the printed row lists and notes, which keep the
    line layout they came in)."""
    return {k: v for k, v in form_to_contract(form).items() if k != "extra"}


# Every family and layout that keeps its empty cells or has none: TAB and spaced rows, a
# two-row header (指标性质 | 指标值 | 度量单位), a 原因 budget column, an unknown column (指标说明),
# 中期/年度 halves, placeholder rows, a goal block scored in its header, two forms on one line.
FORMS = [
    "tests/corpus/files/a01_national_road_tab.txt",
    "tests/corpus/files/a06_national_river_spaces.txt",
    "tests/corpus/files/b01_department_justice_tab.txt",
    "tests/corpus/files/c07_xianjie_greenhouse_spaces.txt",
    "tests/corpus/files/d02_sichuan_school_tab.txt",
    "tests/corpus/files/e05_yunnan_road_tab.txt",
    "tests/corpus/files/f01_chongqing_justice_spaces.txt",
    "tests/corpus/files/g03_hebei_heritage_tab.txt",
    "tests/corpus/files/h01_hubei_block_road_tab.txt",
    "tests/corpus/files/i02_project_target_gas_tab.txt",
    "tests/corpus/files/i12_target101_waste_spaces.txt",
    "tests/corpus/files/x01_two_sichuan_forms_tab.txt",
    "tests/corpus/files/a15_national_weather_tab_total_label.txt",  # a title, then （2023年度）
    "tests/corpus2/files/c04_park_spaces_xianjie.txt",
    "tests/corpus2/files/h02_library_tab_overall.txt",
    "shared:templates/examples/07_chongqing_department_spaces.txt",
    "shared:templates/examples/09_hubei_one_block_tab.txt",
    "shared:templates/examples/12_department_target_placeholders.txt",
]


@pytest.mark.parametrize("name", FORMS)
def test_a_flattened_form_reads_as_the_form(name: str, tmp_path: Path) -> None:
    source = SHARED / name.removeprefix("shared:") if name.startswith("shared:") else REPO / name
    if not source.exists():
        pytest.skip(f"{source} is not here")
    flat = tmp_path / source.name
    flat.write_text(_flat(source.read_text(encoding="utf-8")) + "\n", encoding="utf-8")
    expected = [_core(f) for f in read(source).forms]
    assert expected
    assert [_core(f) for f in read(flat).forms] == expected


def _spaceless(value: Any) -> Any:
    """``value`` with every text's whitespace removed: a cell's inner spaces are lost when a
    line is cut at its spaces (``≥ 90%`` reads as ``≥90%``), as the contract compares texts."""
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, list):
        return [_spaceless(v) for v in value]
    if isinstance(value, dict):
        return {k: _spaceless(v) for k, v in value.items()}
    return value


# Wuhan TAB forms whose cells hold spaces (年度 绩效 指标, 产出 指标(15分), ≥ 90%, 得分 (20分*执行率)):
# the tokens of one cell are joined back when they make a level label, a sign and its figure
WUHAN = [
    "tests/corpus_wuhan/files/g01_goals_plain.txt",
    "tests/corpus_wuhan/files/p14_continuation_no_points.txt",
    # ≥ 350 万平方米 (sign, figure, unit), 年度 绩效 目标 1(80分), 2022 年度…自评表
    "tests/corpus_wuhan/files/p12_one_goal_shifted.txt",
    "tests/corpus_wuhan/files/m02_projects_only.txt",
    "tests/corpus_wuhan/files/w02_budget_label_wrapped.txt",
    # a bracket split by its space: 年度目标1: (27 分), (80 分)
    "tests/corpus_wuhan/files/j01_dept_joined_goal.txt",
    "tests/corpus_wuhan/files/p11_one_goal_bare_rate.txt",
    # the goal column's label 年度 绩效 指标 printed in the rows, not in the header: no row
    "tests/corpus_wuhan/files/d04_dept_shifted.txt",
    "tests/corpus_wuhan/files/m04_sub_units.txt",
]


@pytest.mark.parametrize("name", WUHAN)
def test_a_flattened_form_with_spaces_in_its_cells_reads_as_the_form(name: str, tmp_path: Path) -> None:
    source = REPO / name
    flat = tmp_path / source.name
    flat.write_text(_flat(source.read_text(encoding="utf-8")) + "\n", encoding="utf-8")
    expected = [_spaceless(_core(f)) for f in read(source).forms]
    assert expected
    assert [_spaceless(_core(f)) for f in read(flat).forms] == expected


def test_the_tokens_of_one_cell_are_joined() -> None:
    line = (
        "预算执行情况 (万元) (20分) 预算数(A) 执行数(B) 执行率(B/A) 得分 (20分*执行率) 部门整体支出总额 100 90 90% 18 "
        "一级指标 二级指标 三级指标 年初目标值 实际完成值 得分 "
        "产出 指标(10分) 数量指标(5分) 惠民演出场次(5分) ≥ 40场 45场 5 "
        "满意度 指标(10分) 服务对象满意度指标(10分) 观众满意度(10分) ≥ 90% 98% 10"
    )
    lines = flattened_lines(line)
    assert lines is not None
    assert "预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率)" in lines[0]
    assert "产出指标(10分) 数量指标(5分) 惠民演出场次(5分) ≥40场 45场 5" in lines
    assert "满意度指标(10分) 服务对象满意度指标(10分) 观众满意度(10分) ≥90% 98% 10" in lines


def test_a_unit_joins_its_figure_unless_the_table_has_a_unit_column() -> None:
    head = "一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 "
    rows = (
        "产出指标 数量指标 清扫道路面积 ≥ 350 万平方米 372万平方米 20 20 "
        "满意度指标 服务对象满意度指标 居民满意度 ≥ 85% 85% 20 20"
    )
    lines = flattened_lines("年度 绩效 目标 1(40分) " + head + rows)
    assert lines is not None
    assert "年度绩效目标1(40分)" in lines[0]
    assert "产出指标 数量指标 清扫道路面积 ≥350万平方米 372万平方米 20 20" in lines
    spaced = flattened_lines(head.replace("指标值", "指标值 度量单位") + rows.replace("≥ 350", "350"))
    assert spaced is not None
    assert "产出指标 数量指标 清扫道路面积 350 万平方米 372万平方米 20 20" in spaced


# A Wuhan-like self-assessment whose indicator names were printed on two lines: a copy from a
# PDF viewer gives the name's second line after the row's values (助餐服务覆 ≥500人 520人 20
# 盖人数(20分)); its points say the name ends there
WRAPPED = (
    "2023年度江城区社区养老服务项目自评表 单位名称: 江城区民政局 填报日期: 2024年2月20日 "
    "项目名称 社区养老服务 主管部门 江城区民政局 项目实施单位 江城区养老服务中心 "
    "预算执行情况(万元)(20分) 预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率) "
    "年度财政资金总额 100 95 95% 19 "
    "年度绩效目标1 (80分) 一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "
    "产出指标(40分) 数量指标(20分) 助餐服务覆 ≥500人 520人 20 盖人数(20分) "
    "质量指标(20分) 服务投诉办结率(20分) ≥95% 96% 20 "
    "效益指标(20分) 社会效益指标(20分) 老年人生活 明显改善 达成预期指标 20 便利程度(20分) "
    "满意度指标(20分) 服务对象满意度指标(20分) 老年人满意度(20分) ≥90% 91% 20 "
    "总分 99"
)


def test_a_wrapped_name_after_its_rows_values_ends_that_rows_name(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(WRAPPED + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for _, i in form.indicators()]
    assert got == [
        ("产出指标", "数量指标", "助餐服务覆盖人数", "≥500人", "520人", 20, 20),
        ("产出指标", "质量指标", "服务投诉办结率", "≥95%", "96%", 20, 20),
        ("效益指标", "社会效益指标", "老年人生活便利程度", "明显改善", "达成预期指标", 20, 20),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "91%", 20, 20),
    ]
    # 19 + 4 × 20 = 99: nothing left over as a row of its own
    assert form.total_score == 99


# the same without points, with a 二级 row stating none (成本指标 无): the name's tail is followed
# by a level label, and neither 无 nor a level label in a value column makes a row of its values
WRAPPED_NO_POINTS = (
    "2023年度江城区民政局部门整体绩效自评表 单位名称: 江城区民政局 填报日期: 2024年2月20日 "
    "预算执行情况(万元)(20分) 预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率) "
    "部门整体支出总额 100 95 95% 19 "
    "年度目标1(80分)：做好社区养老服务 年度绩效指标 一级指标 二级指标 指标名称 年初指标值 实际完成值 得分 "
    "产出指标 数量指标 助餐服务覆 ≥500人 520人 20 盖人数 "
    "质量指标 服务投诉办结率 ≥95% 96% 20 成本指标 无 "
    "效益指标 社会效益指标 老年人生活 明显改善 达成预期指标 20 便利程度 经济效益指标 无 "
    "满意度指标 服务对象满意度指标 老年人满意度 ≥90% 91% 20 "
    "总分 99"
)


def test_a_wrapped_name_before_a_level_label_and_rows_of_none(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(WRAPPED_NO_POINTS + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.level1, i.level2, i.name, i.target, i.actual, i.score) for _, i in form.indicators()]
    assert got == [
        ("产出指标", "数量指标", "助餐服务覆盖人数", "≥500人", "520人", 20),
        ("产出指标", "质量指标", "服务投诉办结率", "≥95%", "96%", 20),
        ("效益指标", "社会效益指标", "老年人生活便利程度", "明显改善", "达成预期指标", 20),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "91%", 20),
    ]


def test_a_wrapped_names_second_line_before_the_values_ends_the_name(tmp_path: Path) -> None:
    # the name's two lines came out together, the row's values after them (printed on the
    # second line): the points after 办结率 end the name, the values stay in its row
    text = WRAPPED.replace("服务投诉办结率(20分)", "服务投诉 办结率(20分)")
    path = tmp_path / "自评表.txt"
    path.write_text(text + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.name, i.target, i.actual, i.weight, i.score) for _, i in form.indicators()]
    assert got[1] == ("服务投诉办结率", "≥95%", "96%", 20, 20)
    assert len(got) == 4


def test_a_page_break_right_after_the_indicator_header(tmp_path: Path) -> None:
    # the page ended under the header: the title and header fields printed again come before
    # the first row, and are no columns of the header (单位名称 is no 单位 column)
    head = "2023年度江城区社区养老服务项目自评表 单位名称: 江城区民政局 填报日期: 2024年2月20日 "
    header = "实际完成值(B) 得分 "
    text = WRAPPED.replace(header, header + head)
    path = tmp_path / "自评表.txt"
    path.write_text(text + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.name, i.target, i.actual, i.weight, i.score) for _, i in form.indicators()]
    assert got == [
        ("助餐服务覆盖人数", "≥500人", "520人", 20, 20),
        ("服务投诉办结率", "≥95%", "96%", 20, 20),
        ("老年人生活便利程度", "明显改善", "达成预期指标", 20, 20),
        ("老年人满意度", "≥90%", "91%", 20, 20),
    ]
    assert form.total_score == 99
