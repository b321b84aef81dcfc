"""The narrative 自评结果（缩略版）: only what the form prints and what the review found."""

from __future__ import annotations

from pathlib import Path

from jixiao.model import Document, Finding, Form
from jixiao.review import review_document
from jixiao.write.report import report_markdown, write_report_docx


def _reviewed(form: Form) -> tuple[Form, object, list[Finding]]:
    result = review_document(Document(path="表.txt", forms=[form]))
    return form, result.scorecards[0], result.findings


def test_report_states_the_printed_figures(project_form: Form) -> None:
    md = report_markdown(*_reviewed(project_form))  # type: ignore[arg-type]
    assert md.startswith("# 2020年度1号楼房租项目自评结果\n\n（缩略版）")
    assert "自评得分为100分" in md
    assert "预算数2903.50万元，执行数2903.50万元，预算执行率100%，预算执行得分20分（分值20分）" in md
    assert "房租缴纳及时性（目标值及时，实际完成及时）" in md
    assert "无未完成的绩效目标" in md
    assert "表中填报的偏差原因分析：2020年度政务服务和大数据管理局按照合同规定时间完成了1号楼房租缴纳" in md
    assert "改进措施及结果应用方案：表中填报为“无”" in md
    for heading in (
        "（一）自评得分",
        "（二）绩效目标完成情况",
        "（三）存在的问题和原因",
        "（四）下一步拟改进措施",
    ):
        assert heading in md


def test_report_says_when_the_form_is_silent(project_form: Form) -> None:
    form = project_form.model_copy(
        update={"budget": None, "deviation_reason": None, "improvement": None, "total_score": None}
    )
    md = report_markdown(form, None, [])
    assert "自评得分：表中未填报" in md
    assert "预算执行情况表中未填报" in md
    assert "改进措施及结果应用方案：表中未填报" in md
    assert "2903.5" not in md and "100分" not in md  # nothing the form no longer holds
    # without a review nothing is judged completed or not
    assert "无法判定是否完成：房租缴纳及时性" in md


def test_findings_become_problems(project_form: Form, tmp_path: Path) -> None:
    finding = Finding(
        form=0,
        form_title=project_form.title,
        code="score.above_weight",
        severity="error",
        goal="年度绩效目标1",
        indicator="房租缴纳及时性",
        printed=90,
        expected=80,
        message="得分90超过分值80",
    )
    md = report_markdown(project_form, None, [finding])
    assert "审核发现的错误：年度绩效目标1、房租缴纳及时性：得分90超过分值80。" in md
    out = write_report_docx([(project_form, None, [finding])], tmp_path / "自评结果.docx")
    from docx import Document as open_docx

    text = "\n".join(p.text for p in open_docx(str(out)).paragraphs)
    assert "2020年度1号楼房租项目自评结果" in text and "得分90超过分值80" in text


def test_amounts_in_wan_yuan_and_rates_in_one_finance_format(project_form: Form) -> None:
    """A department form that prints its totals to six decimals (seed 004's 部门整体 form prints
    执行数 1470.352183 and 执行率 0.44462997): the report states 万元 to 2 decimals and the rate
    to at most 2, and the score as the form printed it."""
    from jixiao.model import Budget

    budget = Budget(weight=20, planned=3306.912, executed=1470.352183, rate=0.44462997, score=8.89)
    md = report_markdown(project_form.model_copy(update={"budget": budget}), None, [])
    assert "预算数3306.91万元，执行数1470.35万元，预算执行率44.46%，预算执行得分8.89分（分值20分）" in md
    assert "1470.352183" not in md and "44.462997" not in md
