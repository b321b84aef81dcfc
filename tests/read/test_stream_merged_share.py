"""One cell per line, a Hebei table whose 权重占比 is merged over each 一级 group.

The share is printed once, in the group's first row; the other rows hold one cell fewer than
the header's columns. Read at full width, each such row took the next row's 二级 label as its
折算得分, every later row lost its 二级 label (all read as 数量指标) and the 总分 was lost.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

HEAD = [
    "2023年度项目支出绩效自评表", "项目名称", "校舍维修改造",
    "一级指标", "二级指标", "三级指标", "指标分值", "指标值", "得分情况",
    "年度指标值", "实际完成值", "单项指标得分", "权重占比（%）", "单项指标折算得分",
]  # fmt: skip
ROWS = [
    "产出指标", "数量指标", "维修改造校舍面积", "50", "≥12000平方米", "13440平方米", "50", "60", "30",
    "改造学校食堂", "25", "≥6所", "6所", "25", "15",
    "质量指标", "工程竣工验收合格率", "25", "=100%", "99.6%", "24.9", "14.94",
    "效果指标", "社会效益", "受益学生人数", "60", "≥8500人", "9010人", "60", "40", "24",
    "满意度", "师生家长满意度", "40", "≥92%", "99.4%", "40", "16",
    "总分", "99.94",
]  # fmt: skip


def test_rows_without_the_merged_share(tmp_path: Path) -> None:
    path = tmp_path / "自评表.txt"
    path.write_text("\n\n".join(HEAD + ROWS) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [(i.level1, i.level2, i.name, i.weight, i.score) for _, i in form.indicators()]
    assert got == [
        ("产出指标", "数量指标", "维修改造校舍面积", 50, 50),
        ("产出指标", "数量指标", "改造学校食堂", 25, 25),
        ("产出指标", "质量指标", "工程竣工验收合格率", 25, 24.9),
        ("效果指标", "社会效益", "受益学生人数", 60, 60),
        ("效果指标", "满意度", "师生家长满意度", 40, 40),
    ]
    assert form.total_score == 99.94
    assert form.extra["converted_scores"] == {
        "维修改造校舍面积": 30,
        "改造学校食堂": 15,
        "工程竣工验收合格率": 14.94,
        "受益学生人数": 24,
        "师生家长满意度": 16,
    }
