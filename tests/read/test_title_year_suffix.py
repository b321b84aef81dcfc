"""A title printed with its year on the same line (``…申报表（2024年度）``): the year is the
form's year, the title is what precedes it — as when the same mark is printed on the line below
(templates README §3, tests/corpus5 README "Answer conventions")."""

from __future__ import annotations

from pathlib import Path

from jixiao.contract import form_to_contract
from jixiao.read import read

CHAT = """部门整体支出绩效目标申报表（2024年度）
部门（单位）名称：桐江县交通运输局
一级指标；二级指标；三级指标；指标值
产出指标；数量指标；养护里程；≥120公里
效益指标；社会效益指标；道路优良率；≥85%
"""

BELOW = CHAT.replace("（2024年度）\n", "\n（2024年度）\n")


def _form(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "消息.txt"
    path.write_text(text, encoding="utf-8")
    result = read(path)
    assert len(result.forms) == 1, result.issues
    return form_to_contract(result.forms[0])


def test_year_on_the_title_line_is_not_part_of_the_title(tmp_path: Path) -> None:
    form = _form(tmp_path, CHAT)
    assert form["title"] == "部门整体支出绩效目标申报表"
    assert form["year"] == 2024


def test_same_form_with_the_year_below_reads_alike(tmp_path: Path) -> None:
    same, below = _form(tmp_path, CHAT), _form(tmp_path, BELOW)
    assert (below["title"], below["year"]) == (same["title"], same["year"])
