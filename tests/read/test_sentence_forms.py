"""Forms written without a table: a 自评报告 in sentences, an e-mail, a chat message.

Offices send the form's content as text: the indicators one per sentence or line, each value
after its label (``数量指标：养护里程，年度目标值≥120公里，实际完成126公里，分值50分，自评得分50分。``),
the budget as a sentence or as ``label：value`` lines, or the table's cells separated by ``；``
under a line naming its columns. The reader found no table there and gave no form (corpus5 p01–p06).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

REPORT = """2023年度乡村公路养护项目支出绩效自评表

一、项目基本情况
项目名称：乡村公路养护
主管部门：桐江县交通运输局
实施单位：桐江县公路养护中心
二、预算执行情况
年度资金总额：年初预算数180万元，全年预算数200万元，全年执行数180万元，执行率90.00%，分值10分，得分9分。
三、绩效目标完成情况
预期目标：完成农村公路日常养护。
实际完成情况：已完成农村公路日常养护。
四、绩效指标完成情况
（一）产出指标
数量指标：养护里程，年度目标值≥120公里，实际完成126公里，分值50分，自评得分50分。
（二）效益指标
社会效益指标：道路优良率，年度目标值≥85%，实际完成88%，分值30分，自评得分30分。
（三）满意度指标
服务对象满意度指标：群众满意度，年度目标值≥90%，实际完成93%，分值10分，自评得分10分。
五、自评结论
自评总分99分。
填报日期：2024年3月8日
"""

EMAIL = """发件人：周敏
主题：报送2023年度乡村公路养护项目支出绩效自评表

各位领导：
现将绩效自评情况报送如下。
表名：2023年度乡村公路养护项目支出绩效自评表
项目名称：乡村公路养护
年初预算数：180万元
全年预算数：200万元
全年执行数：180万元
执行率：90.00%
预算执行分值：10分
预算执行得分：9分
绩效指标：
产出指标，数量指标，养护里程，指标值≥120公里，实际完成值126公里，分值50分，得分50分；
效益指标，社会效益指标，道路优良率，指标值≥85%，实际完成值88%，分值30分，得分30分；
满意度指标，服务对象满意度指标，群众满意度，指标值≥90%，实际完成值93%，分值10分，得分10分；
总分：99分
"""

CHAT = """部门整体支出绩效目标申报表
部门（单位）名称：桐江县交通运输局
一级指标；二级指标；三级指标；指标值
产出指标；数量指标；养护里程；≥120公里
效益指标；社会效益指标；道路优良率；≥85%
"""

EXPECTED = [
    ("产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 50, 50),
    ("效益指标", "社会效益指标", "道路优良率", "≥85%", "88%", 30, 30),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 10, 10),
]


def _form(tmp_path: Path, name: str, text: str) -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [form] = read(path).forms
    return form_to_contract(form)


def _indicators(form: dict) -> list[tuple]:
    keys = ("level1", "level2", "name", "target", "actual", "weight", "score")
    return [tuple(i[k] for k in keys) for g in form["goals"] for i in g["indicators"]]


def test_report_sentences_are_the_form(tmp_path: Path) -> None:
    form = _form(tmp_path, "自评报告.txt", REPORT)
    assert form["kind"] == "project_self_evaluation"
    assert (form["project"], form["implementer"]) == ("乡村公路养护", "桐江县公路养护中心")
    assert form["budget"] == {"weight": 10, "planned": 200, "executed": 180, "rate": 0.9, "score": 9}
    assert form["overall_goal"]["target"] == "完成农村公路日常养护。"
    assert form["overall_goal"]["actual"] == "已完成农村公路日常养护。"
    assert _indicators(form) == EXPECTED  # level 1 from the headings, 满意度指标 too
    assert form["total_score"] == 99
    assert form["filled_on"] == "2024-03-08"


def test_email_lines_are_the_form(tmp_path: Path) -> None:
    form = _form(tmp_path, "邮件.txt", EMAIL)
    assert form["title"] == "2023年度乡村公路养护项目支出绩效自评表"  # 表名： is a label
    assert form["budget"] == {"weight": 10, "planned": 200, "executed": 180, "rate": 0.9, "score": 9}
    assert _indicators(form) == EXPECTED
    assert form["total_score"] == 99


def test_chat_cells_split_by_semicolons(tmp_path: Path) -> None:
    form = _form(tmp_path, "消息.txt", CHAT)
    assert form["kind"] == "department_target"
    assert [(i[0], i[1], i[2], i[3]) for i in _indicators(form)] == [
        ("产出指标", "数量指标", "养护里程", "≥120公里"),
        ("效益指标", "社会效益指标", "道路优良率", "≥85%"),
    ]


HUBEI = """2023年度乡村公路养护项目支出绩效自评表
单位名称：桐江县交通运输局
年度财政资金总额：预算数200万元，执行数180万元，执行率90.00%，分值20分，得分18分。
年度绩效目标（80分）
（一）产出指标（50分）
数量指标（50分）：养护里程（50分），年初目标值≥120公里，实际完成值126公里，得分50分。
（二）效益指标（20分）
社会效益指标（20分）：道路优良率（20分），年初目标值≥85%，实际完成值88%，得分20分。
（三）满意度指标（10分）
服务对象满意度指标（10分）：群众满意度（10分），年初目标值≥90%，实际完成值93%，得分10分。
自评总分98分。
"""


def test_hubei_sentences_with_points_in_labels(tmp_path: Path) -> None:
    """The block label line above the sentences is the goal; headings and labels carry points."""
    form = _form(tmp_path, "自评报告.txt", HUBEI)
    [goal] = form["goals"]
    assert (goal["name"], goal["weight"]) == ("年度绩效目标", 80)
    assert form["budget"] == {"weight": 20, "planned": 200, "executed": 180, "rate": 0.9, "score": 18}
    assert _indicators(form) == [
        ("产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 50, 50),
        ("效益指标", "社会效益指标", "道路优良率", "≥85%", "88%", 20, 20),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 10, 10),
    ]
    assert form["total_score"] == 98


CHAT_GOAL = """部门整体支出绩效目标申报表
部门（单位）名称：桐江县交通运输局
年度总体目标：完成农村公路日常养护。
年度绩效指标：
一级指标；二级指标；三级指标；指标值
产出指标；数量指标；养护里程；≥120公里
效益指标；社会效益指标；道路优良率；≥85%
"""


def test_chat_goal_label_and_text_above_the_cells(tmp_path: Path) -> None:
    """``年度绩效指标：`` above the cells names the goal; ``年度总体目标：`` above it is its text."""
    form = _form(tmp_path, "消息.txt", CHAT_GOAL)
    [goal] = form["goals"]
    assert (goal["name"], goal["text"]) == ("年度绩效指标", "完成农村公路日常养护。")
    assert len(goal["indicators"]) == 2


def _wrapped(text: str, width: int) -> str:
    """Each line cut every ``width`` characters, as a PDF page (or pdftotext) prints a paragraph."""
    return "\n".join(
        line[k : k + width] for line in text.splitlines() for k in range(0, max(len(line), 1), width)
    )


def test_report_sentences_wrapped_at_the_page_edge_read_alike(tmp_path: Path) -> None:
    """A sentence cut across lines (after ``执``, inside ``分值10分``, before ``分。``) is one sentence:
    the PDF of a report reads as the report."""
    whole = _form(tmp_path, "自评报告.txt", REPORT)
    for width in (30, 33, 37):
        cut = _form(tmp_path, f"自评报告{width}.txt", _wrapped(REPORT, width))
        assert cut["budget"] == whole["budget"], width
        assert _indicators(cut) == _indicators(whole) == EXPECTED, width
        assert cut["total_score"] == whole["total_score"], width


HEBEI = """2023年度乡村公路养护项目支出绩效自评表
单位名称：桐江县交通运输局
项目名称：乡村公路养护
年度资金总额：预算数200万元，到位数200万元，执行数180万元，预算执行进度90.00%。
（一）产出指标（权重占比60%）
数量指标：养护里程，年度目标值≥120公里，实际完成126公里，分值50分，自评得分50分。
质量指标：路面合格率，年度目标值≥95%，实际完成96%，分值50分，自评得分50分。
（二）效果指标（权重占比40%）
社会效益：道路优良率，年度目标值≥85%，实际完成88%，分值60分，自评得分60分。
满意度：群众满意度，年度目标值≥90%，实际完成93%，分值40分，自评得分40分。
自评总分100分。
"""


def test_hebei_sentences_budget_without_points_and_level_shares(tmp_path: Path) -> None:
    """Hebei in sentences: the budget names 到位数 and no points; a level-1 heading carries its
    share of the total (``（权重占比60%）``), which is not part of the level's name."""
    form = _form(tmp_path, "河北自评报告.txt", HEBEI)
    assert form["budget"]["planned"] == 200
    assert form["budget"]["executed"] == 180
    assert form["budget"]["rate"] == 0.9
    assert [(i[0], i[2]) for i in _indicators(form)] == [
        ("产出指标", "养护里程"),
        ("产出指标", "路面合格率"),
        ("效果指标", "道路优良率"),
        ("效果指标", "群众满意度"),
    ]


TARGET = """2024年度项目支出绩效目标表
项目名称：乡村公路养护
主管部门：桐江县交通运输局
实施单位：桐江县公路养护中心
一、年度绩效目标
（一）产出指标
数量指标：养护里程，指标值≥120公里，设定依据：计划标准。
质量指标：路面合格率，指标值≥95%，指标值说明：按抽检结果计，设定依据：行业标准。
（二）满意度指标
服务对象满意度指标：群众满意度，指标值≥90%，设定依据：历史标准。
"""


def test_target_sentences_with_one_value_and_their_basis(tmp_path: Path) -> None:
    """A target written in sentences: after a level label, a name and its 指标值 make an indicator
    (no actual or points to print), and ``设定依据：`` gives its basis."""
    form = _form(tmp_path, "目标申报说明.txt", TARGET)
    assert form["kind"] == "project_target"
    inds = form["goals"][0]["indicators"]
    got = [(i["level1"], i["level2"], i["name"], i["target"], i["basis"]) for i in inds]
    assert got == [
        ("产出指标", "数量指标", "养护里程", "≥120公里", "计划标准"),
        ("产出指标", "质量指标", "路面合格率", "≥95%", "行业标准"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "历史标准"),
    ]
