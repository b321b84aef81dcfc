"""The narrative 自评结果（缩略版）: every statement traceable to the form or its review.

Seed 003's 湖北洪山实验室建设经费 form (checked against the dump): 自评得分 83, 预算 2000 / 执行
2000 / 100% / 20 of 20 points; 设计费 474万元 → 94.8万元 (2 points) and 监理 227.8万元 →
22.78万元 (1 point) fall short, 移树/可研/地勘 met; 偏差原因 设计方案正在进一步完善。
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx

from jixiao.model import Document, Form, FormKind, Goal, Indicator
from jixiao.review import review_document
from jixiao.write import build_report, report_markdown, write_report_docx

from .conftest import SEEDS, seed_forms

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not found")


def _report_of(form: Form) -> str:
    result = review_document(Document(path="x", forms=[form]))
    return report_markdown(build_report(form, result.scorecards[0], result.findings))


def _section(md: str, heading: str) -> str:
    part = md.split(f"## {heading}", 1)[1]
    return part.split("\n## ", 1)[0]


@needs_seeds
def test_report_of_a_seed_project_form() -> None:
    form = next(f for f in seed_forms("003_505f7a29082f0700.txt") if f.project == "湖北洪山实验室建设经费")
    md = _report_of(form)
    assert md.startswith("# 2021年度湖北洪山实验室建设经费绩效自评结果（缩略版）")
    assert "自评得分为83分" in _section(md, "一、自评得分")
    budget = _section(md, "二、预算执行情况")
    assert "预算数2000万元，执行数2000万元，执行率100%" in budget
    assert "预算执行得分20分（满分20分）" in budget
    done = _section(md, "三、完成的绩效目标")
    for name in ("移树", "可研", "地勘"):
        assert f"{name}：" in done
    undone = _section(md, "四、未完成的绩效目标")
    assert "设计费：目标值474万元，实际完成值94.8万元，得分2" in undone
    assert "监理：目标值227.8万元，实际完成值22.78万元，得分1" in undone
    assert "设计费" not in done
    assert "设计方案正在进一步完善" in _section(md, "五、存在的问题和原因")
    assert "加快方案设计和施工图设计进度" in _section(md, "六、下一步改进措施")


def test_silent_form_says_so_and_invents_nothing() -> None:
    form = Form(
        kind=FormKind.PROJECT_SELF_EVALUATION,
        title="2022年度道路养护项目支出绩效自评表",
        project="道路养护项目",
        goals=[
            Goal(
                name="年度绩效指标",
                indicators=[Indicator(level1="产出指标", name="养护道路长度", target="10公里")],
            )
        ],
    )
    md = _report_of(form)
    assert "自评得分：表中未填报" in md
    assert "预算执行情况：表中未填报" in md
    assert "偏差原因分析：表中未填报" in md
    assert "改进措施：表中未填报" in md
    assert "养护道路长度：目标值10公里，实际完成值表中未填报" in md
    assert "无法判断是否完成" in md
    assert "万元" not in md and "得分为" not in md


def test_rate_missing_is_not_silently_computed() -> None:
    """A rate the form does not print is marked as computed from the printed amounts."""
    from jixiao.model import Budget

    form = Form(
        kind=FormKind.PROJECT_SELF_EVALUATION,
        title="2022年度道路养护项目支出绩效自评表",
        budget=Budget(planned=200, executed=150),
    )
    md = _report_of(form)
    assert "执行率表中未填报（按预算数和执行数计算为75%）" in md


@needs_seeds
def test_report_docx(tmp_path: Path) -> None:
    forms = [f for f in seed_forms("003_505f7a29082f0700.txt")[1:3]]
    result = review_document(Document(path="x", forms=forms))
    reports = [build_report(f, result.scorecards[i], []) for i, f in enumerate(forms)]
    out = write_report_docx(reports, tmp_path / "r.docx")
    paras = [p.text for p in open_docx(str(out)).paragraphs]
    assert paras[0] == reports[0].title
    assert "一、自评得分" in paras and "六、下一步改进措施" in paras
    assert any(p.endswith(reports[1].title) for p in paras)
