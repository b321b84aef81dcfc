"""Points printed in a label: one pattern read them everywhere.

``产出指标（50分）`` names the label 产出指标 with 50 points. The stream, the glued reader, the
one-line reader, the aligner and the level lookup each stripped points with their own copy
of the pattern and ``split_weight`` read weights with a third spelling; a fix to one missed the
others. Now ``_clean.POINTS`` is the one definition.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.read import _clean
from jixiao.read._clean import split_weight, strip_points

READ = Path(_clean.__file__).parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("产出 指标 (7分)", ("产出 指标", 7.0, True)),
        ("预算执行率（10 分）", ("预算执行率", 10.0, True)),
        ("数量指标（XX分）", ("数量指标", None, True)),
        ("资金（万元）（20分）", ("资金（万元）", 20.0, True)),
        ("产出指标 (60)", ("产出指标", 60.0, True)),  # without 分: only at the end, up to 100
        ("产出指标 (160)", ("产出指标 (160)", None, False)),
        ("(60)", ("(60)", None, False)),  # nothing before it: no label
        ("指标(1.2.3分)", ("指标(1.2.3分)", None, False)),
        ("年度目标1（40分）：完成任务", ("年度目标1：完成任务", 40.0, True)),
    ],
)
def test_split_weight(text: str, expected: tuple) -> None:
    assert split_weight(text) == expected


def test_strip_points() -> None:
    assert strip_points("产出指标（50分）") == "产出指标"
    assert strip_points("满意度指标(10)") == "满意度指标"
    assert strip_points("数量指标（XX 分）") == "数量指标"
    assert strip_points("资金（万元）") == "资金（万元）"


def test_one_definition() -> None:
    """No reader module spells the points pattern again."""
    copies = [
        p.name
        for p in READ.rglob("*.py")
        if p.name != "_clean.py" and re.search(r"\\s\*\[\\dXx\.\]\+", p.read_text(encoding="utf-8"))
    ]
    assert copies == []
