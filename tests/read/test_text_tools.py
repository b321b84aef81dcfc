"""Forms as real tools make them text (``tests/read/data/tools``; how each was made is in its
README): the reading must not depend on our own text generators."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

DATA = Path(__file__).parent / "data" / "tools"


def test_libreoffice_csv_rows_without_quotes_and_a_cell_over_two_lines() -> None:
    # LibreOffice quotes only the cells that need it: `,年度资金总额,80,…` and the header row
    # carry no quote and no empty cell pair, and the wrapped goal cell goes on over two lines
    form = read(DATA / "lo_csv.csv").forms[0]
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (80, 72, 9)
    # the cell's line break kept, as the XLSX reader keeps it
    assert form.overall_goal.target == "改造供水管网12公里，\n农村自来水普及率达到98%。"
    assert form.overall_goal.actual == "改造管网12公里，普及率98.2%。"
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.score) for i in inds] == [
        ("产出指标", "数量指标", "改造供水管网长度", "≥12公里", "12公里", 30),
        ("产出指标", "质量指标", "水质检测合格率", "≥95%", "96%", 30),
        ("效益指标", "社会效益指标", "农村自来水普及率", "≥98%", "98.2%", 20),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10),
    ]
    assert form.total_score == 99


def test_a_browser_copy_of_an_html_table_drops_the_covered_cells() -> None:
    # innerText leaves out the cells a rowspan/colspan covers: `质量指标 | 水质检测合格率 | …`
    # starts one column left of its place, the 其中 row two; the goal cell of two <p> breaks its
    # row, and the next cell starts a line with a TAB. Read as its page reads
    form = read(DATA / "chromium_copy.txt").forms[0]
    page = read(DATA / "tools_form.html").forms[0]
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (80, 72, 9)
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in inds] == [
        ("产出指标", "数量指标", "改造供水管网长度", "≥12公里", "12公里", 30, 30),
        ("产出指标", "质量指标", "水质检测合格率", "≥95%", "96%", 30, 30),
        ("效益指标", "社会效益指标", "农村自来水普及率", "≥98%", "98.2%", 20, 20),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10, 9),
    ]
    assert inds[-1].extra["deviation"] == "部分群众反映供水时段不足，下一年度延长供水时间。"
    assert [i.model_dump(exclude={"source"}) for i in inds] == [
        i.model_dump(exclude={"source"}) for g in page.goals for i in g.indicators
    ]
    assert form.total_score == 98


def test_pdftotext_layout_columns_by_character_position_and_cells_wrapped_around_their_row() -> None:
    # no separator: cells stand where the page sets them; the merged 产出指标 is printed between
    # its two rows, the wrapped goal cell on the lines around the row of 实际完成情况
    form = read(DATA / "pdftotext_layout.txt").forms[0]
    assert (form.budget.planned, form.budget.executed, form.budget.rate, form.budget.score) == (
        80,
        72,
        0.9,
        9,
    )
    assert form.overall_goal.target == "改造供水管网12公里，农村自来水普及率达到98%。"
    assert form.overall_goal.actual == "改造管网12公里，普及率98.2%。"
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in inds] == [
        ("产出指标", "数量指标", "改造供水管网长度", "≥12公里", "12公里", 30, 30),
        ("产出指标", "质量指标", "水质检测合格率", "≥95%", "96%", 30, 30),
        ("效益指标", "社会效益指标", "农村自来水普及率", "≥98%", "98.2%", 20, 20),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10, 10),
    ]
    assert form.total_score == 99


def test_pdftotext_layout_of_a_docx_table_cells_set_from_their_top_left() -> None:
    # LibreOffice prints a DOCX table with every cell set from its top left and the header labels
    # centred: 年度指 / 标值 and 偏差原因分 / 析及改进措 / 施 go on below the header line, the points
    # start left of their centred 分值 and 得分, long names and the 偏差原因 cell go on over the lines
    # below their row (six lines: no row of its own), and 意度指 / 标 below the last indicator
    # belong to it, not to the 总分 row
    form = read(DATA / "pdftotext_docx_layout.txt").forms[0]
    budget = form.budget
    assert (budget.planned, budget.executed, budget.rate, budget.score) == (80, 72, 0.9, 9)
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in inds] == [
        ("产出指标", "数量指标", "新建农村供水管网长度", "≥12公里", "12公里", 30, 30),
        ("产出指标", "质量指标", "管网工程竣工验收合格率", "≥95%", "90%", 30, 28),
        ("效益指标", "社会效益指标", "农村自来水普及率", "≥98%", "98.2%", 20, 20),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10, 10),
    ]
    assert [i.extra.get("deviation") for i in inds] == [
        None,
        "两处管段回填不合格，已责成施工单位返工，下年度加强过程监管。",
        None,
        None,
    ]
    assert form.total_score == 88


def test_libreoffice_txt_of_a_docx_each_cell_on_a_line_an_empty_one_blank() -> None:
    # `soffice --convert-to txt` writes every cell of a DOCX table on its own line, an empty cell
    # (偏差原因 left blank, the cells a merged 项目资金 or 产出指标 covers) as a blank line: the
    # header's labels stand on consecutive lines, so the blanks are cells, not gaps. The budget
    # rows start with the blank under 项目资金, the 总分 row with five blanks before its points
    form = read(DATA / "lo_docx.txt").forms[0]
    budget = form.budget
    assert (budget.planned, budget.executed, budget.rate, budget.score) == (80, 72, 0.9, 9)
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in inds] == [
        ("产出指标", "数量指标", "新建农村供水管网长度", "≥12公里", "12公里", 30, 30),
        ("产出指标", "质量指标", "管网工程竣工验收合格率", "≥95%", "90%", 30, 28),
        ("效益指标", "社会效益指标", "农村自来水普及率", "≥98%", "98.2%", 20, 20),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 10, 10),
    ]
    assert [i.extra.get("deviation") for i in inds] == [
        None,
        "两处管段回填不合格，已责成施工单位返工，下年度加强过程监管。",
        None,
        None,
    ]
    assert form.total_score == 88


def test_libreoffice_txt_of_a_target_table_titled_in_its_first_row() -> None:
    # a Wuhan goal table's title row (长期绩效目标表) and the goal name merged down its
    # indicators (长期绩效目标1) stand on the lines either side of the header's labels: neither
    # is a column, so each row keeps its cells under the header (no row shifted by one), and the
    # annual table's 指标值 over 前年 | 上年 | 预计当年实现 is read as its three columns
    form = read(DATA / "lo_target_docx.txt").forms[0]
    rows = [(g.name, i.level1, i.level2, i.name, i.target, i.basis) for g in form.goals for i in g.indicators]
    assert rows == [
        ("长期绩效目标1", "产出指标", "数量指标", "新增社区书屋藏书", "≥1.5万册", "计划标准"),
        ("长期绩效目标1", "产出指标", "质量指标", "图书上架准确率", "≥98%", "行业标准"),
        ("长期绩效目标1", "效益指标", "社会效益指标", "书屋年接待读者人次", "≥3万人次", "历史标准"),
        ("长期绩效目标2", "产出指标", "时效指标", "书屋改造按期完成率", "100%", "计划标准"),
        ("长期绩效目标2", "满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "计划标准"),
        ("年度绩效目标1", "产出指标", "数量指标", "新增社区书屋藏书", "≥0.5万册", "计划标准"),
        ("年度绩效目标1", "效益指标", "社会效益指标", "书屋年接待读者人次", "≥1万人次", "历史标准"),
    ]
    last = form.goals[-1].indicators[-1]
    assert last.extra.get("prev1") == "2.6万人次"  # 上年, the one year cell filled
    # the goals' texts (名称 | 目标说明: 长期绩效目标1 then its text) go with the goals named so
    assert [(g.name, g.text) for g in form.goals] == [
        ("长期绩效目标1", "三年内建成社区书屋20个，藏书达到5万册。"),
        ("长期绩效目标2", None),
        ("年度绩效目标1", "年内完成社区书屋8个提档升级。"),
    ]


def test_pdftotext_raw_rows_keep_cells_a_space_splits() -> None:
    # reading order, one row a line, cells split at spaces and so are the cells' own spaces
    # (≥ 350 万平方米, 产出指标(40 分)): the spaced row's tokens are joined back into cells
    form = read(DATA / "pdftotext_raw.txt").forms[0]
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in inds[:3]] == [
        ("数量指标", "机械化清扫道路面积", "≥350万平方米", "372万平方米", 20, 20),
        ("时效指标", "垃圾日产日清率", "≥100%", "100%", 20, 20),
        ("生态效益指标", "市容环境卫生状况", "明显改善", "明显改善", 20, 20),
    ]


NARROW_INDICATORS = [
    ("产出指标", "数量指标", "配备图书册数", "≥3000册", "3100册", 40, 40),
    ("产出指标", "质量指标", "图书验收合格率", "≥98%", "99%", 30, 30),
    ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "92%", 20, 20),
]


def test_pdftotext_layout_of_very_narrow_docx_columns_a_merged_label_wrapping_its_points() -> None:
    # every label wraps after two or three characters; the merged 绩效指标（90分） prints 标（90
    # beside the header's wrapped rest (指标 性质 值 …): the points of a remark are no row of
    # figures, so 一级/二级 … 指标性质 度量单位 are read whole and the rows under their columns
    form = read(DATA / "pdftotext_narrow_docx.txt").forms[0]
    (goal,) = form.goals
    assert (goal.name, goal.weight) == ("绩效指标", 90)
    inds = [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in goal.indicators]
    assert inds == NARROW_INDICATORS
    assert form.total_score == 99.2


def test_pdftotext_layout_of_very_narrow_docx_columns_a_budget_header_wrapped_over_three_lines() -> None:
    # 预算执 / 行情况 / （万 and 年初 / 预算, 调整 / 后预 / 算数 …: the labels are read whole and
    # their lines are no rows; 财政 / 资金 under no label (资金来源 merged away) is a column of
    # its own left of 年初预算, not the start of its figures
    form = read(DATA / "pdftotext_narrow_docx.txt").forms[0]
    budget = form.budget
    assert (budget.weight, budget.planned, budget.executed, budget.rate, budget.score) == (
        10,
        150,
        138,
        0.92,
        9.2,
    )


def test_pdftotext_layout_of_very_narrow_docx_columns_field_labels_wrapped_onto_the_next_line() -> None:
    # 项目名 / 称, 主管部 / 门 … 实施 / 单位: the rest of each narrow label cell stands under its
    # start on the next line, shorter than the full first line; it completes the label
    form = read(DATA / "pdftotext_narrow_docx.txt").forms[0]
    assert (form.project, form.supervisor, form.implementer) == (
        "乡村学校图书配备",
        "河湾县教育局",
        "河湾县教学仪器站",
    )


def test_pdftotext_layout_of_a_narrow_header_of_two_rows_close_cells() -> None:
    # 年度指标值 over 指标性 / 质, 指标 / 值, 度量单 / 位 (云南): the pieces under one label take its
    # place; the cells stand two or three spaces apart, yet labels wrapped under their starts
    # show a table set by position
    form = read(DATA / "pdftotext_narrow_two_rows.txt").forms[0]
    inds = [
        (i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score)
        for g in form.goals
        for i in g.indicators
    ]
    assert inds == NARROW_INDICATORS
    assert form.total_score == 89.2


def test_pdftotext_layout_a_score_and_the_next_columns_word_printed_as_one() -> None:
    # the score set from its cell's right and 是 / 否 from the next cell's left come out as one
    # piece (40 是) standing in the score's column: the word is the next column's cell
    form = read(DATA / "pdftotext_core_xlsx.txt").forms[0]
    inds = [(i.name, i.weight, i.score) for g in form.goals for i in g.indicators]
    assert inds == [("完成统计调查项目", 40, 40), ("统计数据差错率", 30, 30), ("统计公报按时发布", 20, 18.5)]
    assert form.total_score == 88.5


def test_pdftotext_layout_figures_pushed_one_column_right_by_a_long_row() -> None:
    # pdftotext sets a line by its characters: the 时效指标 row (2024年10月底前, 2024年10月26日)
    # and the rows below it print 分值 under 得分 and 得分 under 偏差原因分析及改进措施
    form = read(DATA / "pdftotext_national_xlsx.txt").forms[0]
    inds = [
        (i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score)
        for g in form.goals
        for i in g.indicators
    ]
    assert inds == [
        ("产出指标", "数量指标", "日常养护农村公路条数", "≥46条", "44条", 10, 9.57),
        ("产出指标", "数量指标", "修补破损路面长度", "≥15公里", "15.6公里", 10, 10),
        ("产出指标", "质量指标", "养护路段验收合格率", "100%", "100%", 10, 10),
        ("产出指标", "质量指标", "农村公路优良中等路率", "≥85%", "88.4%", 10, 10),
        ("产出指标", "时效指标", "年度养护任务完成时限", "2024年10月底前", "2024年10月26日", 5, 5),
        ("产出指标", "成本指标", "每公里路面平均修补成本", "≤3.2万元", "3.1万元", 5, 5),
        ("效益指标", "社会效益指标", "受益农村群众", "≥5.2万人", "5.2万人", 10, 10),
        ("效益指标", "社会效益指标", "公路安全通行率", "≥98%", "97%", 10, 10),
        ("效益指标", "可持续影响指标", "日常养护长效机制", "健全", "基本健全", 10, 7),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", 10, 10),
    ]
    assert form.total_score == 95.07


def test_pdftotext_layout_the_overall_goal_under_its_two_labels() -> None:
    # 预期目标 | 实际完成情况 under the budget table: the texts wrap in their wide cells and the
    # merged 年度总体目标 prints at the margin; read by the labels, not by the budget's columns
    form = read(DATA / "pdftotext_national_xlsx.txt").forms[0]
    assert form.overall_goal is not None
    assert (
        form.overall_goal.target
        == "对全县46条农村公路开展日常养护，修补破损路面15公里，保障5.2万农村群众安全出行。"
    )
    assert (
        form.overall_goal.actual
        == "完成44条农村公路日常养护，修补破损路面15.6公里，5.2万农村群众出行保持畅通。"
    )
    assert (form.budget.planned, form.budget.executed, form.budget.score) == (250, 237.5, 9.5)


def test_pdftotext_layout_a_centred_deviation_straddles_its_own_row() -> None:
    # 部分村级养护员尚未落实，下一步完善养 / 护考核办法。 prints on the lines above and below its
    # row, the line above as near the row before: the cell goes on under its own row, so it is
    # that row's whole 偏差原因, none of it the row above's
    form = read(DATA / "pdftotext_national_xlsx.txt").forms[0]
    reasons = {i.name: i.extra.get("deviation") for g in form.goals for i in g.indicators}
    assert reasons["公路安全通行率"] is None
    assert reasons["日常养护长效机制"] == "部分村级养护员尚未落实，下一步完善养护考核办法。"
    assert reasons["日常养护农村公路条数"] == "2条公路因改扩建暂停养护，已列入2025年计划。"
