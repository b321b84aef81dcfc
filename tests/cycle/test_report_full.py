"""The 自评结果（摘要版）: sections as the seeds print them, facts from the user, none invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx

from jixiao.model import Document
from jixiao.read import read
from jixiao.review import review_document
from jixiao.write.report_full import (
    FactsError,
    ReportFacts,
    full_report,
    full_report_markdown,
    load_facts,
    write_full_report_docx,
)
from tests.conftest import seed
from tests.cycle.conftest import form

FORM = """
title: 2021年度社区服务项目自评表
unit: 某区民政局
project: 社区服务项目
year: 2021
budget: 20 | 400 | 300 | 75% | 15
goal: 年度绩效目标1 | 80
产出指标 | 数量指标 | 服务社区数量 | 30 | ≥10个 | 12个 | 30
产出指标 | 质量指标 | 服务达标率 | 30 | ≥95% | 90% | 28.42
满意度指标 | 服务对象满意度指标 | 居民满意度 | 20 | ≥90% | 95% | 20
total: 93.42
"""

HEADINGS = [
    "一、自评结论",
    "（一）自评得分",
    "（二）绩效目标完成情况",
    "（三）存在的问题和原因",
    "（四）下一步拟改进措施",
    "二、佐证材料",
    "（一）基本情况",
    "1. 项目立项目的和年度绩效目标",
    "2. 项目资金情况",
    "（二）部门自评工作开展情况",
    "（三）绩效目标完成情况分析",
    "1. 预算执行情况分析",
    "2. 绩效目标完成情况分析",
    "（1）产出指标完成情况分析",
    "（2）效益指标完成情况分析",
    "（3）满意度指标完成情况分析",
    "（四）上年度部门自评结果应用情况",
    "（五）其他佐证材料",
]


def reviewed(f):
    result = review_document(Document(path="t", forms=[f]))
    return result.scorecards[0], result.findings


def test_sections_and_facts(tmp_path: Path) -> None:
    f = form(FORM)
    card, findings = reviewed(f)
    facts_file = tmp_path / "facts.yaml"
    facts_file.write_text(
        "purpose: 为辖区居民提供社区养老、助残等服务。\n"
        "work:\n  - 一是准备阶段（2022年5月），学习自评规定。\n  - 二是实施阶段（2022年6月），逐项核对台账。\n"
        "budget_analysis: 因两个社区服务站年底才完成验收，100万元未能支付。\n",
        encoding="utf-8",
    )
    report = full_report(f, card, findings, load_facts(facts_file))
    assert [s.heading for s in report.content.sections] == HEADINGS
    assert report.content.version == "摘要版"
    text = full_report_markdown(report)
    assert "为辖区居民提供社区养老、助残等服务。" in text
    assert "二是实施阶段（2022年6月），逐项核对台账。" in text
    budget = next(s for s in report.content.sections if s.heading == "1. 预算执行情况分析")
    assert budget.paragraphs[0].startswith("预算数400.00万元，实际执行300.00万元，预算执行率75%。")
    assert budget.paragraphs[1] == "因两个社区服务站年底才完成验收，100万元未能支付。"
    output = next(s for s in report.content.sections if s.heading == "（1）产出指标完成情况分析")
    assert "质量指标“服务达标率”，年初目标值≥95%，实际完成值90%，部分完成" in output.paragraphs[0]
    benefit = next(s for s in report.content.sections if s.heading == "（2）效益指标完成情况分析")
    assert benefit.paragraphs == ["表中未设效益指标。"]
    # Nothing supplied, nothing invented: said so, and listed.
    assert report.missing == ["资金情况", "上年度自评结果应用情况", "其他佐证材料"]
    last = next(s for s in report.content.sections if s.heading.startswith("（四）上年度"))
    assert last.paragraphs == ["未提供。"]


def test_without_facts_every_narrative_section_is_missing() -> None:
    f = form(FORM)
    report = full_report(f, None, [])
    assert set(report.missing) == {
        "立项目的和年度绩效目标", "资金情况", "部门自评工作开展情况", "上年度自评结果应用情况",
        "其他佐证材料", "预算未全部执行的原因",
    }  # fmt: skip


def test_docx_prints_the_sections(tmp_path: Path) -> None:
    f = form(FORM)
    card, findings = reviewed(f)
    out = write_full_report_docx(
        [full_report(f, card, findings, ReportFacts(work="自评工作按计划开展。"))], tmp_path / "r.docx"
    )
    paragraphs = [p.text for p in open_docx(str(out)).paragraphs]
    assert paragraphs[0] == "2021年度社区服务项目自评结果"
    assert paragraphs[1] == "（摘要版）"
    assert all(h in paragraphs for h in HEADINGS)
    assert "自评工作按计划开展。" in paragraphs


def test_bad_facts_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "f.yaml"
    bad.write_text("purpose: 目的\nbackground: 多余\n", encoding="utf-8")
    with pytest.raises(FactsError, match=r"f\.yaml：未知的键“background”"):
        load_facts(bad)
    bad.write_text("purpose: [\n", encoding="utf-8")
    with pytest.raises(FactsError, match="格式错误"):
        load_facts(bad)
    with pytest.raises(FactsError, match="无法读取"):
        load_facts(tmp_path / "none.yaml")


def test_seed_form_report() -> None:
    """Seed 004, the 1号楼房租 form: 预算数 2903.5 万元 all executed, one indicator."""
    doc = read(seed("004"))
    i = next(n for n, f in enumerate(doc.forms) if "1号楼房租" in f.title)
    result = review_document(doc)
    f = doc.forms[i]
    report = full_report(f, result.scorecards[i], [x for x in result.findings if x.form == i])
    budget = next(s for s in report.content.sections if s.heading == "1. 预算执行情况分析")
    assert budget.paragraphs[0].startswith("预算数2903.50万元，实际执行2903.50万元，预算执行率100%。")
    assert "预算未全部执行的原因" not in report.missing


def test_budget_analysis_states_what_the_review_found() -> None:
    """执行率 printed 80% where 300/400 = 75%: the report repeats the review's finding, in its words."""
    f = form(FORM.replace("75% | 15", "80% | 16"))
    card, findings = reviewed(f)
    report = full_report(f, card, findings)
    budget = next(s for s in report.content.sections if s.heading == "1. 预算执行情况分析")
    [rate] = [x for x in findings if x.code == "budget.rate_mismatch"]
    assert f"审核发现：{rate.message}" in budget.paragraphs[0]
    output = next(s for s in report.content.sections if s.heading == "（1）产出指标完成情况分析")
    assert output.paragraphs[0].startswith("表中产出指标共2项，其中已完成1项、部分完成1项。")
