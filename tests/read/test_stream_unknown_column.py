"""A 101-style target table printed one cell per line (LibreOffice's text of a DOCX) whose
header holds a column the vocabulary does not name (评（扣）分标准, between 权重 and 指标值设定依据):
the header runs over it, as a table header may hold one such label, so the rows keep their
columns. Before, the header ended at it and every row was read shifted (the 评分 text as a name)."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

# invented; as LibreOffice prints it: one cell a line, an empty (merged) cell an empty line,
# the 指标性质 sign and the 度量单位 in cells of their own
CELLS = [
    "2024年度项目支出绩效目标表",
    "项目名称", "社区健身设施维护",
    "主管部门", "江城区体育局",
    "年度绩效目标", "完成社区健身设施年度维护任务。",
    "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "评（扣）分标准",
    "指标值设定依据",
    "产出指标", "数量指标", "维护健身点位数", "≥", "60", "个", "40", "完成得满分，未完成按比例扣分", "计划标准",
    "", "质量指标", "设施完好率", "≥", "95", "%", "30", "完成得满分，未完成按比例扣分", "行业标准",
    "满意度指标", "服务对象满意度指标", "居民满意度", "≥", "90", "%", "30", "完成得满分，未完成按比例扣分",
    "历史标准",
]  # fmt: skip


def test_a_header_holding_an_unnamed_column_keeps_the_rows_columns(tmp_path: Path) -> None:
    path = tmp_path / "目标表.txt"
    path.write_text("\n".join(CELLS) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.level1, i.level2, i.name, i.target, i.weight, i.basis) for _, i in form.indicators()]
    assert got == [
        ("产出指标", "数量指标", "维护健身点位数", "≥60个", 40, "计划标准"),
        ("产出指标", "质量指标", "设施完好率", "≥95%", 30, "行业标准"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", 30, "历史标准"),
    ]
