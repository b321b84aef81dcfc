"""Table lines whose cells are printed glued together (no TAB, pipe or space) read as the form
they were: the header labels give the columns, value shapes and the block's arithmetic give the
cuts (``jixiao/read/_glued.py``). Before, such a file was a ReadError."""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read
from tests.conftest import REPO

# invented form; every figure checked by hand: 225/250 = 90 %, 10 × 90 % = 9; 15 × 81/90 = 13.5
GLUED = """\
溪口县2024年度项目支出绩效自评表
项目名称职业技能提升培训
主管部门溪口县人力资源和社会保障局实施单位溪口县就业服务中心
项目资金（万元）年初预算数全年预算数（A）全年执行数（B）分值执行率（B/A）得分
年度资金总额2002502251090%9
年度总体目标预期目标实际完成情况
开展职业技能培训，提升劳动者就业能力。完成职业技能培训，学员就业率明显提高。
绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施
产出指标数量指标培训人次≥500人次520人次2020
质量指标培训合格率≥90%81%1513.5部分学员考核未通过，下年加强辅导。
效益指标社会效益指标带动就业人数≥100人100人4040
满意度指标服务对象满意度指标学员满意度≥90%95%1515
总分10097.5
"""


def test_glued_cells_are_cut_at_labels_and_value_shapes(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(GLUED, encoding="utf-8")
    [form] = read(path).forms
    assert (form.project, form.supervisor, form.implementer) == (
        "职业技能提升培训",
        "溪口县人力资源和社会保障局",
        "溪口县就业服务中心",
    )
    b = form.budget
    assert (b.planned, b.executed, b.weight, b.score) == (250, 225, 10, 9)
    rows = [
        (i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score)
        for g in form.goals
        for i in g.indicators
    ]
    assert rows == [
        ("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 20, 20),
        ("产出指标", "质量指标", "培训合格率", "≥90%", "81%", 15, 13.5),
        ("效益指标", "社会效益指标", "带动就业人数", "≥100人", "100人", 40, 40),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "95%", 15, 15),
    ]
    assert form.overall_goal.target == "开展职业技能培训，提升劳动者就业能力。"


def _core(path: Path) -> str:
    forms = [form_to_contract(f) for f in read(path).forms]
    for f in forms:
        f.pop("source", None)
        f.pop("extra", None)
    return json.dumps(forms, ensure_ascii=False, sort_keys=True)


GLUED_SHARE_FLOOR = 22  # of the 28 TAB forms below read equal when glued (22 measured at this commit)


def test_glued_rendering_of_tab_corpus_forms(tmp_path: Path) -> None:
    files = [
        p
        for d in ("tests/corpus/files", "tests/corpus2/files")
        for p in sorted((REPO / d).glob("*.txt"))
        if "\t" in p.read_text(encoding="utf-8")
    ]
    same = 0
    for p in files:
        glued = tmp_path / p.name
        glued.write_text(
            "\n".join("".join(ln.split("\t")) for ln in p.read_text(encoding="utf-8").splitlines()) + "\n",
            encoding="utf-8",
        )
        try:
            same += _core(p) == _core(glued)
        except Exception:
            continue
    assert same >= GLUED_SHARE_FLOOR


# points in the level labels, a qualified qualitative actual, the total's score alone, a text box
GLUED_POINTS = """\
溪口县2024年度项目支出绩效自评表
项目名称职业技能提升培训
绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施
产出指标（60分）数量指标（30分）培训人次≥500人次520人次3030
效益指标（40分）可持续影响指标（40分）培训长效机制健全运行基本健全运行4028
总分58
偏差原因分析长效机制尚未完全建立。
"""


def test_glued_rows_with_points_and_qualitative_values(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(GLUED_POINTS, encoding="utf-8")
    [form] = read(path).forms
    rows = [
        (i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score)
        for g in form.goals
        for i in g.indicators
    ]
    assert rows == [
        ("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 30, 30),
        ("效益指标", "可持续影响指标", "培训长效机制", "健全运行", "基本健全运行", 40, 28),
    ]
    assert form.total_score == 58
    assert form.deviation_reason == "长效机制尚未完全建立。"


# a total row's grade after its points; a qualitative target whose words end the name
GLUED_GRADE = """\
溪口县2024年度项目支出绩效自评表
项目名称退役军人服务保障
绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分
产出指标数量指标走访慰问人次≥500人次520人次6060
效益指标可持续影响指标服务站规范运行规范运行规范运行4036
自评总分10096优
"""


def test_glued_total_grade_and_repeated_qualitative_value(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(GLUED_GRADE, encoding="utf-8")
    [form] = read(path).forms
    rows = [(i.name, i.target, i.actual, i.weight, i.score) for g in form.goals for i in g.indicators]
    assert rows == [
        ("走访慰问人次", "≥500人次", "520人次", 60, 60),
        ("服务站规范运行", "规范运行", "规范运行", 40, 36),
    ]
    assert form.total_score == 96


# budget headers with circled formula marks (元), amounts with 万, a reason text after the
# figures, full points from a threshold: 274.56/312 = 88 %; 404.25/420 = 96.25 %, 10 of 10
GLUED_BUDGETS = [
    (
        "部门资金（元）年初预算数①全年预算数④=①+②+③全年执行数⑤分值支出实现率⑥=⑤/④得分\n"
        "年度资金总额6080000640000056320001088%8.8\n",
        (640, 563.2, 0.88, 10, 8.8),
    ),
    (
        "预算执行情况（万元）（10分）年初预算调整后预算数预算执行数预算执行率权重得分原因\n"
        "财政资金312312274.5688%108.8部分项目款按合同约定于次年支付。\n",
        (312, 274.56, 0.88, 10, 8.8),
    ),
    (
        "项目资金（万元）年初预算数全年预算数（A）全年执行数（B）分值执行率（B/A）得分\n"
        "年度资金总额399万420万404.25万1096.25%10\n",
        (420, 404.25, 0.9625, 10, 10),
    ),
]


def test_glued_budget_rows(tmp_path: Path) -> None:
    for k, (budget, want) in enumerate(GLUED_BUDGETS):
        path = tmp_path / f"自评表{k}.txt"
        path.write_text(
            "溪口县2024年度项目支出绩效自评表\n项目名称职业技能提升培训\n" + budget + GLUED.split("\n", 7)[7],
            encoding="utf-8",
        )
        [form] = read(path).forms
        b = form.budget
        assert (b.planned, b.executed, b.rate, b.weight, b.score) == want, budget


# a lone 成本指标（6分） under 产出指标（50分）: the 二级 dimension, as the TAB form places it
GLUED_COST = """\
溪口县2024年度项目支出绩效自评表
项目名称农村公路养护
绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分
产出指标（50分）数量指标（44分）日常养护里程（44分）≥820公里845公里4444
成本指标（6分）每公里日常养护成本（6分）≤1.2万元1.04万元66
效益指标（50分）社会效益指标（50分）群众出行时间缩短（50分）≥12分钟12分钟5050
总分100100
"""


def test_glued_lone_cost_label_is_a_level2(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(GLUED_COST, encoding="utf-8")
    [form] = read(path).forms
    rows = [(i.level1, i.level2, i.target, i.score) for g in form.goals for i in g.indicators]
    assert rows[1] == ("产出指标", "成本指标", "≤1.2万元", 6)


# Sichuan-style 指标性质 | 指标值 | 计量单位 columns: the actual is bare and touches the points
# (461313 is 46 | 13 | 13: 461 | 31 | 3 breaks full points for a met target; 3.6566 is
# 3.65 | 6 | 6, not 3.6 | 56 | 6); a 定性 row; then a second form after its title
GLUED_NATURE = """\
溪口县2024年度部门预算项目支出绩效自评表
项目名称义务教育课后服务补助
绩效指标（90分）一级指标二级指标三级指标指标性质指标值计量单位完成值指标权重自评分偏差原因
产出指标数量指标开展课后服务学校数=46所461313
效益指标社会效益指标受益学生人数≥3.6万人3.6566
可持续影响指标课后服务保障机制定性持续健全持续健全1212
满意度指标服务对象满意度指标学生家长满意度≥90%91.71010
总分4141
溪口县2024年度部门预算项目支出绩效自评表
项目名称农村公路养护
绩效指标（90分）一级指标二级指标三级指标指标性质指标值计量单位完成值指标权重自评分偏差原因
产出指标数量指标日常养护里程≥820公里8454040
总分4040
"""


def test_glued_nature_and_unit_columns(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(GLUED_NATURE, encoding="utf-8")
    first, second = read(path).forms
    rows = [(i.name, i.target, i.actual, i.weight, i.score) for g in first.goals for i in g.indicators]
    assert rows == [
        ("开展课后服务学校数", "=46所", "46所", 13, 13),
        ("受益学生人数", "≥3.6万人", "3.65万人", 6, 6),
        ("课后服务保障机制", "持续健全", "持续健全", 12, 12),
        ("学生家长满意度", "≥90%", "91.7%", 10, 10),
    ]
    assert second.project == "农村公路养护"
    assert [(i.target, i.actual, i.score) for g in second.goals for i in g.indicators] == [
        ("≥820公里", "845公里", 40)
    ]


# the Yunnan two-row header glued: 指标性质指标值度量单位 under the 年度指标值 group label
GLUED_TWO_ROWS = """\
溪口县2024年度项目支出绩效自评表
项目名称农村公路日常养护补助
绩效指标一级指标二级指标三级指标年度指标值完成值分值自评分未完成原因分析及改进措施
指标性质指标值度量单位
产出指标数量指标农村公路日常养护里程≥860公里91899
时效指标危桥改造完工时间定性2022年10月底前2022年10月21日99
效益指标社会效益指标农村公路交通事故起数≤3起31313
总分3131
"""


def test_glued_two_row_header(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(GLUED_TWO_ROWS, encoding="utf-8")
    [form] = read(path).forms
    rows = [
        (i.level2, i.name, i.target, i.actual, i.weight, i.score) for g in form.goals for i in g.indicators
    ]
    assert rows == [
        ("数量指标", "农村公路日常养护里程", "≥860公里", "918公里", 9, 9),
        ("时效指标", "危桥改造完工时间", "2022年10月底前", "2022年10月21日", 9, 9),
        ("社会效益指标", "农村公路交通事故起数", "≤3起", "3起", 13, 13),
    ]


# a Chongqing budget header: 执行率（%）执行率权重执行率得分（分） is rate | weight | score (the
# cut into most labels, … | 执行率 | 权重 | …, named the rate three times); the rate printed
# without % under 执行率（%）: 57.6/64 = 90 %, full points from the threshold; 54/60 = 90 %, 10 × 90 % = 9
GLUED_CHONGQING = "预算执行情况年初预算数（万元）全年预算数（万元）全年执行数（万元）执行率（%）执行率权重执行率得分（分）\n"


def test_glued_chongqing_budget_header(tmp_path: Path) -> None:
    for k, (row, want) in enumerate(
        (("706457.6901010", (64, 57.6, 0.9, 10, 10)), ("80605490109", (60, 54, 0.9, 10, 9)))
    ):
        path = tmp_path / f"自评表{k}.txt"
        path.write_text(
            "溪口县2024年度项目支出绩效自评表\n项目名称职业技能提升培训\n"
            + GLUED_CHONGQING
            + row
            + "\n"
            + GLUED.split("\n", 5)[5],
            encoding="utf-8",
        )
        [form] = read(path).forms
        b = form.budget
        assert (b.planned, b.executed, b.rate, b.weight, b.score) == want, row


# a Hubei department form glued: numbered goals with their points after the text (26 + 34 = the
# table's 60), the goal column's block label before the column labels, the overall goal's score
# after its two sentences (43.8/50 = 87.6 %, 20 × 87.6 % = 17.52; 17.52 + 18 + 60 = 95.52); then
# the same goal table in traditional script
GLUED_GOALS = """\
溪口县统计局2023年度部门整体绩效自评表
单位名称溪口县统计局
预算执行情况（万元）（20分）预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)
部门整体支出总额5043.887.60%17.52
项目绩效总目标（20分）年初设定目标全年实际完成情况得分
完成统计调查任务。已完成全部统计调查任务。18
年度目标1完成国家和省定统计调查项目32项26
部门年度绩效指标（60分）一级指标二级指标三级指标分值年初目标值实际完成值得分
产出指标数量指标完成统计调查项目26≥32项34项26
年度目标2统计数据按时上报34
产出指标时效指标统计数据上报及时率34100%100%34
总分95.52
"""


def test_glued_goal_rows_and_block_labels(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(GLUED_GOALS, encoding="utf-8")
    [form] = read(path).forms
    assert [(g.name, g.text, g.weight) for g in form.goals] == [
        ("年度目标1", "完成国家和省定统计调查项目32项", 26),
        ("年度目标2", "统计数据按时上报", 34),
    ]
    rows = [
        (i.level2, i.name, i.target, i.actual, i.weight, i.score) for g in form.goals for i in g.indicators
    ]
    assert rows == [
        ("数量指标", "完成统计调查项目", "≥32项", "34项", 26, 26),
        ("时效指标", "统计数据上报及时率", "100%", "100%", 34, 34),
    ]
    o = form.overall_goal
    assert (o.target, o.actual, o.score) == ("完成统计调查任务。", "已完成全部统计调查任务。", 18)
    assert (form.budget.executed, form.budget.score, form.total_score) == (43.8, 17.52, 95.52)


def test_glued_traditional_header_and_labels(tmp_path: Path) -> None:
    from jixiao.read._headers import simplified

    path = tmp_path / "自評表.txt"
    text = GLUED_GOALS.replace("年度目标1", "年度目標1").replace("年度目标2", "年度目標2")
    text = text.replace("一级指标二级指标三级指标", "一級指標二級指標三級指標").replace(
        "实际完成值", "實際完成值"
    )
    text = text.replace("产出指标数量指标", "產出指標數量指標").replace(
        "产出指标时效指标", "產出指標時效指標"
    )
    path.write_text(text, encoding="utf-8")
    [form] = read(path).forms
    rows = [
        (simplified(i.level1), simplified(i.level2), i.name, i.score)
        for g in form.goals
        for i in g.indicators
    ]
    assert rows == [
        ("产出指标", "数量指标", "完成统计调查项目", 26),
        ("产出指标", "时效指标", "统计数据上报及时率", 34),
    ]
    assert [g.weight for g in form.goals] == [26, 34]


# a Chongqing indicator table glued: name and unit touch (抽检批次批次 is 抽检批次 | 批次), bare
# values touch (≥32 | 35 | 100 | 11 | 11), an adjusted target repeats its target's sign, the
# 得分系数 is the score's share of the points: 147/150 = 98 %, 15 × 98 % = 14.7; 11 + 8 + 6 + 15
# + 10 = 50 points, 11 + 8 + 6 + 14.7 + 10 = 49.7 scored
GLUED_CQ = """\
溪口县统计局2023年度部门整体绩效自评表
单位名称溪口县统计局
预算执行情况年初预算数（万元）全年预算数（万元）全年执行数（万元）执行率（%）执行率权重执行率得分（分）
706457.6901010
年度总体目标完成统计调查任务。年度目标完成情况全部完成统计调查任务。
指标名称计量单位指标性质年初指标值调整指标值全年完成值得分系数（%）指标权重（分）指标得分（分）是否核心指标
完成统计调查项目项定量≥32351001111否
食品安全抽检批次批次定量≥4500≥5000552510088是
统计数据上报及时率%定量10010010066否
统计数据社会引用次数次定量≥150147981514.7否
统计公报发布时间定性2023年4月底前2023年4月25日1001010是
"""


def test_glued_chongqing_indicator_table(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text(GLUED_CQ, encoding="utf-8")
    [form] = read(path).forms
    rows = [(i.name, i.target, i.actual, i.weight, i.score) for g in form.goals for i in g.indicators]
    assert rows == [
        ("完成统计调查项目", "≥32项", "35项", 11, 11),
        ("食品安全抽检批次", "≥5000批次", "5525批次", 8, 8),
        ("统计数据上报及时率", "100%", "100%", 6, 6),
        ("统计数据社会引用次数", "≥150次", "147次", 15, 14.7),
        ("统计公报发布时间", "2023年4月底前", "2023年4月25日", 10, 10),
    ]
    assert form.overall_goal.target == "完成统计调查任务。"
    assert form.overall_goal.actual == "全部完成统计调查任务。"


def test_glued_weights_printed_as_percentages(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    text = GLUED.replace("520人次2020", "520人次20%20").replace("81%1513.5", "81%15%13.5")
    path.write_text(text, encoding="utf-8")
    [form] = read(path).forms
    rows = [(i.target, i.actual, i.weight, i.score) for g in form.goals for i in g.indicators]
    assert rows[:2] == [("≥500人次", "520人次", 20, 20), ("≥90%", "81%", 15, 13.5)]


# a target table glued whose target is masked (≥**%: a figure withheld, as templates print it)
GLUED_MASKED = """\
溪口县2025年度项目支出绩效目标表
项目名称职业技能提升培训
年度绩效指标一级指标二级指标三级指标指标值
产出指标数量指标培训人次≥500人次
质量指标培训合格率≥**%
时效指标培训完成时间2025年10月底前
"""


def test_glued_masked_target(tmp_path: Path) -> None:
    path = tmp_path / "目标表.txt"
    path.write_text(GLUED_MASKED, encoding="utf-8")
    [form] = read(path).forms
    rows = [(i.level2, i.name, i.target) for g in form.goals for i in g.indicators]
    assert rows == [
        ("数量指标", "培训人次", "≥500人次"),
        ("质量指标", "培训合格率", "≥**%"),
        ("时效指标", "培训完成时间", "2025年10月底前"),
    ]
