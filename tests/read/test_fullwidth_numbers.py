"""Numbers typed with a Chinese IME in full-width mode: ``２４５０．６``, ``８６．００％``, ``≥３．５万人``.

NFKC makes them the ASCII numbers, so the printed text is kept for comparison, but the amounts,
rates and scores must be read as numbers: before, ``２４５０．６`` was read as 2450 and a
full-width score as no score at all (corpus4 a04).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read
from jixiao.read._clean import clean_cell

W = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
ROWS = [
    "2023年度项目支出绩效自评表",
    "项目名称\t家庭医生签约服务",
    "项目资金（万元）\t\t年初预算数\t全年预算数（A）\t全年执行数（B）\t分值\t执行率（B/A）\t得分",
    "\t年度资金总额\t2450.6\t2450.6\t2107.52\t10\t86.00%\t8.6",
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
    "\t产出指标\t数量指标\t家庭医生签约人数\t≥3.5万人\t3.9万人\t40\t40",
    "\t效益指标\t社会效益指标\t重点人群签约率\t≥75%\t70%\t40\t37.33",
    "\t满意度指标\t服务对象满意度指标\t签约居民满意度\t≥85%\t88%\t10\t10",
    "总分\t\t\t\t\t\t100\t95.93",
]


def test_full_width_figures_read_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    lines = ROWS[:3] + [r.translate(W) for r in ROWS[3:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [form] = read(path).forms
    b = form.budget
    assert b is not None
    assert (b.planned, b.executed, b.rate, b.score) == (2450.6, 2107.52, 0.86, 8.6)
    inds = [i for g in form.goals for i in g.indicators]
    assert [(i.weight, i.score) for i in inds] == [(40, 40), (40, 37.33), (10, 10)]
    assert [i.target for i in inds] == ["≥3.5万人", "≥75%", "≥85%"]
    assert form.total_score == 95.93


def test_a_full_width_comma_between_words_stays() -> None:
    assert clean_cell("完成１２项，其中３项提前") == "完成12项，其中3项提前"
    assert clean_cell("１，２３４．５") == "1,234.5"
