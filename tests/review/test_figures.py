"""Figures in a finding's message are written as finance documents print them: at most 2 decimals,
万元 to the 分 (``review.figures``), unless two figures compared would then read alike."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read
from jixiao.review import review_document
from jixiao.review.figures import fmt_pair, fmt_pct_pair

# 1470.352183 / 3306.912 = 0.44463 (44.46%); the form prints 40.587%, and 执行数 above 预算数 in
# the second form: 148.75 / 145 = 102.59%
FORM = """2023年度项目支出绩效自评表
项目名称\t{project}
主管部门\t桐江县文化和旅游局\t实施单位\t桐江县文化馆
项目资金（万元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分
\t年度资金总额\t{planned}\t{planned}\t{executed}\t10\t{rate}\t{score}
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
\t产出指标\t数量指标\t免费开放文化站数量\t≥12个\t12个\t50\t50
\t效益指标\t社会效益指标\t年服务群众人次\t≥3万人次\t3.2万人次\t30\t30
\t满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t93%\t10\t10
总分\t\t\t\t\t\t100\t{total}
"""


def _messages(tmp_path: Path, code: str, **kw: str) -> list[str]:
    path = tmp_path / "自评表.txt"
    path.write_text(FORM.format(project="乡镇文化站免费开放", **kw), encoding="utf-8")
    return [f.message for f in review_document(read(path)).findings if f.code == code]


def test_rate_message_prints_two_decimals(tmp_path: Path) -> None:
    [message] = _messages(
        tmp_path,
        "budget.rate_mismatch",
        planned="3306.912",
        executed="1470.352183",
        rate="40.587%",
        score="4.45",
        total="94.45",
    )
    assert "执行率印为 40.59%" in message
    assert "按执行数 1470.35 万元 ÷ 预算数 3306.91 万元应为 44.46%" in message


def test_amounts_in_wan_are_given_to_the_fen(tmp_path: Path) -> None:
    [message] = _messages(
        tmp_path, "budget.overspent", planned="145", executed="148.75", rate="102.59%", score="10", total="100"
    )
    assert "执行数 148.75 万元超过预算数 145.00 万元（执行率 102.59%）" in message


def test_figures_compared_are_told_apart() -> None:
    """Two figures that read alike at 2 decimals get the decimals that tell them apart."""
    assert fmt_pair(0.441, 0.444) == ("0.441", "0.444")
    assert fmt_pair(9.625, 9.63) == ("9.625", "9.63")
    assert fmt_pair(0.4351, 0.4312) == ("0.44", "0.43")  # half-up, as findings-v1 rounds
    assert fmt_pct_pair(0.444621, 0.444632) == ("44.462%", "44.463%")
    assert fmt_pct_pair(0.40587, 0.44462997) == ("40.59%", "44.46%")
