"""Layout cases written in the dumps' own text (| stands for a tab)."""

from __future__ import annotations

from tests.conftest import read_doc

PROJECT_HEAD = """
    2022年度示范项目自评表

    单位名称: 示范局 填报日期: 2023年1月5日

    项目名称||示范项目
    主管部门||示范局||项目实施单位||示范中心
    预算执行情况 (万元) (20分)||预算数(A)|执行数(B)|执行率(B/A)|得分 (20分*执行率)
    ||年度财政资金总额|100|90|90%|18
    年度 绩效 目标 1 (80 分)|一级 指标|二级指标|三级指标||年初目标值 (A)|实际完成值 (B)|得分
"""


def test_title_printed_again_on_each_page_is_one_form() -> None:
    doc = read_doc(
        PROJECT_HEAD
        + """
    |产出 指标|数量指标|培训人次||≥100 人次|120 人次|40

    2022年度示范项目自评表

    单位名称: 示范局 填报日期: 2023年1月5日

    |效益 指标|社会效益指标|群众知晓率||≥80%|85%|40
    总分||98
    """
    )
    assert len(doc.forms) == 1
    form = doc.forms[0]
    assert [(i.level1, i.name, i.score) for i in form.goals[0].indicators] == [
        ("产出指标", "培训人次", 40),
        ("效益指标", "群众知晓率", 40),
    ]
    assert form.total_score == 98


def test_same_title_with_a_new_form_header_is_a_new_form() -> None:
    body = PROJECT_HEAD + "\n    |产出指标|数量指标|培训人次||≥100 人次|120 人次|40\n"
    doc = read_doc(body + body.replace("示范中心", "第二中心"))
    assert len(doc.forms) == 2
    assert [f.implementer for f in doc.forms] == ["示范中心", "第二中心"]


def test_cells_wrapped_onto_the_next_page_join_the_row_above() -> None:
    doc = read_doc(
        """
        项目支出绩效目标表

        项目名称|示范项目
        年度绩效目标表
        目标名称|一级指标|二级指标|三级指标|指标值|指标值确定依据
        年度绩效目标 1|产出指|数量指标|党员职工服|≥90 天/年|计划标准

        |标||务中心冷暖 气正常运转 天数||
        ||质量指标|预备党员转正率|≥90%|计划标准
        """
    )
    ind = doc.forms[0].goals[0].indicators
    assert [(i.level1, i.level2, i.name, i.target) for i in ind] == [
        ("产出指标", "数量指标", "党员职工服务中心冷暖气正常运转天数", "≥90天/年"),
        ("产出指标", "质量指标", "预备党员转正率", "≥90%"),
    ]


def test_placeholder_rows_are_not_indicators_but_carry_their_labels() -> None:
    doc = read_doc(
        PROJECT_HEAD
        + """
    |产出指标|数量指标|培训人次||≥100 人次|120 人次|40
    ||质量指标|无||||
    |效益指标|社会效益指标|/||||
    ||可持续影响指标|制度长效性||有效|有效|40
    """
    )
    ind = doc.forms[0].goals[0].indicators
    assert [(i.level1, i.level2, i.name) for i in ind] == [
        ("产出指标", "数量指标", "培训人次"),
        ("效益指标", "可持续影响指标", "制度长效性"),
    ]


def test_markup_is_layout_noise() -> None:
    doc = read_doc(
        """
        ## 2022 年度示范项目自评表

        单位名称: 示范局 填报日期: 2022.12.30

        项目名称||示范项目
        项目类别||1、部门预算项目 <input checked="" type="checkbox"/> 2、区级专项 <input type="checkbox"/>
        预算执行情况 (万元) (20分)||预算数(A)|执行数(B)|执行率(B/A)|得分
        ||年度财政资金总额 50(压缩后)|50|100%|20
        年度绩效目标 (80分)|一级指标|二级指标|三级指标|年初目标值 (A)|实际完成值 (B)|得分
        |产出指标|数量指标|覆盖率|$\\geq 95\\%$|96%|80
        <p>偏差大或目标未完成原因分析</p>|<p>无</p>
        """
    )
    form = doc.forms[0]
    assert form.filled_on == "2022-12-30"
    assert form.extra["fields"]["项目类别"] == "1、部门预算项目☑ 2、区级专项☐"
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (50, 50, 20)
    ind = form.goals[0].indicators[0]
    assert (ind.target, ind.actual, ind.score) == ("≥95%", "96%", 80)
    assert form.deviation_reason == "无"


def test_score_column_left_blank_is_not_read_from_the_actual() -> None:
    doc = read_doc(
        PROJECT_HEAD
        + """
    |满意度指标|服务对象满意度指标|群众满意度||95%以上|97%|
    |产出指标|数量指标|培训人次||≥100 人次|120 人次|40
    """
    )
    ind = doc.forms[0].goals[0].indicators
    assert [(i.name, i.target, i.actual, i.score) for i in ind] == [
        ("群众满意度", "95%以上", "97%", None),
        ("培训人次", "≥100人次", "120人次", 40),
    ]


def test_target_table_with_blank_basis() -> None:
    doc = read_doc(
        """
        项目支出绩效目标表

        项目名称|示范项目
        长期绩效目标表
        目标名称|一级指标|二级指标|三级指标|指标值|指标值确定依据
        长期绩效目标 1|效益指标|社会效益指标|社会影响力|有影响|
        |满意度指标|服务对象满意度指标|群众满意度|≥90%|计划标准
        """
    )
    ind = doc.forms[0].goals[0].indicators
    assert [(i.level2, i.name, i.target, i.basis) for i in ind] == [
        ("社会效益指标", "社会影响力", "有影响", None),
        ("服务对象满意度指标", "群众满意度", "≥90%", "计划标准"),
    ]


def test_national_2020_template() -> None:
    """财预〔2020〕10号: year on its own line, 分值 column, 年初/全年预算数, per-row 偏差原因 column."""
    doc = read_doc(
        """
        项目支出绩效自评表
        （2021年度）
        项目名称|社区养老服务补助
        主管部门|示范区民政局|实施单位|示范区养老服务中心
        项目资金（万元）||年初预算数|全年预算数（A）|全年执行数（B）|分值|执行率|得分
        |年度资金总额|120|100|95|10|95%|9.5
        |其中：当年财政拨款|120|100|95|—|—|—
        年度总体目标|预期目标||实际完成情况
        |为 300 名老人提供居家养老服务||服务老人 310 名
        绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施
        |产出指标|数量指标|服务老人人数|≥300人|310人|20|20|
        |||上门服务次数|≥3000次|2700次|20|18|疫情期间暂停上门服务
        |效益指标|社会效益指标|老人生活质量改善|明显改善|明显改善|30|28|
        |满意度指标|服务对象满意度指标|服务对象满意度|≥90%|93%|20|20|
        总分||||||100|95.5|
        """
    )
    form = doc.forms[0]
    assert (
        form.year == 2021 and form.project == "社区养老服务补助" and form.implementer == "示范区养老服务中心"
    )
    b = form.budget
    assert (b.planned, b.executed, b.weight, b.rate, b.score) == (100, 95, 10, 0.95, 9.5)
    assert form.overall_goal is not None and form.overall_goal.actual == "服务老人310名"
    rows = [
        (i.level1, i.name, i.weight, i.target, i.actual, i.score, i.extra.get("deviation"))
        for i in form.goals[0].indicators
    ]
    assert rows == [
        ("产出指标", "服务老人人数", 20, "≥300人", "310人", 20, None),
        ("产出指标", "上门服务次数", 20, "≥3000次", "2700次", 18, "疫情期间暂停上门服务"),
        ("效益指标", "老人生活质量改善", 30, "明显改善", "明显改善", 28, None),
        ("满意度指标", "服务对象满意度", 20, "≥90%", "93%", 20, None),
    ]
    assert form.total_score == 95.5


def test_national_target_declaration_form() -> None:
    """项目支出绩效目标申报表: a target table under another title, 主管部门及代码 as a label."""
    doc = read_doc(
        """
        项目支出绩效目标申报表
        （2022年度）
        项目名称|社区养老服务补助
        主管部门及代码|示范区民政局 101|实施单位|示范区养老服务中心
        绩效指标|一级指标|二级指标|三级指标|指标值
        |产出指标|数量指标|服务老人人数|≥300人
        |效益指标|社会效益指标|老人生活质量|明显改善
        """
    )
    form = doc.forms[0]
    assert form.kind.value == "project_target" and form.year == 2022
    assert (form.supervisor, form.implementer) == ("示范区民政局101", "示范区养老服务中心")
    assert [(i.name, i.target) for i in form.goals[0].indicators] == [
        ("服务老人人数", "≥300人"),
        ("老人生活质量", "明显改善"),
    ]


def test_two_names_fused_in_one_cell_are_split_by_the_names_printed_elsewhere() -> None:
    body = (
        PROJECT_HEAD
        + """
    |产出指标|数量指标|培训人次政策宣传场数||≥100 人次|120 人次|40
    ||||1场|1场|40
    """
    )
    other = (
        PROJECT_HEAD.replace("示范中心", "第二中心")
        + "\n    |产出指标|数量指标|培训人次||1|1|40\n    ||质量指标|政策宣传场数||2场|2场|40\n"
    )
    doc = read_doc(body + other)
    first = doc.forms[0].goals[0].indicators
    assert [(i.name, i.target, i.score) for i in first] == [
        ("培训人次", "≥100人次", 40),
        ("政策宣传场数", "1场", 40),
    ]
    assert not doc.issues


def test_lost_score_cell_is_recovered_from_the_total_and_marked() -> None:
    doc = read_doc(
        PROJECT_HEAD.replace("|100|90|90%|18", "|100|90|90%|18")
        + """
    |产出指标|数量指标|培训人次||≥100 人次|120 人次|40
    |效益指标|社会效益指标|群众知晓率||≥80%|85%
    总分||98
    """
    )
    form = doc.forms[0]
    assert form.goals[0].indicators[1].score == 40
    assert form.extra["recovered"] == ["goals[0].indicators[1].score"]


def test_a_total_that_does_not_fix_the_blank_leaves_it_blank() -> None:
    doc = read_doc(
        PROJECT_HEAD
        + """
    |产出指标|数量指标|培训人次||≥100 人次|120 人次|40
    |效益指标|社会效益指标|群众知晓率||≥80%|85%
    总分||200
    """
    )
    assert doc.forms[0].goals[0].indicators[1].score is None
    assert "recovered" not in doc.forms[0].extra


def test_lost_basis_is_recovered_from_the_same_indicator_in_the_other_table() -> None:
    doc = read_doc(
        """
        项目支出绩效目标表

        项目名称|示范项目
        长期绩效目标表
        目标名称|一级指标|二级指标|三级指标|指标值|指标值确定依据
        长期绩效目标 1|产出指标|数量指标|培训人次|≥100人次|历史标准
        年度绩效目标表
        目标名称|一级指标|二级指标|三级指标|指标值|指标值确定依据
        |年度绩效目标 1|产出指标|数量指标|培训人次|≥100人次
        """
    )
    form = doc.forms[0]
    assert [(g.name, g.indicators[0].basis) for g in form.goals] == [
        ("长期绩效目标1", "历史标准"),
        ("年度绩效目标1", "历史标准"),
    ]
    assert form.extra["recovered"] == ["goals[1].indicators[0].basis"]


def test_a_label_the_document_uses_as_a_second_level_stays_second_level_on_a_shifted_page() -> None:
    """seed 003: 满意度指标 sits under 效益指标 as a 二级 dimension; one page prints it in the
    一级 place alone, and it is read as the rest of the document reads it."""
    second = PROJECT_HEAD.replace("示范中心", "第二中心")
    doc = read_doc(
        PROJECT_HEAD
        + """
    |效益指标|经济效益指标|税收增长|≥5%|6%|40
    ||满意度指标|服务对象满意度||95%|97%|40
    """
        + second
        + """
    |产出指标|数量指标|培训人次||≥100 人次|120 人次|40
    满意度指标||服务对象满意度|95%|97%|40
    """
    )
    last = doc.forms[1].goals[0].indicators[-1]
    assert (last.level1, last.level2, last.name) == ("效益指标", "满意度指标", "服务对象满意度")
