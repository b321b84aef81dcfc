"""A bordered spreadsheet printed to PDF over several pages: merged cells cut by a page break.

LibreOffice prints a merged cell that a page break cuts on both pages with no rule at the cut,
its label centred on the whole merged area: on one page the label stands past the table's
edge, on the other inside. The fixtures (``fixtures/pagebreak``, made by
``fixtures/make_pagebreak.py`` from corpus6's generators, answers as generated) are long forms
whose breaks cut a first-level, a second-level and a goal cell. Before the cut cells were
closed, the rows after the break lost their labels (and the long-term goals of the Wuhan
project form took the table's header and a level label as their names).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "pagebreak"
_IND = ("level1", "level2", "name", "weight", "target", "actual", "score")


def _forms(name: str) -> tuple[list[dict], list[dict]]:
    path = FIXTURES / f"{name}.pdf"
    want = json.loads((FIXTURES / f"{name}.answer.json").read_text(encoding="utf-8"))
    return want, [form_to_contract(f) for f in read(path).forms]


def _indicators(form: dict) -> list[tuple]:
    return [tuple(i.get(k) for k in _IND) for g in form["goals"] for i in g["indicators"]]


@pytest.mark.parametrize(
    "name", ["g02_national_cut", "g03_national_titles", "g04_wuhan_project_cut", "g08_hubei_goals_tall"]
)
def test_every_indicator_keeps_its_levels_across_the_break(name: str) -> None:
    want, got = _forms(name)
    assert [f["kind"] for f in got] == [f["kind"] for f in want]
    assert _indicators(got[0]) == _indicators(want[0])


def test_a_goal_cut_by_the_break_keeps_its_name_and_text() -> None:
    """The Wuhan project form's long-term table is cut inside 长期绩效目标1: its name and text stay
    with it, and the goals after it are not shifted one place."""
    want, got = _forms("g04_wuhan_project_cut")
    assert [(g["name"], g.get("text")) for g in got[0]["goals"]] == [
        (g["name"], g.get("text")) for g in want[0]["goals"]
    ]


def test_a_header_repeated_as_print_titles_is_not_a_goal() -> None:
    """The 湖北 goal-block form printed with its header row as print titles: the goal cell cut
    by the break is drawn over the repeated header (年度绩效指标 twice), and its label is the
    goal continued, not a goal named after the header; each goal keeps its name and points."""
    want, got = _forms("g06_hubei_goals_titles")
    assert [(g["name"], g["weight"]) for g in got[0]["goals"]] == [
        (g["name"], g["weight"]) for g in want[0]["goals"]
    ]
    assert _indicators(got[0]) == _indicators(want[0])
