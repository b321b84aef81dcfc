"""Records the text path makes without validation (``Source.of_line``,
``Indicator.of_values``) read as validated ones."""

from __future__ import annotations

import copy
import pickle

import pytest
from pydantic import ValidationError

from jixiao.model import Indicator, Source
from jixiao.read._layouts import text_rows


def test_of_line_is_the_validated_source() -> None:
    made = Source.of_line("a.txt", 12, 3)
    checked = Source(file="a.txt", page=3, line=12, sheet=None, cell=None)
    assert made == checked
    assert made.model_dump_json() == checked.model_dump_json()
    assert made.model_fields_set == checked.model_fields_set
    assert made.where() == "a.txt:第3页:第12行"
    assert pickle.loads(pickle.dumps(made)) == checked
    assert copy.deepcopy(made) == checked and made.model_copy(update={"line": 2}).line == 2


def test_text_rows_carry_their_lines_and_round_trip() -> None:
    """Each row's source names its file and line (no page, sheet or cell in a text dump), and
    the sources validate back from their dumps to equal ones."""
    rows = text_rows("标题\n\n项目名称\t甲\n", "d.txt")
    assert [r.source.model_dump() for r in rows] == [
        {"file": "d.txt", "page": None, "line": n, "sheet": None, "cell": None} for n in (1, 3)
    ]
    dumped = [r.source.model_dump() for r in rows]
    assert [Source.model_validate(d) for d in dumped] == [r.source for r in rows]


def test_indicator_of_values_is_the_validated_indicator() -> None:
    """Plain values are taken as given; anything validation would convert (an int weight, a
    bool) or refuse (no name) goes through validation; the defaults are the model's own."""
    src = Source.of_line("f.txt", 4, None)
    plain = {"level1": "产出指标", "name": "覆盖率", "weight": 5.0, "target": "≥95%", "score": None}
    for values in (
        {"name": "x"},
        {**plain, "source": src},
        {**plain, "weight": 5, "level2_weight": True},
        {**plain, "actual": "96%", "level1_weight": 20.0, "basis": None},
    ):
        made, checked = Indicator.of_values(**values), Indicator(**values)
        assert made == checked and made.model_dump_json() == checked.model_dump_json()
        assert list(made.__dict__) == list(checked.__dict__)
        assert made.model_fields_set == checked.model_fields_set
    assert Indicator.of_values(name="x").extra is not Indicator.of_values(name="y").extra
    with pytest.raises(ValidationError):
        Indicator.of_values(level1="产出指标")
