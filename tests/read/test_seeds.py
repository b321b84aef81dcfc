"""The seeds are the specification: every form found with its kind, and whole forms checked
field by field against the printed text (values below were read off the seed files by eye)."""

from __future__ import annotations

import pytest

from jixiao.contract import form_to_contract
from jixiao.model import FormKind
from jixiao.read import read
from jixiao.read._clean import compact
from tests.conftest import seed

P, D, DT, PT = (
    FormKind.PROJECT_SELF_EVALUATION,
    FormKind.DEPARTMENT_SELF_EVALUATION,
    FormKind.DEPARTMENT_TARGET,
    FormKind.PROJECT_TARGET,
)


@pytest.mark.parametrize(
    ("prefix", "kinds", "reports"),
    [
        ("000", [D], 0),
        ("001", [DT, PT, PT, PT, PT], 0),
        ("003", [D] + [P] * 18, 0),
        ("004", [P] * 10 + [D] + [P] * 9, 10),
    ],
)
def test_every_form_is_found_with_its_kind(prefix: str, kinds: list[FormKind], reports: int) -> None:
    doc = read(seed(prefix))
    assert [f.kind for f in doc.forms] == kinds
    assert len(doc.reports) == reports


def _rows(form) -> list[tuple]:
    return [
        (g.name, i.level1, i.level2, i.name, i.weight, i.target, i.actual, i.score)
        for g in form.goals
        for i in g.indicators
    ]


def _c(value):
    return compact(value) if isinstance(value, str) else value


def _same(actual: list[tuple], expected: list[tuple]) -> None:
    assert [tuple(_c(v) for v in row) for row in actual] == [tuple(_c(v) for v in row) for row in expected]


def test_project_self_evaluation_whole_form_statistics_bureau() -> None:
    """004: 2020 年度统计工作经费项目自评表 — three goals, weights in the goal labels."""
    form = next(f for f in read(seed("004")).forms if "统计工作经费" in f.title)
    assert form.unit == "武汉东湖新技术开发区统计局"
    assert form.project == "2020 年统计部门工作经费".replace(" ", "")
    assert form.supervisor is None  # 主管部门 is blank
    assert compact(form.implementer or "") == "发改局(统计局)"
    assert form.filled_on == "2021-06-17"
    assert form.year == 2020
    b = form.budget
    assert (b.weight, b.planned, b.executed, b.rate, b.score) == (20, 1029.73, 475.12, 0.4614, 9.23)
    assert [(g.name, g.weight) for g in form.goals] == [
        ("年度绩效目标1", 56),
        ("年度绩效目标2", 20),
        ("年度绩效目标3", 4),
    ]
    _same(
        _rows(form),
        [
            ("年度绩效目标1", "产出指标", "数量指标", "统计报表上报完成率", None, "100%", "100%", 8),
            ("年度绩效目标1", "产出指标", "数量指标", "四经普资料开发完成率", None, "100%", "100%", 8),
            (
                "年度绩效目标1",
                "产出指标",
                "数量指标",
                "“四上”企业统计培训工作完成率",
                None,
                "100%",
                "100%",
                8,
            ),
            ("年度绩效目标1", "产出指标", "数量指标", "下沉经费发放完成率", None, "100%", "100%", 8),
            ("年度绩效目标1", "产出指标", "数量指标", "统计产品编制完成率", None, "98%", "100%", 8),
            ("年度绩效目标1", "产出指标", "质量指标", "统计数据准确性", None, "98%", "100%", 8),
            ("年度绩效目标1", "产出指标", "时效指标", "统计数据及时率", None, "100%", "100%", 8),
            (
                "年度绩效目标2",
                "效益指标",
                "社会效益指标",
                "科技部火炬中心对火炬统计工作评估结果",
                None,
                "优秀",
                "优秀",
                8,
            ),
            (
                "年度绩效目标2",
                "效益指标",
                "社会效益指标",
                "新增“四上”企业入库完成率",
                None,
                "100%",
                "100%",
                8,
            ),
            ("年度绩效目标2", "效益指标", "社会效益指标", "咨询回复率", None, "100%", "100%", 4),
            (
                "年度绩效目标3",
                "满意度指标",
                "社会公众或服务对象满意度指标",
                "服务对象满意度",
                None,
                "98%",
                "100%",
                4,
            ),
        ],
    )
    assert form.total_score == 89.23
    assert compact(form.deviation_reason or "").startswith("1、根据委主要领导签批的统计队伍改革的签报")
    assert compact(form.improvement or "").startswith("不断提高对预算绩效管理制度的相关认识")


def test_project_self_evaluation_with_overall_goal_and_header_score() -> None:
    """003: the 20 + 20 + 60 layout; 自评得分 printed in the header line."""
    form = read(seed("003")).forms[3]
    assert compact(form.title) == "2021年度湖北洪山实验室建设经费项目自评表"
    assert form.total_score == 83
    assert form.supervisor is None and form.implementer == "华中农业大学"
    assert form.overall_goal is not None
    assert (form.overall_goal.weight, form.overall_goal.score) == (20, 20)
    assert form.overall_goal.target == "完成勘测、三通一平、方案设计、前期工作。"
    assert [(g.name, g.weight) for g in form.goals] == [("项目年度绩效指标", 60)]
    _same(
        _rows(form),
        [
            ("项目年度绩效指标", "产出指标", "数量指标", "移树", None, "55.4万元", "55.4万元", 10),
            ("项目年度绩效指标", "产出指标", "数量指标", "可研", None, "15.4万元", "15.4万元", 10),
            ("项目年度绩效指标", "产出指标", "数量指标", "地勘", None, "9.38万元", "9.38万元", 10),
            ("项目年度绩效指标", "产出指标", "数量指标", "设计费", None, "474万元", "94.8万元", 2),
            ("项目年度绩效指标", "产出指标", "数量指标", "监理", None, "227.8万元", "22.78万元", 1),
            ("项目年度绩效指标", "产出指标", "质量指标", "完成三通一平", None, "完成", "完成", 5),
            (
                "项目年度绩效指标",
                "产出指标",
                "时效指标",
                "项目EPC招标完成时间",
                None,
                "2021.11.30前",
                "2021.11.1前",
                5,
            ),
        ],
    )


def test_budget_rows_as_printed() -> None:
    """Budget figures are exported as printed, wrong ones included."""
    forms = read(seed("004")).forms
    by_project = {f.project: f.budget for f in forms}
    # "940(压缩后)  944.63  100%": the score cell is lost in the dump; the printed total (100)
    # and the indicators (80) fix it at 20 = 20 × 100%, as the contract's example says
    first = forms[0].budget
    assert (first.planned, first.executed, first.rate, first.score) == (940, 944.63, 1.0, 20)
    assert forms[0].extra["recovered"] == ["budget.score"]
    street = by_project["街道分中心建设"]  # a score of 100 for a weight of 20, as printed
    assert (street.rate, street.score) == (0.999, 100)
    office = forms[11].budget  # 管委会机关: 19.2 printed where 20 × 99.1% = 19.82
    assert (office.planned, office.executed, office.rate, office.score) == (95803.81, 94945.88, 0.991, 19.2)
    org = by_project["组织部专项经费"]  # rate printed without a % sign: "67.24"
    assert (org.rate, org.score) == (0.6724, 13.44)
    net = forms[10].budget  # rate printed as a fraction
    assert (net.rate, net.score) == (0.44462997, 8.89259938)
    soil = by_project["水土保持方案审批技术服务"]  # no 执行率 column; score recovered from the total
    assert (soil.planned, soil.executed, soil.rate, soil.score) == (145, 148.75, None, 20)


def test_department_self_evaluation_weights_in_labels_and_page_headers() -> None:
    """000: eight goals over nine pages; every page repeats the title and header lines."""
    doc = read(seed("000"))
    assert len(doc.forms) == 1
    form = doc.forms[0]
    assert form.unit == "武汉国家生物产业基地建设管理办公室"
    assert form.filled_on == "2021-06-30"
    assert form.total_score == 99.59
    assert [(g.name, g.weight) for g in form.goals] == [
        ("年度目标1", 9),
        ("年度目标2", 8),
        ("年度目标3", 8),
        ("年度目标4", 20),
        ("年度目标5", 9),
        ("年度目标6", 8),
        ("年度目标7", 9),
        ("年度目标8", 9),
    ]
    g1 = form.goals[0]
    assert g1.text == "维持部门日常工作开展"
    first = g1.indicators[0]
    assert (first.level1, first.level2, first.name, first.weight) == (
        "产出指标",
        "数量指标",
        "办公场所正常运转天数",
        0.5,
    )
    assert (first.target, first.actual, first.score) == ("2020年工作日天数", "251个工作日", 0.5)
    assert (first.level1_weight, first.level2_weight) == (7, 3.5)
    wrapped = g1.indicators[2]  # "政务服务分中心正常工作天 数(0.5分)": a space inside the word
    assert wrapped.name == "政务服务分中心正常工作天数"
    hospitality = g1.indicators[5]
    assert (hospitality.name, hospitality.target, hospitality.actual, hospitality.score) == (
        "公务接待费用",
        "1万元",
        "0.87万元",
        0.43,
    )
    # goal 2 continues on the next page below a repeated title: still one goal
    assert [i.name for i in form.goals[1].indicators][3:5] == [
        "建立三级联防联控机制",
        "组织企业加班加点生产疫情防控医疗物资",
    ]
    unmet = [i for i in form.goals[3].indicators if i.actual == "未达成上级确定的任务量"]
    assert [(i.name, i.score) for i in unmet] == [("完成工业投资额", 0.5), ("实际利用外资额", 0.5)]
    assert sum(len(g.indicators) for g in form.goals) == 116
    # the last page prints the label wrapped over two lines ("改进措施及结" / "果应用方案")
    assert compact(form.improvement or "").startswith(compact("改进措施：无结果应用方案：生物办实行资金安排"))
    assert compact(form.deviation_reason or "").startswith("受2020年新冠肺炎疫情因素影响")


def test_department_self_evaluation_network_center() -> None:
    form = read(seed("004")).forms[10]
    assert compact(form.title) == "2021年度网络中心专项整体绩效自评表"
    assert form.unit == "政务和大数据局"
    assert [(g.name, g.weight) for g in form.goals] == [("年度目标1", 80)]
    _same(
        _rows(form),
        [
            (
                "年度目标1",
                "产出指标",
                "数量指标",
                "短信平台发送量",
                None,
                "≥90%(发送数量超过225万条)",
                None,
                0,
            ),
            (
                "年度目标1",
                "产出指标",
                "质量指标",
                "网络应急能力提升(无重大网络安全事故发生)",
                None,
                "良好",
                "良好",
                15,
            ),
            ("年度目标1", "产出指标", "时效指标", "服务效能提升、服务模式多样化", None, "良好", "良好", 10),
            (
                "年度目标1",
                "产出指标",
                "成本指标",
                "服务体验提升(就近办和自助办便捷性提高)",
                None,
                "良好",
                "良好",
                10,
            ),
            (
                "年度目标1",
                "效益指标",
                "经济效益指标",
                "节约企业的时间成本(自助打证机发放营业执照的数量)",
                None,
                "≥5000",
                "31198",
                15,
            ),
            (
                "年度目标1",
                "效益指标",
                "社会效益指标",
                "节省企业群众成本(投资项目全程帮办代办提升企业满意度)",
                None,
                "良好",
                "未达成预期指标",
                0,
            ),
            ("年度目标1", "效益指标", "环境效益指标", "政务服务环境优", None, "良好", "达成预期指标", 10),
            ("年度目标1", "效益指标", "可持续影响指标", "软环境优", None, "良好", "达成预期指标", 10),
            (
                "年度目标1",
                "满意度指标",
                "社会公众或服务对象满意度指标",
                "群众满意度、内部工作人员满意度",
                None,
                "良好",
                "达成预期指标",
                10,
            ),
        ],
    )
    assert form.total_score == 88.89259938


def test_project_target_long_term_and_annual_goals() -> None:
    """001: 党建群团工作专项 — long-term and annual goals are separate, each with indicators."""
    form = read(seed("001")).forms[4]
    assert form.kind is PT
    assert form.project == "党建群团工作专项"
    assert form.supervisor == "武汉国家生物产业基地建设管理办公室"
    assert form.implementer == "武汉国家生物产业基地建设管理办公室"
    assert form.budget is None and form.year == 2023
    assert [(g.name, g.term) for g in form.goals] == [
        ("长期绩效目标1", "long_term"),
        ("年度绩效目标1", "annual"),
    ]
    assert form.goals[0].text and form.goals[0].text.startswith("维护及提升园区职工服务中心管理")
    expected = [
        ("产出指标", "数量指标", "党员职工服务中心冷暖气正常运转天数", "≥90天/年"),
        ("产出指标", "数量指标", "职工文体活动举办次数", "≥4次/年"),
        ("产出指标", "数量指标", "组织书记、党员集中学习次数", "≥2次/年"),
        ("产出指标", "数量指标", "妇联、团委举办活动次数", "≥3次/年"),
        ("产出指标", "数量指标", "党报党刊订阅份数", "≥220份"),
        ("产出指标", "质量指标", "党员职工服务中心正常运转率", "≥95%"),
        ("产出指标", "质量指标", "预备党员转正率", "≥90%"),
    ]
    annual = [(i.level1, i.level2, i.name, compact(i.target or "")) for i in form.goals[1].indicators]
    assert annual[:7] == expected
    assert annual[7] == ("产出指标", "时效指标", "各项党建活动按计划开展率", "≥90%")
    assert all(
        i.basis == "计划标准" and i.actual is None and i.score is None for i in form.goals[1].indicators
    )
    assert len(form.goals[0].indicators) == 11 and len(form.goals[1].indicators) == 11


def test_department_target_goals() -> None:
    form = read(seed("001")).forms[0]
    assert form.kind is DT
    assert form.unit == "武汉国家生物产业基地建设管理办公室"
    assert [g.name for g in form.goals][:2] == ["长期目标1", "长期目标2"]
    assert [g.name for g in form.goals][9:11] == ["年度目标1", "年度目标2"]
    first = form.goals[0].indicators
    assert [(i.name, compact(i.target or ""), i.basis) for i in first[:3]] == [
        ("办公场所正常运转天数", "2023年工作日", "计划标准"),
        ("第三方服务项目数", "≥3个", "计划标准"),
        ("公务用车日常保养次数", "≥4次/年·辆", "计划标准"),
    ]


def test_narrative_reports_are_kept_and_attached() -> None:
    doc = read(seed("004"))
    by_title = {compact(r.title): r for r in doc.reports}
    office = by_title["2020年度管委会机关整体绩效自评结果"]
    assert doc.forms[office.form_index].project == "2020年管委会机关部门预算"
    assert office.stated_score == 96 and office.stated_budget_score == 19.8 and office.stated_rate == 0.991
    rent = by_title["2020年度1号楼房租项目自评结果"]
    assert rent.version in ("缩略版", "摘要版") and rent.stated_score == 100
    assert doc.forms[rent.form_index].project == "1号楼房租"
    epidemic = by_title["2020年度管委会机关疫情防控预算资金自评结果"]
    assert doc.forms[epidemic.form_index].project == "疫情防控资金"
    network = by_title["2020年度网络中心整体绩效自评结果(格式)"]
    assert network.stated_scores[:2] == [87.83, 88.89]
    assert doc.forms[network.form_index].kind is D


def test_contract_export_has_every_field() -> None:
    for prefix in ("000", "001", "003", "004"):
        for form in read(seed(prefix)).forms:
            data = form_to_contract(form)
            assert list(data) == [
                "schema", "kind", "title", "year", "unit", "project", "supervisor", "implementer",
                "filled_on", "budget", "overall_goal", "goals", "total_score", "deviation_reason",
                "improvement", "extra",
            ]  # fmt: skip
            for goal in data["goals"]:
                assert set(goal) == {"name", "text", "weight", "indicators"}
                for ind in goal["indicators"]:
                    assert set(ind) == {
                        "level1",
                        "level2",
                        "name",
                        "weight",
                        "target",
                        "actual",
                        "score",
                        "basis",
                    }
                    assert ind["name"] not in ("无", "/", "")
