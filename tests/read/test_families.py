"""Template families and text layouts of other regions, in fixtures of our own (issue 8).

Each fixture is a small invented form written in one layout; the expected values were read off
the fixture by hand. None is keyed to the shared examples' units or numbers.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from jixiao.model import Document, FormKind
from jixiao.read import ReadError, read
from jixiao.read._forms import build_forms
from jixiao.read._headers import use_templates
from jixiao.read.text import text_rows


def text_doc(body: str, path: str = "f.txt") -> Document:
    """A document given exactly as written: pipes are the layout; ``→`` stands for a tab."""
    text = textwrap.dedent(body).strip("\n").replace("→", "\t")
    return build_forms(text_rows(text, path), path)


def rows_of(doc: Document, form: int = 0) -> list[tuple]:
    return [
        (i.level1, i.level2, i.name, i.weight, i.target, i.actual, i.score)
        for _, i in doc.forms[form].indicators()
    ]


PIPE_NATIONAL = """
    2021年度项目支出绩效自评表 | 部门:石门县农业局 ||||||
    | 项目名称 | 农机购置补贴 ||||||
    | 主管部门 | 石门县农业局 | 实施单位 | 石门县农机站 |||||
    项目资金（万元） |  | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率 | 得分 ||
    | 年度资金总额 | 40 | 50 | 45 | 10 | 90% | 9 |||
    其中：当年财政拨款 | 40 | 50 | 45 | — | — | — |||
    | 年度总体目标 | 预期目标 | 实际完成情况 |||
    补贴农机200台 | 补贴农机210台 ||||||
    | 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
    | 产出指标 | 数量指标 | 补贴农机台数 | ≥200台 | 210台 | 30 | 30 |  ||
    受益农户数 | ≥150户 | 120户 | 20 | 16 | 部分农户延至下年申请 ||||
    |  | …… |  |  |  |  |||
    | 效益指标 | 经济效益指标 | 户均节本增收 | ≥0.2万元 | 0.25万元 | 30 | 30 |  ||
    满意度指标 | 服务对象满意度指标 | 农户满意度 | ≥90% | 95% | 10 | 10 |  ||
    总分 | 100 | 95 |  ||||
"""


def test_pipe_rows_with_covered_cells_dropped_are_placed_by_role() -> None:
    doc = text_doc(PIPE_NATIONAL)
    assert len(doc.forms) == 1
    f = doc.forms[0]
    assert (f.title, f.year, f.unit, f.project, f.implementer) == (
        "2021年度项目支出绩效自评表",
        2021,
        "石门县农业局",
        "农机购置补贴",
        "石门县农机站",
    )
    b = f.budget
    assert (b.planned, b.executed, b.weight, b.rate, b.score) == (50, 45, 10, 0.9, 9)
    assert f.extra["initial_budget"] == 40
    assert f.overall_goal.target == "补贴农机200台" and f.overall_goal.actual == "补贴农机210台"
    assert rows_of(doc) == [
        ("产出指标", "数量指标", "补贴农机台数", 30, "≥200台", "210台", 30),
        ("产出指标", "数量指标", "受益农户数", 20, "≥150户", "120户", 16),
        ("效益指标", "经济效益指标", "户均节本增收", 30, "≥0.2万元", "0.25万元", 30),
        ("满意度指标", "服务对象满意度指标", "农户满意度", 10, "≥90%", "95%", 10),
    ]
    assert f.extra["deviation_by_indicator"] == {"受益农户数": "部分农户延至下年申请"}
    assert f.extra["placeholders"]  # the …… row is reported, never an indicator
    assert f.total_score == 95


def test_one_cell_per_line_blank_separated_rebuilds_rows() -> None:
    cells = [
        "2022年度衔接资金项目绩效自评表",
        "项目名称",
        "河口村冷库建设",
        "主管部门",
        "和平县乡村振兴局",
        "实施单位",
        "河口镇人民政府",
        "项目资金（万元）",
        " ",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "80",
        "80",
        "72",
        "10",
        "90.00%",
        "9",
        "其中：中央衔接资金",
        "50",
        "50",
        "45",
        "-",
        "-",
        "-",
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "年度指标值",
        "全年实际值",
        "得分",
        "未完成原因分析及改进措施",
        "产出指标",
        "数量指标",
        "★新建冷库容量",
        "40",
        "≥500吨",
        "500吨",
        "40",
        " ",
        "其中：保鲜库",
        " ",
        "200吨",
        "200吨",
        " ",
        " ",
        "效益指标",
        "经济效益指标",
        "带动农户增收",
        "40",
        "≥1000元",
        "900元",
        "36",
        "价格下行",
        "满意度指标",
        "服务对象满意度指标",
        "农户满意度",
        "10",
        "≥90%",
        "93%",
        "10",
        " ",
        "总分",
        "100",
        " ",
        "95",
        " ",
    ]
    text = "\n\n".join(cells)  # an empty cell is a line holding one space
    doc = build_forms(text_rows(text, "f.txt"), "f.txt")
    f = doc.forms[0]
    assert f.project == "河口村冷库建设" and f.supervisor == "和平县乡村振兴局"
    assert (f.budget.planned, f.budget.executed, f.budget.rate, f.budget.score) == (80, 72, 0.9, 9)
    assert rows_of(doc) == [
        ("产出指标", "数量指标", "新建冷库容量", 40, "≥500吨", "500吨", 40),
        ("效益指标", "经济效益指标", "带动农户增收", 40, "≥1000元", "900元", 36),
        ("满意度指标", "服务对象满意度指标", "农户满意度", 10, "≥90%", "93%", 10),
    ]
    assert f.extra["core_indicators"] == ["新建冷库容量"]
    assert f.extra["sub_rows"] == [
        {"parent": "新建冷库容量", "name": "其中：保鲜库", "target": "200吨", "actual": "200吨"}
    ]
    assert f.total_score == 95


def test_one_cell_per_line_bar_terminated_with_split_target() -> None:
    cells = [
        "项目名称",
        "乡村医生培训",
        "绩效指标（90分）",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "产出指标",
        "数量指标",
        "培训人数",
        "≥",
        "300",
        "人",
        "280",
        "50",
        "46.67",
        "满意度指标",
        "服务对象满意度指标",
        "学员满意度",
        "≥",
        "90",
        "%",
        "96",
        "40",
        "40",
        "总分",
        "100",
        "96.67",
    ]
    body = "2023年度部门预算项目支出绩效自评表\n" + "\n".join(f"{c} |" for c in cells)
    f = text_doc(body).forms[0]
    assert f.goals[0].name == "绩效指标" and f.goals[0].weight == 90
    assert [(i.name, i.target, i.actual, i.weight, i.score) for _, i in f.indicators()] == [
        ("培训人数", "≥300人", "280人", 50, 46.67),
        ("学员满意度", "≥90%", "96%", 40, 40),
    ]


def test_space_separated_flat_list_with_adjusted_targets() -> None:
    doc = text_doc(
        """
        江岸区交通局2023年度部门整体绩效自评表.xlsx

        单位名称 江岸区交通局  填报日期 2024年3月1日
        预算执行情况  年初预算数（万元） 全年预算数（万元）  全年执行数（万元） 执行率（%） 执行率权重 执行率得分（分）
              900 1000  960 96  10 9.6
        绩效指标
        指标名称  计量单位 指标性质  年初指标值 调整指标值 全年完成值 得分系数（%）  指标权重（分） 指标得分（分） 是否核心指标
        公交线路优化条数 条 定量 ≥5 ≥6 6 100 20 20 是
        道路完好率  % 定量 ≥95  93 97.89 30 29.37 否
        行业安全形势 定性 平稳 平稳 100 40 40 是
        总分 99
        """
    )
    f = doc.forms[0]
    assert f.kind == FormKind.DEPARTMENT_SELF_EVALUATION
    assert f.title == "江岸区交通局2023年度部门整体绩效自评表" and f.year == 2023
    assert f.unit == "江岸区交通局" and f.filled_on == "2024-03-01"
    b = f.budget
    assert (b.planned, b.executed, b.rate, b.weight, b.score) == (1000, 960, 0.96, 10, 9.6)
    assert f.goals[0].name == "绩效指标"
    assert rows_of(doc) == [
        (None, None, "公交线路优化条数", 20, "≥6条", "6条", 20),
        (None, None, "道路完好率", 30, "≥95%", "93%", 29.37),
        (None, None, "行业安全形势", 40, "平稳", "平稳", 40),
    ]
    assert f.extra["initial_targets"] == {"公交线路优化条数": "≥5条"}
    assert f.extra["score_coefficients"]["道路完好率"] == pytest.approx(0.9789)
    assert f.extra["core_indicators"] == ["公交线路优化条数", "行业安全形势"]
    assert f.total_score == 99


def test_quoted_csv_rows() -> None:
    doc = text_doc(
        """
        2022年度项目支出绩效自评表
        "项目名称","渔港维修",,,,,,
        "绩效指标","一级指标","二级指标","三级指标","年度指标值","实际完成值","分值","得分"
        ,"产出指标","数量指标","维修码头泊位","≥4个","4个","50","50"
        ,,"时效指标","完工时间","2022年10月底前","2022年10月15日","40","40"
        "总分",,,,,,"100","100"
        """,
        "f.csv",
    )
    assert rows_of(doc) == [
        ("产出指标", "数量指标", "维修码头泊位", 50, "≥4个", "4个", 50),
        ("产出指标", "时效指标", "完工时间", 40, "2022年10月底前", "2022年10月15日", 40),
    ]


def test_traditional_characters_read_and_kept_as_printed() -> None:
    doc = text_doc(
        """
        項目支出績效自評表
        （2022年度）
        項目名稱→漁業資源養護
        主管部門→海豐縣農業局→→實施單位→海豐縣漁政站
        績效指標→一級指標→二級指標→三級指標→年度指標值→實際完成值→分值→得分
        →產出指標→數量指標→增殖放流尾數→≥100萬尾→120萬尾→50→50
        →滿意度指標→服務對象滿意度指標→漁民滿意度→≥90%→92%→40→40
        總分→→→→→→90→90
        """
    )
    f = doc.forms[0]
    assert (f.title, f.year, f.project, f.supervisor) == (
        "項目支出績效自評表",
        2022,
        "漁業資源養護",
        "海豐縣農業局",
    )
    assert rows_of(doc)[0] == ("產出指標", "數量指標", "增殖放流尾數", 50, "≥100萬尾", "120萬尾", 50)
    assert f.total_score == 90


def test_titles_with_file_suffix_page_mark_or_none_at_all() -> None:
    body = """
        项目名称→社区书屋
        绩效指标→一级指标→二级指标→三级指标→年度指标值→实际完成值→分值→得分
        →产出指标→数量指标→新建书屋→≥5个→5个→90→90
        """
    for title, expected in (
        ("2023年度项目支出绩效自评表.pdf", "2023年度项目支出绩效自评表"),
        ("项目支出绩效自评表_第1页", "项目支出绩效自评表"),
        ("", ""),
    ):
        doc = text_doc(title + "\n" + textwrap.dedent(body))
        assert len(doc.forms) == 1, title
        assert doc.forms[0].title == expected
        assert doc.forms[0].kind == FormKind.PROJECT_SELF_EVALUATION
        assert rows_of(doc)[0][2:] == ("新建书屋", 90, "≥5个", "5个", 90)


def test_weights_without_fen_amounts_after_cut_and_in_yuan() -> None:
    doc = text_doc(
        """
        2021年度项目支出绩效自评表
        单位：元
        项目名称→防汛物资储备
        预算执行情况（20分）→→预算数→执行数→执行率→得分
        →年度财政资金总额→500000（压缩前）400000（压缩后）→360000→90%→18
        年度绩效目标（80分）→一级指标→二级指标→三级指标→年初目标值→实际完成值→得分
        →产出指标 (60)→数量指标 (60)→储备编织袋（60）→≥1万条→1万条→60
        →效益指标 (20)→社会效益指标→汛期物资保障率（20）→100%→100%→20
        总分→→→→→→98
        """
    )
    f = doc.forms[0]
    assert (f.budget.planned, f.budget.executed, f.budget.weight) == (40, 36, 20)
    assert f.extra["money_unit"] == "元"
    inds = [i for _, i in f.indicators()]
    assert [(i.level1, i.name, i.weight) for i in inds] == [
        ("产出指标", "储备编织袋", 60),
        ("效益指标", "汛期物资保障率", 20),
    ]
    assert f.goals[0].weight == 80


def test_unknown_column_never_shifts_the_others_and_user_vocabulary_extends() -> None:
    body = """
        2023年度项目支出绩效自评表
        项目名称→校园安保
        绩效指标→一级指标→二级指标→三级指标→年度指标值→本年完成值→数据来源→分值→得分
        →产出指标→数量指标→配备安保人员→≥20人→22人→人事台账→50→50
        →效益指标→社会效益指标→校园安全事故→0起→0起→安全台账→40→40
        """
    doc = text_doc(body)
    assert [(i.name, i.target, i.weight, i.score) for _, i in doc.forms[0].indicators()] == [
        ("配备安保人员", "≥20人", 50, 50),
        ("校园安全事故", "0起", 40, 40),
    ]
    inds = [i for _, i in doc.forms[0].indicators()]
    assert [i.actual for i in inds] == ["22人", "0起"]  # 本年完成值: a 完成值 by its label
    assert inds[0].extra["columns"] == {"数据来源": "人事台账"}


def test_user_templates_file_adds_labels(tmp_path: Path) -> None:
    mine = tmp_path / "my.yaml"
    mine.write_text("indicator_columns:\n  actual: [本期实绩]\n", encoding="utf-8")
    doc_path = tmp_path / "f.txt"
    doc_path.write_text(
        "2023年度项目支出绩效自评表\n项目名称\t校园安保\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t本期实绩\t分值\t得分\n"
        "\t产出指标\t数量指标\t配备安保人员\t≥20人\t22人\t50\t50\n",
        encoding="utf-8",
    )
    assert [i.actual for _, i in read(doc_path).forms[0].indicators()] == [None]
    with use_templates(mine):
        form = read(doc_path).forms[0]
    assert [(i.name, i.actual) for _, i in form.indicators()] == [("配备安保人员", "22人")]
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicator_colums:\n  actual: [x]\n", encoding="utf-8")
    with pytest.raises(ReadError, match="未知的词表项"), use_templates(bad):
        pass


HTML_SPLIT = """<html><body><h3>2022年度项目支出绩效自评表</h3>
<p>填报单位：北山县水务局　填报日期：2023年2月1日</p>
<table border="1">
<tr><td>项目名称</td><td colspan="9">农村饮水维修</td></tr>
<tr><td rowspan="5">绩效指标</td><td rowspan="2">一级指标</td><td rowspan="2">二级指标</td><td rowspan="2">三级指标</td>
<td colspan="3">年度指标值</td><td rowspan="2">实际完成值</td><td rowspan="2">分值</td><td rowspan="2">得分</td></tr>
<tr><td>指标性质</td><td>指标值</td><td>度量单位</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>维修水厂<br>数量</td><td>≧</td><td>6</td><td>座</td><td>6座</td><td>50</td><td>50</td></tr>
<tr><td>质量指标</td><td>水质达标率</td><td>═</td><td>100</td><td>%</td><td>100%</td><td>20</td><td>20</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>水源保护</td><td>定性</td><td>有效保护</td><td></td><td>有效保护</td><td>20</td><td>18</td></tr>
<tr><td colspan="8">总分</td><td>90</td><td>88</td></tr>
</table></body></html>"""


def test_html_table_rowspan_colspan_and_two_row_header(tmp_path: Path) -> None:
    p = tmp_path / "form.html"
    p.write_text(HTML_SPLIT, encoding="utf-8")
    doc = read(p)
    f = doc.forms[0]
    assert (f.unit, f.filled_on, f.project) == ("北山县水务局", "2023-02-01", "农村饮水维修")
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.score) for _, i in f.indicators()] == [
        ("产出指标", "数量指标", "维修水厂数量", "≧6座", "6座", 50),
        ("产出指标", "质量指标", "水质达标率", "═100%", "100%", 20),
        ("效益指标", "社会效益指标", "水源保护", "有效保护", "有效保护", 18),
    ]
    assert f.total_score == 88


def test_file_holding_only_a_report_is_a_report(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text("2022年度农机购置补贴项目自评报告\n一、基本情况\n该项目自评得分95分。\n", encoding="utf-8")
    doc = read(p)
    assert doc.forms == [] and len(doc.reports) == 1


def test_side_by_side_target_halves_are_two_goals() -> None:
    doc = text_doc(
        """
        项目支出绩效目标申报表
        项目名称 | 智慧灌区 ||||
        | 总体目标 | 中期目标（2023—2025年） | 年度目标 |||
        | 建成灌区监测网 | 建成一期监测站 ||||
        绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 |
        | 产出指标 | 数量指标 | 监测站数量 | ≥30个 | 数量指标 | 一期监测站数量 | ≥10个 ||
        | 成本指标 | 单站成本 | ≤8万元 | 成本指标 | 单站成本 | ≤8万元 ||
        """
    )
    f = doc.forms[0]
    assert f.kind == FormKind.PROJECT_TARGET
    assert [(g.name, g.text) for g in f.goals] == [
        ("中期目标（2023—2025年）", "建成灌区监测网"),
        ("年度目标", "建成一期监测站"),
    ]
    assert [(i.level1, i.level2, i.name, i.target) for i in f.goals[1].indicators] == [
        ("产出指标", "数量指标", "一期监测站数量", "≥10个"),
        ("产出指标", "成本指标", "单站成本", "≤8万元"),
    ]


CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "files"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="held-out corpus not present")
def test_held_out_corpus_is_read_field_by_field() -> None:
    """The held-out corpus (tests/corpus, made independently of the reader): every form found
    with its kind, and at least 98% of the contract's fields right."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from benchmarks.accuracy import run

    result = run([CORPUS])
    assert result["read_failures"] == []
    assert result["forms_found"] == result["forms_expected"]
    assert result["kinds_right"] == result["forms_expected"]
    assert result["field_accuracy"] >= 0.98, result["wrong"][:20]


def test_cli_templates_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app
    from jixiao.read import _headers

    monkeypatch.delenv(_headers.TEMPLATES_ENV, raising=False)  # the CLI sets it for its workers
    monkeypatch.setattr(_headers, "_env_files", [None])  # restored after the test

    mine = tmp_path / "my.yaml"
    mine.write_text("indicator_columns:\n  actual: [本期实绩]\n", encoding="utf-8")
    doc_path = tmp_path / "f.txt"
    doc_path.write_text(
        "2023年度项目支出绩效自评表\n项目名称\t校园安保\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t本期实绩\t分值\t得分\n"
        "\t产出指标\t数量指标\t配备安保人员\t≥20人\t22人\t50\t50\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["parse", str(doc_path), "--templates", str(mine)])
    assert result.exit_code == 0 and '"actual": "22人"' in result.output
    result = runner.invoke(app, ["parse", str(doc_path), "--templates", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2 and "模板词表文件不存在" in result.output
