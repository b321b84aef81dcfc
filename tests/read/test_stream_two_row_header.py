"""A two-row indicator header printed one cell per line.

Hebei exports print ``指标值`` over 年度指标值/实际完成值 and ``得分情况`` over the three score
columns; Yunnan forms ``年度指标值`` over 指标性质/指标值/度量单位. One cell per line the two rows
run together, so the header looked two or three columns wider than the data rows and every row
after the first was shifted. The group labels give way to the sub-labels under them.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read


def _read(tmp_path: Path, cells: list[str]) -> list[tuple]:
    path = tmp_path / "自评表.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    [form] = read(path).forms
    return [(i.level1, i.level2, i.name, i.weight, i.target, i.actual, i.score) for _, i in form.indicators()]


def test_hebei_groups_over_values_and_scores(tmp_path: Path) -> None:
    cells = [
        "2023年度项目支出绩效自评表", "项目名称", "校舍维修改造",
        "一级指标", "二级指标", "三级指标", "指标分值", "指标值", "得分情况",
        "年度指标值", "实际完成值", "单项指标得分", "权重占比（%）", "单项指标折算得分",
        "产出指标", "数量指标", "维修改造校舍面积", "60", "≥12000平方米", "13440平方米", "60", "60", "36",
        "改造学校食堂", "40", "≥6所", "6所", "40", "60", "24",
        "效果指标", "社会效益", "受益学生人数", "100", "≥8500人", "9010人", "100", "40", "40",
        "总分", "100",
    ]  # fmt: skip
    assert _read(tmp_path, cells) == [
        ("产出指标", "数量指标", "维修改造校舍面积", 60, "≥12000平方米", "13440平方米", 60),
        ("产出指标", "数量指标", "改造学校食堂", 40, "≥6所", "6所", 40),
        ("效果指标", "社会效益", "受益学生人数", 100, "≥8500人", "9010人", 100),
    ]


def test_one_row_header_with_a_group_label_is_kept(tmp_path: Path) -> None:
    cells = [
        "2023年度项目支出绩效自评表", "项目名称", "校舍维修改造",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "产出指标", "数量指标", "维修改造校舍面积", "≥12000平方米", "13440平方米", "60", "60",
        "效益指标", "社会效益指标", "受益学生人数", "≥8500人", "9010人", "40", "40",
        "总分", "100", "100",
    ]  # fmt: skip
    assert [x[2:] for x in _read(tmp_path, cells)] == [
        ("维修改造校舍面积", 60, "≥12000平方米", "13440平方米", 60),
        ("受益学生人数", 40, "≥8500人", "9010人", 40),
    ]
