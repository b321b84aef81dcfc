"""A spreadsheet printed to PDF without cell borders: no ruling line, only where the text stands.

The fixtures (``fixtures/borderless``, made by ``fixtures/make_borderless.py`` from corpus6's
generators, answers as generated) wrap names over 2-3 lines in narrow columns, overflow fixed row
heights (LibreOffice centres a wrapped cell taller than its row over its neighbours) or stand in
tall rows running over several pages. Before the grid was rebuilt from word positions such a
file gave no form at all (未找到任何绩效目标表或绩效自评表).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.contract import form_to_contract
from jixiao.read import read

FIXTURES = Path(__file__).parent / "fixtures" / "borderless"
_IND = ("level1", "level2", "name", "weight", "target", "actual", "score")


def _forms(name: str) -> tuple[list[dict], list[dict]]:
    path = FIXTURES / f"{name}.pdf"
    want = json.loads((FIXTURES / f"{name}.answer.json").read_text(encoding="utf-8"))
    return want, [form_to_contract(f) for f in read(path).forms]


def _indicators(form: dict) -> list[tuple]:
    return [tuple(i[k] for k in _IND) for g in form["goals"] for i in g["indicators"]]


@pytest.mark.parametrize(
    "name", ["b01_national_landscape", "b02_national_portrait_pages", "b03_sichuan", "b08_xianjie"]
)
def test_every_indicator_of_a_borderless_sheet(name: str) -> None:
    want, got = _forms(name)
    assert [f["kind"] for f in got] == [f["kind"] for f in want]
    assert _indicators(got[0]) == _indicators(want[0])


@pytest.mark.parametrize("name", ["b01_national_landscape", "b02_national_portrait_pages"])
def test_the_fields_and_budget_of_a_borderless_sheet(name: str) -> None:
    want, got = _forms(name)
    for key in ("title", "unit", "project", "supervisor", "implementer", "filled_on", "total_score"):
        assert got[0][key] == want[0][key], key
    for key in ("weight", "planned", "executed", "score"):
        assert got[0]["budget"][key] == want[0]["budget"][key], key


def test_a_form_over_three_pages_keeps_each_indicator_once() -> None:
    """The portrait fixture runs over three pages with its header row repeated as a print title:
    the repeated header is no indicator, and a row is not read twice."""
    want, got = _forms("b02_national_portrait_pages")
    names = [i[2] for i in _indicators(got[0])]
    assert len(names) == len(set(names)) == len(_indicators(want[0]))


def test_a_sheet_running_on_to_a_page_without_its_header() -> None:
    """The second page of the 衔接资金 form repeats no header: it keeps the first page's columns,
    and a figure set from the right in a merged cell (分值, 得分 over several sheet columns)
    stands under its label."""
    want, got = _forms("b08_xianjie")
    assert [(i[2], i[3], i[6]) for i in _indicators(got[0])] == [
        (i[2], i[3], i[6]) for i in _indicators(want[0])
    ]
    assert got[0]["budget"]["executed"] == want[0]["budget"]["executed"]


def test_two_cells_of_tall_rows_chained_by_chance_are_cut_apart() -> None:
    """Rows 40 pt tall, names of two and three lines centred in them: the first name's last line
    leaves no room for the next name's first character, so the two read as one wrapped cell
    unless the block is cut where each part centres on a row of its own."""
    want, got = _forms("b07_hubei_goals_pages")
    assert _indicators(got[0]) == _indicators(want[0])
    assert got[0]["budget"] == want[0]["budget"]
