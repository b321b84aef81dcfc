"""Long adversarial lines, one per pattern family, through the public reader.

Each line (100,000 characters) is built to make a backtracking pattern retry from every
position: runs of digits, of digits with thousands commas or decimal points, of blanks that are
not tabs (U+2000), of CJK text, of the punctuation and signs the patterns look for, of markup.
They are placed inside a real form file (as a line of text, as a cell, and inside a
self-evaluation report) so the whole reading pipeline sees them.

The guard is the reader's own wall-time limit, set generously: a linear read takes well under
a second per line here, a quadratic one minutes. It turns a hang into a failure naming the
family, never a timing assertion.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.read import ReadError, read
from jixiao.read._clean import clean_cell
from jixiao.read._limits import LimitError
from jixiao.settings import override_limits

from .conftest import EXAMPLES

N = 100_000
WATCHDOG_S = 120

FAMILIES = {
    "digits": "1" * N,
    "digits_commas": "1" + ",111" * (N // 4),
    "digits_points": "1." * (N // 2),
    "digits_unit": "1" * (N - 2) + "万",
    "digits_percent_sign": "9" * (N - 1) + "%",
    "score_like": "1分" * (N // 2),
    "year_like": "2020年" * (N // 5),
    "unicode_blanks": "甲" + "\u2000" * N + "乙",
    "blanks_then_latin": "a" + " \u2000" * (N // 2) + "b",
    "ideographic_spaces": "\u3000 " * (N // 2),
    "cjk": "一" * N,
    "fullwidth_punct": "，" * N,
    "signs": "≥" * N,
    "parentheses": "（" * N,
    "colons": "：" * N,
    "dashes": "-" * N,
    "markdown": "*_" * (N // 2),
    "html": "<" * N,
    "html_breaks": "<br>" * (N // 4),
    "latex": "$\\" * (N // 2),
    "entities": "&" * N,
    "pipes": "|" * N,
    "pipes_open": "|" * N + "x",
    "hashes": "#" * N,
}

BASE = sorted(EXAMPLES.glob("*项目自评表.txt"))[0]


def _read_with(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    with override_limits(max_seconds=WATCHDOG_S, max_line_chars=4 * N, max_cell_chars=4 * N):
        try:
            read(path)
        except LimitError as e:
            pytest.fail(f"{name}: 未在 {WATCHDOG_S} 秒内读完（回溯失控）：{e}")
        except ReadError:
            pass  # refusing the file is an answer; hanging is not


def _params(*, skip: dict[str, str] | None = None) -> list[object]:
    """Families as parameters; ``skip`` marks the ones a catastrophic pattern still hangs (xfail)."""
    out: list[object] = []
    for name in sorted(FAMILIES):
        value = FAMILIES[name]
        if isinstance(value, str) and skip and name in skip:
            value = pytest.param(value, marks=pytest.mark.xfail(run=False, reason=skip[name]), id=name)
        elif isinstance(value, str):
            value = pytest.param(value, id=name)
        else:
            value = pytest.param(*value.values, marks=value.marks, id=name)
        out.append(value)
    return out


_CELL_HANGS: dict[str, str] = {}


_LINE_HANGS: dict[str, str] = {}


@pytest.mark.parametrize("run", _params(skip=_LINE_HANGS))
def test_adversarial_line_as_text(tmp_path: Path, run: str) -> None:
    base = BASE.read_text(encoding="utf-8")
    _read_with(tmp_path, "line", base + "\n" + run + "\n")


@pytest.mark.parametrize("run", _params(skip=_CELL_HANGS))
def test_adversarial_cell(tmp_path: Path, run: str) -> None:
    """The same run as a cell of a table row (tab-separated), after a label cell."""
    lines = BASE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "\t" in line)
    lines.insert(at + 1, "项目名称\t" + run)
    _read_with(tmp_path, "cell", "\n".join(lines) + "\n")


@pytest.mark.parametrize("run", _params(skip=_LINE_HANGS))
def test_adversarial_report_sentence(tmp_path: Path, run: str) -> None:
    """Inside a 自评结果 sentence about 得分 and 万元 (the report patterns)."""
    base = BASE.read_text(encoding="utf-8")
    report = f"\n自评结果\n项目预算执行得分{run}分，资金{run}万元，执行率{run}%。\n"
    _read_with(tmp_path, "report", base + report)


def test_clean_cell_keeps_its_meaning() -> None:
    """The linear rewrite of the blank-near-CJK rule gives what the pattern gave."""
    assert clean_cell("项 目 名 称") == "项目名称"
    assert clean_cell("≥ 85 %") == "≥85 %"
    assert clean_cell("Annual  report 2020") == "Annual report 2020"
    assert clean_cell("a\u3000b") == "a b"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\u3000\u2000\x1fa1一，b", max_size=16))
def test_linear_rule_equals_the_pattern(line: str) -> None:
    import re

    from jixiao.read._clean import _WIDE, drop_space_near_wide

    pattern = re.compile(rf"(?<=[{_WIDE}])\s+|\s+(?=[{_WIDE}])")  # the old rule, fine on short text
    assert drop_space_near_wide(line) == pattern.sub("", line)
