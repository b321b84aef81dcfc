"""The printed layout: merged 一级/二级 cells, weights in labels, header block, target tables,
the national 财预〔2020〕10号 variant and the 备注. Expected values are read off the seed dumps
(000: the department self-evaluation whose 年度目标1 has 产出指标(7分) over twelve rows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from jixiao.model import Budget, Form, FormKind, Goal, Indicator
from jixiao.read import read
from jixiao.write import Template, write_docx, write_xlsx
from jixiao.write._layout import WUHAN_NOTES, fmt_date, fmt_num, fmt_rate

from .conftest import SEEDS, seed_forms

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not found")


def _merged(ws: object) -> dict[str, tuple[int, int]]:
    """Top-left text of each merged range → (rows, columns) it spans."""
    out = {}
    for rng in ws.merged_cells.ranges:  # type: ignore[attr-defined]
        text = ws.cell(rng.min_row, rng.min_col).value  # type: ignore[attr-defined]
        out.setdefault(str(text), (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1))
    return out


@needs_seeds
def test_xlsx_merges_levels_over_their_rows_with_weights(tmp_path: Path) -> None:
    form = seed_forms("000_c6262f2adeb9f1e7.txt")[0]
    ws = load_workbook(write_xlsx([form], tmp_path / "d.xlsx"))[form.title[:31]]
    merged = _merged(ws)
    # 年度目标1: 产出指标(7分) = 7 数量 + 2 质量 + 2 时效 + 1 成本 rows; 数量指标(3.5分) 7 rows
    assert merged["产出指标（7分）"] == (12, 1)
    assert merged["数量指标（3.5分）"] == (7, 1)
    assert merged["效益指标（2分）"] == (2, 1)
    texts = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert "办公场所正常运转天数（0.5分）" in texts
    assert "年度目标1（9分）" in texts
    assert "预算执行情况（万元）（20分）" in texts
    assert {"预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）"} <= texts
    assert {"总分", "偏差大或目标未完成原因分析", "改进措施及结果应用方案", "备注："} <= texts
    assert ws["A1"].value == form.title
    assert str(ws["A2"].value).startswith("单位名称：武汉国家生物产业基地建设管理办公室")


@needs_seeds
def test_xlsx_numbers_are_numbers(tmp_path: Path) -> None:
    """Budget figures are numeric cells (a spreadsheet can sum them); the rate shows as a %."""
    form = seed_forms("000_c6262f2adeb9f1e7.txt")[0]
    ws = load_workbook(write_xlsx([form], tmp_path / "d.xlsx"))[form.title[:31]]
    cells = {c.coordinate: c for row in ws.iter_rows() for c in row if c.value is not None}
    planned = [c for c in cells.values() if c.value == 12517.42]
    assert len(planned) == 2  # 预算数 and 执行数, printed 12,517.42 in the seed
    rate = next(c for c in cells.values() if c.value == 1 and "%" in c.number_format)
    assert rate.number_format == "0%"


@needs_seeds
def test_docx_target_table_layout(tmp_path: Path) -> None:
    form = seed_forms("001_3963136dab1797c2.txt")[1]  # 项目支出绩效目标表, long-term + annual goals
    doc = open_docx(str(write_docx([form], tmp_path / "t.docx")))
    table = doc.tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    header = ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]
    assert header in rows
    assert rows[0][:2] == ["项目名称", "综合服务保障专项"]
    # the goal's name spans its eight indicator rows (python-docx repeats a merged cell)
    first = rows.index(header) + 1
    assert [r[0] for r in rows[first : first + 8]] == ["长期绩效目标1"] * 8
    assert rows[first][3:] == ["办公场所正常运转天数", "2023年工作日", "计划标准"]
    assert doc.paragraphs[0].text == "项目支出绩效目标表"


def _small_form() -> Form:
    return Form(
        kind=FormKind.PROJECT_SELF_EVALUATION,
        title="2022年度道路养护项目支出绩效自评表",
        unit="城建局",
        project="道路养护项目",
        supervisor="城建局",
        implementer="养护中心",
        filled_on="2022-03-01",
        budget=Budget(weight=10, planned=100, executed=90, rate=0.9, score=9),
        goals=[
            Goal(
                name="年度绩效指标",
                indicators=[
                    Indicator(
                        level1="产出指标",
                        level2="数量指标",
                        name="养护道路长度",
                        weight=50,
                        target="≥10公里",
                        actual="12公里",
                        score=50,
                    ),
                    Indicator(
                        level1="效益指标",
                        level2="社会效益指标",
                        name="群众投诉率下降",
                        weight=30,
                        target="≥10%",
                        actual="8%",
                        score=24,
                    ),
                    Indicator(
                        level1="满意度指标",
                        level2="服务对象满意度指标",
                        name="群众满意度",
                        weight=10,
                        target="≥90%",
                        actual="92%",
                        score=10,
                    ),
                ],
            )
        ],
        total_score=93,
        deviation_reason="投诉率下降未达目标",
        improvement="增加巡查频次",
    )


def test_national_template_columns_and_read_back(tmp_path: Path) -> None:
    """财预〔2020〕10号: 分值 column, 偏差原因分析及改进措施 column, weights 10/50/30/10."""
    form = _small_form()
    path = write_xlsx([form], tmp_path / "n.xlsx", Template.NATIONAL)
    ws = load_workbook(path).active
    texts = [[c.value for c in row] for row in ws.iter_rows()]
    head = next(r for r in texts if r[1] == "一级指标")
    assert head[1:] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert "投诉率下降未达目标\n增加巡查频次" in [c for r in texts for c in r]
    assert ws.page_setup.orientation == "landscape"
    back = read(path).forms[0]
    assert back.budget is not None
    assert (back.budget.weight, back.budget.planned, back.budget.executed, back.budget.rate) == (
        10,
        100,
        90,
        0.9,
    )
    assert back.budget.score == 9
    inds = [i for _, i in back.indicators()]
    assert [(i.name, i.weight, i.score) for i in inds] == [
        ("养护道路长度", 50, 50),
        ("群众投诉率下降", 30, 24),
        ("群众满意度", 10, 10),
    ]
    assert [i.level1 for i in inds] == ["产出指标", "效益指标", "满意度指标"]
    assert back.total_score == 93


def test_rule_notes_printed_when_the_form_has_none(tmp_path: Path) -> None:
    form = _small_form()
    back = read(write_docx([form], tmp_path / "a.docx")).forms[0]
    assert back.extra["notes"].split("\n") == WUHAN_NOTES
    back = read(write_docx([form], tmp_path / "b.docx", rule_notes=False)).forms[0]
    assert "notes" not in back.extra
    own = form.model_copy(update={"extra": {"notes": "本表金额单位为万元。"}})
    back = read(write_docx([own], tmp_path / "c.docx")).forms[0]
    assert back.extra["notes"] == "本表金额单位为万元。"


def test_written_file_is_whole_or_absent(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "x.xlsx"
    with pytest.raises(OSError):
        write_xlsx([_small_form()], target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_value_formatting() -> None:
    assert fmt_num(20.0) == "20"
    assert fmt_num(944.63) == "944.63"
    assert fmt_num(None) == ""
    assert fmt_rate(0.6883) == "68.83%"
    assert fmt_rate(1.0) == "100%"
    assert fmt_date("2021-06-17") == "2021年6月17日"
    assert fmt_date("2021年6月") == "2021年6月"
