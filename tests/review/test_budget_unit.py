"""Amounts typed in 元 under a 万元 header (项目资金（万元） | 4,800,000.00).

form-v1 amounts are 万元 and the templates give no convention for a form whose figures contradict
its header, so the reader keeps the printed figures and the review warns (``budget.unit_suspect``)
instead of reporting a 480 亿元 project silently. A form that says 单位：元 is converted as before
and gives no warning.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read
from jixiao.review import review_document

FORM = """2023年度项目支出绩效自评表
{unit_line}项目名称\t乡镇文化站免费开放
主管部门\t桐江县文化和旅游局\t实施单位\t桐江县文化馆
项目资金{header}\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分
\t年度资金总额\t4,800,000.00\t4,800,000.00\t4,320,000.00\t10\t90%\t9
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t免费开放文化站数量\t≥12个\t12个\t50\t50
\t效益指标\t社会效益指标\t年服务群众人次\t≥3万人次\t2.4万人次\t30\t24
\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t10\t10
总分\t\t\t\t\t\t100\t93
"""


def _review(tmp_path: Path, **kw: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "自评表.txt"
    path.write_text(FORM.format(**kw), encoding="utf-8")
    doc = read(path)
    return doc.forms[0], review_document(doc).findings


def test_yuan_figures_under_a_wan_header_are_flagged(tmp_path: Path) -> None:
    form, findings = _review(tmp_path, unit_line="", header="（万元）")
    assert form.budget is not None and form.budget.planned == 4_800_000  # as printed, not guessed
    [f] = [f for f in findings if f.code == "budget.unit_suspect"]
    assert f.severity == "warning" and f.printed == 4_800_000 and f.expected == 480  # 4,800,000 元 = 480 万元
    assert "480 亿元" in f.message and "480.00 万元" in f.message  # 万元 to the 分
    assert {f.code for f in findings if f.severity != "info"} == {"budget.unit_suspect"}  # 90 %, 9 agree


def test_a_form_in_yuan_is_converted_and_not_flagged(tmp_path: Path) -> None:
    form, findings = _review(tmp_path, unit_line="单位：元\n", header="（元）")
    assert form.budget is not None and form.budget.planned == 480
    assert not [f for f in findings if f.code == "budget.unit_suspect"]


def test_a_department_budget_past_100_yi_is_plausible_but_one_typed_in_yuan_is_not(tmp_path: Path) -> None:
    """A province's department (部门整体) can spend 200 亿元; the same department's 2 亿元 typed in 元
    (200,000,000.00) reads as 2 万亿元 and is flagged."""
    from jixiao.model import Budget, Document, Form, FormKind

    def found(planned: float) -> set[str]:
        form = Form(
            kind=FormKind.DEPARTMENT_SELF_EVALUATION,
            title="2023年度部门整体支出绩效自评表",
            unit="某省交通运输厅",
            budget=Budget(planned=planned, executed=planned * 0.95, rate=0.95, weight=10, score=9.5),
        )
        return {f.code for f in review_document(Document(path="d.txt", forms=[form])).findings}

    assert "budget.unit_suspect" not in found(2_000_000)  # 200 亿元 in 万元: a large department
    assert "budget.unit_suspect" in found(200_000_000)  # 2 亿元 typed in 元 under 万元
