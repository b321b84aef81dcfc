"""Target tables that name their value columns by year instead of 前年/上年/当年: the role comes
from the label (实现值, 完成值, 目标值), the year only says which of them is the planned year's
(the header's latest). Before, ``2023年实现值`` named no column, the header was not one, and
no indicator was read; ``2022年完成值`` was read as the indicator's actual."""

from __future__ import annotations

from pathlib import Path

from jixiao.read import read

HEAD = """2025年度项目支出绩效目标表
项目名称\t乡村道路养护
主管部门\t桐江县交通运输局\t实施单位\t桐江县公路养护站
年度绩效目标\t完成乡村道路日常养护，提升通行条件。
"""

ROWS = """\t产出指标\t数量指标\t日常养护里程\t{a}公里\t{b}公里\t≥{c}公里
\t\t质量指标\t优良路率\t80%\t82%\t≥85%
\t满意度指标\t服务对象满意度指标\t群众满意度\t88%\t90%\t≥92%
"""


def _read(tmp_path: Path, header: str) -> list[tuple[str, str | None, str | None, object, object]]:
    path = tmp_path / "目标表.txt"
    path.write_text(HEAD + header + ROWS.format(a=410, b=420, c=450), encoding="utf-8")
    [form] = read(path).forms
    return [
        (i.name, i.target, i.actual, i.extra.get("prev2"), i.extra.get("prev1")) for _, i in form.indicators()
    ]


# the target is the planned year's column; the two years before it are 前年 and 上年
EXPECTED = [
    ("日常养护里程", "≥450公里", None, "410公里", "420公里"),
    ("优良路率", "≥85%", None, "80%", "82%"),
    ("群众满意度", "≥92%", None, "88%", "90%"),
]


def test_value_columns_named_by_year_read_as_history_and_target(tmp_path: Path) -> None:
    header = "\t一级指标\t二级指标\t三级指标\t2023年实现值\t2024年实现值\t预计2025年实现值\n"
    assert _read(tmp_path, header) == EXPECTED


def test_a_past_year_completed_value_is_history_not_the_actual(tmp_path: Path) -> None:
    header = "\t一级指标\t二级指标\t三级指标\t2023年完成值\t2024年完成值\t2025年目标值\n"
    assert _read(tmp_path, header) == EXPECTED


def test_year_headed_columns_of_a_form_on_one_line(tmp_path: Path) -> None:
    """The header runs of one-line and one-cell-per-line text take a year-named cell as a label."""
    header = "\t一级指标\t二级指标\t三级指标\t2023年实现值\t2024年实现值\t预计2025年实现值\n"
    text = HEAD + header + ROWS.format(a=410, b=420, c=450)
    path = tmp_path / "目标表.txt"
    path.write_text(" ".join(text.split()) + "\n", encoding="utf-8")
    [form] = read(path).forms
    got = [
        (i.name, i.target, i.actual, i.extra.get("prev2"), i.extra.get("prev1")) for _, i in form.indicators()
    ]
    assert got == EXPECTED
